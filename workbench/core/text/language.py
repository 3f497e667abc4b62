"""Tell the script, language and writing direction of a piece of text, cheaply."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from workbench.core.data import load_language_data

__all__ = ["detect_language", "dominant_script", "is_rtl", "script_of", "sentence_language"]

# Runs rather than single letters: counting the lengths of a few runs is cheaper than a list
# holding every letter.
_ARABIC_LETTERS = re.compile(
    r"[\u0620-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff"
    r"\u0750-\u077f\u08a0-\u08c9\ufb50-\ufd3d\ufd50-\ufdfb\ufe70-\ufefc]+"
)
_LATIN_LETTERS = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]+")
_LETTERS = re.compile(r"[^\W\d_]+")
_LATIN_WORD = re.compile(r"[a-z\u00e0-\u00f6\u00f8-\u024f]+")

# A script holding this share of the letters names the text; below it the text is "mixed".
_DOMINANT_SHARE = 0.8
# Share of English function words among the words of English running text (usually 0.3-0.5).
_ENGLISH_FUNCTION_WORD_SHARE = 0.15


@dataclass(frozen=True, slots=True)
class _LetterCounts:
    """How many letters of each script a text holds."""

    arabic: int
    latin: int
    total: int


def _count(letters: re.Pattern[str], text: str) -> int:
    return sum(map(len, letters.findall(text)))


def _count_letters(text: str) -> _LetterCounts:
    return _LetterCounts(
        arabic=_count(_ARABIC_LETTERS, text),
        latin=_count(_LATIN_LETTERS, text),
        total=_count(_LETTERS, text),
    )


def script_of(text: str) -> str:
    """Return "arabic", "latin", "mixed", "other", or "none" for text without letters."""
    counts = _count_letters(text)
    if counts.total == 0:
        return "none"
    other = max(counts.total - counts.arabic - counts.latin, 0)
    share_needed = _DOMINANT_SHARE * counts.total
    if counts.arabic >= share_needed:
        return "arabic"
    if counts.latin >= share_needed:
        return "latin"
    if other >= share_needed:
        return "other"
    return "mixed"


def dominant_script(text: str) -> str:
    """Return the script with the most letters: "arabic", "cyrillic" or "latin" (the default).

    Unlike :func:`script_of` there is no "mixed": a name written in two scripts is compared
    in the one it mostly uses.
    """
    arabic = cyrillic = latin = 0
    for char in text:
        code = ord(char)
        if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F:
            arabic += 1
        elif 0x0400 <= code <= 0x04FF:
            cyrillic += 1
        elif char.isalpha():
            latin += 1
    if arabic >= cyrillic and arabic >= latin and arabic:
        return "arabic"
    if cyrillic >= latin and cyrillic:
        return "cyrillic"
    return "latin"


@dataclass(frozen=True, slots=True)
class _FunctionWords:
    """English function words, and other languages' ones that are not English."""

    english: frozenset[str]
    not_english: frozenset[str]


@dataclass(frozen=True, slots=True)
class _LoadedFunctionWords:
    """Function words and the data table they were built from."""

    source: dict[str, Any]
    words: _FunctionWords


_loaded_function_words: dict[str, _LoadedFunctionWords] = {}


def _function_words() -> _FunctionWords:
    """Return the word lists, rebuilt when a newsroom extends the English file."""
    data = load_language_data("stopwords", "en")
    loaded = _loaded_function_words.get("en")
    if loaded is None or loaded.source is not data:

        def folded(*keys: str) -> frozenset[str]:
            return frozenset(str(word).casefold() for key in keys for word in data.get(key, []))

        words = _FunctionWords(english=folded("words", "kept"), not_english=folded("not_english"))
        loaded = _LoadedFunctionWords(source=data, words=words)
        _loaded_function_words["en"] = loaded
    return loaded.words


def detect_language(text: str) -> str:
    """Return "ar", "en", or "und" when the language cannot be told.

    Arabic when Arabic-script letters are the majority; English when Latin letters are the
    majority and enough of the words are English function words.
    """
    if text.isascii():
        # ASCII letters are all Latin and none Arabic: the words alone decide, and a text
        # without them has no letters at all.
        words = _LATIN_WORD.findall(text.lower())
        if not words:
            return "und"
    else:
        letters = "".join(_LETTERS.findall(text))
        total = len(letters)
        if total == 0:
            return "und"
        if not letters.isascii():
            if _count(_ARABIC_LETTERS, text) * 2 > total:
                return "ar"
            if _count(_LATIN_LETTERS, text) * 2 <= total:
                return "und"
        words = _LATIN_WORD.findall(text.casefold())
    function_words = _function_words()
    english_hits = sum(map(function_words.english.__contains__, words))
    foreign_hits = sum(map(function_words.not_english.__contains__, words))
    if english_hits == 0 or foreign_hits > english_hits:
        return "und"
    return "en" if english_hits >= _ENGLISH_FUNCTION_WORD_SHARE * len(words) else "und"


def sentence_language(text: str, article_language: str) -> str:
    """Return the detected language of a sentence, or the article's when it cannot be told."""
    # Two cases settle it without a count. ASCII text is never Arabic, so an English
    # article's ASCII sentence is English either way. Without a Latin word English cannot be
    # detected, so an Arabic article's sentence stays Arabic.
    if article_language == "en" and text.isascii():
        return "en"
    if article_language == "ar" and _LATIN_WORD.search(text.casefold()) is None:
        return "ar"
    detected = detect_language(text)
    return article_language if detected == "und" else detected


_STRONG_RIGHT_TO_LEFT = frozenset({"R", "AL"})


def is_rtl(text: str) -> bool:
    """Return whether the first strongly directional character is right-to-left."""
    for character in text:
        direction = unicodedata.bidirectional(character)
        if direction == "L":
            return False
        if direction in _STRONG_RIGHT_TO_LEFT:
            return True
    return False
