"""The seed page imports exactly: title, publisher, provenance, related items, seven claims."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.helpers import run_cli

SEED_TITLE = "روسيا: بوتين وأردوغان لا يعتزمان عقد لقاء بشأن إدلب ولكنه سيحدث في هذه الحالة"
RELATED_TITLES = [
    "أنقرة: على المجتمع الدولي التحرك بحزم ضد عدوان إسرائيل بالمنطقة",
    "270.6 مليار دولار.. صادرات تركيا السنوية تسجل رقما قياسيا",
    "مسؤول تركي يحذر: أزمة المياه تهدد بحروب وهجرات كبرى وأزمات عالمية",
    "رقصة الماء والغاز في قلب تركيا.. فوارة باردة تخطف الأنظار",
    "الاقتصاد التركي ينمو 3.7 بالمئة في الربع الثالث",
    "إعلام عالمي يسلط الضوء على نجاح المسيرة “قزل ألما” في إصابة هدف جوي",
]
RELATED_DATES = ["2025-12-04", "2025-12-04", "2025-12-02", "2025-12-01", "2025-12-01", "2025-12-01"]


@pytest.fixture
def seed_import(seed_path: Path, sqlite_url: str) -> dict:  # type: ignore[type-arg]
    result = run_cli("--db", sqlite_url, "import", "article", str(seed_path), "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_the_seed_article_has_its_title_publisher_and_provenance(seed_import: dict) -> None:  # type: ignore[type-arg]
    article = seed_import["article"]
    assert article["title"] == SEED_TITLE
    assert article["publisher"] == "تركيا الان"
    assert article["provenance"] == "المصدر: تركيا الان + وكالات"
    assert article["language"] == "ar"
    assert article["published_at"] is None, "related items' dates are not the article's date"


def test_the_six_latest_news_stories_are_related_items_with_their_dates(seed_import: dict) -> None:  # type: ignore[type-arg]
    related = seed_import["article"]["related"]
    assert [item["title"] for item in related] == RELATED_TITLES
    assert [item["date"] for item in related] == RELATED_DATES
    assert all(item["lead"] and item["lead"].endswith("…") for item in related)


def test_the_seed_has_exactly_seven_body_sentences_as_claims(
    seed_import: dict, seed_path: Path
) -> None:  # type: ignore[type-arg]
    sentences = [claim for claim in seed_import["claims"] if claim["kind"] == "sentence"]
    assert len(sentences) == 7
    assert sentences[0]["text"].startswith("أعلن المتحدث باسم الرئاسة الروسية")
    assert sentences[-1]["text"].endswith("بإدلب.")
    headline = [claim for claim in seed_import["claims"] if claim["kind"] == "headline"]
    assert [claim["text"] for claim in headline] == [SEED_TITLE]


def test_sentence_offsets_index_the_stored_body(seed_import: dict, sqlite_url: str) -> None:  # type: ignore[type-arg]
    from sqlmodel import Session, select

    from workbench.store.database import open_database
    from workbench.store.models import Article

    database = open_database(sqlite_url)
    try:
        with Session(database.engine) as session:
            body = session.exec(select(Article.body)).one()
    finally:
        database.dispose()
    for claim in seed_import["claims"]:
        if claim["kind"] == "sentence":
            assert body[claim["start"] : claim["end"]] == claim["text"]
    assert "أحدث الأخبار" not in body
    assert "المصدر:" not in body


def test_no_related_item_text_is_among_the_claims(seed_import: dict) -> None:  # type: ignore[type-arg]
    claim_texts = " ".join(claim["text"] for claim in seed_import["claims"])
    for title in RELATED_TITLES:
        assert title not in claim_texts
    assert "04/12/2025" not in claim_texts
    assert "قالت وزارة الدفاع التركية" not in claim_texts


def test_the_stray_fragment_is_excluded_not_a_claim(seed_import: dict) -> None:  # type: ignore[type-arg]
    assert {"text": "ات", "reason": "stray fragment"} in seed_import["excluded"]


def test_soldier_counts_are_numbers_in_digits_and_in_words(seed_import: dict) -> None:  # type: ignore[type-arg]
    by_text = {claim["text"]: claim for claim in seed_import["claims"]}
    reuters = next(text for text in by_text if "13 جنديا" in text)
    assert 13 in [number["value"] for number in by_text[reuters]["numbers"]]
    attack = next(text for text in by_text if "خمسة جنود" in text)
    assert 5 in [number["value"] for number in by_text[attack]["numbers"]]


def test_every_claim_has_a_checkworthiness_in_the_unit_interval(seed_import: dict) -> None:  # type: ignore[type-arg]
    for claim in seed_import["claims"]:
        assert 0.0 <= claim["checkworthiness"] <= 1.0


def test_importing_the_seed_twice_stores_it_once(seed_path: Path, sqlite_url: str) -> None:
    first = run_cli("--db", sqlite_url, "import", "article", str(seed_path), "--json")
    second = run_cli("--db", sqlite_url, "import", "article", str(seed_path), "--json")
    assert first.exit_code == second.exit_code == 0
    one, two = json.loads(first.stdout), json.loads(second.stdout)
    assert one["status"] == "created"
    assert two["status"] == "existing"
    assert two["article"]["id"] == one["article"]["id"]
    assert [claim["id"] for claim in two["claims"]] == [claim["id"] for claim in one["claims"]]
    listed = json.loads(run_cli("--db", sqlite_url, "claims", "list", "--json").stdout)
    assert len(listed) == len(one["claims"])
