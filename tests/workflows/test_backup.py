"""The JSON backup round-trips: dump, restore into empty SQLite and PostgreSQL, dump the same."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import typer
from sqlmodel import col, select
from typer.testing import CliRunner

from tests.cli.helpers import CliResult, run_cli
from tests.conftest import FIXTURES
from workbench.cli.app import WorkbenchGroup, root
from workbench.cli.backup_cmd import export_backup, import_backup
from workbench.core.errors import WorkbenchError
from workbench.store.database import Database, open_database
from workbench.store.models import (
    Article,
    Claim,
    Evidence,
    FactCheck,
    MatchLink,
    RatingScale,
    Source,
    SourceSuggestion,
    Verdict,
)
from workbench.store.sources import merge_sources
from workbench.workflows.backup import (
    BACKUP_FORMAT,
    backed_up_tables,
    dump_database,
    dumps_backup,
    restore_database,
)

FACTCHECKS = FIXTURES / "claimreview" / "factchecks.jsonl"
OTHER_ARTICLE = FIXTURES / "articles" / "en_kremlin_wire.txt"
REVIEWER = "ليلى"
DECIDED_AT = datetime(2025, 12, 4, 9, 30, 15, 123456, tzinfo=timezone(timedelta(hours=3)))
METEOR_QUERY = "تظهر الصورة سقوط نيزك في الصحراء الشرقية"


def _build_rich_database(url: str, seed_path: Path) -> None:
    """Every table gets rows: import, archive, split, merge, matches, verdicts, evidence."""
    imported = run_cli("--db", url, "import", "article", str(seed_path), "--json")
    assert imported.exit_code == 0, imported.stderr
    archived = run_cli("--db", url, "import", "factchecks", str(FACTCHECKS))
    assert "3 new" in archived.stderr
    sentence = next(c for c in json.loads(imported.stdout)["claims"] if c["kind"] == "sentence")
    cut = sentence["text"].index(" ", len(sentence["text"]) // 2)
    split = run_cli("--db", url, "claims", "split", str(sentence["id"]), "--at", str(cut))
    assert split.exit_code == 0, split.stderr
    database = open_database(url)
    try:
        with database.writing() as session:
            people = session.exec(select(Source).where(Source.kind == "person")).all()
            lower, higher = sorted(people, key=lambda source: source.id or 0)[:2]
            assert lower.id is not None and higher.id is not None
            # Merging the older source into the newer one points a row at a larger id.
            merge_sources(session=session, source_id=lower.id, into_id=higher.id, by=REVIEWER)
            claims = session.exec(select(Claim).order_by(col(Claim.id))).all()
            factchecks = session.exec(select(FactCheck).order_by(col(FactCheck.id))).all()
            first_claim_id, last_claim_id = claims[0].id, claims[-1].id
            assert first_claim_id is not None and last_claim_id is not None
            claims[0].parent_id = last_claim_id
            session.add(claims[0])
            session.add(
                SourceSuggestion(source_id=higher.id, candidate_id=people[-1].id or 0, score=88.5)
            )
            session.add(
                MatchLink(
                    claim_id=first_claim_id,
                    factcheck_id=factchecks[1].id or 0,
                    score=0.1 + 0.2,
                    method="fts5+rapidfuzz",
                    tier="suggest",
                    flags=[{"kind": "numbers", "detail": "١٣ ≠ 33", "values": [13, 33.5]}],
                    state="confirmed",
                    decided_by=REVIEWER,
                    decided_at=DECIDED_AT,
                )
            )
            session.add(
                RatingScale(
                    name="عربي",
                    worst=1,
                    best=7,
                    labels=[{"value": 1, "key": "false", "names": {"en": "False", "ar": "زائف"}}],
                )
            )
            for sequence, state in enumerate(("draft", "published"), start=1):
                session.add(
                    Verdict(
                        claim_id=first_claim_id,
                        sequence=sequence,
                        rating_key="false",
                        rating_label="زائف",
                        rating_value=1.0,
                        scale_name="عربي",
                        scale_worst=1,
                        scale_best=7,
                        rationale="لم يُعقد أي لقاء؛ التصريح نُقل بدقة.\nسطر ثانٍ",
                        reviewer=REVIEWER,
                        state=state,
                    )
                )
            session.add(
                Evidence(
                    claim_id=first_claim_id,
                    url="https://example.org/ar/بيان",
                    title="بيان الكرملين",
                    excerpt="«لم يتخذا مثل هذا القرار بعد»",
                    retrieved_at=DECIDED_AT,
                    content_sha256="c" * 64,
                    archive_state="archived",
                    added_by=REVIEWER,
                )
            )
    finally:
        database.dispose()


@pytest.fixture
def rich_url(sqlite_url: str, seed_path: Path) -> str:
    """A SQLite database with rows in every table."""
    _build_rich_database(sqlite_url, seed_path)
    return sqlite_url


@pytest.fixture
def rich_backup(rich_url: str) -> str:
    """The rich database's backup, as text."""
    database = open_database(rich_url)
    try:
        return dumps_backup(dump_database(database=database))
    finally:
        database.dispose()


def _empty_sqlite(tmp_path: Path, name: str = "restored.sqlite3") -> Database:
    return open_database(f"sqlite:///{tmp_path / name}")


def _dump_text(database: Database) -> str:
    return dumps_backup(dump_database(database=database))


def _row_total(database: Database) -> int:
    return sum(len(rows) for rows in dump_database(database=database)["tables"].values())


_backup_app = typer.Typer(cls=WorkbenchGroup, add_completion=False, pretty_exceptions_enable=False)
_backup_app.callback()(root)
_import_group = typer.Typer()
_import_group.command("backup")(import_backup)
_backup_app.add_typer(_import_group, name="import")


def _run_backup_cli(*args: str) -> CliResult:
    """`workbench ARGS` with `import backup` registered the way the lead will register it."""
    result = CliRunner().invoke(_backup_app, list(args), catch_exceptions=False)
    return CliResult(exit_code=result.exit_code, stdout=result.stdout, stderr=result.stderr)


def test_every_table_of_the_rich_database_has_rows_in_the_backup(rich_backup: str) -> None:
    payload = json.loads(rich_backup)
    assert payload["format"] == BACKUP_FORMAT
    assert payload["schema_revision"]
    assert list(payload["tables"]) == sorted(table.name for table in backed_up_tables())
    empty = [name for name, rows in payload["tables"].items() if not rows]
    assert empty == []


@pytest.mark.postgres
def test_backup_restored_into_sqlite_and_postgresql_exports_identical_json(
    rich_backup: str, tmp_path: Path, pg_url: str
) -> None:
    payload = json.loads(rich_backup)
    sqlite_copy = _empty_sqlite(tmp_path)
    postgres_copy = open_database(pg_url, upgrade=True)
    try:
        sqlite_counts = restore_database(database=sqlite_copy, payload=payload)
        postgres_counts = restore_database(database=postgres_copy, payload=payload)
        assert _dump_text(sqlite_copy) == rich_backup
        assert _dump_text(postgres_copy) == rich_backup
    finally:
        sqlite_copy.dispose()
        postgres_copy.dispose()
    expected = {name: len(rows) for name, rows in payload["tables"].items()}
    assert sqlite_counts == expected
    assert postgres_counts == expected


def test_self_references_to_larger_ids_are_restored(rich_backup: str, tmp_path: Path) -> None:
    tables = json.loads(rich_backup)["tables"]
    merged = [row for row in tables["source"] if row["merged_into_id"] is not None]
    forward_claims = [row for row in tables["claim"] if (row["parent_id"] or 0) > row["id"]]
    assert merged and all(row["merged_into_id"] > row["id"] for row in merged)
    assert forward_claims
    copy_database = _empty_sqlite(tmp_path)
    try:
        restore_database(database=copy_database, payload=json.loads(rich_backup))
        restored = dump_database(database=copy_database)["tables"]
    finally:
        copy_database.dispose()
    assert restored["source"] == tables["source"]
    assert restored["claim"] == tables["claim"]


def test_arabic_text_and_timestamps_come_back_exactly(
    rich_url: str, rich_backup: str, tmp_path: Path
) -> None:
    assert "\\u06" not in rich_backup, "Arabic is written as is, not escaped"
    original = open_database(rich_url)
    copy_database = _empty_sqlite(tmp_path)
    try:
        restore_database(database=copy_database, payload=json.loads(rich_backup))
        with original.session() as session:
            before = session.exec(select(Article)).one()
            before_match = session.exec(select(MatchLink)).one()
        with copy_database.session() as session:
            after = session.exec(select(Article)).one()
            after_match = session.exec(select(MatchLink)).one()
    finally:
        original.dispose()
        copy_database.dispose()
    assert (after.title or "").encode() == (before.title or "").encode()
    assert after.body.encode() == before.body.encode()
    assert after.provenance == before.provenance
    assert after_match.decided_at == DECIDED_AT
    assert after_match.decided_at is not None and after_match.decided_at.tzinfo is not None
    assert after_match.score == 0.1 + 0.2
    assert after_match.flags == before_match.flags


def test_restoring_into_a_database_with_data_is_refused_and_changes_nothing(
    rich_url: str, rich_backup: str
) -> None:
    database = open_database(rich_url)
    try:
        with pytest.raises(
            WorkbenchError, match=r"not empty: 1 article, .*\b\d+ claims, .*source aliases"
        ):
            restore_database(database=database, payload=json.loads(rich_backup))
        assert _dump_text(database) == rich_backup
    finally:
        database.dispose()


def test_a_truncated_backup_file_is_refused_with_its_line_and_nothing_written(
    rich_backup: str, tmp_path: Path
) -> None:
    truncated = tmp_path / "truncated.json"
    truncated.write_text(rich_backup[: len(rich_backup) // 2], encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'target.sqlite3'}"
    result = _run_backup_cli("--db", url, "import", "backup", str(truncated))
    assert result.exit_code == 1
    assert "is not valid JSON" in result.stderr and "line" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    database = open_database(url)
    try:
        assert _row_total(database) == 0
    finally:
        database.dispose()


def test_a_bad_value_in_the_last_table_writes_nothing_at_all(
    rich_backup: str, tmp_path: Path
) -> None:
    payload = json.loads(rich_backup)
    payload["tables"]["verdict"][-1]["created_at"] = "yesterday"
    database = _empty_sqlite(tmp_path)
    try:
        with pytest.raises(WorkbenchError, match=r"verdict.*created_at.*not an ISO timestamp"):
            restore_database(database=database, payload=payload)
        assert _row_total(database) == 0
    finally:
        database.dispose()


def test_a_row_the_database_rejects_rolls_back_every_table(
    rich_backup: str, tmp_path: Path
) -> None:
    payload = json.loads(rich_backup)
    payload["tables"]["match_link"][-1]["factcheck_id"] = 999_999
    database = _empty_sqlite(tmp_path)
    try:
        with pytest.raises(WorkbenchError, match="nothing was restored"):
            restore_database(database=database, payload=payload)
        assert _row_total(database) == 0
    finally:
        database.dispose()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda payload: payload.update(format="something-else"), "not a Claim Workbench backup"),
        (lambda payload: payload.update(version=2), "backup format version 2"),
        (lambda payload: payload.update(schema_revision="9999"), "newer than this version"),
        (
            lambda payload: payload["tables"]["article"][0].update(colour="blue"),
            "does not know: \\['colour'\\]",
        ),
        (lambda payload: payload["tables"].update(ghosts=[]), "tables this version does not"),
        (
            lambda payload: payload["tables"]["claim"][0].pop("text"),
            "claim lacks required columns: \\['text'\\]",
        ),
    ],
)
def test_a_backup_this_version_cannot_read_is_refused(
    rich_backup: str, tmp_path: Path, change: Any, message: str
) -> None:
    payload = json.loads(rich_backup)
    change(payload)
    database = _empty_sqlite(tmp_path)
    try:
        with pytest.raises(WorkbenchError, match=message):
            restore_database(database=database, payload=payload)
        assert _row_total(database) == 0
    finally:
        database.dispose()


def test_a_backup_from_an_older_schema_fills_new_columns_with_their_defaults(
    rich_backup: str, tmp_path: Path
) -> None:
    payload = json.loads(rich_backup)
    older = copy.deepcopy(payload)
    older["schema_revision"] = "0003"
    for row in older["tables"]["factcheck"]:
        del row["title_key"], row["rating_key"]
    database = _empty_sqlite(tmp_path)
    try:
        restore_database(database=database, payload=older)
        restored = dump_database(database=database)["tables"]["factcheck"]
    finally:
        database.dispose()
    assert [row["claim_text"] for row in restored] == [
        row["claim_text"] for row in payload["tables"]["factcheck"]
    ]
    assert {row["title_key"] for row in restored} == {""}


def test_import_backup_prints_the_restored_counts_as_json(
    rich_url: str, rich_backup: str, tmp_path: Path
) -> None:
    backup_file = tmp_path / "backup.json"
    source = open_database(rich_url)
    try:
        with backup_file.open("w", encoding="utf-8") as out:
            export_backup(source, out)
    finally:
        source.dispose()
    assert backup_file.read_text(encoding="utf-8") == rich_backup
    url = f"sqlite:///{tmp_path / 'target.sqlite3'}"
    result = _run_backup_cli("--db", url, "import", "backup", str(backup_file), "--json")
    assert result.exit_code == 0, result.stderr
    restored = json.loads(result.stdout)["restored"]
    tables = json.loads(rich_backup)["tables"]
    assert restored == {name: len(rows) for name, rows in tables.items()}
    again = _run_backup_cli("--db", url, "import", "backup", str(backup_file))
    assert again.exit_code == 1
    assert "the database is not empty" in again.stderr


def test_import_backup_names_a_missing_file_in_one_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'target.sqlite3'}"
    result = _run_backup_cli("--db", url, "import", "backup", str(tmp_path / "absent.json"))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot read") and "absent.json" in result.stderr


def test_import_backup_refuses_json_that_is_not_a_backup(tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text('[{"claim": "not a backup"}]', encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'target.sqlite3'}"
    result = _run_backup_cli("--db", url, "import", "backup", str(other))
    assert result.exit_code == 1
    assert "not a Claim Workbench backup" in result.stderr


def test_match_finds_a_restored_factcheck_on_sqlite(rich_backup: str, tmp_path: Path) -> None:
    database = _empty_sqlite(tmp_path)
    try:
        restore_database(database=database, payload=json.loads(rich_backup))
    finally:
        database.dispose()
    result = run_cli("--db", database.url.render_as_string(), "match", METEOR_QUERY, "--json")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)["results"]
    assert found, "the FTS index is filled while the rows are restored"
    assert "نيزك" in json.dumps(found[0], ensure_ascii=False)


def _new_rows_get_fresh_ids(url: str, rich_backup: str) -> None:
    tables = json.loads(rich_backup)["tables"]
    result = run_cli("--db", url, "import", "article", str(OTHER_ARTICLE), "--json")
    assert result.exit_code == 0, result.stderr
    imported = json.loads(result.stdout)
    assert imported["status"] == "created"
    assert imported["article"]["id"] == max(row["id"] for row in tables["article"]) + 1
    largest_claim = max(row["id"] for row in tables["claim"])
    assert imported["claims"] and all(claim["id"] > largest_claim for claim in imported["claims"])


def test_a_restored_sqlite_database_gives_new_rows_fresh_ids(
    rich_backup: str, tmp_path: Path
) -> None:
    database = _empty_sqlite(tmp_path)
    try:
        restore_database(database=database, payload=json.loads(rich_backup))
    finally:
        database.dispose()
    _new_rows_get_fresh_ids(database.url.render_as_string(), rich_backup)


@pytest.mark.postgres
def test_a_restored_postgresql_database_gives_new_rows_fresh_ids(
    rich_backup: str, pg_url: str
) -> None:
    database = open_database(pg_url, upgrade=True)
    try:
        restore_database(database=database, payload=json.loads(rich_backup))
    finally:
        database.dispose()
    _new_rows_get_fresh_ids(pg_url, rich_backup)
    postgres = open_database(pg_url)
    try:
        with postgres.writing() as session:
            verdict = Verdict(
                claim_id=1,
                sequence=99,
                rating_key="true",
                rating_label="True",
                scale_name="عربي",
                reviewer=REVIEWER,
                created_at=datetime.now(UTC),
            )
            session.add(verdict)
    finally:
        postgres.dispose()
    assert (verdict.id or 0) > max(
        row["id"] for row in json.loads(rich_backup)["tables"]["verdict"]
    )
