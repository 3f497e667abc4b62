"""Tests for cross-script source identity: skeletons, name matching and known agencies."""

from __future__ import annotations

import pytest

from workbench.core.source_identity import (
    NameCandidate,
    agency_for,
    match_name,
    skeleton,
)

PESKOV = NameCandidate("peskov", ("Dmitry Peskov", "دميتري بيسكوف"), "person")
PUTIN = NameCandidate("putin", ("Vladimir Putin",), "person")
REUTERS = NameCandidate("reuters", ("Reuters",), "news_agency")


@pytest.mark.parametrize(
    "spellings",
    [
        ("Peskov", "بيسكوف", "Песков"),
        ("Erdogan", "Erdoğan", "أردوغان", "Эрдоган"),
        ("Putin", "بوتين", "Путин"),
        ("Omer Bolat", "Ömer Bolat", "عمر بولاط"),
        ("Dmitry Peskov", "دميتري بيسكوف", "Дмитрий Песков"),
        ("Lavrov", "لافروف", "Лавров"),
        ("Reuters", "رويترز"),
        ("Anadolu", "الأناضول"),
    ],
)
def test_one_name_written_in_several_scripts_shares_a_skeleton(spellings: tuple[str, ...]) -> None:
    skeletons = {skeleton(spelling) for spelling in spellings}
    assert len(skeletons) == 1
    assert skeletons.pop()


@pytest.mark.parametrize(
    ("first", "second"),
    [("Peskov", "Putin"), ("Lavrov", "Lavrentiev"), ("بيسكوف", "بوتين"), ("Erdogan", "Bolat")],
)
def test_different_names_keep_different_skeletons(first: str, second: str) -> None:
    assert skeleton(first) != skeleton(second)


def test_titles_and_arabic_articles_do_not_change_a_skeleton() -> None:
    assert skeleton("President Putin") == skeleton("الرئيس بوتين") == skeleton("Putin")
    assert skeleton("al-Assad") == skeleton("الأسد")


def test_surname_only_mention_is_the_same_person_in_any_script() -> None:
    for mention in ("Peskov", "بيسكوف", "Песков"):
        found = match_name(mention, "person", [PUTIN, PESKOV])
        assert found is not None
        assert (found.key, found.decision) == ("peskov", "same")


def test_feminine_surname_is_at_most_a_suggestion() -> None:
    found = match_name("Peskova", "person", [PESKOV])
    assert found is not None
    assert found.decision == "suggest"


def test_given_name_alone_is_only_a_suggestion() -> None:
    found = match_name("Dmitry", "person", [PESKOV])
    assert found is not None
    assert found.decision == "suggest"


def test_common_one_word_name_is_only_a_suggestion() -> None:
    found = match_name("Smith", "person", [NameCandidate("smith", ("John Smith",), "person")])
    assert found is not None
    assert found.decision == "suggest"


def test_surname_shared_by_two_candidates_is_only_a_suggestion() -> None:
    elena = NameCandidate("elena", ("Yelena Peskov",), "person")
    found = match_name("Peskov", "person", [PESKOV, elena])
    assert found is not None
    assert found.decision == "suggest"


def test_full_name_across_scripts_and_accents_is_the_same_person() -> None:
    erdogan = NameCandidate("erdogan", ("رجب طيب أردوغان",), "person")
    bolat = NameCandidate("bolat", ("عمر بولاط",), "person")
    assert match_name("Erdoğan", "person", [erdogan]) is not None
    found = match_name("Ömer Bolat", "person", [erdogan, bolat])
    assert found is not None
    assert (found.key, found.decision) == ("bolat", "same")


def test_unrelated_person_does_not_match() -> None:
    assert (
        match_name("Lavrentiev", "person", [NameCandidate("l", ("Sergey Lavrov",), "person")])
        is None
    )
    assert match_name("Peskov", "person", [PUTIN]) is None


def test_a_person_never_matches_an_agency() -> None:
    assert match_name("Reuters", "person", [REUTERS]) is None


def test_anonymous_sources_match_nothing() -> None:
    anonymous = NameCandidate("x", ("مصدر دبلوماسي تركي",), "anonymous")
    assert match_name("مصدر دبلوماسي تركي", "anonymous", [anonymous, PESKOV]) is None


def test_agency_with_its_arabic_head_word_matches_the_latin_name() -> None:
    found = match_name("وكالة رويترز", "news_agency", [REUTERS])
    assert found is not None
    assert (found.key, found.decision) == ("reuters", "same")


def test_quoted_arabic_agency_and_latin_name_resolve_to_one_agency() -> None:
    quoted = agency_for("وكالة “رويترز”")
    latin = agency_for("Reuters")
    assert quoted is not None
    assert quoted == latin
    assert quoted.kind == "news_agency"
    assert quoted.wikidata == "Q130879"


def test_agency_abbreviations_and_outlets_are_known() -> None:
    afp = agency_for("أ ف ب")
    assert afp is not None
    assert afp == agency_for("Agence France-Presse") == agency_for("فرانس برس")
    jazeera = agency_for("قناة الجزيرة")
    assert jazeera is not None
    assert jazeera.kind == "outlet"


def test_unknown_name_is_not_an_agency() -> None:
    assert agency_for("دميتري بيسكوف") is None
    assert agency_for("وكالة غير معروفة") is None
