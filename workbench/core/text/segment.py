"""Split an article body into sentences with exact offsets, for Arabic and Latin-script news."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from workbench.core.data import load_language_data

__all__ = ["Fragment", "Segmentation", "Sentence", "split_sentences"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a body: ``text == body[start:end]``, with no surrounding whitespace."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Fragment:
    """A piece of a body that is not a sentence (a stray fragment, a line with no words)."""

    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Segmentation:
    """The sentences and left-over fragments of a body, each in body order."""

    sentences: tuple[Sentence, ...]
    fragments: tuple[Fragment, ...]


STRAY_FRAGMENT = "stray fragment"
NO_WORDS = "no words"

_SEGMENT_LANGUAGES = ("ar", "en")
_STOPS = ".!?؟…"
_QUOTES_AND_BRACKETS_AFTER_STOP = "”»\"'’)]›"
_QUOTE_CLOSERS_COUNTED = '”»"“«'
_BEFORE_AN_OPENING_QUOTE = "([{:—–-/“«"
_WORD_DELIMITERS = "([{“«\"'‘"
_LINE_ENDS = "\n\u2028\u2029"
_NOT_A_START_AFTER_SPACE = ",;:)]}%،؛"
_LONGEST_ABBREVIATION = 40

_ARABIC_LETTERS = "\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff"
# After a stop come the marks that close its sentence: quotes and brackets, a French "»" after a
# space, and a reversed Arabic "“" (then followed by a space).
_STOP_RUN = (
    r"(?P<stop>[.!?؟…]+)"
    r"(?P<close>(?:[”»\"'’)\]›]|[ \u00a0\u202f]»|[“«](?=\s|\Z))*)"
)
_QUOTE = r"(?P<quote>[“”«»\"])"
# Every line break ends a sentence: news bodies (and trafilatura's text) put each paragraph on
# its own line. With wrapped lines, only a blank line does.
# The lookahead lets the regex engine skip ordinary text by one character class test.
_CANDIDATE = rf"(?=[{_LINE_ENDS}.!?؟…“”«»\"])"
_SCAN_LINES = re.compile(rf"{_CANDIDATE}(?:(?P<brk>[{_LINE_ENDS}])|{_STOP_RUN}|{_QUOTE})")
_SCAN_WRAPPED = re.compile(rf"{_CANDIDATE}(?:(?P<brk>\n[^\S\n]*\n|\u2029)|{_STOP_RUN}|{_QUOTE})")
_NON_SPACE = re.compile(r"\S")
_NEXT_TEXT_ON_LINE = re.compile(r"[^\S\n\u2028\u2029]*(\S|\Z)")
_NEXT_TEXT_ACROSS_LINES = re.compile(r"[^\S\u2029]*(\S|\Z)")
_WORD_CHARACTER = re.compile(r"[^\W_]")
_LETTERS = re.compile(r"[^\W\d_]+")
_STRAY_LETTERS = re.compile(
    r"((?:[^\W\d_][\u064b-\u065f\u0670]*){1,3})[^\S\n\u2028\u2029]*(?=[\n\u2028\u2029]|\Z)"
)
_ARABIC_INITIALS = re.compile(rf"(?:[{_ARABIC_LETTERS}]ـ?\.)*[{_ARABIC_LETTERS}]ـ?")
_LATIN_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")
_ARABIC_LETTER = re.compile(rf"[{_ARABIC_LETTERS}]")

_TITLE = "title"
_BEFORE_NUMBER = "before number"
_ABBREVIATION = "abbreviation"
_LIST_NUMBER = "list number"


@dataclass(frozen=True, slots=True)
class _SegmentRules:
    """Abbreviations and word lists from every language's ``segment.toml``, merged."""

    titles: frozenset[str]
    before_number: frozenset[str]
    abbreviations: frozenset[str]
    sentence_openers: frozenset[str]
    domain_endings: frozenset[str]


@dataclass(frozen=True, slots=True)
class _LoadedRules:
    """Merged rules and the language data tables they were built from."""

    sources: tuple[dict[str, Any], ...]
    rules: _SegmentRules


_loaded_rules: dict[tuple[str, ...], _LoadedRules] = {}


def _rules() -> _SegmentRules:
    """Return the merged rules, rebuilt when a newsroom extends a language file."""
    sources = tuple(load_language_data("segment", lang) for lang in _SEGMENT_LANGUAGES)
    loaded = _loaded_rules.get(_SEGMENT_LANGUAGES)
    if loaded is not None and all(
        new is old for new, old in zip(sources, loaded.sources, strict=True)
    ):
        return loaded.rules

    def merged(key: str) -> frozenset[str]:
        return frozenset(str(item) for data in sources for item in data.get(key, []))

    rules = _SegmentRules(
        titles=merged("titles"),
        before_number=merged("before_number"),
        abbreviations=merged("abbreviations"),
        sentence_openers=merged("sentence_openers"),
        domain_endings=frozenset(ending.casefold() for ending in merged("domain_endings")),
    )
    _loaded_rules[_SEGMENT_LANGUAGES] = _LoadedRules(sources=sources, rules=rules)
    return rules


def _word_start(body: str, stop_start: int) -> int:
    """Return where the word just before a stop begins, looking back no further than needed."""
    index = stop_start
    limit = max(0, stop_start - _LONGEST_ABBREVIATION)
    while index > limit:
        previous = body[index - 1]
        if previous.isspace() or previous in _WORD_DELIMITERS:
            break
        index -= 1
    return index


def _follows_a_number(body: str, word_start: int) -> bool:
    index = word_start
    while index > 0 and body[index - 1] in " \t\u00a0":
        index -= 1
    return index > 0 and body[index - 1].isdigit()


def _starts_a_line(body: str, word_start: int) -> bool:
    index = word_start
    while index > 0 and body[index - 1] in " \t\u00a0":
        index -= 1
    return index == 0 or body[index - 1] in _LINE_ENDS


def _abbreviation_kind(body: str, word_start: int, word: str, rules: _SegmentRules) -> str | None:
    """Return how the dot after ``word`` behaves when the word is an abbreviation, else None."""
    with_dot = word + "."
    if with_dot in rules.titles or _ARABIC_INITIALS.fullmatch(word):
        # "عام 1990 م." ends a sentence: after a number, a letter is a unit, not a title.
        return None if _follows_a_number(body, word_start) else _TITLE
    if with_dot in rules.abbreviations or _LATIN_INITIALS.fullmatch(word):
        return _ABBREVIATION
    if with_dot in rules.before_number:
        return _BEFORE_NUMBER
    if word.isdigit() and _starts_a_line(body, word_start):
        return _LIST_NUMBER
    return None


def _is_opening_quote(body: str, index: int) -> bool:
    """Return whether the quote mark at ``index`` opens a quotation, judged by its neighbours."""
    mark = body[index]
    previous = body[index - 1] if index > 0 else " "
    following = body[index + 1] if index + 1 < len(body) else " "
    after_space = previous.isspace() or previous in _BEFORE_AN_OPENING_QUOTE
    if mark in "“«":
        # Some Arabic texts are typed with the marks reversed: ”كلام“.
        reversed_use = (previous.isalnum() or previous in _STOPS) and (
            following.isspace() or following in _STOPS or following in ",،"
        )
        return not reversed_use
    if mark in "”»":
        return after_space and not following.isspace()
    return after_space


def _ends_before_following_text(
    body: str, position: int, kind: str | None, rules: _SegmentRules, next_text: re.Pattern[str]
) -> bool:
    """Return whether a stop ends its sentence, given the text after the spaces at ``position``."""
    found = next_text.match(body, position)
    if found is None:
        return True
    following = found.group(1)
    if following == "" or following in _LINE_ENDS:
        return kind not in (_TITLE, _BEFORE_NUMBER)
    if kind in (_TITLE, _LIST_NUMBER):
        return False
    if kind == _BEFORE_NUMBER:
        return not following.isdigit()
    if following.islower() or following in _NOT_A_START_AFTER_SPACE:
        return False
    if kind == _ABBREVIATION:
        next_word = _LETTERS.match(body, found.start(1))
        return next_word is not None and next_word.group() in rules.sentence_openers
    return True


def split_sentences(body: str, *, join_wrapped_lines: bool = False) -> Segmentation:
    """Split a body into sentences and fragments whose offsets index ``body`` exactly.

    Every line break ends a sentence unless ``join_wrapped_lines`` is set, when only a blank
    line does (for hard-wrapped text).
    """
    rules = _rules()
    scan = _SCAN_WRAPPED if join_wrapped_lines else _SCAN_LINES
    next_text = _NEXT_TEXT_ACROSS_LINES if join_wrapped_lines else _NEXT_TEXT_ON_LINE
    sentences: list[Sentence] = []
    fragments: list[Fragment] = []

    def close_sentence(start: int, end: int) -> None:
        piece = body[start:end]
        stripped = piece.strip()
        if not stripped:
            return
        first = start + (len(piece) - len(piece.lstrip()))
        last = first + len(stripped)
        if _WORD_CHARACTER.search(stripped):
            sentences.append(Sentence(first, last, stripped))
        else:
            fragments.append(Fragment(first, last, stripped, NO_WORDS))

    sentence_start = 0
    quote_depth = 0
    for candidate in scan.finditer(body):
        group_name = candidate.lastgroup
        if group_name == "brk":
            close_sentence(sentence_start, candidate.start())
            sentence_start = candidate.end()
            quote_depth = 0
            continue
        if group_name == "quote":
            if _is_opening_quote(body, candidate.start()):
                quote_depth += 1
            elif quote_depth > 0:
                quote_depth -= 1
            continue

        stop_start = candidate.start("stop")
        if _NON_SPACE.search(body, sentence_start, stop_start) is None:
            # A leading ellipsis belongs to the words after it. Moving the start past the
            # blank keeps later checks from scanning it again.
            sentence_start = stop_start
            continue
        for closer in candidate.group("close"):
            if closer in _QUOTE_CLOSERS_COUNTED and quote_depth > 0:
                quote_depth -= 1
        if quote_depth > 0:
            continue  # a stop inside a quotation that goes on
        stop = candidate.group("stop")
        end = candidate.end()
        previous = body[stop_start - 1] if stop_start > 0 else ""
        following = body[end] if end < len(body) else ""

        if stop == "." and previous.isdigit() and following.isdigit() and not candidate["close"]:
            continue  # 3.7, 12.03.2025
        word_start = _word_start(body, stop_start)
        word = body[word_start:stop_start]
        kind = _abbreviation_kind(body, word_start, word, rules) if stop == "." else None

        if following == "" or following.isspace():
            ends = _ends_before_following_text(body, end, kind, rules, next_text)
        elif following.isalpha():
            stray = None
            if kind is None and (previous.isalpha() or previous in _QUOTES_AND_BRACKETS_AFTER_STOP):
                stray = _STRAY_LETTERS.match(body, end)
            if (
                stray is not None
                and not any(mark in word for mark in ".@/:")
                and stray.group(1).casefold() not in rules.domain_endings
            ):
                close_sentence(sentence_start, end)
                fragments.append(Fragment(end, stray.end(1), stray.group(1), STRAY_FRAGMENT))
                sentence_start = stray.end(1)
                quote_depth = 0
                continue
            if kind is not None:
                ends = False
            elif _ARABIC_LETTER.match(previous) and _ARABIC_LETTER.match(following):
                ends = True  # a space missing after the stop: "بإدلب.وقال"
            else:
                # "said.The" is a missing space; "reuters.com" and "a.b@c.org" are not.
                after_following = body[end + 1] if end + 1 < len(body) else ""
                ends = previous.islower() and following.isupper() and after_following.islower()
                ends = ends and not any(mark in word for mark in "@/:")
        else:
            ends = following in "“«" and previous.isalpha()

        if ends:
            close_sentence(sentence_start, end)
            sentence_start = end
            quote_depth = 0
    close_sentence(sentence_start, len(body))
    return Segmentation(sentences=tuple(sentences), fragments=tuple(fragments))
