"""The archive's fast paths: bulk inserts keep the index right, streamed files read the same."""

from __future__ import annotations

import json
from datetime import date
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
    # The two-stage search (and its cached term counts) from the first document on.
    monkeypatch.setattr(store_archive, "LARGE_ARCHIVE", 1)
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


def test_a_large_archive_asks_for_rare_terms_alone_or_in_pairs() -> None:
    frequency = {"zorblat": 3, "epsilon": 400, "claim": 9_000, "number": 9_500, "about": 9_900}
    known = sorted(frequency, key=lambda term: frequency[term])
    parts = store_archive._candidate_expression(known, frequency, 10_000).split(" OR ")
    # Rare words alone and selective pairs; a common word never alone.
    assert '"zorblat"' in parts and '"epsilon"' in parts
    assert not {'"claim"', '"number"', '"about"'} & set(parts)
    assert all(part.startswith('"') or " AND " in part for part in parts)
    # Common words only: the most selective pair still asks for something.
    common = {"claim": 9_000, "number": 9_500, "about": 9_900}
    assert store_archive._candidate_expression(list(common), common, 10_000) == (
        '("claim" AND "number")'
    )


def test_a_large_archive_search_scores_candidates_with_every_query_term(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_archive, "LARGE_ARCHIVE", 1)
    settings = load_settings()
    database = open_database(sqlite_url)
    rows = _rows(40, "epsilon")
    # Two fact-checks share the rare word; only one also has the query's other words.
    rows[5]["matching_key"] = "wibblequark flood bridge collapse"
    rows[6]["matching_key"] = "wibblequark election turnout"
    rows[7]["review_date"] = date(2020, 1, 1)
    rows[8]["review_date"] = date(2024, 1, 1)
    rows[8]["language"] = "ar"
    try:
        with database.writing() as session:
            store_archive.upsert_factchecks(session=session, rows=rows)
        with database.session() as session:
            found = find_matches(
                session=session,
                query=MatchQuery("wibblequark bridge collapse after the flood", top=3),
                settings=settings.matching,
            )
            assert [factcheck.external_id for _, factcheck in found][:2] == [
                "epsilon-5",
                "epsilon-6",
            ]
            # Filters are exact on this path too.
            since = store_archive.search_candidates(
                session=session,
                fts_expression='"epsilon" OR "zorblat"',
                query_key="",
                limit=50,
                since=date(2023, 1, 1),
            )
            assert [hit.external_id for hit in since] == ["epsilon-8"]
            arabic = store_archive.search_candidates(
                session=session,
                fts_expression='"zorblat" OR "8"',
                query_key="",
                limit=50,
                language="ar",
            )
            assert all(hit.external_id != "epsilon-7" for hit in arabic)
            assert arabic and all(
                hit.external_id == "epsilon-8"
                or session.get(FactCheck, hit.factcheck_id).language is None  # type: ignore[union-attr]
                for hit in arabic
            )
            # Words the archive has never seen find nothing, without an error.
            assert not store_archive.search_candidates(
                session=session, fts_expression='"qqqq" OR "zzzz"', query_key="", limit=5
            )
    finally:
        database.dispose()


def test_document_frequencies_are_counted_or_estimated_from_a_sample(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_archive, "FREQUENCY_SAMPLE", 10)
    database = open_database(sqlite_url)
    rows = _rows(200, "theta")
    for number, row in enumerate(rows):
        # "rare" in 4 fact-checks, "common" in every other one (100).
        extra = (" rare" if number % 50 == 0 else "") + (" common" if number % 2 == 0 else "")
        row["matching_key"] = f"{row['matching_key']}{extra}"
    try:
        with database.writing() as session:
            store_archive.upsert_factchecks(session=session, rows=rows)
        with database.session() as session:
            statistics = store_archive._archive_statistics(session)
            assert statistics.rows == 200
            store_archive._look_up_frequencies(session, statistics, ["rare", "common", "nowhere"])
            assert statistics.frequency["rare"] == 4  # fewer than the sample: counted
            assert statistics.frequency["nowhere"] == 0
            assert 85 <= statistics.frequency["common"] <= 115  # estimated from 10 postings
    finally:
        database.dispose()
