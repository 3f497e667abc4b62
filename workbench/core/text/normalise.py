"""Fold Arabic and Latin text into matching keys: normalised, tokenised, stopword-free, stemmed."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from workbench.core.data import load_language_data

__all__ = [
    "ALEF_FOLDS",
    "ARABIC_DIGIT_FOLDS",
    "ARABIC_MARKS",
    "ARABIC_MARK_CHARACTERS",
    "PERSIAN_DIGIT_FOLDS",
    "arabic_light_stem",
    "english_stem",
    "matching_key",
    "normalise",
    "stem_tokens",
    "tokens",
]


# Pieces of the Arabic fold shared by the lighter folds elsewhere in the core (page chrome,
# attribution, names), which keep their own output shape but must agree on these sets.
ARABIC_MARK_CHARACTERS = "".join(
    chr(code_point)
    for code_point in (*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, 0x0640)
) + "".join(chr(code_point) for code_point in range(0x06D6, 0x06EE))
"""Harakat, honorific signs, superscript alef, tatweel and Quranic marks."""
ARABIC_MARKS = f"[{ARABIC_MARK_CHARACTERS}]"
"""A regex character class of :data:`ARABIC_MARK_CHARACTERS`."""
ALEF_FOLDS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"}
"""Hamzated and wasla alef forms, each to the bare alef."""
ARABIC_DIGIT_FOLDS = {chr(0x0660 + digit): str(digit) for digit in range(10)}
"""Arabic-Indic digits, each to its ASCII digit."""
PERSIAN_DIGIT_FOLDS = {chr(0x06F0 + digit): str(digit) for digit in range(10)}
"""Eastern Arabic-Indic (Persian, Urdu) digits, each to its ASCII digit."""

# Folds applied after NFKC and casefolding, character by character.
_REMOVED_RANGES = (
    (0x064B, 0x065F),  # harakat, tanwin, shadda, sukun, hamza above/below
    (0x0670, 0x0670),  # superscript alef
    (0x06D6, 0x06ED),  # Quranic annotation marks
    (0x0610, 0x061A),  # honorific and small high signs
    (0x08D3, 0x08E1),  # extended Arabic annotation marks
    (0x08E3, 0x08FF),  # extended Arabic tashkeel
    (0x0640, 0x0640),  # tatweel
    (0x0300, 0x036F),  # Latin combining diacritics (decomposed text, casefolded "İ")
    (0x200B, 0x200F),  # zero-width space, ZWNJ, ZWJ, LRM, RLM
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x2064),  # word joiner and invisible operators
    (0x2066, 0x206F),  # bidi isolates and deprecated format characters
    (0xFEFF, 0xFEFF),  # byte order mark
    (0x061C, 0x061C),  # Arabic letter mark
    (0x00AD, 0x00AD),  # soft hyphen
)
# Hamza on a seat is spelled both ways in news (مسؤول / مسئول, شؤون / شئون), so both seats
# fold to the bare hamza rather than to two different letters.
_LETTER_FOLDS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ى": "ي",
    "ی": "ي",
    "ة": "ه",
    "ؤ": "ء",
    "ئ": "ء",
    "ک": "ك",
    "ڤ": "ف",
    "پ": "ب",
    "چ": "ج",
    "گ": "ك",
    "٫": ".",
    "٬": ",",
    "،": ",",
    "؛": ";",
    "؟": "?",
    "٪": "%",
    "۔": ".",
    "ı": "i",
    "ø": "o",
    "đ": "d",
    "ł": "l",
    "ħ": "h",
    "æ": "ae",
    "œ": "oe",
    "þ": "th",
    "ð": "d",
}
_LATIN_PRECOMPOSED_RANGES = ((0x00C0, 0x024F), (0x1E00, 0x1EFF))
# Ideographs, syllables and private use need no folding; skipping them keeps the build short.
_UNCHANGED_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3), (0xD800, 0xF8FF))
# Latin, Greek, Cyrillic, Hebrew, Arabic blocks and general punctuation.
_COMMON_RANGES = ((0x0000, 0x08FF), (0x2000, 0x20FF))


def _letter_fold(character: str) -> str:
    code_point = ord(character)
    if any(first <= code_point <= last for first, last in _REMOVED_RANGES):
        return ""
    if character in _LETTER_FOLDS:
        return _LETTER_FOLDS[character]
    if 0x0660 <= code_point <= 0x0669:
        return str(code_point - 0x0660)
    if 0x06F0 <= code_point <= 0x06F9:
        return str(code_point - 0x06F0)
    if any(first <= code_point <= last for first, last in _LATIN_PRECOMPOSED_RANGES):
        base = unicodedata.normalize("NFD", character)[0]
        if base.isascii() and base.isalpha():
            return base
    return character


def _keep_or_separate(character: str) -> str:
    if character.isalnum() or character in ".," or unicodedata.category(character) in ("Mn", "Mc"):
        return character
    # Punctuation, symbols, spaces, controls and "_" separate tokens.
    return " "


def _fold(character: str) -> str:
    compatible = unicodedata.normalize("NFKC", character)
    folded = unicodedata.normalize("NFKC", compatible.casefold())
    letters = "".join(_letter_fold(part) for part in folded)
    return "".join(_keep_or_separate(part) for part in letters)


@cache
def _fold_table() -> dict[int, str]:
    """Return the translation table doing NFKC, casefolding and all folds in one pass."""
    table: dict[int, str] = {}
    for code_point in range(0x10000):
        if any(first <= code_point <= last for first, last in _UNCHANGED_RANGES):
            continue
        character = chr(code_point)
        folded = _fold(character)
        if folded != character:
            table[code_point] = folded
    # str.translate is twice as fast when common characters are found rather than missed.
    for first, last in _COMMON_RANGES:
        for code_point in range(first, last + 1):
            table.setdefault(code_point, chr(code_point))
    return table


def _fold_astral(found: re.Match[str]) -> str:
    return "".join(_fold(character) for character in found.group())


# Characters outside the first plane (emoji, mathematical letters) are rare: folded one by one.
_ASTRAL_RUN = re.compile(r"[\U00010000-\U0010ffff]+")
# A dot or comma stays only between two digits (3.7, 270.6, 1,000).
_DOT_OR_COMMA_OUTSIDE_NUMBER = re.compile(r"[.,](?:(?<!\d[.,])|(?!\d))")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff]")


def _folded_tokens(text: str) -> list[str]:
    # NFKC and casefolding are folded into the table character by character. The one
    # difference from whole-string NFKC is composition (e + U+0301, alef + U+0654), and it
    # vanishes here because the marks that would compose are removed anyway.
    folded = text.translate(_fold_table())
    if not folded.isascii() and _ASTRAL_RUN.search(folded) is not None:
        folded = _ASTRAL_RUN.sub(_fold_astral, folded)
    if "." in folded or "," in folded:
        folded = _DOT_OR_COMMA_OUTSIDE_NUMBER.sub(" ", folded)
    return folded.split()


def normalise(text: str) -> str:
    """Return the text folded for matching (never for display): one space between tokens."""
    return " ".join(_folded_tokens(text))


def tokens(text: str) -> list[str]:
    """Return the normalised tokens of the text."""
    return _folded_tokens(text)


# Larkey, Ballesteros & Connell's light10, on normalised text (ة is already ه, ى already ي).
_ARABIC_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
_ARABIC_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")


@lru_cache(maxsize=65536)
def arabic_light_stem(token: str) -> str:
    """Return a light stem of a normalised Arabic token (Larkey's light10 rules)."""
    stem = token
    if stem.startswith("و") and len(stem) >= 4:
        stem = stem[1:]
    for article in _ARABIC_ARTICLES:
        if stem.startswith(article) and len(stem) - len(article) >= 2:
            stem = stem[len(article) :]
            break
    for suffix in _ARABIC_SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 2:
            stem = stem[: -len(suffix)]
    return stem


def _is_consonant(word: str, index: int) -> bool:
    letter = word[index]
    if letter in "aeiou":
        return False
    if letter == "y":
        return index == 0 or not _is_consonant(word, index - 1)
    return True


def _measure(stem: str) -> int:
    """Return Porter's m: the number of vowel-consonant sequences in the stem."""
    count = 0
    previous_was_vowel = False
    for index in range(len(stem)):
        is_vowel = not _is_consonant(stem, index)
        if previous_was_vowel and not is_vowel:
            count += 1
        previous_was_vowel = is_vowel
    return count


def _has_vowel(stem: str) -> bool:
    return any(not _is_consonant(stem, index) for index in range(len(stem)))


def _ends_double_consonant(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and _is_consonant(word, len(word) - 1)


def _ends_cvc(word: str) -> bool:
    return (
        len(word) >= 3
        and _is_consonant(word, len(word) - 3)
        and not _is_consonant(word, len(word) - 2)
        and _is_consonant(word, len(word) - 1)
        and word[-1] not in "wxy"
    )


_STEP2_SUFFIXES = (
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("abli", "able"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
)
_STEP3_SUFFIXES = (
    ("icate", "ic"),
    ("ative", ""),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
)
_STEP4_SUFFIXES = (
    "al",
    "ance",
    "ence",
    "er",
    "ic",
    "able",
    "ible",
    "ant",
    "ement",
    "ment",
    "ent",
    "ion",
    "ou",
    "ism",
    "ate",
    "iti",
    "ous",
    "ive",
    "ize",
)


# Porter considers only the longest matching suffix of a step.
_STEP2_RULES = tuple(sorted(_STEP2_SUFFIXES, key=lambda rule: len(rule[0]), reverse=True))
_STEP3_RULES = tuple(sorted(_STEP3_SUFFIXES, key=lambda rule: len(rule[0]), reverse=True))
_STEP4_RULES = tuple(sorted(_STEP4_SUFFIXES, key=len, reverse=True))


def _replace_suffix(word: str, rules: tuple[tuple[str, str], ...], minimum_measure: int) -> str:
    # A failed condition on the longest matching suffix ends the step: shorter ones are not tried.
    for suffix, replacement in rules:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            return stem + replacement if _measure(stem) > minimum_measure else word
    return word


def _step1(word: str) -> str:
    if word.endswith(("sses", "ies")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]

    removed_ending = False
    if word.endswith("eed"):
        if _measure(word[:-3]) > 0:
            word = word[:-1]
    elif word.endswith("ed") and _has_vowel(word[:-2]):
        word, removed_ending = word[:-2], True
    elif word.endswith("ing") and _has_vowel(word[:-3]):
        word, removed_ending = word[:-3], True
    if removed_ending:
        if word.endswith(("at", "bl", "iz")):
            word += "e"
        elif _ends_double_consonant(word) and word[-1] not in "lsz":
            word = word[:-1]
        elif _measure(word) == 1 and _ends_cvc(word):
            word += "e"

    if word.endswith("y") and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    return word


def _step4(word: str) -> str:
    for suffix in _STEP4_RULES:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            if _measure(stem) > 1 and (suffix != "ion" or stem.endswith(("s", "t"))):
                return stem
            return word
    return word


def _step5(word: str) -> str:
    if word.endswith("e"):
        stem = word[:-1]
        measure = _measure(stem)
        if measure > 1 or (measure == 1 and not _ends_cvc(stem)):
            word = stem
    if word.endswith("ll") and _measure(word) > 1:
        word = word[:-1]
    return word


@lru_cache(maxsize=65536)
def english_stem(token: str) -> str:
    """Return the Porter (1980) stem of a lower-case English token."""
    if len(token) <= 2 or not token.isascii() or not token.isalpha():
        return token
    word = _step1(token)
    word = _replace_suffix(word, _STEP2_RULES, 0)
    word = _replace_suffix(word, _STEP3_RULES, 0)
    word = _step4(word)
    return _step5(word)


@dataclass(frozen=True, slots=True)
class _LoadedStopwords:
    """Normalised stopwords of one language and the data table they were built from."""

    source: dict[str, Any]
    words: frozenset[str]


_loaded_stopwords: dict[str, _LoadedStopwords] = {}


def _stopwords(lang: str) -> frozenset[str]:
    """Return the normalised stopwords of a language, rebuilt when a newsroom extends them."""
    data = load_language_data("stopwords", lang)
    loaded = _loaded_stopwords.get(lang)
    if loaded is None or loaded.source is not data:
        words = frozenset(normalise(str(word)) for word in data.get("words", []))
        loaded = _LoadedStopwords(source=data, words=words)
        _loaded_stopwords[lang] = loaded
    return loaded.words


@dataclass(frozen=True, slots=True)
class _TokenStems:
    """Stems already computed for one stemming mode, and the stopword sets they assumed."""

    arabic_stopwords: frozenset[str]
    latin_stopwords: frozenset[str]
    # A stopword maps to "": no token stems to the empty string.
    stems: dict[str, str]


_token_stems: dict[str | None, _TokenStems] = {}
# News vocabulary is a few tens of thousands of forms; past this the cache stops growing.
_MAX_REMEMBERED_TOKENS = 200_000


def _stem_of(token: str, stems: _TokenStems, *, stem_latin: bool) -> str:
    is_arabic = _ARABIC_LETTER.search(token) is not None
    if token in (stems.arabic_stopwords if is_arabic else stems.latin_stopwords):
        return ""
    if is_arabic:
        return arabic_light_stem(token)
    return english_stem(token) if stem_latin else token


def stem_tokens(text: str, lang: str | None = None) -> list[str]:
    """Return the stems of the text's tokens without stopwords.

    With ``lang`` None each token is treated by its script: Arabic tokens with Arabic
    stopwords and light stemming, Latin tokens with English stopwords and Porter stemming.
    With a language code, that language's stopwords are dropped; Latin tokens are Porter-stemmed
    only for "en", and Arabic tokens are always light-stemmed.
    """
    if lang is None:
        arabic_stopwords, latin_stopwords = _stopwords("ar"), _stopwords("en")
    else:
        arabic_stopwords = latin_stopwords = _stopwords(lang)
    remembered = _token_stems.get(lang)
    if (
        remembered is None
        or remembered.arabic_stopwords is not arabic_stopwords
        or remembered.latin_stopwords is not latin_stopwords
    ):
        remembered = _TokenStems(arabic_stopwords, latin_stopwords, {})
        _token_stems[lang] = remembered
    known = remembered.stems
    stem_latin = lang in (None, "en")
    text_tokens = tokens(text)
    stems = list(map(known.get, text_tokens))
    if None in stems:
        for index, token in enumerate(text_tokens):
            if stems[index] is None:
                stem = _stem_of(token, remembered, stem_latin=stem_latin)
                if len(known) < _MAX_REMEMBERED_TOKENS:
                    known[token] = stem
                stems[index] = stem
    # Stopwords stem to "", which filter drops.
    return list(filter(None, stems))


def matching_key(text: str) -> str:
    """Return the folded, stemmed text stored beside a claim and used by full-text search."""
    return " ".join(stem_tokens(text))
