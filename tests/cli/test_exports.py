"""Exports of a checked article: every format, safe in spreadsheets and browsers, round-tripping."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.cli.helpers import run_cli
from workbench.core.claimreview_export import missing_fields

NO_ARCHIVE = {"WORKBENCH_WAYBACK__ENABLED": "false"}


def checked_seed(url: str, seed_path: Path) -> dict:  # type: ignore[type-arg]
    """The seed article with verdicts on three claims, two of them published."""
    assert run_cli("--db", url, "db", "upgrade").exit_code == 0
    article = json.loads(
        run_cli(
            "--db",
            url,
            "import",
            "article",
            str(seed_path),
            "--url",
            "https://turkey-now.example/idlib",
            "--json",
        ).stdout
    )
    by_text = {claim["text"]: claim["id"] for claim in article["claims"]}
    peskov = next(i for text, i in by_text.items() if text.startswith("أعلن المتحدث"))
    reuters = next(i for text, i in by_text.items() if "13 جنديا" in text)
    attack = next(i for text, i in by_text.items() if "خمسة جنود" in text)
    for claim, rating, rationale in (
        (peskov, "true", "The Kremlin transcript of 25 February 2020 confirms it."),
        (reuters, "false", "الحصيلة الرسمية مختلفة: 33 جنديا قتلوا في 27 شباط."),
        (attack, "mostly true", "Five soldiers died; the ministry said so the same day."),
    ):
        result = run_cli(
            "--db",
            url,
            "verdict",
            "set",
            str(claim),
            "--rating",
            rating,
            "--rationale",
            rationale,
            "--evidence",
            "https://example.org/evidence",
            env=NO_ARCHIVE,
        )
        assert result.exit_code == 0, result.stderr
    for claim in (peskov, reuters):
        assert run_cli("--db", url, "verdict", "publish", str(claim)).exit_code == 0
    return {
        "article": article["article"]["id"],
        "peskov": peskov,
        "reuters": reuters,
        "attack": attack,
    }


@pytest.fixture
def checked(sqlite_url: str, seed_path: Path) -> tuple[str, dict]:  # type: ignore[type-arg]
    return sqlite_url, checked_seed(sqlite_url, seed_path)


def _export(url: str, *args: str) -> str:
    result = run_cli("--db", url, "export", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_markdown_report_has_the_header_chains_verdicts_and_evidence(
    checked: tuple[str, dict],
) -> None:  # type: ignore[type-arg]
    url, ids = checked
    text = _export(url, "--format", "md", "--article", str(ids["article"]))
    assert "بوتين وأردوغان" in text
    assert "تركيا الان" in text
    assert "Reuters" in text and "مصدر دبلوماسي تركي" in text
    assert "False" in text and "Mostly true" in text
    assert "example.org/evidence" in text
    assert text.count("### Claim") == 3, "only checked claims are reported"


def test_html_report_is_self_contained_and_right_to_left_per_block(
    checked: tuple[str, dict],
) -> None:  # type: ignore[type-arg]
    url, ids = checked
    html = _export(url, "--format", "html", "--article", str(ids["article"]))
    assert "<script" not in html.lower()
    assert "http" not in html.split("<body", 1)[0].replace("https://example.org", ""), (
        "no external resources in head"
    )
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert "@media print" in html


def test_a_script_in_an_article_title_is_text_in_html(sqlite_url: str, tmp_path: Path) -> None:
    page = tmp_path / "hostile.txt"
    page.write_text(
        "Desk\n\n<script>alert(1)</script> Minister says exports rose 12 percent\n\n"
        "The minister said on Monday that exports rose 12 percent in March, a record.\n",
        encoding="utf-8",
    )
    article = json.loads(
        run_cli("--db", sqlite_url, "import", "article", str(page), "--json").stdout
    )
    claim = next(c["id"] for c in article["claims"] if c["kind"] == "sentence")
    run_cli(
        "--db",
        sqlite_url,
        "verdict",
        "set",
        str(claim),
        "--rating",
        "true",
        "--rationale",
        "ok",
        env=NO_ARCHIVE,
    )
    html = _export(sqlite_url, "--format", "html", "--article", str(article["article"]["id"]))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_csv_neutralises_formulas_and_reads_back_in_arabic(sqlite_url: str) -> None:
    added = json.loads(
        run_cli(
            "--db",
            sqlite_url,
            "claims",
            "add",
            '=HYPERLINK("http://evil.example","click") says 40 died',
            "--json",
        ).stdout
    )
    run_cli(
        "--db",
        sqlite_url,
        "verdict",
        "set",
        str(added["id"]),
        "--rating",
        "false",
        "--rationale",
        "=1+1 زائف",
        env=NO_ARCHIVE,
    )
    text = _export(sqlite_url, "--format", "csv", "--all")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["claim"].startswith("'=HYPERLINK(")
    assert rows[0]["rationale"] == "'=1+1 زائف"
    bom = _export(sqlite_url, "--format", "csv", "--all", "--excel")
    assert bom.startswith("\ufeff")


def test_claimreview_for_published_verdicts_has_every_required_field(
    checked: tuple[str, dict],
) -> None:  # type: ignore[type-arg]
    url, ids = checked
    single = json.loads(_export(url, "--format", "claimreview", "--claim", str(ids["reuters"])))
    assert single["@type"] == "ClaimReview"
    assert missing_fields(single) == []
    author = single["itemReviewed"]["author"]
    assert "مصدر دبلوماسي تركي" in author["name"], "the original speaker, not the relay"
    assert "sameAs" not in author
    publishers = [
        appearance.get("publisher", {}).get("name")
        for appearance in single["itemReviewed"]["appearance"]
    ]
    assert "Reuters" in publishers and "تركيا الان" in publishers
    feed = json.loads(_export(url, "--format", "claimreview", "--article", str(ids["article"])))
    assert feed["@type"] == "DataFeed"
    reviews = [item for element in feed["dataFeedElement"] for item in element["item"]]
    assert len(reviews) == 2, "only published verdicts"
    assert all(missing_fields({"@context": feed["@context"], **review}) == [] for review in reviews)
    peskov = next(review for review in reviews if review["url"].endswith(f"/{ids['peskov']}"))
    assert peskov["itemReviewed"]["author"] == {"@type": "Person", "name": "دميتري بيسكوف"} | {
        key: value
        for key, value in peskov["itemReviewed"]["author"].items()
        if key not in ("@type", "name")
    }


def test_claimreview_without_a_published_verdict_says_so(sqlite_url: str, seed_path: Path) -> None:
    run_cli("--db", sqlite_url, "import", "article", str(seed_path))
    result = run_cli("--db", sqlite_url, "export", "--format", "claimreview", "--all")
    assert result.exit_code == 1
    assert "no published verdict" in result.stderr


def test_json_backup_round_trips_into_empty_sqlite_and_postgres(
    checked: tuple[str, dict], tmp_path: Path, pg_url: str
) -> None:  # type: ignore[type-arg]
    url, _ = checked
    first = _export(url, "--format", "json", "--all")
    backup = tmp_path / "backup.json"
    backup.write_text(first, encoding="utf-8")
    other_sqlite = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    assert run_cli("--db", other_sqlite, "import", "backup", str(backup)).exit_code == 0
    assert _export(other_sqlite, "--format", "json", "--all") == first
    assert run_cli("--db", pg_url, "db", "upgrade").exit_code == 0
    restored = run_cli("--db", pg_url, "import", "backup", str(backup))
    assert restored.exit_code == 0, restored.stderr
    assert _export(pg_url, "--format", "json", "--all") == first


def test_export_to_a_file_and_selection_errors(checked: tuple[str, dict], tmp_path: Path) -> None:  # type: ignore[type-arg]
    url, _ = checked
    target = tmp_path / "report.html"
    result = run_cli(
        "--db", url, "export", "--format", "html", "--since", "2000-01-01", "-o", str(target)
    )
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    both = run_cli("--db", url, "export", "--format", "md", "--all", "--article", "1")
    assert both.exit_code == 1 and "choose what to export" in both.stderr
    unknown = run_cli("--db", url, "export", "--format", "pdf", "--all")
    assert unknown.exit_code == 1


def test_the_terminal_report_shows_chains_and_ratings(checked: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    url, ids = checked
    result = run_cli("--db", url, "report", str(ids["article"]))
    assert result.exit_code == 0, result.stderr
    assert "Reuters" in result.stdout
    assert "False" in result.stdout
    assert "unattributed" in result.stdout
