"""Tests for finding numbers in Arabic and English text."""

from pathlib import Path

import pytest

from workbench.core.text.numbers import NumberMention, extract_numbers

SEED_ARTICLE = Path("/work/shared/seed/000_4489f4de29ce8df6.txt")


def only(text: str, lang: str | None = None) -> NumberMention:
    mentions = extract_numbers(text, lang)
    assert len(mentions) == 1, mentions
    return mentions[0]


def values(text: str, lang: str | None = None) -> list[float]:
    return [mention.value for mention in extract_numbers(text, lang)]


def test_every_mention_text_is_the_source_slice() -> None:
    text = "قال الوزير إن ثَلاثَةَ عَشَرَ جُنْدِيًّا و270.6 مليار دولار، و$2.5bn and twenty-one."
    mentions = extract_numbers(text)
    assert len(mentions) == 4
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text


def test_billions_of_dollars_in_arabic_carry_scale_and_currency() -> None:
    mention = only("صادرات تركيا بلغت 270.6 مليار دولار هذا العام")
    assert mention.value == pytest.approx(270.6e9)
    assert mention.unit == "USD"
    assert mention.text == "270.6 مليار دولار"


def test_dollar_sign_and_bn_abbreviation() -> None:
    mention = only("The deal is worth $2.5bn, officials said.")
    assert mention.value == pytest.approx(2.5e9)
    assert mention.unit == "USD"
    assert mention.text == "$2.5bn"


def test_m_after_a_currency_is_million() -> None:
    assert only("a £5m grant").value == pytest.approx(5e6)
    assert only("a £5m grant").unit == "GBP"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("نما الاقتصاد 3.7 بالمئة", 3.7),
        ("نما الاقتصاد 3.7 بالمائة", 3.7),
        ("نما الاقتصاد 3.7 في المئة", 3.7),
        ("نما الاقتصاد ٣٫٧٪", 3.7),
        ("growth of 10%", 10.0),
        ("growth of 4 per cent", 4.0),
        ("growth of five percent", 5.0),
    ],
)
def test_percentages_in_every_written_form(text: str, expected: float) -> None:
    mention = only(text)
    assert mention.value == pytest.approx(expected)
    assert mention.unit == "%"


def test_arabic_indic_and_persian_digits_with_separators() -> None:
    assert values("١٬٢٥٠٬٠٠٠ شخص") == [1_250_000]
    assert values("۱۲ ماه") == [12]
    assert values("1,000,000 people") == [1_000_000]
    assert values("1\u202f000 people") == [1000]


def test_dates_and_times_are_not_split_into_numbers() -> None:
    assert extract_numbers("04/12/2025") == []
    assert extract_numbers("at 10:30 on 2025-12-04") == []


def test_a_year_is_a_number_without_unit() -> None:
    mention = only("في عام 2025")
    assert mention.value == 2025
    assert mention.unit is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("خمسة جنود", 5),
        ("خمس سنوات", 5),
        ("ثلاثة عشر", 13),
        ("ثَلاثَةَ عَشَرَ", 13),
        ("إحدى عشرة", 11),
        ("اثنا عشر", 12),
        ("عشرون", 20),
        ("عشرين", 20),
        ("خمسة وعشرون", 25),
        ("مئتان وخمسون ألفا", 250_000),
        ("ثلاثمئة", 300),
        ("ثلاث مئة", 300),
        ("ألفان", 2000),
        ("ألفين", 2000),
        ("مليونا", 1_000_000),
        ("ثلاثة آلاف", 3000),
        ("نصف مليون", 500_000),
        ("مليون ونصف", 1_500_000),
        ("ثلاثة ونصف", 3.5),
        ("الثلث", 1 / 3),
        ("نصف", 0.5),
        ("ربع", 0.25),
    ],
)
def test_arabic_number_words(text: str, expected: float) -> None:
    assert values(text) == [pytest.approx(expected)]


def test_conjunction_is_not_part_of_the_mention() -> None:
    mention = only("قتل جندي وخمسة مدنيين")
    assert mention.text == "خمسة"
    assert mention.value == 5


@pytest.mark.parametrize(
    "text",
    [
        "أحد الجنود",
        "لست أدري",
        "يوم الاثنين",
        "الربع الثالث من العام",
        "مئات الآلاف",
        "the 21st century",
        "in the first half of the year",
        "thousands of people",
    ],
)
def test_words_that_look_like_numbers_but_are_not(text: str) -> None:
    assert extract_numbers(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("five", 5),
        ("thirteen", 13),
        ("twenty-one", 21),
        ("two million", 2e6),
        ("one hundred and five", 105),
        ("two million three hundred thousand", 2.3e6),
        ("a third", 1 / 3),
        ("two-thirds", 2 / 3),
        ("half", 0.5),
        ("a dozen", 12),
        ("Twelve hundred", 1200),
    ],
)
def test_english_number_words(text: str, expected: float) -> None:
    assert values(text) == [pytest.approx(expected)]


def test_currencies_before_and_after_in_english() -> None:
    assert [(m.value, m.unit) for m in extract_numbers("€3 billion and 40 euros")] == [
        (pytest.approx(3e9), "EUR"),
        (40, "EUR"),
    ]
    assert only("USD 5 million").unit == "USD"


def test_currency_codes_must_be_written_in_capitals() -> None:
    assert only("try 5 times").unit is None


def test_qualified_arabic_currency_wins_over_the_default() -> None:
    assert only("خمسة وعشرون ألف ليرة سورية").unit == "SYP"
    assert only("500 ليرة تركية").unit == "TRY"
    assert only("20 جنيها مصريا").unit == "EGP"


def test_language_can_be_restricted() -> None:
    assert values("five خمسة", "ar") == [5]
    assert values("five خمسة", "en") == [5]
    assert values("five خمسة") == [5, 5]


@pytest.mark.skipif(not SEED_ARTICLE.is_file(), reason="the seed article is not on this machine")
def test_seed_article_numbers() -> None:
    found = {(m.text, m.value, m.unit) for m in extract_numbers(SEED_ARTICLE.read_text("utf-8"))}
    assert ("13", 13, None) in found
    assert ("خمسة", 5, None) in found
    assert ("270.6 مليار دولار", 270.6e9, "USD") in found
    assert ("3.7 بالمئة", 3.7, "%") in found
    assert ("12", 12, None) in found
    assert not any(m.value in {4, 2025} for m in extract_numbers(SEED_ARTICLE.read_text("utf-8")))
