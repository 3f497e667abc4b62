"""Claim matching: FTS5 query building, re-ranking, tiers and difference flags."""

from __future__ import annotations

import csv
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from workbench.core.matching import (
    Candidate,
    MatchSettings,
    clean_query,
    difference_flags,
    fts_query,
    rerank,
)
from workbench.core.text.normalise import matching_key

SEED_CLAIM = (
    "الوفد الروسي غادر تركيا دون اتفاق على سبل وقف الاشتباكات، التي أودت بحياة 13 جنديا "
    "تركيا متواجدين في سوريا خلال أسبوع واحد فقط"
)
DATASETS = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
TODAY = date(2025, 6, 1)
SETTINGS = MatchSettings()


def _kinds(query: str, candidate: str, lang: str | None = None) -> set[str]:
    return {flag.kind for flag in difference_flags(query, candidate, lang)}


def test_seed_claim_against_33_soldiers_flags_13_vs_33() -> None:
    flags = difference_flags(SEED_CLAIM, "مقتل 33 جنديا تركيا في إدلب")
    numbers = [flag for flag in flags if flag.kind == "numbers"]
    assert len(numbers) == 1
    assert "13 vs 33" in numbers[0].detail


def test_seed_claim_against_same_13_soldiers_has_no_numbers_flag() -> None:
    assert "numbers" not in _kinds(SEED_CLAIM, "مقتل 13 جنديا تركيا في سوريا خلال أسبوع")


def test_numbers_are_compared_by_value_with_their_scale() -> None:
    flags = difference_flags(
        "Exports reached 270.6 billion dollars last year",
        "Exports reached 207.6 billion dollars last year",
        "en",
    )
    assert any(flag.kind == "numbers" and "270.6" in flag.detail for flag in flags)
    same = difference_flags(
        "Exports reached 270.6 billion dollars", "Exports reached 270.6 billion dollars", "en"
    )
    assert same == ()


def test_a_number_on_one_side_only_is_not_a_difference() -> None:
    assert "numbers" not in _kinds("Soldiers were killed in Idlib", "13 soldiers killed in Idlib")


def test_arabic_negated_verb_against_plain_verb_is_flagged() -> None:
    flags = difference_flags(
        "ترامب وبوتين لا يعتزمان عقد لقاء ثنائي", "ترامب وبوتين يعتزمان عقد لقاء ثنائي"
    )
    negation = [flag for flag in flags if flag.kind == "negation"]
    assert negation and "يعتزمان" in negation[0].detail


def test_both_sides_negated_is_not_a_negation_difference() -> None:
    assert "negation" not in _kinds(
        "ترامب وبوتين لا يعتزمان عقد لقاء", "بوتين وترامب لا يعتزمان عقد لقاء ثنائي"
    )


def test_english_did_not_against_did_is_flagged() -> None:
    assert "negation" in _kinds(
        "The minister did not resign after the vote", "The minister did resign after the vote"
    )
    assert "negation" in _kinds(
        "The minister didn't resign after the vote", "The minister resigned after the vote"
    )


def test_paraphrase_without_negation_is_not_flagged() -> None:
    assert (
        difference_flags(
            "The minister resigned after the vote", "After the vote the minister resigned"
        )
        == ()
    )


def test_opposite_words_are_flagged_as_antonyms() -> None:
    flags = difference_flags(
        "بقاء الدولار قرب أعلى مستوى واستقرار للذهب", "الدولار قرب أدنى مستوى والدولار يتدهور"
    )
    assert any(flag.kind == "antonym" and "أعلى" in flag.detail for flag in flags)


def test_swapped_name_in_the_same_slot_is_flagged() -> None:
    assert "entity" in _kinds("Apple shares fell 5% on Monday", "Tesla shares fell 5% on Monday")
    assert "entity" in _kinds(
        "إيران والمغرب: علاقة متأرجحة على وقع الأوضاع الإقليمية",
        "إيران والعراق: علاقة متأرجحة على وقع الأوضاع الإقليمية",
    )


def test_clean_query_drops_links_handles_and_signature_date_but_keeps_words() -> None:
    cleaned = clean_query(
        "Drain the swamp #MarchForOurLives https://t.co/abc pic.twitter.com/xyz "
        "— Donald J. Trump (@realDonaldTrump) September 30, 2019"
    )
    assert "http" not in cleaned and "pic.twitter" not in cleaned
    assert "@" not in cleaned and "2019" not in cleaned
    assert "March For Our Lives" in cleaned
    assert cleaned.endswith("Donald J. Trump")


HOSTILE_INPUTS = [
    'he said "NEAR(a b, 3)" AND NOT x OR y',
    "col:value - minus * star ^caret + plus",
    '"""unbalanced',
    "(((",
    "   ",
    "",
    "AND OR NOT NEAR",
    '\u200fلا يعتزمان* "عقد" لقاء: NEAR',
    "x" * 5000,
]


@pytest.mark.parametrize("hostile", HOSTILE_INPUTS)
def test_fts_query_never_breaks_a_real_fts5_table(hostile: str) -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE factcheck_fts USING fts5(claim_key, title_key,"
        " tokenize='unicode61 remove_diacritics 2')"
    )
    connection.execute(
        "INSERT INTO factcheck_fts VALUES (?, ?)",
        (matching_key("Trump and Putin do not intend to meet"), matching_key("near star")),
    )
    rows = connection.execute(
        "SELECT rowid FROM factcheck_fts WHERE factcheck_fts MATCH ?", (fts_query(hostile),)
    ).fetchall()
    assert isinstance(rows, list)


def test_fts_query_finds_the_fact_check_through_its_matching_key() -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE factcheck_fts USING fts5(claim_key,"
        " tokenize='unicode61 remove_diacritics 2')"
    )
    connection.executemany(
        "INSERT INTO factcheck_fts(rowid, claim_key) VALUES (?, ?)",
        [(1, matching_key("مقتل 33 جنديا تركيا في إدلب")), (2, matching_key("Cats can fly"))],
    )
    rows = connection.execute(
        "SELECT rowid FROM factcheck_fts WHERE factcheck_fts MATCH ? ORDER BY bm25(factcheck_fts)",
        (fts_query("مقتل الجنود الأتراك في إدلب"),),
    ).fetchall()
    assert rows[0][0] == 1


def test_fts_query_caps_the_number_of_terms() -> None:
    text = " ".join(f"word{number}x" for number in range(200))
    assert fts_query(text, max_terms=10).count(" OR ") == 9


def _candidate(
    factcheck_id: int, text: str, score: float, published: date | None = None
) -> Candidate:
    return Candidate(
        factcheck_id=factcheck_id,
        text=text,
        retrieval_score=score,
        published=published,
        rating="False",
        external_id=f"fc-{factcheck_id}",
    )


LONG_QUERY = "Video shows a ten meter long anaconda swimming across a river in Brazil this week"


def test_rerank_puts_the_closest_fact_check_first_with_scores_between_0_and_1() -> None:
    candidates = [
        _candidate(1, "Anacondas live in Brazil", -9.0),
        _candidate(
            2, "A video shows a ten meter long anaconda swimming across a river in Brazil", -8.5
        ),
    ]
    ranked = rerank(LONG_QUERY, candidates, settings=SETTINGS, today=TODAY, lang="en")
    assert [match.factcheck_id for match in ranked] == [2, 1]
    assert all(0.0 <= match.score <= 1.0 for match in ranked)
    assert ranked[0].external_id == "fc-2" and ranked[0].rating == "False"


def test_close_recent_match_on_a_long_query_is_strong() -> None:
    candidates = [
        _candidate(2, LONG_QUERY, -8.5, published=date(2025, 5, 1)),
        _candidate(1, "Anacondas live in Brazil", -2.0),
    ]
    ranked = rerank(LONG_QUERY, candidates, settings=SETTINGS, today=TODAY, lang="en")
    assert ranked[0].tier == "strong"
    assert ranked[1].tier != "strong"


def test_old_fact_check_or_short_query_drops_strong_to_suggest() -> None:
    old = [_candidate(2, LONG_QUERY, -8.5, published=date(2015, 5, 1))]
    assert rerank(LONG_QUERY, old, settings=SETTINGS, today=TODAY)[0].tier == "suggest"
    short_query = "Anaconda swimming in Brazil"
    short = [_candidate(2, short_query, -8.5, published=date(2025, 5, 1))]
    assert rerank(short_query, short, settings=SETTINGS, today=TODAY)[0].tier == "suggest"


def test_flagged_pair_is_never_strong() -> None:
    query = "Officials said 13 soldiers were killed in the attack on the base near Idlib last week"
    candidates = [_candidate(1, query.replace("13", "33"), -8.0, published=date(2025, 5, 20))]
    match = rerank(query, candidates, settings=SETTINGS, today=TODAY, lang="en")[0]
    assert match.flags and match.flags[0].kind == "numbers"
    assert match.tier == "suggest"


def test_unrelated_candidate_is_weak() -> None:
    candidates = [
        _candidate(1, "Lottery winner gives away his house to charity in Ohio", -1.0),
        _candidate(2, "Sharks seen swimming in flooded streets of Houston", -3.0),
    ]
    ranked = rerank(LONG_QUERY, candidates, settings=SETTINGS, today=TODAY, lang="en")
    assert ranked[-1].tier == "weak"


def test_ts_rank_scores_can_be_higher_is_better() -> None:
    settings = MatchSettings(retrieval_higher_is_better=True, lexical_weight=0.0, date_weight=0.0)
    candidates = [_candidate(1, "alpha", 0.1), _candidate(2, "beta", 0.9)]
    ranked = rerank("gamma", candidates, settings=settings, today=TODAY)
    assert ranked[0].factcheck_id == 2 and ranked[0].retrieval == 1.0


def test_claim_date_favours_the_fact_check_published_soon_after() -> None:
    text = "Photo shows the president sleeping during the summit"
    candidates = [
        _candidate(1, text, -5.0, published=date(2019, 3, 1)),
        _candidate(2, text, -5.0, published=date(2024, 3, 10)),
    ]
    ranked = rerank(text, candidates, settings=SETTINGS, today=TODAY, claim_date=date(2024, 3, 5))
    assert ranked[0].factcheck_id == 2


def test_empty_candidate_list_gives_no_matches() -> None:
    assert rerank("anything", [], settings=SETTINGS, today=TODAY) == []


@pytest.mark.datasets
def test_arabic_disagree_pairs_get_flags_more_often_than_agree_pairs() -> None:
    path = DATASETS / "claim-pairs-ar" / "dev.csv"
    if not path.exists():
        pytest.skip(f"dataset not available at {path}")
    with path.open(encoding="utf-8") as handle:
        pairs = list(csv.DictReader(handle))
    rates: dict[str, float] = {}
    for stance in ("agree", "disagree"):
        chosen = [pair for pair in pairs if pair["stance"] == stance]
        flagged = sum(bool(difference_flags(pair["s2"], pair["s1"], "ar")) for pair in chosen)
        rates[stance] = flagged / len(chosen)
    assert rates["agree"] < 0.1
    assert rates["disagree"] > 3 * rates["agree"]
