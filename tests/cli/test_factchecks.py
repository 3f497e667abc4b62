"""The archive of earlier fact-checks: imports in every format, idempotent, on both engines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.helpers import run_cli
from tests.conftest import FIXTURES
from tests.support.http_server import LocalHTTPServer, Route

CLAIMREVIEW = FIXTURES / "claimreview"


@pytest.fixture
def db(any_db_url: str) -> str:
    assert run_cli("--db", any_db_url, "db", "upgrade").exit_code == 0
    return any_db_url


def _import(db: str, *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = run_cli("--db", db, "import", "factchecks", *args, "--json")
    return result.exit_code, json.loads(result.stdout) if result.stdout.strip() else {}


def test_a_datafeed_imports_and_a_malformed_item_is_reported_with_its_position(db: str) -> None:
    code, summary = _import(db, str(CLAIMREVIEW / "datafeed.json"))
    assert code == 0
    assert summary["created"] >= 2
    assert summary["skipped"] == 1
    assert summary["errors"][0]["position"].startswith("dataFeedElement[")


def test_importing_the_same_archive_again_updates_and_never_duplicates(db: str) -> None:
    first = _import(db, str(CLAIMREVIEW / "factchecks.jsonl"))[1]
    second = _import(db, str(CLAIMREVIEW / "factchecks.jsonl"))[1]
    assert second["created"] == 0
    assert second["updated"] == first["created"]
    assert first["errors"][0]["position"] == "line 3"


def test_an_html_page_with_graph_json_ld_imports_its_claimreview(db: str) -> None:
    code, summary = _import(db, str(CLAIMREVIEW / "page_graph.html"))
    assert code == 0
    assert summary["created"] == 1


def test_csv_with_custom_columns_imports_through_map(db: str) -> None:
    unmapped = run_cli("--db", db, "import", "factchecks", str(CLAIMREVIEW / "custom_columns.csv"))
    assert unmapped.exit_code == 1
    assert "--map" in unmapped.stderr
    code, summary = _import(
        db,
        str(CLAIMREVIEW / "custom_columns.csv"),
        "--map",
        "claim=vclaim,id=vclaim_id,title=headline,rating=verdict,url=link,date=published,lang=language,publisher=outlet",
    )
    assert code == 0, summary
    assert summary["created"] >= 2
    found = json.loads(
        run_cli("--db", db, "match", "carrots let people see in the dark", "--json").stdout
    )
    assert found["results"][0]["external_id"] == "cc-1"
    assert found["results"][0]["rating_key"] == "false"


def test_tsv_and_csv_defaults_import(db: str) -> None:
    assert _import(db, str(CLAIMREVIEW / "factchecks.csv"))[0] == 0
    assert _import(db, str(CLAIMREVIEW / "factchecks.tsv"))[0] == 0


def test_malformed_json_is_one_line_and_stores_nothing(db: str, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"@type": "ClaimReview", "claimReviewed": ', encoding="utf-8")
    result = run_cli("--db", db, "import", "factchecks", str(broken))
    assert result.exit_code == 1
    assert "not valid JSON" in result.stderr
    assert (
        json.loads(run_cli("--db", db, "match", "anything at all here", "--json").stdout)["results"]
        == []
    )


def _api_server(server: LocalHTTPServer) -> str:
    page1 = (CLAIMREVIEW / "api_page1.json").read_text(encoding="utf-8")
    page2 = (CLAIMREVIEW / "api_page2.json").read_text(encoding="utf-8")
    server.route(
        "/claims:search",
        body=page2,
        content_type="application/json",
        query={"pageToken": "CAE-page-two"},
    )
    server.route_sequence(
        "/claims:search",
        [
            Route(
                status=429,
                body=b"slow down",
                headers={"Retry-After": "0"},
                content_type="text/plain",
            ),
            Route(body=page1.encode(), content_type="application/json"),
        ],
    )
    return server.url("/claims:search")


def test_the_fact_check_tools_api_pages_and_survives_a_429(
    db: str, http_server: LocalHTTPServer
) -> None:
    url = _api_server(http_server)
    env = {"WORKBENCH_FACTCHECK_API_KEY": "AIza-test-secret", "WORKBENCH_FACTCHECK_API__URL": url}
    result = run_cli("--db", db, "import", "factchecks", "--api-query", "bridge", "--json", env=env)
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["created"] >= 3
    assert "AIza-test-secret" not in result.stdout + result.stderr
    assert all("AIza-test-secret" not in request.path for request in http_server.requests)


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (Route(status=500, body=b"boom", content_type="text/plain"), "500"),
        (Route(body=b"<html>not json</html>", content_type="application/json"), "not JSON"),
        (
            Route(
                status=403,
                body=b'{"error": {"message": "API key not valid"}}',
                content_type="application/json",
            ),
            "key",
        ),
    ],
)
def test_api_failures_are_one_line_and_store_nothing(
    db: str, http_server: LocalHTTPServer, route: Route, message: str
) -> None:
    http_server.route_sequence("/claims:search", [route])
    env = {
        "WORKBENCH_FACTCHECK_API_KEY": "AIza-test-secret",
        "WORKBENCH_FACTCHECK_API__URL": http_server.url("/claims:search"),
    }
    result = run_cli("--db", db, "import", "factchecks", "--api-query", "bridge", env=env)
    assert result.exit_code == 1
    assert message in result.stderr
    assert "AIza-test-secret" not in result.stderr
    assert (
        json.loads(run_cli("--db", db, "match", "bridge collapsing photo", "--json").stdout)[
            "results"
        ]
        == []
    )


def test_the_api_needs_a_key(db: str) -> None:
    result = run_cli("--db", db, "import", "factchecks", "--api-query", "bridge")
    assert result.exit_code == 1
    assert "API key" in result.stderr
