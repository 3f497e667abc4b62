"""Rows of every table, Arabic text included, read back exactly as written on both engines."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from sqlmodel import Session, SQLModel, select

from workbench.store.database import open_database
from workbench.store.models import (
    Article,
    Attribution,
    AttributionLink,
    Claim,
    Evidence,
    FactCheck,
    MatchLink,
    RatingScale,
    RelatedItem,
    Source,
    SourceAlias,
    SourceMerge,
    SourceSuggestion,
    Verdict,
    metadata,
)

ARABIC_TITLE = "روسيا: بوتين وأردوغان لا يعتزمان عقد لقاء بشأن إدلب ولكنه سيحدث في هذه الحالة"
ARABIC_BODY = "وأكد بيسكوف على أن الرؤساء “لم يتخذا مثل هذا القرار بعد”.\n\nمُشَكَّل ـ ١٣ جنديا"
WHEN = datetime(2025, 12, 4, 9, 30, tzinfo=timezone(timedelta(hours=3)))


def _rows() -> list[SQLModel]:
    article = Article(
        id=1,
        url="https://example.org/ar/1",
        canonical_url="https://example.org/ar/1",
        title=ARABIC_TITLE,
        publisher="تركيا الان",
        language="ar",
        author="فريق التحرير",
        published_at=WHEN,
        body=ARABIC_BODY,
        content_hash="a" * 64,
        input_hash="b" * 64,
        input_name="seed.txt",
        provenance="المصدر: تركيا الان + وكالات",
    )
    related = RelatedItem(
        id=1,
        article_id=1,
        position=0,
        title="أنقرة: على المجتمع الدولي",
        lead="قالت…",
        item_date=date(2025, 12, 4),
    )
    claim = Claim(
        id=1,
        article_id=1,
        text="وأكد بيسكوف على أن الرؤساء “لم يتخذا مثل هذا القرار بعد”.",
        start=0,
        end=58,
        kind="sentence",
        language="ar",
        checkworthiness=0.75,
        features={"numbers": 0.0, "attribution_cue": 1.0},
        numbers=[{"text": "١٣", "value": 13.0, "unit": None}],
        matching_key="اكد بيسكوف رءيس",
        status="in_progress",
        assignee="ليلى",
    )
    source = Source(
        id=1,
        kind="person",
        name="دميتري بيسكوف",
        role="المتحدث باسم الرئاسة الروسية",
        affiliation="الكرملين",
        country="Russia",
        descriptors={},
        same_as=["https://www.wikidata.org/wiki/Q2344"],
    )
    alias = SourceAlias(id=1, source_id=1, alias="Песков", normalised="песков", skeleton="bskf")
    other = Source(id=2, kind="person", name="Peskov", descriptors={}, same_as=[], merged_into_id=1)
    merge = SourceMerge(id=1, source_id=2, into_id=1, moved_link_ids=[1], merged_by="ليلى")
    suggestion = SourceSuggestion(
        id=1,
        source_id=2,
        candidate_id=1,
        score=88.5,
        state="merged",
        decided_by="ليلى",
        decided_at=WHEN,
    )
    attribution = Attribution(
        id=1, claim_id=1, cue="أكد", quote_type="mixed", content_start=22, content_end=57
    )
    link = AttributionLink(
        id=1,
        attribution_id=1,
        position=0,
        source_id=1,
        name="بيسكوف",
        kind="person",
        anonymous=False,
        role=None,
        descriptors={"nationality": "روسي"},
    )
    factcheck = FactCheck(
        id=1,
        external_id="fc-ع-1",
        url="https://factcheck.example/1",
        claim_text="مقتل 33 جنديا تركيا في إدلب",
        title="هل قتل 33 جنديا؟",
        rating_label="صحيح",
        rating_value=7.0,
        publisher="مسبار",
        claimant="حساب على فيسبوك",
        claim_date=date(2020, 2, 27),
        review_date=date(2020, 2, 28),
        language="ar",
        matching_key="مقتل 33 جندي ترك ادلب",
    )
    match = MatchLink(
        id=1,
        claim_id=1,
        factcheck_id=1,
        score=0.81,
        method="fts5+rapidfuzz",
        tier="suggest",
        flags=[{"kind": "numbers", "detail": "numbers differ: 13 vs 33"}],
        state="confirmed",
        decided_by="ليلى",
        decided_at=WHEN,
    )
    scale = RatingScale(
        id=1,
        name="عربي",
        worst=1,
        best=7,
        labels=[{"key": "false", "value": 1, "names": {"ar": "زائف", "en": "False"}}],
    )
    verdict = Verdict(
        id=1,
        claim_id=1,
        sequence=1,
        rating_key="false",
        rating_label="زائف",
        rating_value=1,
        scale_name="عربي",
        scale_worst=1,
        scale_best=7,
        rationale="لا دليل على ذلك؛ انظر البيان الرسمي.",
        reviewer="ليلى",
        state="draft",
    )
    evidence = Evidence(
        id=1,
        claim_id=1,
        url="https://example.org/بيان",
        title="بيان وزارة الدفاع",
        excerpt="قالت وزارة الدفاع التركية…",
        retrieved_at=WHEN,
        content_sha256="c" * 64,
        archive_url=None,
        archive_state="pending",
        added_by="ليلى",
    )
    return [
        article,
        related,
        claim,
        source,
        alias,
        other,
        merge,
        suggestion,
        attribution,
        link,
        factcheck,
        match,
        scale,
        verdict,
        evidence,
    ]


def test_every_table_round_trips_byte_identical_text(any_db_url: str) -> None:
    rows = _rows()
    assert {type(row).__tablename__ for row in rows} == set(metadata.tables)
    expected = [row.model_dump() for row in rows]
    database = open_database(any_db_url, upgrade=True)
    try:
        with database.writing() as session:
            for row in rows:
                session.add(row)
                session.flush()
        with Session(database.engine) as session:
            for row, wanted in zip(rows, expected, strict=True):
                stored = session.exec(select(type(row)).where(type(row).id == row.id)).one()
                got = stored.model_dump()
                for key, value in wanted.items():
                    if isinstance(value, datetime):
                        assert got[key] == value, key
                        assert got[key].tzinfo is not None, key
                    else:
                        assert got[key] == value, key
                        if isinstance(value, str):
                            assert got[key].encode("utf-8") == value.encode("utf-8"), key
    finally:
        database.dispose()


def test_timestamps_come_back_timezone_aware_in_utc(sqlite_url: str) -> None:
    database = open_database(sqlite_url)
    try:
        with database.writing() as session:
            session.add(Article(body="x", content_hash="d" * 64, published_at=WHEN))
        with Session(database.engine) as session:
            article = session.exec(select(Article)).one()
            assert article.published_at == WHEN
            assert article.published_at is not None
            assert article.published_at.tzinfo == UTC
            assert article.retrieved_at.tzinfo == UTC
    finally:
        database.dispose()
