"""Verdicts: append-only history, publishing rules, stale writes refused, evidence archived."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import run_cli
from tests.support.http_server import LocalHTTPServer, Route

NO_ARCHIVE = {"WORKBENCH_WAYBACK__ENABLED": "false"}


@pytest.fixture
def seeded(any_db_url: str, seed_path: Path) -> tuple[str, dict]:  # type: ignore[type-arg]
    assert run_cli("--db", any_db_url, "db", "upgrade").exit_code == 0
    article = json.loads(
        run_cli("--db", any_db_url, "import", "article", str(seed_path), "--json").stdout
    )
    return any_db_url, article


def _reuters_claim(article: dict) -> int:  # type: ignore[type-arg]
    return int(next(claim["id"] for claim in article["claims"] if "13 جنديا" in claim["text"]))


def _set(
    url: str, claim_id: int, *args: str, env: dict[str, str] | None = None
) -> tuple[int, str, str]:
    result = run_cli(
        "--db", url, "verdict", "set", str(claim_id), *args, env={**NO_ARCHIVE, **(env or {})}
    )
    return result.exit_code, result.stdout, result.stderr


def test_history_is_append_only_and_the_newest_is_current(seeded: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    url, article = seeded
    claim = _reuters_claim(article)
    assert (
        _set(
            url, claim, "--rating", "mostly false", "--rationale", "أول تقييم", "--reviewer", "ليلى"
        )[0]
        == 0
    )
    assert (
        _set(
            url, claim, "--rating", "false", "--rationale", "Second look: 13 is wrong", "--review"
        )[0]
        == 0
    )
    history = json.loads(run_cli("--db", url, "verdict", "history", str(claim), "--json").stdout)
    assert [(entry["sequence"], entry["rating_key"], entry["state"]) for entry in history] == [
        (1, "mostly_false", "draft"),
        (2, "false", "in_review"),
    ]
    assert history[0]["rationale"] == "أول تقييم"
    assert history[0]["reviewer"] == "ليلى"
    shown = json.loads(run_cli("--db", url, "claims", "show", str(claim), "--json").stdout)
    assert shown["status"] == "checked"


def test_publishing_needs_a_rationale_and_evidence_or_a_reason(seeded: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    url, article = seeded
    claim = _reuters_claim(article)
    assert run_cli("--db", url, "verdict", "publish", str(claim)).exit_code == 1
    assert _set(url, claim, "--rating", "false", "--rationale", "   ")[0] == 0
    refused = run_cli("--db", url, "verdict", "publish", str(claim))
    assert refused.exit_code == 1 and "rationale" in refused.stderr
    _set(url, claim, "--rating", "false", "--rationale", "The ministry's own figure is 5.")
    refused = run_cli("--db", url, "verdict", "publish", str(claim))
    assert refused.exit_code == 1 and "evidence" in refused.stderr
    published = run_cli(
        "--db",
        url,
        "verdict",
        "publish",
        str(claim),
        "--no-evidence-reason",
        "based on the ministry statement quoted",
        "--json",
    )
    assert published.exit_code == 0, published.stderr
    assert json.loads(published.stdout)["state"] == "published"
    assert (
        json.loads(run_cli("--db", url, "claims", "show", str(claim), "--json").stdout)["status"]
        == "published"
    )


def test_a_published_verdict_joins_the_archive(seeded: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    url, article = seeded
    claim = _reuters_claim(article)
    _set(
        url,
        claim,
        "--rating",
        "false",
        "--rationale",
        "Checked against the ministry.",
        "--evidence",
        "https://example.org/ministry",
    )
    assert run_cli("--db", url, "verdict", "publish", str(claim)).exit_code == 0
    results = json.loads(
        run_cli(
            "--db",
            url,
            "match",
            "الوفد الروسي غادر تركيا دون اتفاق بعد مقتل 13 جنديا تركيا في سوريا خلال أسبوع واحد",
            "--json",
        ).stdout
    )["results"]
    assert results[0]["own_claim_id"] == claim
    assert results[0]["rating_key"] == "false"


def test_an_unknown_rating_lists_the_choices(seeded: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    url, article = seeded
    code, _, stderr = _set(
        url, _reuters_claim(article), "--rating", "pants on fire-ish", "--rationale", "x"
    )
    assert code == 1
    assert "mostly_false" in stderr or "Mostly false" in stderr


def test_a_stale_verdict_is_refused_naming_who_changed_it(seeded: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    url, article = seeded
    claim = _reuters_claim(article)
    assert (
        _set(
            url,
            claim,
            "--rating",
            "false",
            "--rationale",
            "first desk",
            "--reviewer",
            "Amal",
            "--expect",
            "0",
        )[0]
        == 0
    )
    code, _, stderr = _set(
        url,
        claim,
        "--rating",
        "true",
        "--rationale",
        "second desk",
        "--reviewer",
        "Omar",
        "--expect",
        "0",
    )
    assert code == 1
    assert "Amal" in stderr and "#1" in stderr and "nothing was saved" in stderr
    history = json.loads(run_cli("--db", url, "verdict", "history", str(claim), "--json").stdout)
    assert [entry["rationale"] for entry in history] == ["first desk"]


WRITER = """
import sys
from workbench.cli import main
sys.argv = ["workbench", "--db", sys.argv[1], "verdict", "set", sys.argv[2], "--rating", "false",
            "--rationale", sys.argv[3], "--reviewer", sys.argv[3], "--expect", "0"]
main()
"""


def test_two_processes_writing_against_the_same_version_one_wins(seeded: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    url, article = seeded
    claim = str(_reuters_claim(article))
    env = {**os.environ, **NO_ARCHIVE}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, url, claim, name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name in ("desk-one", "desk-two")
    ]
    outcomes = [
        (writer.wait(timeout=120), writer.stderr.read() if writer.stderr else "")
        for writer in writers
    ]
    assert sorted(code for code, _ in outcomes) == [0, 1], outcomes
    loser = next(err for code, err in outcomes if code == 1)
    assert "changed" in loser and "Traceback" not in loser
    history = json.loads(run_cli("--db", url, "verdict", "history", claim, "--json").stdout)
    assert len(history) == 1


def test_changing_the_default_scale_never_rewrites_recorded_verdicts(
    seeded: tuple[str, dict], tmp_path: Path
) -> None:  # type: ignore[type-arg]
    url, article = seeded
    claim = _reuters_claim(article)
    _set(url, claim, "--rating", "mostly false", "--rationale", "recorded on the default scale")
    config = tmp_path / "config.toml"
    config.write_text('[verdicts]\nscale = "arabic-example"\n', encoding="utf-8")
    result = run_cli(
        "--config",
        str(config),
        "--db",
        url,
        "verdict",
        "set",
        str(claim),
        "--rating",
        "مضلل",
        "--rationale",
        "على المقياس العربي",
        "--json",
        env=NO_ARCHIVE,
    )
    assert result.exit_code == 0, result.stderr
    history = json.loads(run_cli("--db", url, "verdict", "history", str(claim), "--json").stdout)
    assert (history[0]["scale"], history[0]["rating_key"], history[0]["scale_best"]) == (
        "default",
        "mostly_false",
        7,
    )
    assert history[1]["scale"] == "arabic-example"


def _wayback(server: LocalHTTPServer, *, statuses: list[Route]) -> dict[str, str]:
    server.route(
        "/evidence",
        body="<html><head><title>Ministry statement</title></head><body>5 soldiers</body></html>",
    )
    server.route_sequence("/save/", statuses)
    server.route_sequence(
        "/save/status/job-1",
        [
            Route(body=b'{"status": "pending"}', content_type="application/json"),
            Route(
                body=json.dumps(
                    {
                        "status": "success",
                        "timestamp": "20260301120000",
                        "original_url": server.url("/evidence"),
                    }
                ).encode(),
                content_type="application/json",
            ),
        ],
    )
    return {"WORKBENCH_WAYBACK__URL": server.url(""), "WORKBENCH_WAYBACK__POLL_INTERVAL": "0"}


def test_evidence_is_fingerprinted_and_archived(
    seeded: tuple[str, dict], http_server: LocalHTTPServer
) -> None:  # type: ignore[type-arg]
    url, article = seeded
    env = _wayback(
        http_server, statuses=[Route(body=b'{"job_id": "job-1"}', content_type="application/json")]
    )
    result = run_cli(
        "--db",
        url,
        "evidence",
        "add",
        str(_reuters_claim(article)),
        http_server.url("/evidence"),
        "--json",
        env=env,
    )
    assert result.exit_code == 0, result.stderr
    item = json.loads(result.stdout)
    assert item["title"] == "Ministry statement"
    assert len(item["content_sha256"]) == 64
    assert item["archive_state"] == "archived"
    assert item["archive_url"].endswith("/web/20260301120000/" + http_server.url("/evidence"))


def test_a_rate_limited_archive_stays_pending_and_retries_later(
    seeded: tuple[str, dict], http_server: LocalHTTPServer
) -> None:  # type: ignore[type-arg]
    url, article = seeded
    limited = Route(
        status=429, body=b"too many", headers={"Retry-After": "0"}, content_type="text/plain"
    )
    env = _wayback(
        http_server,
        statuses=[
            limited,
            limited,
            limited,
            limited,
            Route(body=b'{"job_id": "job-1"}', content_type="application/json"),
        ],
    )
    claim = _reuters_claim(article)
    first = json.loads(
        run_cli(
            "--db",
            url,
            "evidence",
            "add",
            str(claim),
            http_server.url("/evidence"),
            "--json",
            env=env,
        ).stdout
    )
    assert first["archive_state"] == "pending"
    retried = json.loads(
        run_cli("--db", url, "evidence", "archive", "--pending", "--json", env=env).stdout
    )
    assert [item["archive_state"] for item in retried] == ["archived"]
    listed = json.loads(run_cli("--db", url, "evidence", "list", str(claim), "--json").stdout)
    assert listed[0]["archive_url"]


def test_an_unreachable_archive_keeps_the_evidence_pending(seeded: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    from tests.support.http_server import unused_port

    url, article = seeded
    env = {"WORKBENCH_WAYBACK__URL": f"http://127.0.0.1:{unused_port()}"}
    result = run_cli(
        "--db",
        url,
        "evidence",
        "add",
        str(_reuters_claim(article)),
        "https://example.invalid/statement",
        "--json",
        env=env,
    )
    assert result.exit_code == 0, result.stderr
    item = json.loads(result.stdout)
    assert item["archive_state"] == "pending"
    assert item["archive_error"]
