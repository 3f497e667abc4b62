"""The archive's fast paths: bulk inserts keep the index right, streamed files read the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from workbench.config import load_settings
from workbench.core.archive import FactCheckRecord, RecordError
from workbench.store import archive as store_archive
from workbench.store.database import open_database
from workbench.store.models import FactCheck
from workbench.workflows import archive as archive_flows
from workbench.workflows.archive import ArchiveImportSummary, read_archive_items, store_items
from workbench.workflows.matching import MatchQuery, find_matches


def _rows(count: int, prefix: str) -> list[dict[str, object]]:
    return [
        {
            "external_id": f"{prefix}-{number}",
            "url": None,
            "claim_text": f"{prefix} claim number {number} about zorblat {number}",
            "title": None,
            "rating_label": "False",
            "rating_value": None,
            "rating_key": "false",
            "publisher": "Desk",
            "claimant": None,
            "claim_date": None,
            "review_date": None,
            "language": "en",
            "matching_key": f"{prefix} claim number {number} zorblat {number}",
            "title_key": "",
        }
        for number in range(count)
    ]


def _trigger_exists(session: Session) -> bool:
    found = session.execute(
        text(
            "SELECT count(*) FROM sqlite_master WHERE type='trigger' AND name='factcheck_fts_insert'"
        )
    ).scalar()
    return bool(found)


def test_a_bulk_insert_is_indexed_and_the_insert_trigger_is_back(sqlite_url: str) -> None:
    database = open_database(sqlite_url)
    try:
        with database.writing() as session:
            counts = store_archive.upsert_factchecks(session=session, rows=_rows(50, "alpha"))
        assert counts.created == 50
        with database.session() as session:
            assert _trigger_exists(session)
            hits = session.execute(
                text("SELECT count(*) FROM factcheck_fts WHERE factcheck_fts MATCH 'zorblat'")
            ).scalar()
            assert hits == 50
            stored = session.exec(select(FactCheck).where(FactCheck.external_id == "alpha-7")).one()
            assert stored.claim_text == "alpha claim number 7 about zorblat 7"
            assert stored.created_at.tzinfo is not None
        # A row added afterwards by the ORM goes through the trigger again.
        with database.writing() as session:
            session.add(
                FactCheck(external_id="orm-1", claim_text="quintessa", matching_key="quintessa")
            )
        with database.session() as session:
            assert (
                session.execute(
                    text("SELECT count(*) FROM factcheck_fts WHERE factcheck_fts MATCH 'quintessa'")
                ).scalar()
                == 1
            )
    finally:
        database.dispose()


def test_a_failed_bulk_insert_leaves_nothing_and_keeps_the_trigger(sqlite_url: str) -> None:
    database = open_database(sqlite_url)
    try:
        broken = _rows(10, "beta")
        broken[5]["claim_text"] = None  # NOT NULL: the whole batch must fail
        with pytest.raises(IntegrityError), database.writing() as session:
            store_archive.upsert_factchecks(session=session, rows=broken)
        with database.session() as session:
            assert _trigger_exists(session)
            assert session.execute(text("SELECT count(*) FROM factcheck")).scalar() == 0
            assert (
                session.execute(
                    text("SELECT count(*) FROM factcheck_fts WHERE factcheck_fts MATCH 'zorblat'")
                ).scalar()
                == 0
            )
    finally:
        database.dispose()


def test_cached_term_counts_follow_new_imports(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Prune (and cache term counts) from the first document on, to exercise the cache.
    monkeypatch.setattr(store_archive, "PRUNE_FROM_DOCUMENTS", 1)
    settings = load_settings()
    database = open_database(sqlite_url)
    try:
        with database.writing() as session:
            store_archive.upsert_factchecks(session=session, rows=_rows(30, "gamma"))
        with database.session() as session:
            first = find_matches(
                session=session,
                query=MatchQuery("gamma claim zorblat 3", top=3),
                settings=settings.matching,
            )
            assert first[0][1].external_id == "gamma-3"
        with database.writing() as writer:
            store_archive.upsert_factchecks(session=writer, rows=_rows(30, "delta"))
        # A new transaction on the same pooled connection: its cached counts must not hide "delta".
        with database.session() as session:
            later = find_matches(
                session=session,
                query=MatchQuery("delta claim zorblat 4", top=3),
                settings=settings.matching,
            )
            assert later[0][1].external_id == "delta-4"
    finally:
        database.dispose()


def test_a_large_jsonl_file_streamed_in_blocks_reads_like_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [
        json.dumps(
            {
                "id": f"s-{n}",
                "claim": f"تصريح رقم {n} عن الاقتصاد",
                "date": "2020-01-0" + str(1 + n % 9),
            },
            ensure_ascii=False,
        )
        for n in range(400)
    ]
    lines[17] = "{ not json"
    lines[200] = ""
    path = tmp_path / "archive.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = load_settings()
    whole = list(read_archive_items(str(path), settings=settings))
    monkeypatch.setattr(archive_flows, "STREAM_FROM_BYTES", 1)
    monkeypatch.setattr(archive_flows, "BLOCK_BYTES", 997)
    streamed = list(read_archive_items(str(path), settings=settings))
    assert streamed == whole
    assert sum(isinstance(item, RecordError) for item in streamed) == 1
    assert sum(isinstance(item, FactCheckRecord) for item in streamed) == 398


def test_a_streamed_import_stores_every_record(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "archive.jsonl"
    path.write_text(
        "\n".join(
            json.dumps({"id": f"x-{n}", "claim": f"claim {n} on flooding in Wexlow"})
            for n in range(300)
        )
        + "\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(archive_flows, "STREAM_FROM_BYTES", 1)
    monkeypatch.setattr(archive_flows, "BLOCK_BYTES", 1500)
    settings = load_settings()
    database = open_database(sqlite_url)
    try:
        summary = store_items(
            read_archive_items(str(path), settings=settings),
            database=database,
            summary=ArchiveImportSummary(source=str(path)),
            settings=settings,
        )
        assert summary.created == 300
        with database.session() as session:
            assert (
                session.execute(
                    text("SELECT count(*) FROM factcheck_fts WHERE factcheck_fts MATCH 'wexlow'")
                ).scalar()
                == 300
            )
    finally:
        database.dispose()


def test_a_two_term_search_falls_back_to_any_term_when_it_finds_too_few(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Force the large-archive path: prune from the first document, and a tiny scoring budget.
    monkeypatch.setattr(store_archive, "PRUNE_FROM_DOCUMENTS", 1)
    monkeypatch.setattr(store_archive, "SCORING_BUDGET", 1)
    settings = load_settings()
    database = open_database(sqlite_url)
    try:
        with database.writing() as session:
            store_archive.upsert_factchecks(session=session, rows=_rows(40, "epsilon"))
        with database.session() as session:
            expressions = store_archive._search_expressions(
                session, '"epsilon" OR "zorblat" OR "17"'
            )
            assert len(expressions) == 2 and " AND " in expressions[0]
            # Two rare words of one fact-check: the two-term search finds it first.
            found = find_matches(
                session=session,
                query=MatchQuery("epsilon zorblat 17 claim", top=3),
                settings=settings.matching,
            )
            assert found[0][1].external_id == "epsilon-17"
            # One distinctive word only: the two-term search finds too few; any-term search runs.
            single = find_matches(
                session=session,
                query=MatchQuery("nothing but zorblat", top=3),
                settings=settings.matching,
            )
            assert single
    finally:
        database.dispose()
