"""Matching claims against the archive: tiers, flags, decisions, batches and evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.helpers import run_cli

SEED_ARCHIVE = [
    {
        "id": "fc-33",
        "claim": "مقتل 33 جنديا تركيا في إدلب",
        "rating": "صحيح",
        "date": "2020-02-28",
        "lang": "ar",
    },
    {
        "id": "fc-13",
        "claim": "مقتل 13 جنديا تركيا في سوريا خلال أسبوع",
        "rating": "صحيح",
        "date": "2020-02-20",
        "lang": "ar",
    },
    {
        "id": "fc-meet",
        "claim": "بوتين وأردوغان يعتزمان عقد لقاء بشأن إدلب",
        "rating": "زائف",
        "date": "2020-02-26",
        "lang": "ar",
    },
    {
        "id": "fc-en",
        "claim": "The city council voted to build a flood barrier costing 270.6 million pounds",
        "rating": "True",
        "date": "2026-03-15",
        "lang": "en",
    },
]


@pytest.fixture
def archive_file(tmp_path: Path) -> Path:
    path = tmp_path / "archive.jsonl"
    path.write_text(
        "\n".join(json.dumps(row, ensure_ascii=False) for row in SEED_ARCHIVE) + "\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def seeded(any_db_url: str, archive_file: Path, seed_path: Path) -> tuple[str, dict]:  # type: ignore[type-arg]
    assert run_cli("--db", any_db_url, "db", "upgrade").exit_code == 0
    assert run_cli("--db", any_db_url, "import", "factchecks", str(archive_file)).exit_code == 0
    article = json.loads(
        run_cli(
            "--db",
            any_db_url,
            "import",
            "article",
            str(seed_path),
            "--published",
            "2020-02-25",
            "--json",
        ).stdout
    )
    return any_db_url, article


def _claim(article: dict, fragment: str) -> dict:  # type: ignore[type-arg]
    return next(claim for claim in article["claims"] if fragment in claim["text"])


def _results(url: str, *args: str) -> list[dict]:  # type: ignore[type-arg]
    result = run_cli("--db", url, "match", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["results"]  # type: ignore[no-any-return]


def test_the_seed_soldiers_claim_is_a_strong_match_for_13_and_flagged_for_33(
    seeded: tuple[str, dict],
) -> None:  # type: ignore[type-arg]
    url, article = seeded
    claim = _claim(article, "13 جنديا")
    results = {item["external_id"]: item for item in _results(url, "--claim", str(claim["id"]))}
    assert results["fc-13"]["tier"] == "strong"
    assert results["fc-13"]["flags"] == []
    thirty_three = results["fc-33"]
    assert any(
        flag["kind"] == "numbers" and "13" in flag["detail"] and "33" in flag["detail"]
        for flag in thirty_three["flags"]
    )
    assert thirty_three["tier"] != "strong"


def test_negation_is_flagged_and_never_strong(seeded: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    url, article = seeded
    headline = next(claim for claim in article["claims"] if claim["kind"] == "headline")
    results = {item["external_id"]: item for item in _results(url, "--claim", str(headline["id"]))}
    meeting = results["fc-meet"]
    assert any(flag["kind"] == "negation" for flag in meeting["flags"])
    assert meeting["tier"] != "strong"


def test_a_rejected_pair_is_not_suggested_again(seeded: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    url, article = seeded
    claim = _claim(article, "13 جنديا")
    first = _results(url, "--claim", str(claim["id"]))
    to_reject = next(item for item in first if item["external_id"] == "fc-33")
    decided = run_cli("--db", url, "matches", "reject", str(to_reject["match_id"]), "--json")
    assert decided.exit_code == 0, decided.stderr
    decision = json.loads(decided.stdout)
    assert decision["state"] == "rejected" and decision["decided_by"] and decision["decided_at"]
    again = _results(url, "--claim", str(claim["id"]))
    assert "fc-33" not in [item["external_id"] for item in again]


def test_confirming_records_who_and_when(seeded: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    url, article = seeded
    claim = _claim(article, "13 جنديا")
    match = next(
        item
        for item in _results(url, "--claim", str(claim["id"]))
        if item["external_id"] == "fc-13"
    )
    run_cli("--db", url, "matches", "confirm", str(match["match_id"]))
    links = json.loads(
        run_cli("--db", url, "matches", "list", "--claim", str(claim["id"]), "--json").stdout
    )
    assert links[0]["state"] == "confirmed"
    assert links[0]["external_id"] == "fc-13"


def test_an_unrelated_text_finds_no_strong_match(seeded: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    url, _ = seeded
    results = _results(url, "The council voted on the school budget for the library and parks")
    assert all(item["tier"] != "strong" for item in results)


def test_a_batch_gives_one_json_line_per_query(seeded: tuple[str, dict], tmp_path: Path) -> None:  # type: ignore[type-arg]
    url, _ = seeded
    batch = tmp_path / "queries.jsonl"
    batch.write_text(
        '{"id": "q1", "text": "flood barrier costing 270.6 million pounds approved by council"}\n'
        '{"id": "q2", "text": "مقتل 13 جنديا تركيا في سوريا"}\n',
        encoding="utf-8",
    )
    result = run_cli("--db", url, "match", "--batch", str(batch), "--top", "2")
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["query_id"] for line in lines] == ["q1", "q2"]
    assert lines[0]["results"][0]["external_id"] == "fc-en"
    assert set(lines[0]["results"][0]) >= {
        "factcheck_id",
        "external_id",
        "score",
        "tier",
        "flags",
        "rating",
    }
    assert len(lines[1]["results"]) <= 2


def test_hostile_query_text_never_breaks_the_search(seeded: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    url, _ = seeded
    for text in [
        '"unbalanced',
        "NEAR(a b) AND OR NOT *",
        "col:value -x ^y",
        "'; DROP TABLE factcheck; --",
    ]:
        result = run_cli("--db", url, "match", text, "--json")
        assert result.exit_code == 0, (text, result.stderr)


def test_since_keeps_only_recent_fact_checks(seeded: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    url, _ = seeded
    results = _results(url, "مقتل 13 جنديا تركيا في سوريا", "--since", "2021-01-01")
    assert results == []


def test_eval_matching_reports_map_mrr_and_recall(tmp_path: Path, archive_file: Path) -> None:
    queries = tmp_path / "q.jsonl"
    queries.write_text(
        '{"id": "a", "text": "مقتل 13 جنديا تركيا في سوريا خلال أسبوع"}\n'
        '{"id": "b", "text": "council approves flood barrier costing 270.6 million pounds"}\n',
        encoding="utf-8",
    )
    qrels = tmp_path / "qrels.tsv"
    qrels.write_text("a\tfc-13\nb\tfc-en\n", encoding="utf-8")
    result = run_cli(
        "eval",
        "matching",
        "--archive",
        str(archive_file),
        "--queries",
        str(queries),
        "--qrels",
        str(qrels),
        "--k",
        "5",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    metrics = json.loads(result.stdout)
    assert metrics["queries"] == 2
    assert metrics["map_at_k"] == 1.0
    assert metrics["mrr"] == 1.0
    assert metrics["recall_at_k"] == 1.0


@pytest.mark.parametrize("large", [False, True], ids=["plain-search", "two-stage-search"])
def test_a_result_shows_the_archived_fact_check_as_imported(
    any_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, large: bool
) -> None:
    from workbench.store import archive as store_archive

    if large:
        monkeypatch.setattr(store_archive, "LARGE_ARCHIVE", 1)
    record = {
        "id": "fc-bridge",
        "claim": "The Wibbleton bridge collapsed after the flood in March",
        "title": "Did the Wibbleton bridge collapse?",
        "rating": "False",
        "url": "https://checks.example/wibbleton-bridge",
        "date": "2026-03-20",
        "publisher": "Example Checks",
        "lang": "en",
    }
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert run_cli("--db", any_db_url, "db", "upgrade").exit_code == 0
    assert run_cli("--db", any_db_url, "import", "factchecks", str(path)).exit_code == 0
    [result] = _results(any_db_url, "Wibbleton bridge collapsed after the flood")
    assert result["external_id"] == "fc-bridge"
    assert result["claim"] == record["claim"]
    assert result["title"] == record["title"]
    assert result["url"] == record["url"]
    assert result["publisher"] == record["publisher"]
    assert result["review_date"] == record["date"]
    assert result["rating"] == "False"
    assert result["rating_key"] == "false"
    assert result["own_claim_id"] is None
