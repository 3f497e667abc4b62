"""Find numbers in Arabic and English text: digits, number words, scales, percentages, money."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from itertools import repeat
from typing import Any

from workbench.core.data import load_language_data
from workbench.core.text.normalise import ALEF_FOLDS, ARABIC_DIGIT_FOLDS, PERSIAN_DIGIT_FOLDS
from workbench.core.text.patterns import first_character_class, trie_pattern

_NUMBER_LANGUAGES = ("ar", "en")


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number written in a text: where it is, what it is worth and what it counts."""

    text: str
    start: int
    end: int
    value: float
    unit: str | None


# One character for one character, so offsets into the folded text are offsets into the source.
_CHAR_FOLDS = str.maketrans(
    {
        **ARABIC_DIGIT_FOLDS,
        **PERSIAN_DIGIT_FOLDS,
        **ALEF_FOLDS,
        "ى": "ي",
        "ة": "ه",
        "٫": ".",
        "٬": ",",
        "٪": "%",
    }
)
# Diacritics, Quranic marks, tatweel and invisible format characters carry no number meaning.
_IGNORED_MARKS_RE = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640"
    "\u200b-\u200f\u202a-\u202e\u2066-\u2069]+"
)
# Only combining marks belong to the word they follow; bidi controls after a number do not.
_TRAILING_DIACRITICS_RE = re.compile("[\u064b-\u065f\u0670]+")

_SPACE = r"[^\S\n]"
_DATE_OR_TIME = (
    r"(?<![0-9])(?:\d{1,4}(?P<date_separator>[/.\-])\d{1,2}(?P=date_separator)\d{1,4}"
    r"|\d{1,2}:\d{2}(?::\d{2})?)(?![0-9])"
)
# Separators inside digit groups: comma, space, narrow and thin spaces, no-break space.
_DIGIT_GROUP_SEPARATORS = ", \u2009\u202f\u00a0"
# Whole numbers below this have at most twelve digits.
_EXACT_INTEGER_LIMIT = 1e12
_DIGIT_GROUP_SEPARATOR_RE = re.compile(f"[{_DIGIT_GROUP_SEPARATORS}]")
_DIGITS = (
    r"(?<![A-Za-z0-9_.])"
    r"(?:\d{1,3}(?:\.\d{3}){2,}(?![0-9])"
    rf"|\d{{1,3}}(?:[{_DIGIT_GROUP_SEPARATORS}]\d{{3}})+(?![0-9])(?:\.\d+)?"
    r"|\d+(?:\.\d+)?)(?![0-9])"
)


def fold_for_matching(text: str) -> str:
    """Return text folded for matching words: Arabic letter variants unified, marks removed."""
    return _matchable(text).text.lower()


def fold_keeps_word_runs(text: str) -> bool:
    """Whether the \\w+ runs of :func:`fold_for_matching` are those of ``text``, one for one."""
    # The folds swap a character for one of the same class; only dropped marks can join two
    # runs, and "İ" is the one character whose lower case is two (the second not a letter).
    return not _matchable(text).removal_points and "İ" not in text


@dataclass(frozen=True, slots=True)
class _MatchableText:
    """Folded text plus what is needed to map its offsets back to the source."""

    text: str
    removal_points: list[int]
    removed_totals: list[int]

    @classmethod
    def from_source(cls, source: str) -> _MatchableText:
        folded = source.translate(_CHAR_FOLDS)
        if _IGNORED_MARKS_RE.search(folded) is None:
            return cls(folded, [], [])
        pieces: list[str] = []
        removal_points: list[int] = []
        removed_totals: list[int] = []
        kept_until = 0
        removed = 0
        for marks in _IGNORED_MARKS_RE.finditer(folded):
            pieces.append(folded[kept_until : marks.start()])
            removal_points.append(marks.start() - removed)
            removed += marks.end() - marks.start()
            removed_totals.append(removed)
            kept_until = marks.end()
        pieces.append(folded[kept_until:])
        return cls("".join(pieces), removal_points, removed_totals)

    def source_start(self, index: int) -> int:
        """Map the offset of a kept character to its offset in the source."""
        runs_before = bisect_right(self.removal_points, index)
        return index + (self.removed_totals[runs_before - 1] if runs_before else 0)

    def source_end(self, index: int) -> int:
        """Map an exclusive end offset to the source, just after the last kept character."""
        return self.source_start(index - 1) + 1


# A claim is folded for its numbers and again for its check-worthiness cues: the second fold
# is then a lookup.
@lru_cache(maxsize=16)
def _matchable(text: str) -> _MatchableText:
    return _MatchableText.from_source(text)


class _Kind(Enum):
    # Members are singletons: identity hashing is exact and, unlike Enum's, costs no Python call.
    __hash__ = object.__hash__

    COUNT = "count"
    TEEN_HEAD = "teen_head"
    HUNDRED = "hundred"
    SCALE = "scale"
    SCALE_DUAL = "scale_dual"
    SCALE_PLURAL = "scale_plural"
    FRACTION = "fraction"
    FRACTION_PLURAL = "fraction_plural"
    MULTIPLIER = "multiplier"
    ARTICLE = "article"


# Data table name for each kind of number word.
_KIND_TABLES = {
    "counts": _Kind.COUNT,
    "teen_heads": _Kind.TEEN_HEAD,
    "hundreds": _Kind.HUNDRED,
    "scales": _Kind.SCALE,
    "scale_duals": _Kind.SCALE_DUAL,
    "scale_plurals": _Kind.SCALE_PLURAL,
    "fractions": _Kind.FRACTION,
    "fraction_plurals": _Kind.FRACTION_PLURAL,
    "multipliers": _Kind.MULTIPLIER,
}
_ARTICLE_FOLLOWER_KINDS = frozenset(
    {_Kind.HUNDRED, _Kind.SCALE, _Kind.MULTIPLIER, _Kind.FRACTION, _Kind.FRACTION_PLURAL}
)
_SCALE_KINDS = frozenset({_Kind.SCALE, _Kind.SCALE_DUAL, _Kind.SCALE_PLURAL})
# Kinds tested together while reading a number, built once rather than at each test.
_NOT_BEFORE_JOINED_FRACTION = frozenset({_Kind.FRACTION, _Kind.ARTICLE, _Kind.TEEN_HEAD})
_FRACTION_KINDS = frozenset({_Kind.FRACTION, _Kind.FRACTION_PLURAL})
_COUNTED_SCALE_KINDS = frozenset({_Kind.SCALE, _Kind.SCALE_PLURAL})
_COUNT_KINDS = frozenset({_Kind.COUNT, _Kind.TEEN_HEAD})
_ADDED_KINDS = frozenset({_Kind.COUNT, _Kind.TEEN_HEAD, _Kind.ARTICLE})
_UNFINISHED_KINDS = frozenset({_Kind.TEEN_HEAD, _Kind.ARTICLE})
# Words that cannot make a number on their own.
_NEEDS_COMPANION = frozenset(
    {_Kind.TEEN_HEAD, _Kind.SCALE_PLURAL, _Kind.FRACTION_PLURAL, _Kind.MULTIPLIER, _Kind.ARTICLE}
)


@dataclass(frozen=True, slots=True)
class _NumberWord:
    kind: _Kind
    value: float


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """Compiled word lists of the chosen languages."""

    words: dict[str, _NumberWord]
    candidate_re: re.Pattern[str]
    continuation_re: re.Pattern[str]
    digits_scale_re: re.Pattern[str]
    suffix_re: re.Pattern[str]
    prefix_re: re.Pattern[str]
    previous_word_re: re.Pattern[str]
    next_word_re: re.Pattern[str]
    suffix_units: dict[str, str]
    prefix_units: dict[str, str]
    scale_abbreviations: dict[str, float]
    currency_scale_abbreviations: dict[str, float]
    attached_units: dict[str, str]
    ordinal_suffixes: frozenset[str]
    joiners: frozenset[str]
    clitic_free_words: frozenset[str]
    article_clitics: frozenset[str]
    blocked_after_article: frozenset[str]
    fraction_blockers_after: frozenset[str]
    fraction_blockers_before: frozenset[str]


def _trie_pattern(phrases: Iterable[str]) -> str:
    """Build a regex alternation shaped as a prefix tree, so matching does not try every word."""
    return trie_pattern(phrases, space=f"{_SPACE}+")


def _phrase_alternation(phrases: Iterable[str]) -> str:
    """Alternation of literal phrases, longest first, keeping upper-case codes case-sensitive."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        pattern = f"{_SPACE}+".join(re.escape(word) for word in phrase.split())
        if any(char.isupper() for char in phrase):
            pattern = f"(?-i:{pattern})"
        if phrase[-1].isalnum():
            pattern += r"(?!\w)"
        parts.append(pattern)
    return "|".join(parts) or "(?!)"


def _folded_keys(table: Mapping[str, Any]) -> dict[str, Any]:
    return {fold_for_matching(key): value for key, value in table.items()}


def _folded_list(values: Iterable[str]) -> frozenset[str]:
    return frozenset(fold_for_matching(value) for value in values)


def _build_vocabulary(tables: Iterable[Mapping[str, Any]]) -> _Vocabulary:
    words: dict[str, _NumberWord] = {}
    suffix_units: dict[str, str] = {}
    prefix_symbols: dict[str, str] = {}
    scale_abbreviations: dict[str, float] = {}
    currency_scale_abbreviations: dict[str, float] = {}
    attached_units: dict[str, str] = {}
    lists: dict[str, set[str]] = {
        name: set()
        for name in (
            "clitics",
            "clitic_free_words",
            "blocked_after_article",
            "fraction_blockers_after",
            "fraction_blockers_before",
            "joiners",
            "articles",
            "ordinal_suffixes",
        )
    }
    for table in tables:
        for table_name, kind in _KIND_TABLES.items():
            for word, value in _folded_keys(table.get(table_name, {})).items():
                words[word] = _NumberWord(kind, float(value))
        for name, collected in lists.items():
            collected.update(_folded_list(table.get(name, [])))
        for word in table.get("percent_words", []):
            suffix_units[fold_for_matching(word)] = "%"
        suffix_units.update(_folded_keys(table.get("currencies", {})))
        suffix_units.update(_folded_keys(table.get("units", {})))
        attached_units.update(_folded_keys(table.get("units", {})))
        prefix_symbols.update(table.get("currency_symbols", {}))
        scale_abbreviations.update(_folded_keys(table.get("scale_abbreviations", {})))
        currency_scale_abbreviations.update(
            _folded_keys(table.get("currency_scale_abbreviations", {}))
        )
    suffix_units.update({symbol.lower(): code for symbol, code in prefix_symbols.items()})
    word_pattern = _trie_pattern(words)
    # Articles are matched only before a word they can count, so each "a" is not a candidate.
    article_followers = _trie_pattern(
        word for word, number_word in words.items() if number_word.kind in _ARTICLE_FOLLOWER_KINDS
    )
    article_pattern = _phrase_alternation(lists["articles"])
    for article in lists["articles"]:
        words.setdefault(article, _NumberWord(_Kind.ARTICLE, 1.0))
    clitic_pattern = _trie_pattern(lists["clitics"]) if lists["clitics"] else "(?!)"
    # Joiners may be attached to the next word: Arabic writes "و" as a prefix ("وخمسون").
    joiner_pattern = "|".join(re.escape(joiner) for joiner in lists["joiners"]) or "(?!)"
    abbreviation_pattern = _phrase_alternation(scale_abbreviations)
    suffix_phrases = [
        symbol if any(char.isupper() for char in symbol) else fold_for_matching(symbol)
        for symbol in prefix_symbols
    ] + [phrase for phrase in suffix_units if phrase not in {s.lower() for s in prefix_symbols}]
    # Every candidate starts with a digit, or at a word start with a letter some word, clitic or
    # article starts with: checking that first lets the engine skip most places quickly.
    word_letters = first_character_class([*words, *lists["clitics"], *lists["articles"]])
    digit_branches = rf"(?P<date>{_DATE_OR_TIME})|(?P<digits>{_DIGITS})(?P<letters>[A-Za-z]+)?"
    word_branches = (
        rf"(?:(?P<clitic>{clitic_pattern}))??(?P<word>{word_pattern})(?!\w)"
        rf"|(?P<article>{article_pattern})(?={_SPACE}+(?:{article_followers})(?!\w))"
    )
    if word_letters is not None and not re.search(r"\d", word_letters):
        # The digit branches start with a digit and the word branches with a letter of their
        # lists: testing that once sends each place to its branches only.
        candidate_pattern = (
            rf"(?:(?=\d)(?:{digit_branches})|(?<!\w)(?={word_letters})(?:{word_branches}))"
        )
    else:
        candidate_pattern = rf"(?:{digit_branches}|(?<!\w)(?:{word_branches}))"
    candidate_re = re.compile(candidate_pattern, re.IGNORECASE)
    return _Vocabulary(
        words=words,
        candidate_re=candidate_re,
        continuation_re=re.compile(
            rf"(?:{_SPACE}*-{_SPACE}*|{_SPACE}+)(?:(?P<joiner>{joiner_pattern}){_SPACE}*)??"
            rf"(?P<word>{word_pattern})(?!\w)",
            re.IGNORECASE,
        ),
        digits_scale_re=re.compile(
            rf"{_SPACE}*(?:(?P<word>{word_pattern})|(?P<abbreviation>{abbreviation_pattern}))"
            r"(?!\w)",
            re.IGNORECASE,
        ),
        suffix_re=re.compile(
            rf"{_SPACE}*(?P<suffix>{_phrase_alternation(suffix_phrases)})", re.IGNORECASE
        ),
        prefix_re=re.compile(
            rf"(?:(?<![A-Za-z])(?P<symbol>{_phrase_alternation(prefix_symbols)}){_SPACE}?"
            r"|(?P<percent>%))\Z"
        ),
        previous_word_re=re.compile(rf"(\w+){_SPACE}+\Z"),
        next_word_re=re.compile(rf"{_SPACE}+(\w+)"),
        suffix_units=suffix_units,
        prefix_units=prefix_symbols,
        scale_abbreviations=scale_abbreviations,
        currency_scale_abbreviations=currency_scale_abbreviations,
        attached_units=attached_units,
        ordinal_suffixes=frozenset(lists["ordinal_suffixes"]),
        joiners=frozenset(lists["joiners"]),
        clitic_free_words=frozenset(lists["clitic_free_words"]),
        article_clitics=frozenset(
            clitic for clitic in lists["clitics"] if clitic.endswith("ال") or clitic == "لل"
        ),
        blocked_after_article=frozenset(lists["blocked_after_article"]),
        fraction_blockers_after=frozenset(lists["fraction_blockers_after"]),
        fraction_blockers_before=frozenset(lists["fraction_blockers_before"]),
    )


_vocabulary_cache: dict[tuple[str, ...], tuple[tuple[dict[str, Any], ...], _Vocabulary]] = {}


def _vocabulary(languages: tuple[str, ...]) -> _Vocabulary:
    # Rebuilt when the language data is reloaded (a newsroom registered extra word lists).
    tables = tuple(map(load_language_data, repeat("numbers", len(languages)), languages))
    cached = _vocabulary_cache.get(languages)
    # Tuple comparison tries identity first, so the usual unchanged case costs no dict walk.
    if cached is not None and cached[0] == tables:
        return cached[1]
    vocabulary = _build_vocabulary(tables)
    _vocabulary_cache[languages] = (tables, vocabulary)
    return vocabulary


def _can_follow(previous: _NumberWord, following: _NumberWord, *, joined: bool) -> bool:
    """Whether a number word may continue the number that ends with ``previous``."""
    kind, value = following.kind, following.value
    if joined and kind is _Kind.FRACTION:
        return previous.kind not in _NOT_BEFORE_JOINED_FRACTION
    if previous.kind is _Kind.TEEN_HEAD:
        return not joined and kind is _Kind.COUNT and value == 10
    if previous.kind is _Kind.ARTICLE:
        return not joined and kind in _ARTICLE_FOLLOWER_KINDS
    if previous.kind in _FRACTION_KINDS:
        return not joined and kind is _Kind.SCALE
    if previous.kind is _Kind.MULTIPLIER:
        return False
    if previous.kind is _Kind.HUNDRED:
        if kind in _COUNTED_SCALE_KINDS:
            return not joined
        return (kind is _Kind.COUNT and value < 100) or (joined and kind is _Kind.TEEN_HEAD)
    if previous.kind in _SCALE_KINDS:
        smaller = value < previous.value
        if kind in _COUNT_KINDS:
            return smaller and value < 1000
        return joined and kind is _Kind.SCALE_DUAL and smaller
    # previous is a count
    previous_value = previous.value
    if joined:
        if previous_value < 10:
            return kind is _Kind.COUNT and 20 <= value < 100 and value % 10 == 0
        if 100 <= previous_value < 1000:
            return kind in _COUNT_KINDS and value < 100
        return False
    if kind in _COUNTED_SCALE_KINDS:
        return previous_value >= 1
    if previous_value < 10:
        return (kind is _Kind.COUNT and value == 10 and previous_value >= 1) or kind in {
            _Kind.HUNDRED,
            _Kind.FRACTION,
            _Kind.FRACTION_PLURAL,
            _Kind.MULTIPLIER,
        }
    if previous_value < 20:
        return kind is _Kind.HUNDRED
    if previous_value < 100:
        return kind is _Kind.COUNT and 1 <= value < 10
    return False


@dataclass(slots=True)
class _NumberBuilder:
    """Running total while reading number words left to right."""

    total: float = 0.0
    current: float = 0.0
    last_scale: float = 0.0

    def add(self, word: _NumberWord, *, joined: bool) -> None:
        kind, value = word.kind, word.value
        if kind in _ADDED_KINDS:
            self.current += value
        elif kind is _Kind.HUNDRED:
            self.current = (self.current or 1.0) * value
        elif kind is _Kind.SCALE:
            self.total += (self.current or 1.0) * value
            self.current, self.last_scale = 0.0, value
        elif kind is _Kind.SCALE_DUAL:
            self.total += value
            self.current, self.last_scale = 0.0, value / 2
        elif kind is _Kind.SCALE_PLURAL:
            self.total += self.current * value
            self.current, self.last_scale = 0.0, value
        elif kind is _Kind.FRACTION and joined:
            # "مليون ونصف" is a million and a half million; "ثلاثة ونصف" is three and a half.
            if self.current == 0 and self.last_scale:
                self.total += value * self.last_scale
            else:
                self.current += value
        else:
            self.current = (self.current or 1.0) * value

    @property
    def value(self) -> float:
        return self.total + self.current


@dataclass(frozen=True, slots=True)
class _ReadNumber:
    end: int
    value: float


def _read_words(
    vocabulary: _Vocabulary, text: str, first_word: _NumberWord, end: int
) -> _ReadNumber | None:
    """Read a run of number words starting with ``first_word``; None when it is no number."""
    builder = _NumberBuilder()
    builder.add(first_word, joined=False)
    previous = first_word
    word_count = 1
    while True:
        continuation = vocabulary.continuation_re.match(text, end)
        if continuation is None:
            break
        following = vocabulary.words.get(continuation["word"].lower())
        joined = continuation["joiner"] is not None
        if following is None or not _can_follow(previous, following, joined=joined):
            break
        builder.add(following, joined=joined)
        previous, end, word_count = following, continuation.end(), word_count + 1
    if word_count == 1 and first_word.kind in _NEEDS_COMPANION:
        return None
    if previous.kind in _UNFINISHED_KINDS:
        return None
    return _ReadNumber(end, builder.value)


def _is_period_not_fraction(vocabulary: _Vocabulary, text: str, start: int, end: int) -> bool:
    """Whether a lone fraction word names a period ("الربع الثالث", "the first half")."""
    next_word = vocabulary.next_word_re.match(text, end)
    if next_word is not None and next_word[1].lower() in vocabulary.fraction_blockers_after:
        return True
    previous_word = vocabulary.previous_word_re.search(text, max(0, start - 40), start)
    return (
        previous_word is not None
        and previous_word[1].lower() in vocabulary.fraction_blockers_before
    )


def _digits_value(digits: str) -> float:
    if digits.count(".") > 1:
        digits = digits.replace(".", "")
    if digits.isdigit():
        return float(digits)
    return float(_DIGIT_GROUP_SEPARATOR_RE.sub("", digits))


def _languages_for(lang: str | None) -> tuple[str, ...]:
    if lang is not None and lang in _NUMBER_LANGUAGES:
        return (lang,)
    return _NUMBER_LANGUAGES


def extract_numbers(text: str, lang: str | None = None) -> list[NumberMention]:
    """Find every number in ``text``; ``lang`` None reads Arabic and English words alike."""
    vocabulary = _vocabulary(_languages_for(lang))
    matchable = _matchable(text)
    folded = matchable.text
    mentions: list[NumberMention] = []
    search_from = 0
    while (candidate := vocabulary.candidate_re.search(folded, search_from)) is not None:
        search_from = candidate.end()
        if candidate["date"] is not None:
            continue
        start, end = candidate.start(), candidate.end()
        unit: str | None = None
        scale = 1.0
        if candidate["digits"] is not None:
            value = _digits_value(candidate["digits"])
            letters = (candidate["letters"] or "").lower()
            end = candidate.end("digits")
        else:
            letters = ""
            word_group = "word" if candidate["word"] is not None else "article"
            word_text = candidate[word_group].lower()
            clitic = candidate["clitic"] or ""
            if (
                clitic
                and clitic not in vocabulary.joiners
                and (word_text in vocabulary.clitic_free_words)
            ):
                continue
            if clitic in vocabulary.article_clitics and (
                word_text in vocabulary.blocked_after_article
            ):
                continue
            start = candidate.start(word_group)
            read = _read_words(vocabulary, folded, vocabulary.words[word_text], end)
            if read is None:
                continue
            value, end = read.value, read.end
            first_kind = vocabulary.words[word_text].kind
            if (
                first_kind is _Kind.FRACTION
                and end == candidate.end()
                and _is_period_not_fraction(vocabulary, folded, start, end)
            ):
                continue
        prefix = vocabulary.prefix_re.search(folded, max(0, start - 8), start)
        prefix_unit: str | None = None
        if prefix is not None:
            prefix_unit = (
                "%" if prefix["symbol"] is None else vocabulary.prefix_units[prefix["symbol"]]
            )
        if letters:
            if letters in vocabulary.ordinal_suffixes:
                continue
            if letters in vocabulary.scale_abbreviations:
                scale = vocabulary.scale_abbreviations[letters]
                end = candidate.end()
            elif letters in vocabulary.currency_scale_abbreviations and prefix_unit not in {
                None,
                "%",
            }:
                scale = vocabulary.currency_scale_abbreviations[letters]
                end = candidate.end()
            elif letters in vocabulary.attached_units:
                unit = vocabulary.attached_units[letters]
                end = candidate.end()
            elif letters in vocabulary.suffix_units:
                unit = vocabulary.suffix_units[letters]
                end = candidate.end()
            elif letters not in vocabulary.currency_scale_abbreviations:
                # "5G", "AZD1222"-like codes: not a quantity.
                continue
        elif candidate["digits"] is not None:
            scale_word = vocabulary.digits_scale_re.match(folded, end)
            if scale_word is not None:
                if scale_word["abbreviation"] is not None:
                    scale = vocabulary.scale_abbreviations[scale_word["abbreviation"].lower()]
                    end = scale_word.end()
                else:
                    word = vocabulary.words.get(scale_word["word"].lower())
                    if word is not None and word.kind in _COUNTED_SCALE_KINDS:
                        scale = word.value
                        end = scale_word.end()
        if unit is None:
            suffix = vocabulary.suffix_re.match(folded, end)
            if suffix is not None:
                suffix_key = " ".join(fold_for_matching(suffix["suffix"]).split())
                unit = vocabulary.suffix_units.get(suffix_key)
                if unit is not None:
                    end = suffix.end()
        if prefix is not None and (unit is None or unit == prefix_unit):
            unit = prefix_unit
            start = prefix.start()
        search_from = max(search_from, end)
        if matchable.removal_points:
            source_start = matchable.source_start(start)
            source_end = matchable.source_end(end)
            trailing = _TRAILING_DIACRITICS_RE.match(text, source_end)
            if trailing is not None:
                source_end = trailing.end()
        else:
            # Nothing was removed, so offsets are the source's and no diacritic follows.
            source_start, source_end = start, end
        if scale == 1.0 and value.is_integer() and abs(value) < _EXACT_INTEGER_LIMIT:
            # Twelve significant digits write such a whole number exactly: rounding keeps it.
            exact_value = value
        else:
            # Twelve significant digits drop binary noise: 270.6 * 1e9 = 270600000000.00003.
            exact_value = float(f"{value * scale:.12g}")
        mentions.append(
            NumberMention(
                text=text[source_start:source_end],
                start=source_start,
                end=source_end,
                value=exact_value,
                unit=unit,
            )
        )
    return mentions
