"""Tests for telling the script, language and direction of text."""

from __future__ import annotations

import pytest

from workbench.core.text.language import detect_language, is_rtl, script_of

ARABIC_SENTENCE = (
    "أعلن المتحدث باسم الرئاسة الروسية، دميتري بيسكوف، أن الرئيسين لا يعتزمان عقد لقاء."
)
ENGLISH_SENTENCE = "The Kremlin said on Tuesday that the two presidents had no plans to meet."


def test_arabic_text_is_arabic() -> None:
    assert detect_language(ARABIC_SENTENCE) == "ar"
    assert script_of(ARABIC_SENTENCE) == "arabic"


def test_arabic_text_with_a_latin_name_is_still_arabic() -> None:
    text = "ونقلت وكالة Reuters عن مصدر دبلوماسي تركي أن الوفد الروسي غادر تركيا."
    assert detect_language(text) == "ar"
    assert script_of(text) == "arabic"


def test_english_text_is_english() -> None:
    assert detect_language(ENGLISH_SENTENCE) == "en"
    assert script_of(ENGLISH_SENTENCE) == "latin"


def test_a_short_english_headline_with_a_function_word_is_english() -> None:
    assert detect_language("Russia says no plans for Putin-Erdogan meeting") == "en"


@pytest.mark.parametrize(
    "text",
    [
        "Le président a dit que les négociations étaient terminées pour la semaine.",
        "Der Präsident sagte, dass die Gespräche mit der Türkei beendet sind.",
        "El presidente dijo que las conversaciones con Turquía terminaron.",
        "Cumhurbaşkanı bu konuda bir açıklama yaptı ve görüşmeler devam ediyor.",
    ],
)
def test_other_latin_script_languages_are_undetermined(text: str) -> None:
    assert detect_language(text) == "und"
    assert script_of(text) == "latin"


@pytest.mark.parametrize("text", ["", "   ", "04/12/2025", "!!! 3.7 %"])
def test_text_without_letters_has_no_language_and_no_script(text: str) -> None:
    assert detect_language(text) == "und"
    assert script_of(text) == "none"


def test_a_lone_name_is_undetermined() -> None:
    assert detect_language("Erdogan") == "und"


def test_half_arabic_half_latin_text_is_mixed() -> None:
    assert script_of("بوتين Putin أردوغان Erdogan") == "mixed"


def test_text_in_another_script_is_other() -> None:
    assert script_of("Президент сказал") == "other"
    assert detect_language("Президент сказал") == "und"


def test_first_strong_character_decides_the_direction() -> None:
    assert is_rtl(ARABIC_SENTENCE)
    assert not is_rtl(ENGLISH_SENTENCE)
    assert is_rtl("  2025 «قال» Reuters")
    assert not is_rtl("Reuters قال")
    assert is_rtl("שלום")


def test_text_without_strong_characters_is_not_right_to_left() -> None:
    assert not is_rtl("")
    assert not is_rtl("04/12/2025 — 3.7%")
