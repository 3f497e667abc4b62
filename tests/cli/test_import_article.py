"""`workbench import article`: many sources, stdin, URLs, fixtures, and bad input that stores nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from tests.cli.helpers import run_cli
from tests.conftest import FIXTURES
from tests.support.http_server import LocalHTTPServer
from workbench.store.database import open_database
from workbench.store.models import Article, Claim

ARTICLES = FIXTURES / "articles"


def _counts(url: str) -> tuple[int, int]:
    database = open_database(url)
    try:
        with Session(database.engine) as session:
            articles = session.exec(select(func.count()).select_from(Article)).one()
            claims = session.exec(select(func.count()).select_from(Claim)).one()
            return int(articles), int(claims)
    finally:
        database.dispose()


def test_a_binary_file_is_refused_and_nothing_is_stored(sqlite_url: str) -> None:
    result = run_cli("--db", sqlite_url, "import", "article", str(ARTICLES / "binary.bin"))
    assert result.exit_code == 1
    assert "binary" in result.stderr
    assert _counts(sqlite_url) == (0, 0)


def test_an_empty_file_is_refused_and_nothing_is_stored(sqlite_url: str) -> None:
    result = run_cli("--db", sqlite_url, "import", "article", str(ARTICLES / "empty.txt"))
    assert result.exit_code == 1
    assert "empty" in result.stderr
    assert _counts(sqlite_url) == (0, 0)


def test_a_50_mb_file_is_refused_with_its_size_and_the_database_is_unchanged(
    sqlite_url: str, seed_path: Path, tmp_path: Path
) -> None:
    assert run_cli("--db", sqlite_url, "import", "article", str(seed_path)).exit_code == 0
    before = _counts(sqlite_url)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(50_000_000)
    result = run_cli("--db", sqlite_url, "import", "article", str(huge))
    assert result.exit_code == 1
    assert "larger than 20 MB" in result.stderr
    assert result.stderr.count("\n") == 2  # the error line and the summary line
    assert _counts(sqlite_url) == before


def test_a_missing_file_is_named(sqlite_url: str, tmp_path: Path) -> None:
    result = run_cli("--db", sqlite_url, "import", "article", str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    assert "no such file" in result.stderr


def test_a_failing_item_is_reported_and_the_rest_are_imported(
    sqlite_url: str, seed_path: Path
) -> None:
    result = run_cli(
        "--db",
        sqlite_url,
        "import",
        "article",
        str(ARTICLES / "binary.bin"),
        str(seed_path),
        str(ARTICLES / "en_byline_related.txt"),
        "--json",
    )
    assert result.exit_code == 1
    items = json.loads(result.stdout)
    assert [item["status"] for item in items] == ["failed", "created", "created"]
    assert "binary" in items[0]["error"]
    assert "1 failed" in result.stderr
    assert _counts(sqlite_url)[0] == 2


def test_standard_input_is_an_article_source(sqlite_url: str) -> None:
    text = "Ministry figures\n\nThe ministry said on Monday that exports rose 12 percent in March to $4.5 billion, a record.\n"
    result = run_cli(
        "--db",
        sqlite_url,
        "import",
        "article",
        "-",
        "--lang",
        "en",
        "--publisher",
        "Desk",
        "--json",
        input=text,
    )
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["article"]["publisher"] == "Desk"
    assert payload["article"]["language"] == "en"
    sentence = next(claim for claim in payload["claims"] if claim["kind"] == "sentence")
    values = {number["value"] for number in sentence["numbers"]}
    assert 12 in values and 4.5e9 in values


def test_from_list_reads_sources_one_a_line(
    sqlite_url: str, seed_path: Path, tmp_path: Path
) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text(
        f"# today's queue\n{seed_path}\n\n{ARTICLES / 'en_byline_related.txt'}\n", encoding="utf-8"
    )
    result = run_cli("--db", sqlite_url, "import", "article", "--from-list", str(listing), "--json")
    assert result.exit_code == 0, result.stderr
    assert [item["status"] for item in json.loads(result.stdout)] == ["created", "created"]


def test_published_and_url_options_override_the_page(sqlite_url: str, seed_path: Path) -> None:
    result = run_cli(
        "--db",
        sqlite_url,
        "import",
        "article",
        str(seed_path),
        "--url",
        "https://example.org/idlib",
        "--published",
        "2020-02-25",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    article = json.loads(result.stdout)["article"]
    assert article["url"] == "https://example.org/idlib"
    assert article["published_at"].startswith("2020-02-25")


def test_the_same_canonical_url_is_stored_once_even_with_other_content(
    sqlite_url: str, seed_path: Path
) -> None:
    first = run_cli(
        "--db",
        sqlite_url,
        "import",
        "article",
        str(seed_path),
        "--url",
        "https://example.org/a",
        "--json",
    )
    second = run_cli(
        "--db",
        sqlite_url,
        "import",
        "article",
        str(ARTICLES / "en_byline_related.txt"),
        "--url",
        "https://example.org/a",
        "--json",
    )
    assert json.loads(second.stdout)["status"] == "existing"
    assert json.loads(second.stdout)["article"]["id"] == json.loads(first.stdout)["article"]["id"]


def test_a_bad_published_date_is_a_one_line_error(sqlite_url: str, seed_path: Path) -> None:
    result = run_cli(
        "--db", sqlite_url, "import", "article", str(seed_path), "--published", "yesterday"
    )
    assert result.exit_code == 1
    assert "not an ISO date" in result.stderr


def test_a_url_is_fetched_from_a_real_server_and_imported(
    sqlite_url: str, http_server: LocalHTTPServer
) -> None:
    html = (ARTICLES / "en_newsarticle_jsonld.html").read_bytes()
    url = http_server.route("/news/story", body=html)
    result = run_cli("--db", sqlite_url, "import", "article", url, "--json")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["article"]["title"]
    assert any(claim["kind"] == "sentence" for claim in payload["claims"])
    assert http_server.requests[0].headers["user-agent"].startswith("ClaimWorkbench/")


def test_an_unreachable_url_and_a_404_fail_clearly_and_store_nothing(
    sqlite_url: str, http_server: LocalHTTPServer
) -> None:
    from tests.support.http_server import unused_port

    missing = http_server.url("/gone")
    dead = f"http://127.0.0.1:{unused_port()}/x"
    result = run_cli("--db", sqlite_url, "import", "article", missing, dead, "--json")
    assert result.exit_code == 1
    items = json.loads(result.stdout)
    assert "404" in items[0]["error"]
    assert items[1]["status"] == "failed"
    assert _counts(sqlite_url) == (0, 0)


def test_an_image_url_is_refused_as_not_a_text_page(
    sqlite_url: str, http_server: LocalHTTPServer
) -> None:
    url = http_server.route(
        "/photo.png", body=b"\x89PNG\r\n\x1a\n" + b"\0" * 100, content_type="image/png"
    )
    result = run_cli("--db", sqlite_url, "import", "article", url)
    assert result.exit_code == 1
    assert "image/png" in result.stderr


@pytest.mark.parametrize(
    ("name", "expected_fragment"),
    [
        ("ar_cp1256.txt", "ال"),
        ("ar_mojibake.txt", "ال"),
    ],
)
def test_legacy_arabic_encodings_import_as_arabic_text(
    sqlite_url: str, name: str, expected_fragment: str
) -> None:
    result = run_cli("--db", sqlite_url, "import", "article", str(ARTICLES / name), "--json")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["article"]["language"] == "ar"
    assert expected_fragment in payload["claims"][0]["text"]
    assert "ظ„" not in json.dumps(payload, ensure_ascii=False)


def test_terminal_escapes_and_bidi_overrides_never_reach_storage(sqlite_url: str) -> None:
    text = "Officials \x1b]0;pwned\x07said \u202etxet\u202c that 40 people were hurt in the blast on Monday.\x1b[31m\n"
    result = run_cli("--db", sqlite_url, "import", "article", "-", "--json", input=text)
    assert result.exit_code == 0, result.stderr
    stored = json.dumps(json.loads(result.stdout), ensure_ascii=False)
    for bad in ("\x1b", "\u202e", "\u202c", "pwned", "[31m"):
        assert bad not in stored
