"""Tests for folding text into matching keys: normalising, tokens, stemming, stopwords."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.core import data as language_data
from workbench.core.text.normalise import (
    arabic_light_stem,
    english_stem,
    matching_key,
    normalise,
    stem_tokens,
    tokens,
)

# --- normalise: Arabic ---------------------------------------------------------------------


def test_harakat_and_shadda_are_removed_without_splitting_words() -> None:
    assert normalise("الرَّئِيسُ الرُّوسِيُّ") == "الرءيس الروسي"


def test_superscript_alef_quranic_marks_and_tatweel_are_removed() -> None:
    assert normalise("هٰذا") == "هذا"
    assert normalise("الرَّحِيمِ ۝ قُلْ ۖ") == "الرحيم قل"
    assert normalise("تـــركـيـا") == "تركيا"


@pytest.mark.parametrize("alef", ["أ", "إ", "آ", "ٱ", "ا"])
def test_alef_forms_unify_to_bare_alef(alef: str) -> None:
    assert normalise(f"{alef}حمد") == "احمد"


def test_alef_maqsura_and_ta_marbuta_fold() -> None:
    assert normalise("إلى مستشفى المدرسة") == "الي مستشفي المدرسه"


def test_hamza_on_waw_and_on_ya_fold_alike_so_spelling_variants_match() -> None:
    assert normalise("مسؤول") == normalise("مسئول") == "مسءول"
    assert normalise("شؤون") == normalise("شئون")


def test_arabic_indic_and_persian_digits_become_ascii() -> None:
    assert normalise("٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹") == "0123456789 0123456789"


def test_arabic_decimal_and_thousands_separators_become_ascii_and_stay_in_numbers() -> None:
    assert normalise("نما ٣٫٧ بالمئة من ١٬٠٠٠") == "نما 3.7 بالمءه من 1,000"


def test_arabic_punctuation_separates_tokens() -> None:
    assert normalise("قال، ثم؛ هل؟ نعم") == "قال ثم هل نعم"


def test_presentation_forms_and_ligatures_fold_through_nfkc() -> None:
    assert normalise("ﻻ ﺑﻴﺖ") == "لا بيت"


# --- normalise: Latin and general ----------------------------------------------------------


def test_latin_is_casefolded_and_stripped_of_diacritics() -> None:
    assert normalise("Café ÉCOLE Straße Erdoğan İstanbul Señor") == (
        "cafe ecole strasse erdogan istanbul senor"
    )


def test_decomposed_and_precomposed_accents_match() -> None:
    assert normalise("cafe\u0301") == normalise("café") == "cafe"


def test_punctuation_becomes_space_but_numbers_keep_their_points_and_commas() -> None:
    assert normalise("It grew 3.7% to 270.6bn (1,000,000 jobs).") == (
        "it grew 3.7 to 270.6bn 1,000,000 jobs"
    )


def test_points_and_commas_outside_numbers_separate_tokens() -> None:
    assert normalise("reuters.com, a.b 5. .5 3..7 x_y") == "reuters com a b 5 5 3 7 x y"


def test_whitespace_is_collapsed_and_stripped() -> None:
    assert normalise("  one \t two\n\nthree\u00a0four  ") == "one two three four"


def test_invisible_format_characters_are_removed() -> None:
    assert normalise("\u200fقال\u200e ال\u200cنص\ufeff") == "قال النص"


def test_emoji_and_symbols_separate_tokens() -> None:
    assert normalise("great😀news ✔ ok") == "great news ok"


def test_fullwidth_and_circled_characters_fold() -> None:
    assert normalise("ＡＢＣ ①") == "abc 1"


def test_empty_and_punctuation_only_text_normalise_to_nothing() -> None:
    assert normalise("") == ""
    assert normalise(" ... !! ،") == ""
    assert tokens("") == []


def test_tokens_are_the_words_of_the_normalised_text() -> None:
    assert tokens("قال الرَّئيس: 3.7 Percent!") == ["قال", "الرءيس", "3.7", "percent"]


# --- Arabic light stemming -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "stem"),
    [
        ("الرءيس", "رءيس"),
        ("والرءيس", "رءيس"),
        ("بالمدرسه", "مدرس"),
        ("كالبيت", "بيت"),
        ("فالكتاب", "كتاب"),
        ("للمدرسه", "مدرس"),
        ("كتابات", "كتاب"),
        ("معلمون", "معلم"),
        ("معلمين", "معلم"),
        ("مدرستها", "مدرست"),
        ("الروسيه", "روس"),
        ("الروسي", "روس"),
        ("لاعبان", "لاعب"),
    ],
)
def test_arabic_light_stem_strips_articles_conjunctions_and_suffixes(token: str, stem: str) -> None:
    assert arabic_light_stem(token) == stem


@pytest.mark.parametrize("token", ["من", "ان", "وفد", "هو"])
def test_arabic_light_stem_leaves_short_tokens_alone(token: str) -> None:
    assert arabic_light_stem(token) == token


def test_arabic_light_stem_never_leaves_fewer_than_two_letters() -> None:
    for token in ["الها", "وات", "للي", "بالان", "ينه"]:
        assert len(arabic_light_stem(token)) >= 2


# --- English stemming ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("caresses", "caress"),
        ("ponies", "poni"),
        ("ties", "ti"),
        ("cats", "cat"),
        ("feed", "feed"),
        ("agreed", "agre"),
        ("plastered", "plaster"),
        ("bled", "bled"),
        ("motoring", "motor"),
        ("sing", "sing"),
        ("conflated", "conflat"),
        ("troubled", "troubl"),
        ("sized", "size"),
        ("hopping", "hop"),
        ("tanned", "tan"),
        ("falling", "fall"),
        ("hissing", "hiss"),
        ("fizzed", "fizz"),
        ("failing", "fail"),
        ("filing", "file"),
        ("happy", "happi"),
        ("sky", "sky"),
        ("relational", "relat"),
        ("conditional", "condit"),
        ("rational", "ration"),
        ("generalizations", "gener"),
        ("oscillators", "oscil"),
        ("hopefulness", "hope"),
        ("goodness", "good"),
        ("adjustment", "adjust"),
        ("replacement", "replac"),
        ("adoption", "adopt"),
        ("effective", "effect"),
        ("controll", "control"),
        ("roll", "roll"),
        ("connection", "connect"),
        ("connected", "connect"),
        ("connecting", "connect"),
    ],
)
def test_english_stem_follows_porter(word: str, stem: str) -> None:
    assert english_stem(word) == stem


def test_english_stem_leaves_short_words_and_non_letters_alone() -> None:
    assert english_stem("is") == "is"
    assert english_stem("3.7") == "3.7"
    assert english_stem("covid19") == "covid19"


# --- stopwords, stems and matching keys --------------------------------------------------------


def test_stem_tokens_drops_arabic_stopwords_but_keeps_negations() -> None:
    stems = stem_tokens("أكد بيسكوف على أن الرؤساء لم يتخذا هذا القرار بعد", lang="ar")
    assert "علي" not in stems
    assert "ان" not in stems
    assert "هذا" not in stems
    assert "لم" in stems
    assert "قرار" in stems


def test_stem_tokens_drops_english_stopwords_but_keeps_negations() -> None:
    assert stem_tokens("The talks were not progressing", lang="en") == ["talk", "not", "progress"]


def test_stem_tokens_without_a_language_treats_each_token_by_its_script() -> None:
    assert stem_tokens("قال الرئيس the talks failed في أنقرة") == [
        "قال",
        "رءيس",
        "talk",
        "fail",
        "انقر",
    ]


def test_stem_tokens_for_another_language_does_not_porter_stem_latin_words() -> None:
    assert stem_tokens("Les négociations", lang="fr") == ["les", "negociations"]


def test_matching_key_is_the_same_for_spelling_and_diacritic_variants() -> None:
    assert matching_key("المسؤول الرَّئيس") == matching_key("مسئول الرئيس")
    assert matching_key("إدلب") == matching_key("ادلب")
    assert matching_key("The talks are connected") == matching_key("talk connection")


def test_matching_key_keeps_numbers_whole() -> None:
    key = matching_key("نما الاقتصاد التركي ٣٫٧ بالمئة، وبلغت الصادرات 270.6 مليار دولار")
    assert "3.7" in key.split()
    assert "270.6" in key.split()


def test_matching_key_of_the_empty_text_is_empty() -> None:
    assert matching_key("") == ""


@pytest.fixture
def newsroom_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(language_data, "_extra_dirs", [])
    language_data.load_language_data.cache_clear()
    yield tmp_path
    language_data.load_language_data.cache_clear()


def test_a_newsroom_can_add_stopwords(newsroom_dir: Path) -> None:
    assert stem_tokens("قال المتحدث اليوم", lang="ar") == ["قال", "متحدث", "يوم"]
    (newsroom_dir / "ar").mkdir()
    (newsroom_dir / "ar" / "stopwords.toml").write_text('words = ["اليوم"]\n', encoding="utf-8")
    language_data.register_extra_dir(newsroom_dir)
    assert stem_tokens("قال المتحدث اليوم", lang="ar") == ["قال", "متحدث"]
