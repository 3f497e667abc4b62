"""Fact-checkers reshape claims from the CLI: split, merge, edit, dismiss, add; spans are kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.helpers import run_cli


@pytest.fixture
def seeded(seed_path: Path, sqlite_url: str) -> tuple[str, dict]:  # type: ignore[type-arg]
    result = run_cli("--db", sqlite_url, "import", "article", str(seed_path), "--json")
    assert result.exit_code == 0, result.stderr
    return sqlite_url, json.loads(result.stdout)


def _sentences(payload: dict) -> list[dict]:  # type: ignore[type-arg]
    return [claim for claim in payload["claims"] if claim["kind"] == "sentence"]


def test_split_makes_two_claims_anchored_in_the_body_and_keeps_the_original(
    seeded: tuple[str, dict],
) -> None:  # type: ignore[type-arg]
    url, payload = seeded
    first = _sentences(payload)[0]
    cut = first["text"].index("مؤكدا")
    result = run_cli("--db", url, "claims", "split", str(first["id"]), "--at", str(cut), "--json")
    assert result.exit_code == 0, result.stderr
    parts = json.loads(result.stdout)
    assert len(parts) == 2
    assert parts[0]["text"] + " " + parts[1]["text"] == first["text"]
    assert parts[0]["start"] == first["start"]
    assert parts[1]["end"] == first["end"]
    assert all(part["parent_id"] == first["id"] for part in parts)
    original = json.loads(run_cli("--db", url, "claims", "show", str(first["id"]), "--json").stdout)
    assert original["status"] == "dismissed"
    assert original["start"] == first["start"] and original["end"] == first["end"]
    assert original["dismiss_reason"].startswith("split into")


def test_merge_spans_the_body_between_the_claims(seeded: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    url, payload = seeded
    second, third = _sentences(payload)[1:3]
    result = run_cli("--db", url, "claims", "merge", str(second["id"]), str(third["id"]), "--json")
    assert result.exit_code == 0, result.stderr
    (merged,) = json.loads(result.stdout)
    assert merged["start"] == second["start"]
    assert merged["end"] == third["end"]
    assert merged["text"].startswith(second["text"]) and merged["text"].endswith(third["text"])


def test_edit_keeps_the_extracted_text_and_bumps_the_version(seeded: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    url, payload = seeded
    claim = _sentences(payload)[4]
    result = run_cli(
        "--db",
        url,
        "claims",
        "edit",
        str(claim["id"]),
        "--text",
        "قتل 13 جنديا تركيا في سوريا خلال أسبوع",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    edited = json.loads(result.stdout)
    assert edited["original_text"] == claim["text"]
    assert edited["version"] == claim["version"] + 1
    assert [number["value"] for number in edited["numbers"]] == [13]


def test_an_edit_against_a_stale_version_is_refused_naming_who_changed_it(
    seeded: tuple[str, dict],
) -> None:  # type: ignore[type-arg]
    url, payload = seeded
    claim = _sentences(payload)[3]
    ok = run_cli(
        "--db", url, "claims", "edit", str(claim["id"]), "--text", "نص أول", "--expect-version", "1"
    )
    assert ok.exit_code == 0, ok.stderr
    stale = run_cli(
        "--db", url, "claims", "edit", str(claim["id"]), "--text", "نص ثان", "--expect-version", "1"
    )
    assert stale.exit_code == 1
    assert "changed since you loaded it" in stale.stderr
    shown = json.loads(run_cli("--db", url, "claims", "show", str(claim["id"]), "--json").stdout)
    assert shown["text"] == "نص أول"


def test_dismiss_records_the_reason_and_leaves_the_claim_listed_by_status(
    seeded: tuple[str, dict],
) -> None:  # type: ignore[type-arg]
    url, payload = seeded
    claim = _sentences(payload)[3]
    result = run_cli(
        "--db", url, "claims", "dismiss", str(claim["id"]), "--reason", "narration", "--json"
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["dismiss_reason"] == "narration"
    dismissed = json.loads(
        run_cli("--db", url, "claims", "list", "--status", "dismissed", "--json").stdout
    )
    assert [item["id"] for item in dismissed] == [claim["id"]]


def test_a_typed_in_claim_is_kind_manual_with_its_numbers(sqlite_url: str) -> None:
    result = run_cli(
        "--db",
        sqlite_url,
        "claims",
        "add",
        "Turkey's economy grew 3.7 percent in the third quarter",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    claim = json.loads(result.stdout)
    assert claim["kind"] == "manual"
    assert claim["article_id"] is None
    assert 3.7 in [number["value"] for number in claim["numbers"]]


def test_unknown_claims_and_bad_offsets_are_one_line_errors(seeded: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    url, payload = seeded
    missing = run_cli("--db", url, "claims", "show", "9999")
    assert missing.exit_code == 1
    assert missing.stderr == "error: no claim with id 9999\n"
    claim = _sentences(payload)[0]
    bad = run_cli("--db", url, "claims", "split", str(claim["id"]), "--at", "100000")
    assert bad.exit_code == 1
    assert "inside the claim text" in bad.stderr
    status = run_cli("--db", url, "claims", "list", "--status", "nonsense")
    assert status.exit_code == 1


def test_the_parts_of_a_split_keep_the_attribution_chain(seeded: tuple[str, dict]) -> None:  # type: ignore[type-arg]
    url, payload = seeded
    first = _sentences(payload)[0]
    cut = first["text"].index("مؤكدا")
    parts = json.loads(
        run_cli("--db", url, "claims", "split", str(first["id"]), "--at", str(cut), "--json").stdout
    )
    speaker = first["attribution"]["chain"][0]["source_id"]
    assert [part["attribution"]["chain"][0]["source_id"] for part in parts] == [speaker, speaker]
    for part in parts:
        assert (
            part["start"]
            <= part["attribution"]["content_start"]
            <= part["attribution"]["content_end"]
            <= part["end"]
        )
