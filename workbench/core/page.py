"""Split a captured news page (plain text or Markdown) into article body and page chrome."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any

from workbench.core.data import load_language_data
from workbench.core.text.normalise import (
    ALEF_FOLDS,
    ARABIC_DIGIT_FOLDS,
    ARABIC_MARKS,
    PERSIAN_DIGIT_FOLDS,
)
from workbench.core.text.sanitize import clean_untrusted

_CHROME_LANGUAGES = ("ar", "en")

_MAX_SITE_NAME_WORDS = 4
_MAX_TITLE_WORDS = 30
_MAX_CHROME_WORDS = 15
_MAX_NAVIGATION_WORDS = 12
_MAX_INLINE_RELATED_WORDS = 30
_RESUMING_BODY_WORDS = 30
_SUBSTANTIAL_BODY_WORDS = 15
_HEADER_SEARCH_LINES = 6

_HARAKAT = re.compile(ARABIC_MARKS)
_ALEF_AND_DIGIT_FOLDS = str.maketrans({**ALEF_FOLDS, **ARABIC_DIGIT_FOLDS, **PERSIAN_DIGIT_FOLDS})
_SPACES = re.compile(r"\s+")
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_LEAD = re.compile(r"^(?:#{1,6}\s+|>\s*|[-*+]\s+|\d{1,3}[.)]\s+)")
_MARKDOWN_EMPHASIS = re.compile(r"^[*_]{1,3}(.+?)[*_]{1,3}$")
_MARKDOWN_TITLE = re.compile(r"^#\s+(\S.*)$")
_SENTENCE_END = re.compile(r"[.!?؟。][\"'”»)\]]*$")
_TITLE_UNLIKE_END = re.compile(r"(?:[.:;,،؛]|…|\.\.\.)[\"'”»)\]]*$")
_ELLIPSIS_END = re.compile(r"(?:…|\.\.\.)[\"'”»)\]]*$")
_BYLINE_SEPARATORS = re.compile(r"\s+[|·•—–]\s+|\s+-\s+|\s*\|\s*")
_BREADCRUMB_SEPARATORS = re.compile(r"\s*[>»›/|·•]\s*")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_WORD = re.compile(r"[a-z]+")
_NAME_CONNECTORS = frozenset(
    {"and", "&", "de", "van", "von", "al", "bin", "ibn", "el", "da", "di", "la", "le", "du"}
)


@dataclass(frozen=True, slots=True)
class RelatedItem:
    """A link to another story in a related or latest-news block."""

    title: str
    lead: str | None
    date: str | None


@dataclass(frozen=True, slots=True)
class ExcludedBlock:
    """A line of the page that is not part of the article body, and why."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class ParsedPage:
    """An article separated from its page: metadata, body paragraphs, related links, chrome."""

    title: str | None
    site_name: str | None
    author: str | None
    published_at: str | None
    canonical_url: str | None
    language: str | None
    provenance: str | None
    body: str
    related: tuple[RelatedItem, ...]
    excluded: tuple[ExcludedBlock, ...]


def parse_plain_text(text: str, *, title_hint: str | None = None) -> ParsedPage:
    """Parse a plain-text or Markdown capture of a news page into a :class:`ParsedPage`."""
    return parse_page_lines(text, title_hint=title_hint, detect_header=True)


def parse_page_lines(text: str, *, title_hint: str | None, detect_header: bool) -> ParsedPage:
    """Parse page text; ``detect_header`` looks for a site name and headline in the first lines.

    Text extracted from HTML has no site-name line, so callers with a known title turn the
    header guess off and only drop a first line that repeats ``title_hint``.
    """
    rules = _chrome_rules()
    lines = _split_lines(clean_untrusted(text))
    state = _ParseState(lines=lines)
    _assign_header(state, rules, title_hint=title_hint, detect_header=detect_header)
    _classify_lines(state, rules)
    _resolve_provenance(state)
    _exclude_trailing_date_lines(state, rules)
    body = _assemble_body(state)
    title = state.title if state.title is not None else _clean_hint(title_hint)
    return ParsedPage(
        title=title,
        site_name=state.site_name,
        author=state.author,
        published_at=state.published_at or state.updated_at,
        canonical_url=None,
        language=guess_language(f"{title or ''}\n{body}", rules),
        provenance=state.provenance,
        body=body,
        related=tuple(state.related),
        excluded=tuple(
            ExcludedBlock(text=lines[index].text, reason=reason)
            for index, reason in sorted(state.reasons.items())
            if reason not in _KEPT_ROLES
        ),
    )


def _fold_key(text: str) -> str:
    """Fold case, harakat, tatweel, alef forms, digits and spaces; for matching, never display."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _HARAKAT.sub("", folded).translate(_ALEF_AND_DIGIT_FOLDS)
    return _SPACES.sub(" ", folded).strip()


def parse_date(text: str) -> str | None:
    """Return ``YYYY-MM-DD`` for a line that is only a date (with weekday or time), else None."""
    return _chrome_rules().dates.parse(text)


def guess_language(text: str, rules: _ChromeRules | None = None) -> str | None:
    """Return "ar" for mostly Arabic letters, "en" for English-looking text, else None."""
    active_rules = rules or _chrome_rules()
    letters = len(_LETTER.findall(text))
    if letters == 0:
        return None
    if len(_ARABIC_LETTER.findall(text)) * 2 > letters:
        return "ar"
    words = _LATIN_WORD.findall(text.casefold())
    if words:
        function_words = sum(1 for word in words if word in active_rules.function_words)
        if function_words * 20 >= len(words):
            return "en"
    return None


# --- rules loaded from chrome.toml --------------------------------------------------------


def _strings(tables: list[dict[str, Any]], section: str, key: str) -> list[str]:
    values: list[str] = []
    for table in tables:
        raw = table.get(section, {}).get(key, [])
        values.extend(str(item) for item in raw)
    return values


def _prefixes(values: list[str]) -> tuple[str, ...]:
    # Longest first so "نشر في" wins over "نشر".
    return tuple(sorted({_fold_key(value) for value in values}, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class _DateRules:
    patterns: tuple[re.Pattern[str], ...]
    months: dict[str, int]

    def parse(self, text: str) -> str | None:
        folded = _fold_key(_strip_markdown(text))
        if not folded or len(folded) > 80:
            return None
        for pattern in self.patterns:
            match = pattern.fullmatch(folded)
            if match is not None:
                return self._iso(match)
        return None

    def _iso(self, match: re.Match[str]) -> str | None:
        parts = match.groupdict()
        year = int(parts["y"])
        day = int(parts["d"])
        month_name = parts.get("mon")
        if month_name is not None:
            month = self.months[_SPACES.sub(" ", month_name.strip(". "))]
        else:
            month = int(parts["m"])
            # Day first is the norm on Arabic and British sites; swap only when it cannot be.
            if month > 12 >= day and "day_first" in parts:
                day, month = month, day
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None


def _build_date_rules(tables: list[dict[str, Any]]) -> _DateRules:
    months: dict[str, int] = {}
    for table in tables:
        for name, number in table.get("dates", {}).get("months", {}).items():
            months[_fold_key(str(name))] = int(number)
    weekdays = {_fold_key(day) for day in _strings(tables, "dates", "weekdays")}
    month_alt = "|".join(re.escape(name) for name in sorted(months, key=len, reverse=True))
    weekday_alt = "|".join(re.escape(name) for name in sorted(weekdays, key=len, reverse=True))
    weekday = rf"(?:(?:{weekday_alt})\.?\s*[,،]?\s*)?" if weekday_alt else ""
    year = r"(?P<y>\d{4})(?:\s*م)?"
    second_month = rf"(?:\s*[/(]\s*(?:{month_alt})\s*\)?)?"
    time = (
        r"(?:\s*[,،\-|]?\s*(?:at\s+|الساعة\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?"
        r"(?:\s*(?:am|pm|a\.m\.|p\.m\.|ص|م|مساء|صباحا))?"
        r"(?:\s*(?:gmt|utc|bst|est|edt|cet|cest|[+-]\d{2}:?\d{2}|بتوقيت\s+\S+(?:\s+\S+)?))?)?"
    )
    bodies = [
        r"(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-]" + year + r"(?P<day_first>)",
        r"(?P<y>\d{4})[/\-](?P<m>\d{1,2})[/\-](?P<d>\d{1,2})(?:t\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?",
    ]
    if month_alt:
        bodies += [
            rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{month_alt})\.?"
            + second_month
            + r"\s*[,،]?\s+"
            + year,
            rf"(?P<mon>{month_alt})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*[,،]?\s+" + year,
        ]
    patterns = tuple(re.compile(weekday + body + time) for body in bodies)
    return _DateRules(patterns=patterns, months=months)


@dataclass(frozen=True, slots=True)
class _ChromeRules:
    source_tables: tuple[dict[str, Any], ...]
    related_headings: frozenset[str]
    related_heading_prefixes: tuple[str, ...]
    provenance_prefixes: tuple[str, ...]
    author_prefixes: tuple[str, ...]
    date_prefixes: tuple[str, ...]
    updated_prefixes: tuple[str, ...]
    newsletter_starts: tuple[str, ...]
    newsletter_words: tuple[str, ...]
    signup_words: tuple[str, ...]
    copyright_marks: tuple[str, ...]
    navigation_words: frozenset[str]
    function_words: frozenset[str]
    dates: _DateRules


_rules_cache: list[_ChromeRules] = []


def _chrome_rules() -> _ChromeRules:
    tables = tuple(load_language_data("chrome", lang) for lang in _CHROME_LANGUAGES)
    # load_language_data hands back new dicts after a newsroom directory is registered.
    if _rules_cache and all(
        old is new for old, new in zip(_rules_cache[0].source_tables, tables, strict=True)
    ):
        return _rules_cache[0]
    table_list = list(tables)
    rules = _ChromeRules(
        source_tables=tables,
        related_headings=frozenset(
            _heading_key(value) for value in _strings(table_list, "related", "headings")
        ),
        related_heading_prefixes=_prefixes(_strings(table_list, "related", "heading_prefixes")),
        provenance_prefixes=_prefixes(_strings(table_list, "provenance", "prefixes")),
        author_prefixes=_prefixes(_strings(table_list, "byline", "author_prefixes")),
        date_prefixes=_prefixes(_strings(table_list, "byline", "date_prefixes")),
        updated_prefixes=_prefixes(_strings(table_list, "byline", "updated_prefixes")),
        newsletter_starts=_prefixes(_strings(table_list, "newsletter", "starts")),
        newsletter_words=_prefixes(_strings(table_list, "newsletter", "words")),
        signup_words=_prefixes(_strings(table_list, "newsletter", "signup_words")),
        copyright_marks=_prefixes(_strings(table_list, "copyright", "marks")),
        navigation_words=frozenset(
            _fold_key(value) for value in _strings(table_list, "navigation", "words")
        ),
        function_words=frozenset(
            _fold_key(value) for value in _strings(table_list, "language", "function_words")
        ),
        dates=_build_date_rules(table_list),
    )
    _rules_cache[:] = [rules]
    return rules


# --- lines and their roles ------------------------------------------------------------------

_KEPT_ROLES = frozenset({"body", "title", "provenance candidate"})


@dataclass(slots=True)
class _Line:
    text: str
    block: int
    key: str
    words: int
    alone: bool = True


@dataclass(slots=True)
class _ParseState:
    lines: list[_Line]
    reasons: dict[int, str] = field(default_factory=dict)
    title: str | None = None
    site_name: str | None = None
    author: str | None = None
    published_at: str | None = None
    updated_at: str | None = None
    provenance: str | None = None
    related: list[RelatedItem] = field(default_factory=list)
    seen_body: bool = False


@dataclass(slots=True)
class _PendingItem:
    title: str | None = None
    lead: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class _Byline:
    author: str | None
    published_at: str | None
    updated_at: str | None


def _strip_markdown(text: str) -> str:
    stripped = _MARKDOWN_LINK.sub(r"\1", text.strip())
    stripped = _MARKDOWN_LEAD.sub("", stripped)
    emphasis = _MARKDOWN_EMPHASIS.fullmatch(stripped)
    return (emphasis.group(1) if emphasis else stripped).strip()


def _heading_key(text: str) -> str:
    return _fold_key(_strip_markdown(text)).rstrip(" :：-–—").strip()


def _split_lines(text: str) -> list[_Line]:
    raw_lines = text.split("\n")
    has_blank_separator = any(not line.strip() for line in raw_lines[1:-1])
    lines: list[_Line] = []
    block = 0
    previous_blank = True
    for raw in raw_lines:
        stripped = raw.strip()
        if not stripped:
            if not previous_blank:
                block += 1
            previous_blank = True
            continue
        if not has_blank_separator and lines:
            # Without blank lines between paragraphs each line is its own paragraph.
            block += 1
        lines.append(
            _Line(
                text=stripped, block=block, key=_heading_key(stripped), words=len(stripped.split())
            )
        )
        previous_blank = False
    for previous, following in pairwise(lines):
        if previous.block == following.block:
            previous.alone = following.alone = False
    return lines


def _clean_hint(title_hint: str | None) -> str | None:
    if title_hint is None:
        return None
    cleaned = _SPACES.sub(" ", clean_untrusted(title_hint)).strip()
    return cleaned or None


def _assign_header(
    state: _ParseState, rules: _ChromeRules, *, title_hint: str | None, detect_header: bool
) -> None:
    lines = state.lines
    head = range(min(len(lines), _HEADER_SEARCH_LINES))
    hint = _clean_hint(title_hint)
    title_index: int | None = None
    if hint is not None:
        hint_key = _heading_key(hint)
        title_index = next((i for i in head if lines[i].key == hint_key), None)
    if title_index is None:
        title_index = next((i for i in head if _MARKDOWN_TITLE.match(lines[i].text)), None)
    if title_index is None and detect_header:
        title_index = _guess_title_index(state, rules)
    if title_index is None:
        return
    markdown_title = _MARKDOWN_TITLE.match(lines[title_index].text)
    state.title = markdown_title.group(1).strip() if markdown_title else lines[title_index].text
    state.reasons[title_index] = "title"
    if not detect_header:
        return
    for index in range(title_index):
        if _chrome_reason(lines[index], rules) is not None:
            continue
        if state.site_name is None and _could_be_site_name(lines[index]):
            state.site_name = _strip_markdown(lines[index].text)
            state.reasons[index] = "site name"
        elif lines[index].words <= _MAX_NAVIGATION_WORDS:
            state.reasons[index] = "navigation"


def _guess_title_index(state: _ParseState, rules: _ChromeRules) -> int | None:
    lines = state.lines
    candidates = [
        i
        for i in range(min(len(lines), _HEADER_SEARCH_LINES))
        if _chrome_reason(lines[i], rules) is None
    ]
    if not candidates:
        return None
    first = candidates[0]
    if len(candidates) > 1 and _could_be_site_name(lines[first]):
        second = candidates[1]
        if (
            _is_title_like(lines[second])
            and len(lines[second].text) > len(lines[first].text)
            and second + 1 < len(lines)
        ):
            return second
    if _is_title_like(lines[first]) and first + 1 < len(lines):
        return first
    return None


def _could_be_site_name(line: _Line) -> bool:
    return (
        line.alone
        and line.words <= _MAX_SITE_NAME_WORDS
        and not _TITLE_UNLIKE_END.search(line.text)
        and not (_SENTENCE_END.search(line.text))
    )


def _is_title_like(line: _Line) -> bool:
    # A line of a hard-wrapped paragraph is never a headline.
    return line.alone and line.words <= _MAX_TITLE_WORDS and not _TITLE_UNLIKE_END.search(line.text)


def _boilerplate_reason(line: _Line, rules: _ChromeRules) -> str | None:
    """Name a copyright, newsletter or navigation line, else None."""
    if _is_copyright(line, rules):
        return "copyright"
    if _is_newsletter(line, rules):
        return "newsletter"
    if _is_navigation(line, rules):
        return "navigation"
    return None


def _chrome_reason(line: _Line, rules: _ChromeRules) -> str | None:
    """Name the kind of chrome a line is when that needs no context, else None."""
    boilerplate = _boilerplate_reason(line, rules)
    if boilerplate is not None:
        return boilerplate
    if _parse_byline(line, rules) is not None:
        return "byline"
    if rules.dates.parse(line.text) is not None:
        return "date line"
    return None


def _is_copyright(line: _Line, rules: _ChromeRules) -> bool:
    if line.words > _MAX_CHROME_WORDS * 2:
        return False
    return any(mark in line.key for mark in rules.copyright_marks if mark != "copyright") or (
        line.key.startswith("copyright")
    )


def _is_newsletter(line: _Line, rules: _ChromeRules) -> bool:
    if line.words > _MAX_CHROME_WORDS + 5:
        return False
    if any(_starts_with_word(line.key, start) for start in rules.newsletter_starts):
        return True
    return any(word in line.key for word in rules.newsletter_words) and any(
        _contains_word(line.key, signup) for signup in rules.signup_words
    )


def _is_navigation(line: _Line, rules: _ChromeRules) -> bool:
    if line.words > _MAX_NAVIGATION_WORDS:
        return False
    if line.key in rules.navigation_words:
        return True
    parts = [part for part in _BREADCRUMB_SEPARATORS.split(line.key) if part]
    if len(parts) >= 2 and all(part in rules.navigation_words for part in parts):
        return True
    crumbs = len(re.findall(r"[>»›]", line.text))
    return crumbs >= 2 and all(len(part.split()) <= 4 for part in parts)


def _starts_with_word(key: str, prefix: str) -> bool:
    if not key.startswith(prefix):
        return False
    rest = key[len(prefix) :]
    return not rest or not rest[0].isalnum() or not prefix[-1].isalnum()


def _contains_word(key: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", key) is not None


def _after_prefix(key: str, text: str, prefixes: tuple[str, ...]) -> tuple[str, str] | None:
    """Return (prefix, rest of the original text) when the folded key starts with a prefix."""
    for prefix in prefixes:
        if _starts_with_word(key, prefix):
            rest = _strip_markdown(text)
            # The folded key and the text line up word by word; cut by words, not characters.
            prefix_words = len(prefix.split())
            words = rest.split(maxsplit=prefix_words)
            remainder = words[prefix_words] if len(words) > prefix_words else ""
            if prefix.endswith((":", "-")) or remainder[:1] in {":", "-", "："}:
                remainder = remainder.lstrip(":：- ").strip()
            return prefix, remainder
    return None


def _parse_byline(line: _Line, rules: _ChromeRules) -> _Byline | None:
    if line.words > _MAX_CHROME_WORDS or (
        _SENTENCE_END.search(line.text.rstrip(")")) and rules.dates.parse(line.text) is None
    ):
        return None
    segments = [part for part in _BYLINE_SEPARATORS.split(_strip_markdown(line.text)) if part]
    author: str | None = None
    published: str | None = None
    updated: str | None = None
    unclassified = 0
    for segment in segments:
        key = _fold_key(segment)
        named = _byline_author(segment, key, rules)
        if named is not None and author is None:
            author = named
            continue
        dated = _after_prefix(key, segment, rules.date_prefixes)
        if dated is not None and rules.dates.parse(dated[1]) is not None:
            published = published or rules.dates.parse(dated[1])
            continue
        dated = _after_prefix(key, segment, rules.updated_prefixes)
        if dated is not None and rules.dates.parse(dated[1]) is not None:
            updated = updated or rules.dates.parse(dated[1])
            continue
        unclassified += 1
    if author is None and published is None and updated is None:
        return None
    # A byline may name the agency in one extra segment ("By Anna Keller | Reuters").
    if unclassified > 1 or (unclassified == 1 and author is None):
        return None
    return _Byline(author=author, published_at=published, updated_at=updated)


def _byline_author(segment: str, key: str, rules: _ChromeRules) -> str | None:
    found = _after_prefix(key, segment, rules.author_prefixes)
    if found is None:
        return None
    prefix, name = found
    name = name.strip(" ,،")
    if not name or len(name.split()) > 8 or _SENTENCE_END.search(name):
        return None
    if prefix.isascii() and prefix.rstrip(":").strip().isalpha():
        words = name.replace(",", " ").split()
        # "By Monday, the roads were open" is a sentence, not a byline: names are capitalised.
        if not all(word[0].isupper() or word.casefold() in _NAME_CONNECTORS for word in words):
            return None
    return name


def _related_heading(line: _Line, rules: _ChromeRules) -> bool:
    if line.key in rules.related_headings:
        return True
    return line.words <= 8 and any(
        _starts_with_word(line.key, prefix) for prefix in rules.related_heading_prefixes
    )


def _inline_related_title(line: _Line, rules: _ChromeRules) -> str | None:
    """Return the story title of a one-line link such as "اقرأ أيضا: عنوان"."""
    if line.words > _MAX_INLINE_RELATED_WORDS:
        return None
    text = _strip_markdown(line.text)
    for separator in (":", "：", " - ", " – "):
        head, found, tail = text.partition(separator)
        if found and tail.strip() and _heading_key(head) in rules.related_headings:
            return tail.strip()
    return None


def _classify_lines(state: _ParseState, rules: _ChromeRules) -> None:
    lines = state.lines
    in_related = False
    pending = _PendingItem()
    for index, line in enumerate(lines):
        if index in state.reasons:
            continue
        if in_related:
            reason = _related_region_reason(line, rules)
            if reason == "related item":
                _add_to_related_item(state, pending, line, rules)
                state.reasons[index] = reason
                continue
            if reason == "navigation":
                state.reasons[index] = reason
                continue
            _flush_related_item(state, pending)
            if reason == "related heading":
                state.reasons[index] = reason
                continue
            in_related = False
        if _related_heading(line, rules):
            in_related = True
            state.reasons[index] = "related heading"
            continue
        inline_title = _inline_related_title(line, rules)
        if inline_title is not None:
            state.related.append(RelatedItem(title=inline_title, lead=None, date=None))
            state.reasons[index] = "related item"
            continue
        state.reasons[index] = _classify_outside_related(state, line, rules)
    _flush_related_item(state, pending)


def _related_region_reason(line: _Line, rules: _ChromeRules) -> str | None:
    """Name a line inside a related block, or return None when the block has ended."""
    if _related_heading(line, rules):
        return "related heading"
    if _is_navigation(line, rules):
        return "navigation"
    if _is_copyright(line, rules) or _is_newsletter(line, rules):
        return None
    if (
        line.words >= _RESUMING_BODY_WORDS
        and _SENTENCE_END.search(line.text)
        and not _ELLIPSIS_END.search(line.text)
    ):
        return None
    return "related item"


def _add_to_related_item(
    state: _ParseState, pending: _PendingItem, line: _Line, rules: _ChromeRules
) -> None:
    item_date = rules.dates.parse(line.text)
    if item_date is not None:
        if pending.date is not None and pending.title is not None:
            _flush_related_item(state, pending)
        pending.date = item_date
        return
    text = _strip_markdown(line.text)
    if _ELLIPSIS_END.search(text) and pending.title is not None and pending.lead is None:
        pending.lead = text
        return
    if pending.title is not None:
        _flush_related_item(state, pending)
    pending.title = text


def _flush_related_item(state: _ParseState, pending: _PendingItem) -> None:
    if pending.title is not None:
        state.related.append(RelatedItem(title=pending.title, lead=pending.lead, date=pending.date))
    pending.title = pending.lead = pending.date = None


def _classify_outside_related(state: _ParseState, line: _Line, rules: _ChromeRules) -> str:
    boilerplate = _boilerplate_reason(line, rules)
    if boilerplate is not None:
        return boilerplate
    byline = _parse_byline(line, rules)
    if byline is not None:
        state.author = state.author or byline.author
        state.published_at = state.published_at or byline.published_at
        state.updated_at = state.updated_at or byline.updated_at
        return "byline"
    if not state.seen_body:
        line_date = rules.dates.parse(line.text)
        if line_date is not None:
            state.published_at = state.published_at or line_date
            return "date line"
    if line.words <= _MAX_CHROME_WORDS and any(
        _starts_with_word(line.key, prefix) for prefix in rules.provenance_prefixes
    ):
        return "provenance candidate"
    state.seen_body = True
    return "body"


def _resolve_provenance(state: _ParseState) -> None:
    """Take as provenance the first candidate line that no substantial paragraph follows."""
    lines = state.lines
    candidates = sorted(
        i for i, reason in state.reasons.items() if reason == "provenance candidate"
    )
    # One backward pass: does a substantial body paragraph follow line i?
    body_follows = [False] * (len(lines) + 1)
    for index in range(len(lines) - 1, -1, -1):
        substantial = (
            state.reasons.get(index) == "body" and lines[index].words >= _SUBSTANTIAL_BODY_WORDS
        )
        body_follows[index] = body_follows[index + 1] or substantial
    chosen = next((c for c in candidates if not body_follows[c + 1]), None)
    for candidate in candidates:
        state.reasons[candidate] = "body"
    if chosen is None:
        return
    state.provenance = lines[chosen].text
    state.reasons[chosen] = "provenance"
    for index in range(chosen + 1, len(lines)):
        if state.reasons.get(index) == "body":
            state.reasons[index] = "after provenance"


def _exclude_trailing_date_lines(state: _ParseState, rules: _ChromeRules) -> None:
    """A date alone after the last paragraph is the page's date line, not body text."""
    body_indexes = [i for i, reason in state.reasons.items() if reason == "body"]
    for index in sorted(body_indexes, reverse=True):
        line_date = rules.dates.parse(state.lines[index].text)
        if line_date is None or len(body_indexes) == 1:
            return
        state.reasons[index] = "date line"
        body_indexes.remove(index)
        state.published_at = state.published_at or line_date


def _assemble_body(state: _ParseState) -> str:
    paragraphs: list[list[str]] = []
    last_block: int | None = None
    for index, line in enumerate(state.lines):
        if state.reasons.get(index) != "body":
            continue
        if line.block != last_block:
            paragraphs.append([])
            last_block = line.block
        paragraphs[-1].append(line.text)
    return "\n\n".join("\n".join(paragraph) for paragraph in paragraphs)
