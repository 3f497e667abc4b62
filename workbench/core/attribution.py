"""Who said it: attribution chains and speaker coreference across the sentences of one article."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from workbench.core.data import load_language_data
from workbench.core.source_identity import agency_for
from workbench.core.text.normalise import ALEF_FOLDS, ARABIC_DIGIT_FOLDS, ARABIC_MARK_CHARACTERS

__all__ = ["SOURCE_KINDS", "Attribution", "Mention", "attribute_sentences"]

# The values Mention.kind takes; the store and the exports use the same strings.
SOURCE_KINDS = (
    "person",
    "government_body",
    "military",
    "news_agency",
    "outlet",
    "company",
    "organisation",
    "anonymous",
    "document",
)

# Kinds told by who a source is rather than by a head word such as "ministry" or "agency".
_KINDS_WITHOUT_HEAD_WORDS = frozenset({"person", "anonymous", "document"})


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a source in an article, with its article-local entity number."""

    name: str
    kind: str
    anonymous: bool
    role: str | None
    descriptors: dict[str, str]
    entity: int
    canonical_hint: str | None


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a sentence's content is attributed to: the cue, the quote type and the relay chain."""

    cue: str
    quote: str
    content_start: int | None
    content_end: int | None
    chain: tuple[Mention, ...]


# ---------------------------------------------------------------------------------------------
# Folding for matching. Only deletions change the length, so offsets map back through a list.

_REMOVED_MARKS = ARABIC_MARK_CHARACTERS
_FOLD_TABLE = str.maketrans(
    {**dict.fromkeys(_REMOVED_MARKS), **ALEF_FOLDS, "ى": "ي", **ARABIC_DIGIT_FOLDS}
)
_HAS_REMOVED_MARK = re.compile(f"[{re.escape(_REMOVED_MARKS)}]")


def _fold(text: str) -> str:
    return text.translate(_FOLD_TABLE)


@dataclass(frozen=True, slots=True)
class _FoldedSentence:
    """A sentence folded for matching, with the way back to offsets in the original text."""

    text: str
    origin: int
    kept_offsets: tuple[int, ...] | None

    def to_original(self, position: int) -> int:
        if self.kept_offsets is None:
            return self.origin + position
        return self.origin + self.kept_offsets[position]


def _fold_sentence(text: str, start: int, end: int) -> _FoldedSentence:
    original = text[start:end]
    folded = _fold(original)
    if len(folded) == len(original):
        return _FoldedSentence(folded, start, None)
    kept = [index for index, char in enumerate(original) if char not in _REMOVED_MARKS]
    kept.append(len(original))
    return _FoldedSentence(folded, start, tuple(kept))


# ---------------------------------------------------------------------------------------------
# Tokens and quotes.

_QUOTE_REGIONS = re.compile(r"“[^“”]*”|«[^«»]*»|\"[^\"\n]*\"|„[^„“”]*[“”]|(?<!\w)‘[^‘’]*’(?!\w)")
_TOKEN = re.compile(
    r"[“”«»\"„‘’]|[،,:؛;!?؟…()]|\.(?!\w)|[^\s“”«»\"„،,:؛;!?؟…()]+?(?=\.(?!\w)|[\s“”«»\"„،,:؛;!?؟…()]|$)"
)
_OPENING_QUOTES = frozenset('“«"„‘')
_CLOSING_QUOTES = frozenset('”»"“’')
_CLAUSE_PUNCTUATION = frozenset("،,;؛")
_STOP_PUNCTUATION = frozenset("،,:؛;!?؟….()")
_TRAILING_JUNK = " \t\n.،,;؛:!?؟…"
_QUOTE_MARKS = '“”«»"„‘’'
_MAX_SUBJECT_WORDS = 8
_MAX_APPOSITION_WORDS = 5
_NAME_WORDS_WITHOUT_DELIMITER = 2
_MAX_QUOTED_NAME_WORDS = 5
_PHRASE_WINDOW = 240


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    key: str
    start: int
    end: int

    @property
    def is_punctuation(self) -> bool:
        return len(self.text) == 1 and self.text in _STOP_PUNCTUATION

    @property
    def is_quote(self) -> bool:
        return len(self.text) == 1 and self.text in _QUOTE_MARKS


def _tokens(folded: str, start: int = 0, end: int | None = None) -> list[_Token]:
    stop = len(folded) if end is None else end
    return [
        _Token(found.group(), found.group().lower(), found.start(), found.end())
        for found in _TOKEN.finditer(folded, start, stop)
    ]


@dataclass(frozen=True, slots=True)
class _QuoteRegion:
    start: int
    end: int


def _quote_regions(folded: str) -> list[_QuoteRegion]:
    return [_QuoteRegion(found.start(), found.end()) for found in _QUOTE_REGIONS.finditer(folded)]


def _inside(regions: Iterable[_QuoteRegion], position: int) -> bool:
    return any(region.start < position < region.end for region in regions)


# ---------------------------------------------------------------------------------------------
# The lexicon: data files compiled once per language.


def _folded_set(words: Iterable[Any]) -> frozenset[str]:
    return frozenset(_fold(str(word)).lower() for word in words)


def _alternation(phrases: Iterable[str]) -> str:
    ordered = sorted({_fold(phrase).lower() for phrase in phrases}, key=len, reverse=True)
    return "|".join(re.escape(phrase).replace(r"\ ", r"\s+") for phrase in ordered)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    lang: str
    cue_pattern: re.Pattern[str]
    lemma_of_form: dict[str, str]
    continuation_lemmas: frozenset[str]
    told_lemmas: frozenset[str]
    relay_verbs: frozenset[str]
    relay_from: frozenset[str]
    relay_prep_heads: frozenset[str]
    relay_prep_pattern: re.Pattern[str]
    relay_as_pattern: re.Pattern[str] | None
    relay_modifier_pattern: re.Pattern[str] | None
    quote_nouns: frozenset[str]
    introducers: frozenset[str]
    content_skip_pattern: re.Pattern[str] | None
    stop_words: frozenset[str]
    time_words: frozenset[str]
    leading_words: frozenset[str]
    trailing_words: frozenset[str]
    recipient_prefixes: tuple[str, ...]
    recipient_outlet_heads: tuple[str, ...]
    interview_words: frozenset[str]
    role_connectors: frozenset[str]
    name_connectors: frozenset[str]
    framing_words: frozenset[str]
    pronoun_subjects: frozenset[str]
    audiences: frozenset[str]
    outlet_words: frozenset[str]
    titles: frozenset[str]
    kind_phrases: dict[str, tuple[str, ...]]
    kind_head_patterns: tuple[tuple[str, re.Pattern[str]], ...]
    kind_inner_patterns: tuple[tuple[str, re.Pattern[str]], ...]
    document_words: frozenset[str]
    document_link_pattern: re.Pattern[str]
    document_link_words: frozenset[str]
    anonymous_heads: frozenset[str]
    anonymity_marker_pattern: re.Pattern[str]
    seniority: frozenset[str]
    institutions: frozenset[str]
    counts: frozenset[str]
    nationalities: dict[str, str]


def _compile_lexicon(lang: str, data: dict[str, Any]) -> _Lexicon:
    verbs: dict[str, list[str]] = data.get("verbs", {})
    cues: dict[str, Any] = data.get("cues", {})
    phrases: dict[str, Any] = data.get("phrases", {})
    bodies: dict[str, Any] = data.get("bodies", {})
    anonymous: dict[str, Any] = data.get("anonymous", {})
    lemma_of_form = {
        _fold(form).lower(): _fold(lemma).lower()
        for lemma, forms in verbs.items()
        for form in forms
    }
    relay_verbs = _folded_set(cues.get("relay_verbs", []))
    relay_preps = [str(prep) for prep in cues.get("relay_preps", [])]
    # Entries ending in "لـ" take their source glued to the lam: no word boundary after them.
    glued_preps = [prep.rstrip("ـ") for prep in relay_preps if prep.endswith("لـ")]
    free_preps = [prep for prep in relay_preps if not prep.endswith("لـ")]
    prep_parts = []
    if glued_preps:
        prep_parts.append(f"(?:{_alternation(glued_preps)})")
    if free_preps:
        prep_parts.append(f"(?:{_alternation(free_preps)})(?!\\w)")
    prep_source = "|".join(prep_parts) or r"(?!x)x"
    prefix = "[وف]?" if lang == "ar" else ""
    verb_forms = _alternation([*lemma_of_form, *relay_verbs])
    cue_source = (
        rf"(?<!\w){prefix}(?:(?P<prep>{prep_source})|(?P<verb>{verb_forms})(?!\w))"
        if verb_forms
        else rf"(?<!\w){prefix}(?P<prep>{prep_source})"
    )
    flags = re.IGNORECASE
    relay_as = cues.get("relay_as", [])
    relay_modifiers = cues.get("relay_modifiers", [])
    content_skips = cues.get("content_skips", [])
    kind_phrases = {
        kind: tuple(
            sorted(
                {_fold(str(word)).lower() for word in bodies.get(kind, [])}, key=len, reverse=True
            )
        )
        for kind in SOURCE_KINDS
        if kind not in _KINDS_WITHOUT_HEAD_WORDS
    }
    return _Lexicon(
        lang=lang,
        cue_pattern=re.compile(cue_source, flags),
        lemma_of_form=lemma_of_form,
        continuation_lemmas=_folded_set(cues.get("continuation", [])),
        told_lemmas=_folded_set(cues.get("told_lemmas", [])),
        relay_verbs=relay_verbs,
        relay_from=_folded_set(cues.get("relay_from", [])),
        relay_prep_heads=_folded_set(prep.split()[0] for prep in relay_preps),
        relay_prep_pattern=re.compile(rf"(?:{prep_source})", flags),
        relay_as_pattern=re.compile(rf"\s*(?:{_alternation(relay_as)})(?!\w)", flags)
        if relay_as
        else None,
        relay_modifier_pattern=re.compile(
            rf"(?<!\w)(?:{_alternation(relay_modifiers)})(?!\w)", flags
        )
        if relay_modifiers
        else None,
        quote_nouns=_folded_set(cues.get("quote_nouns", [])),
        introducers=_folded_set(cues.get("introducers", [])),
        content_skip_pattern=re.compile(rf"\s*(?:{_alternation(content_skips)})(?!\w)", flags)
        if content_skips
        else None,
        stop_words=_folded_set(phrases.get("stop_words", [])),
        time_words=_folded_set(phrases.get("time_words", [])),
        leading_words=_folded_set(phrases.get("leading_words", [])),
        trailing_words=_folded_set(phrases.get("trailing_words", [])),
        recipient_prefixes=tuple(_folded_set(phrases.get("recipient_prefixes", []))),
        recipient_outlet_heads=tuple(_folded_set(phrases.get("recipient_outlet_heads", []))),
        interview_words=_folded_set(phrases.get("interview_words", [])),
        role_connectors=_folded_set(phrases.get("role_connectors", [])),
        name_connectors=_folded_set(phrases.get("name_connectors", [])),
        framing_words=_folded_set(phrases.get("framing_words", [])),
        pronoun_subjects=_folded_set(phrases.get("pronoun_subjects", [])),
        audiences=_folded_set(phrases.get("audiences", [])),
        outlet_words=_folded_set(phrases.get("outlet_words", [])),
        titles=_folded_set(data.get("titles", {}).get("words", [])),
        kind_phrases=kind_phrases,
        kind_head_patterns=_kind_head_patterns(lang, kind_phrases),
        kind_inner_patterns=tuple(
            (kind, re.compile(rf"(?:^| )(?:{_alternation(multi)})(?: |$)"))
            for kind, phrases in kind_phrases.items()
            if lang == "en" and (multi := [phrase for phrase in phrases if " " in phrase])
        ),
        document_words=_folded_set(bodies.get("document", [])),
        document_link_pattern=re.compile(
            rf"\s*(?:{_alternation(bodies.get('document_links', ['from']))})(?!\w)\s*", flags
        ),
        document_link_words=_folded_set(
            word for link in bodies.get("document_links", []) for word in str(link).split()
        ),
        anonymous_heads=_folded_set(anonymous.get("heads", [])),
        anonymity_marker_pattern=re.compile(
            _alternation(anonymous.get("markers", [])) or r"(?!x)x", flags
        ),
        seniority=_folded_set(anonymous.get("seniority", [])),
        institutions=_folded_set(anonymous.get("institutions", [])),
        counts=_folded_set(anonymous.get("counts", [])),
        nationalities={
            _fold(adjective).lower(): str(country)
            for adjective, country in data.get("nationalities", {}).items()
        },
    )


def _kind_head_patterns(
    lang: str, kind_phrases: dict[str, tuple[str, ...]]
) -> tuple[tuple[str, re.Pattern[str]], ...]:
    # Arabic names its kind first ("وزارة الدفاع"), English last ("the defence ministry").
    template = r"^(?:{})(?: |$)" if lang == "ar" else r"(?:^| )(?:{})$"
    return tuple(
        (kind, re.compile(template.format(_alternation(phrases))))
        for kind, phrases in kind_phrases.items()
        if phrases
    )


_lexicon_cache: dict[str, tuple[dict[str, Any], _Lexicon]] = {}


def _lexicon(lang: str) -> _Lexicon:
    data = load_language_data("attribution", lang)
    cached = _lexicon_cache.get(lang)
    # A newsroom directory registered later makes load_language_data return a new dict.
    if cached is None or cached[0] is not data:
        cached = (data, _compile_lexicon(lang, data))
        _lexicon_cache[lang] = cached
    return cached[1]


# ---------------------------------------------------------------------------------------------
# Mentions before coreference.


@dataclass(frozen=True, slots=True)
class _Draft:
    """A source mention as parsed, before it is given an article-local entity number."""

    name: str
    kind: str
    anonymous: bool = False
    role: str | None = None
    descriptors: dict[str, str] = field(default_factory=dict)
    proper_name: bool = False
    definite: bool = False
    entity: int = 0


@dataclass(frozen=True, slots=True)
class _Parse:
    """What one sentence says about its source; chain None means "the previous speaker"."""

    cue_start: int
    cue_end: int
    content_start: int | None
    content_end: int | None
    chain: tuple[_Draft, ...] | None
    continues_anywhere: bool = False


def _cue_bounds(cue: re.Match[str]) -> tuple[int, int]:
    """Where the cue word itself is, without a conjunction prefix such as و or ف."""
    group = "prep" if cue.group("prep") is not None else "verb"
    return cue.start(group), cue.end(group)


_DROP_QUOTES = str.maketrans("", "", _QUOTE_MARKS)


def _clean_name(text: str) -> str:
    without_quotes = text.translate(_DROP_QUOTES)
    return " ".join(without_quotes.split()).strip(_TRAILING_JUNK)


def _strip_article(word: str) -> str:
    for article in ("وال", "ال"):
        if word.startswith(article) and len(word) > len(article) + 1:
            return word[len(article) :]
    return word


def _adjective_base(word: str) -> str:
    """The masculine singular of an Arabic adjective (التركية, أمريكيون -> تركي, أمريكي)."""
    base = _strip_article(word.lower())
    if base.endswith(("يون", "يين")) and len(base) > 4:
        return base[:-2]
    return base[:-1] if base.endswith("ة") else base


def _descriptors(words: Sequence[str], lex: _Lexicon) -> dict[str, str]:
    """Nationality, seniority and institution words found in a description."""
    found: dict[str, str] = {}
    for word in words:
        key = word.lower().strip(_TRAILING_JUNK)
        base = _adjective_base(key)
        country = lex.nationalities.get(key) or lex.nationalities.get(base)
        if country and "country" not in found:
            found["nationality"] = word
            found["country"] = country
        elif (key in lex.seniority or base in lex.seniority) and "seniority" not in found:
            found["seniority"] = word
        elif (key in lex.institutions or base in lex.institutions) and "institution" not in found:
            found["institution"] = word
    return found


def _kind_of_phrase(folded_words: Sequence[str], lex: _Lexicon) -> str | None:
    """The body kind a phrase names: by its first words in Arabic, its head word in English."""
    text = " ".join(folded_words)
    for kind, head_pattern in lex.kind_head_patterns:
        if head_pattern.search(text):
            return kind
    for kind, inner_pattern in lex.kind_inner_patterns:
        if inner_pattern.search(text):
            return kind
    return None


def _classify(raw: str, lex: _Lexicon) -> _Draft | None:
    """Turn a speaker phrase into a mention draft with its kind, role and descriptors."""
    name = _clean_name(raw)
    if not name:
        return None
    words = name.split()
    folded_words = [_fold(word).lower() for word in words]
    first = folded_words[0]
    definite_en = first in {"the", "this", "that"}
    definite = definite_en or (lex.lang == "ar" and first.startswith("ال"))
    if lex.lang == "en" and definite_en and len(words) > 1 and words[1][:1].isupper():
        # "the Daily Courier" is written with its article; the name is what follows it.
        name, words, folded_words = " ".join(words[1:]), words[1:], folded_words[1:]
        first = folded_words[0]
    agency = agency_for(name)
    if agency is not None:
        return _Draft(name=name, kind=agency.kind, proper_name=True)
    if lex.lang == "ar" and first in lex.kind_phrases["news_agency"] and len(words) > 1:
        return _Draft(name=name, kind="news_agency", proper_name=True)
    content_words = [word for word in folded_words if word not in {"the", "a", "an"}]
    head = content_words[0] if lex.lang == "ar" else (content_words or [first])[-1]
    descriptors = _descriptors(words, lex)
    if _is_anonymous(folded_words, words, head, lex):
        if lex.lang == "en" and first in lex.counts and first not in {"a", "an"}:
            descriptors["count"] = words[0]
        return _Draft(
            name=name, kind="anonymous", anonymous=True, descriptors=descriptors, definite=definite
        )
    # Seniority and institution only describe unnamed sources; a named one keeps its country.
    descriptors = {
        key: value for key, value in descriptors.items() if key in {"nationality", "country"}
    }
    kind_by_head = _kind_of_phrase(folded_words, lex)
    title_positions = [index for index, word in enumerate(folded_words) if _is_title(word, lex)]
    if lex.lang == "ar" and title_positions and title_positions[0] == 0:
        return _person_with_role_ar(words, folded_words, descriptors, lex)
    if lex.lang == "en" and title_positions and kind_by_head is None:
        return _person_with_role_en(words, folded_words, descriptors, lex)
    if kind_by_head is not None:
        return _Draft(name=name, kind=kind_by_head, descriptors=descriptors, definite=definite)
    if lex.lang == "en":
        capitalised = all(word[:1].isupper() for word in words)
        kind = "person" if capitalised and len(words) <= 4 else "organisation"
        return _Draft(name=name, kind=kind, descriptors=descriptors, proper_name=capitalised)
    if first.startswith("ال"):
        return _Draft(name=name, kind="organisation", descriptors=descriptors, definite=True)
    return _Draft(name=name, kind="person", descriptors=descriptors, proper_name=True)


def _is_title(word: str, lex: _Lexicon) -> bool:
    return (
        word in lex.titles
        or word.rstrip(".") in lex.titles
        or word.removesuffix("'s") in lex.titles
    )


def _is_anonymous(
    folded_words: Sequence[str], words: Sequence[str], head: str, lex: _Lexicon
) -> bool:
    if lex.lang == "ar":
        return head in lex.anonymous_heads
    if head not in lex.anonymous_heads:
        return False
    # "officials" is anonymous, "Smith's officials" or "Ministry officials" names an institution.
    for index, word in enumerate(words[1:], start=1):
        folded = folded_words[index]
        if (
            word[:1].isupper()
            and folded not in lex.nationalities
            and folded not in lex.institutions
        ):
            return False
    return True


def _person_with_role_ar(
    words: Sequence[str], folded_words: Sequence[str], descriptors: dict[str, str], lex: _Lexicon
) -> _Draft:
    index = 1
    while index < len(words):
        word = folded_words[index]
        if (
            word.startswith(("ال", "وال", "لل"))
            or word in lex.role_connectors
            or word in lex.titles
            or _adjective_base(word) in lex.nationalities
        ):
            index += 1
            continue
        break
    role = " ".join(words[:index])
    name_words = list(words[index:])
    if not name_words:
        return _Draft(name=role, kind="person", role=role, descriptors=descriptors, definite=True)
    return _Draft(
        name=" ".join(name_words),
        kind="person",
        role=role,
        descriptors=descriptors,
        proper_name=True,
    )


def _person_with_role_en(
    words: Sequence[str], folded_words: Sequence[str], descriptors: dict[str, str], lex: _Lexicon
) -> _Draft:
    name_start = len(words)
    while name_start > 0:
        word, folded = words[name_start - 1], folded_words[name_start - 1]
        if not word[:1].isupper() or _is_title(folded, lex) or folded in lex.nationalities:
            break
        name_start -= 1
    role_words = [word for word in words[:name_start] if word.lower() not in {"the", "a", "an"}]
    role = " ".join(role_words) or None
    if name_start == len(words):
        written = " ".join(words)
        return _Draft(
            name=written, kind="person", role=role, descriptors=descriptors, definite=True
        )
    return _Draft(
        name=" ".join(words[name_start:]),
        kind="person",
        role=role,
        descriptors=descriptors,
        proper_name=True,
    )


def _with_document(draft: _Draft | None, document: str) -> _Draft | None:
    if draft is None:
        return None
    return replace(draft, descriptors={**draft.descriptors, "document": document})


def _classify_with_document(raw: str, lex: _Lexicon) -> _Draft | None:
    """A phrase naming a document ("بيان صادر عن وزارة الزراعة") speaks for its issuer."""
    folded = _fold(raw).lower().strip()
    words = raw.split()
    if not words:
        return None
    first = _fold(words[0]).lower()
    offset = 0
    if lex.lang == "en" and first in {"the", "a", "an", "new", "official"} and len(words) > 1:
        offset = 1
        first = _fold(words[1]).lower()
    if first not in lex.document_words:
        return _classify(raw, lex)
    document_end = len(" ".join(words[: offset + 1]))
    link = lex.document_link_pattern.match(folded, document_end)
    if link is None or link.end() >= len(folded):
        return _Draft(name=_clean_name(raw), kind="document")
    issuer = _classify(raw[link.end() :], lex)
    return _with_document(issuer, _clean_name(" ".join(words[offset : offset + 1])))


# ---------------------------------------------------------------------------------------------
# Noun-phrase scanning shared by both languages.


@dataclass(frozen=True, slots=True)
class _Phrase:
    """Where a speaker phrase lies in the sentence and the token after it."""

    start: int
    end: int
    next_index: int


def _ends_phrase(key: str, words: int, lex: _Lexicon) -> bool:
    return (
        key in lex.stop_words
        or key in lex.introducers
        or key in lex.quote_nouns
        or key in lex.relay_prep_heads
        or key.startswith(lex.recipient_prefixes)
        or (lex.lang == "ar" and _is_glued_recipient(key, lex))
        or (words > 0 and key in lex.lemma_of_form)
    )


def _scan_phrase(tokens: Sequence[_Token], index: int, lex: _Lexicon) -> _Phrase:
    """Collect words from ``tokens[index]`` until a stop word, punctuation or a cue begins."""
    words = 0
    start = end = tokens[index].start if index < len(tokens) else 0
    position = index
    # "بيان صادر عن وزارة الزراعة", "data from the statistics office": the link does not end it.
    document_link_open = False
    while position < len(tokens):
        token = tokens[position]
        key = token.key
        if token.is_quote and token.text in _OPENING_QUOTES and words < _MAX_SUBJECT_WORDS:
            closing = _closing_quote(tokens, position)
            if closing is None:
                break
            if words == 0:
                start = token.start
            end = tokens[closing].end
            words += closing - position - 1
            position = closing + 1
            continue
        if token.is_punctuation or token.is_quote or words >= _MAX_SUBJECT_WORDS:
            break
        if document_link_open and key in lex.document_link_words:
            document_link_open = key not in lex.stop_words
        elif _ends_phrase(key, words, lex):
            break
        if words == 0:
            start = token.start
        if words <= 1 and key in lex.document_words:
            document_link_open = True
        end = token.end
        words += 1
        position += 1
        if token.text.endswith(".") and token.key.rstrip(".") not in lex.titles:
            break
    return _Phrase(start, end, position)


def _closing_quote(tokens: Sequence[_Token], opening: int) -> int | None:
    for position in range(opening + 1, min(len(tokens), opening + _MAX_QUOTED_NAME_WORDS + 2)):
        token = tokens[position]
        if token.is_quote:
            return position if position > opening + 1 else None
        if token.is_punctuation:
            return None
    return None


def _is_glued_recipient(key: str, lex: _Lexicon) -> bool:
    return key.startswith("ل") and any(
        key[1:].startswith(head) for head in lex.recipient_outlet_heads
    )


def _skip_punctuation(tokens: Sequence[_Token], index: int) -> int:
    while index < len(tokens) and tokens[index].text in _CLAUSE_PUNCTUATION:
        index += 1
    return index


def _chunk_end(tokens: Sequence[_Token], index: int) -> int:
    position = index
    while position < len(tokens) and not (
        tokens[position].is_punctuation or tokens[position].is_quote
    ):
        position += 1
    return position


# ---------------------------------------------------------------------------------------------
# Content and quote type.


def _content_span(folded: str, start: int, end: int | None = None) -> tuple[int, int] | None:
    stop = len(folded) if end is None else end
    while start < stop and folded[start] in " \t\n،,:":
        start += 1
    while stop > start and folded[stop - 1] in _TRAILING_JUNK:
        stop -= 1
    if stop <= start:
        return None
    return start, stop


def _quote_type(
    folded: str, span: tuple[int, int], regions: Sequence[_QuoteRegion]
) -> tuple[str, int, int]:
    start, end = span
    # A closing quote mark directly after the content belongs to it (“… بعد”.).
    if end < len(folded) and folded[end] in _CLOSING_QUOTES:
        end += 1
    inside = [region for region in regions if region.start >= start and region.end <= end]
    if not inside:
        return "indirect", start, span[1]
    if len(inside) == 1 and inside[0].start == start and inside[0].end >= end - 1:
        inner_start, inner_end = inside[0].start + 1, inside[0].end - 1
        while inner_end > inner_start and folded[inner_end - 1] in " ,،":
            inner_end -= 1
        return "direct", inner_start, inner_end
    return "mixed", start, end


# ---------------------------------------------------------------------------------------------
# Arabic sentences.


def _parse_ar(folded: str, regions: Sequence[_QuoteRegion], lex: _Lexicon) -> _Parse | None:
    for cue in lex.cue_pattern.finditer(folded):
        if _inside(regions, cue.start()):
            continue
        parsed = _parse_ar_cue(folded, cue, lex)
        if parsed is not None:
            return parsed
    return None


def _parse_ar_cue(folded: str, cue: re.Match[str], lex: _Lexicon) -> _Parse | None:
    tokens = _tokens(folded, cue.end())
    if cue.group("prep") is not None:
        return _parse_ar_prep(folded, cue, tokens, lex)
    form = cue.group("verb").lower()
    is_relay = form in lex.relay_verbs
    lemma = lex.lemma_of_form.get(form, form)
    subject = _scan_phrase(tokens, 0, lex)
    chain: list[_Draft] = []
    index = subject.next_index
    if subject.start != subject.end and index > 0:
        speaker = _classify_with_document(folded[subject.start : subject.end], lex)
        if speaker is not None:
            speaker, index = _trim_undelimited_ar(speaker, tokens, index, lex)
            chain.append(speaker)
    if is_relay and index < len(tokens) and tokens[index].key in lex.relay_from:
        source = _scan_phrase(tokens, index + 1, lex)
        index = source.next_index
        if source.end > source.start:
            original = _classify_with_document(folded[source.start : source.end], lex)
            if original is not None:
                original, index = _trim_undelimited_ar(original, tokens, index, lex)
                chain.append(original)
    if not chain:
        fronted = _fronted_subject_ar(folded, cue.start(), lex)
        if fronted is not None:
            chain.append(fronted)
    index, chain = _appositions_ar(folded, tokens, index, chain, lex)
    index, chain = _recipient_ar(folded, tokens, index, chain, lex)
    index, chain = _trailing_relay_ar(folded, tokens, index, chain, lex)
    content_from = _content_start_ar(tokens, index, lex)
    span = _content_span(folded, content_from if content_from is not None else len(folded))
    if span is None:
        return None
    if not chain:
        return _Parse(
            *_cue_bounds(cue),
            span[0],
            span[1],
            None,
            continues_anywhere=lemma in lex.continuation_lemmas,
        )
    return _Parse(*_cue_bounds(cue), span[0], span[1], tuple(chain))


def _is_descriptive_word(word: str, lex: _Lexicon) -> bool:
    """Words that may follow the head of an Arabic body or source phrase (الدفاع، التركية، رفيع)."""
    base = _adjective_base(word)
    return (
        word.startswith(("ال", "وال"))
        or word in lex.role_connectors
        or base in lex.nationalities
        or base in lex.institutions
        or base in lex.seniority
        or word in lex.seniority
    )


def _trim_undelimited_ar(
    speaker: _Draft, tokens: Sequence[_Token], index: int, lex: _Lexicon
) -> tuple[_Draft, int]:
    """Cut a speaker phrase that ran on into the reported content.

    Arabic runs the subject and the content together ("أعلن وزير التجارة التركي عمر بولاط تسجيل
    ..."، "وأكد الجيش التركي مقتل جنديين"). A body or unnamed source keeps its head and the
    definite or descriptive words after it. A name keeps two words (more when a particle such as
    أبو or عبد glues them) unless a comma, an introducer (أن، إن)، a colon or a time word closes it.
    """
    if "document" in speaker.descriptors or speaker.kind in {"news_agency", "outlet", "company"}:
        return speaker, index
    name_words = speaker.name.split()
    if speaker.kind != "person":
        kept = 1
        while kept < len(name_words) and _is_descriptive_word(_fold(name_words[kept]).lower(), lex):
            kept += 1
    elif speaker.proper_name:
        following = tokens[index] if index < len(tokens) else None
        delimited = following is not None and (
            following.is_punctuation
            or following.is_quote
            or following.key in lex.introducers
            or following.key in lex.time_words
            or following.key.startswith(lex.recipient_prefixes)
        )
        if delimited and len(name_words) < _MAX_APPOSITION_WORDS:
            return speaker, index
        kept = glued_words = 0
        while kept < len(name_words) and kept - glued_words < _NAME_WORDS_WITHOUT_DELIMITER:
            if _fold(name_words[kept]).lower() in lex.name_connectors:
                glued_words += 1
            kept += 1
    else:
        return speaker, index
    if kept >= len(name_words):
        return speaker, index
    dropped = len(name_words) - kept
    return replace(speaker, name=" ".join(name_words[:kept])), index - dropped


def _appositions_ar(
    folded: str, tokens: Sequence[_Token], index: int, chain: list[_Draft], lex: _Lexicon
) -> tuple[int, list[_Draft]]:
    """Skip ", الخميس،", take ", دميتري بيسكوف،" as the name of a titled speaker, note anonymity."""
    while index < len(tokens) and tokens[index].text in _CLAUSE_PUNCTUATION:
        chunk_start = _skip_punctuation(tokens, index)
        chunk_stop = _chunk_end(tokens, chunk_start)
        chunk = tokens[chunk_start:chunk_stop]
        if not chunk:
            break
        keys = [token.key for token in chunk]
        text = folded[chunk[0].start : chunk[-1].end]
        if all(key in lex.time_words or key.isdigit() for key in keys):
            index = chunk_stop
            continue
        marker = lex.anonymity_marker_pattern.search(text)
        if marker is not None and chain:
            chain[-1] = replace(
                chain[-1],
                anonymous=True,
                kind="anonymous",
                descriptors={**chain[-1].descriptors, "anonymity": marker.group()},
            )
            index = chunk_stop
            continue
        speaker = chain[-1] if chain else None
        looks_like_name = (
            len(chunk) <= _MAX_APPOSITION_WORDS
            and not keys[0].startswith("ال")
            and not any(key in lex.stop_words or key in lex.introducers for key in keys)
        )
        if (
            speaker is not None
            and speaker.kind == "person"
            and speaker.role
            and not speaker.proper_name
            and looks_like_name
        ):
            chain[-1] = replace(speaker, name=_clean_name(text), proper_name=True, definite=False)
            index = chunk_stop
            continue
        break
    return index, chain


def _recipient_ar(
    folded: str, tokens: Sequence[_Token], index: int, chain: list[_Draft], lex: _Lexicon
) -> tuple[int, list[_Draft]]:
    """ "قال X لوكالة الأناضول" / "في تصريح لقناة ..." makes the outlet the outer relay."""
    position = index
    if position < len(tokens) and tokens[position].key in {"في", "خلال"}:
        position += 1
        if position < len(tokens) and tokens[position].key in lex.interview_words:
            position += 1
    if position >= len(tokens) or not chain:
        return index, chain
    token = tokens[position]
    if token.key.startswith(lex.recipient_prefixes):
        return position + 1, chain
    if not _is_glued_recipient(token.key, lex):
        return index, chain
    glued = tokens[position]
    outlet_tokens = [
        _Token(glued.text[1:], glued.key[1:], glued.start + 1, glued.end),
        *tokens[position + 1 :],
    ]
    phrase = _scan_phrase(outlet_tokens, 0, lex)
    outlet = _classify(folded[phrase.start : phrase.end], lex)
    if outlet is None:
        return index, chain
    if outlet.kind not in {"news_agency", "outlet"}:
        outlet = replace(outlet, kind="outlet")
    return position + phrase.next_index, [outlet, *chain]


def _trailing_relay_ar(
    folded: str, tokens: Sequence[_Token], index: int, chain: list[_Draft], lex: _Lexicon
) -> tuple[int, list[_Draft]]:
    """ "ذكرت صحيفة X نقلا عن مصادر أن ..." appends the original source after the relay."""
    position = _skip_punctuation(tokens, index)
    if position >= len(tokens) or not chain:
        return index, chain
    prep = lex.relay_prep_pattern.match(folded, tokens[position].start)
    if prep is None:
        return index, chain
    rest = _tokens(folded, prep.end())
    phrase = _scan_phrase(rest, 0, lex)
    original = _classify_with_document(folded[phrase.start : phrase.end], lex)
    if original is None:
        return index, chain
    rest_index, rest_chain = _appositions_ar(folded, rest, phrase.next_index, [original], lex)
    next_position = rest[rest_index].start if rest_index < len(rest) else len(folded)
    remaining = [token for token in tokens if token.start >= next_position]
    return len(tokens) - len(remaining), [*chain, *rest_chain]


def _content_start_ar(tokens: Sequence[_Token], index: int, lex: _Lexicon) -> int | None:
    for position in range(index, len(tokens)):
        token = tokens[position]
        if token.key in lex.quote_nouns:
            following = position + 1
            if following < len(tokens) and tokens[following].key in lex.introducers:
                return tokens[following].end
            return token.end
        if token.key in lex.introducers or token.text == ":":
            return token.end
        if token.is_quote and token.text in _OPENING_QUOTES:
            return token.start
    if index < len(tokens):
        return (
            tokens[_skip_punctuation(tokens, index)].start
            if _skip_punctuation(tokens, index) < len(tokens)
            else None
        )
    return None


def _fronted_subject_ar(folded: str, cue_start: int, lex: _Lexicon) -> _Draft | None:
    """ "وزارة الخارجية قالت إن ..." has its subject before the verb."""
    clause_start = max(folded.rfind(mark, 0, cue_start) for mark in "،,:؛;") + 1
    before = folded[clause_start:cue_start].strip()
    words = before.split()
    if not words or len(words) > _MAX_SUBJECT_WORDS:
        return None
    first = words[0].lower()
    first = (
        first[1:]
        if first.startswith("و")
        and len(first) > 2
        and first[1:] not in lex.framing_words
        and first not in lex.titles
        else first
    )
    if first in lex.framing_words:
        return None
    known_head = (
        first in lex.titles
        or first in lex.anonymous_heads
        or first in lex.document_words
        or any(
            first == phrase.split()[0]
            for phrases in lex.kind_phrases.values()
            for phrase in phrases
        )
    )
    if not known_head:
        return None
    return _classify_with_document(" ".join([first, *words[1:]]), lex)


def _parse_ar_prep(
    folded: str, cue: re.Match[str], tokens: list[_Token], lex: _Lexicon
) -> _Parse | None:
    index = 0
    # "حسبما ذكرت الوكالة": skip the verb that follows حسبما.
    if index < len(tokens) and (
        tokens[index].key in lex.lemma_of_form
        or (tokens[index].key[:1] in "وف" and tokens[index].key[1:] in lex.lemma_of_form)
    ):
        index += 1
    phrase = _scan_phrase(tokens, index, lex)
    if phrase.end <= phrase.start:
        return None
    source = _classify_with_document(folded[phrase.start : phrase.end], lex)
    if source is None:
        return None
    after, chain = _appositions_ar(folded, tokens, phrase.next_index, [source], lex)
    before_text = folded[: cue.start()].strip(" و،,")
    if not before_text or (
        len(before_text.split()) == 1 and before_text.split()[-1] in lex.framing_words
    ):
        content_from = _content_start_ar(tokens, after, lex)
        span = _content_span(folded, content_from if content_from is not None else len(folded))
    else:
        span = _content_span(folded, 0, cue.start())
    if span is None:
        return None
    return _Parse(*_cue_bounds(cue), span[0], span[1], tuple(chain))


# ---------------------------------------------------------------------------------------------
# English sentences.


def _parse_en(folded: str, regions: Sequence[_QuoteRegion], lex: _Lexicon) -> _Parse | None:
    for cue in lex.cue_pattern.finditer(folded):
        if _inside(regions, cue.start()):
            continue
        if cue.group("prep") is not None:
            parsed = _parse_en_prep(folded, cue, regions, lex)
        else:
            parsed = _parse_en_verb(folded, cue, regions, lex)
        if parsed is not None:
            return parsed
    return None


@dataclass(frozen=True, slots=True)
class _Chunk:
    start: int
    end: int
    after_quote: bool


def _clause_chunks(folded: str, end: int, regions: Sequence[_QuoteRegion]) -> list[_Chunk]:
    """Comma-separated chunks of ``folded[:end]``, treating whole quotations as separators."""
    bounds: list[_Chunk] = []
    chunk_start = 0
    after_quote = False
    position = 0
    region_by_start = {region.start: region for region in regions}
    while position < end:
        region = region_by_start.get(position)
        if region is not None:
            bounds.append(_Chunk(chunk_start, position, after_quote))
            chunk_start = position = min(region.end, end)
            after_quote = True
            continue
        if folded[position] in ",;:":
            bounds.append(_Chunk(chunk_start, position, after_quote))
            chunk_start = position + 1
            after_quote = False
        position += 1
    bounds.append(_Chunk(chunk_start, end, after_quote))
    return bounds


def _trim_subject_en(text: str, lex: _Lexicon) -> str:
    words = text.split()
    while words and words[0].lower() in lex.leading_words:
        words.pop(0)
    # "On Tuesday the ministry" / "Earlier this week, ..." start with a time phrase.
    while len(words) > 1 and words[0].lower() in lex.time_words:
        words.pop(0)
        while words and words[0].lower() in lex.time_words:
            words.pop(0)
    while words and (
        words[-1].lower() in lex.trailing_words or words[-1].lower() in lex.time_words
    ):
        words.pop()
    return " ".join(words)


def _is_time_chunk(text: str, lex: _Lexicon) -> bool:
    words = text.lower().split()
    return bool(words) and all(word in lex.time_words for word in words)


@dataclass(frozen=True, slots=True)
class _LeftSubject:
    draft: _Draft | None
    chunk_start: int
    pronoun: bool
    extra_originals: tuple[_Draft, ...]


def _left_subject_en(
    folded: str, cue_start: int, regions: Sequence[_QuoteRegion], lex: _Lexicon
) -> _LeftSubject:
    chunks = _clause_chunks(folded, cue_start, regions)
    anonymity: str | None = None
    originals: list[_Draft] = []
    position = len(chunks) - 1
    while position >= 0:
        start, end = chunks[position].start, chunks[position].end
        text = folded[start:end].strip()
        lowered = text.lower()
        if not text:
            # "“…,” said X": nothing between the quotation and the cue, the subject follows it.
            if chunks[position].after_quote or position == 0:
                return _LeftSubject(None, start, False, ())
            position -= 1
            continue
        marker = lex.anonymity_marker_pattern.search(text)
        if marker is not None and (lowered.split()[0] in lex.stop_words or marker.start() == 0):
            anonymity = marker.group()
            position -= 1
            continue
        modifier = lex.relay_modifier_pattern.match(text) if lex.relay_modifier_pattern else None
        if modifier is not None:
            cited = _classify(text[modifier.end() :], lex)
            if cited is not None:
                originals.insert(0, cited)
            position -= 1
            continue
        if _is_time_chunk(text, lex):
            position -= 1
            continue
        break
    if position < 0:
        return _LeftSubject(None, 0, False, ())
    start, end = chunks[position].start, chunks[position].end
    subject_text = _trim_subject_en(folded[start:end], lex)
    words = subject_text.split()
    if not words:
        return _LeftSubject(None, start, False, ())
    if len(words) == 1 and words[0].lower() in lex.pronoun_subjects:
        return _LeftSubject(None, start, True, tuple(originals))
    if (
        len(words) > _MAX_SUBJECT_WORDS
        or words[-1].lower() in lex.stop_words
        or all(word.lower() in {"the", "a", "an", "its", "his", "her", "their"} for word in words)
    ):
        return _LeftSubject(None, start, False, ())
    draft = _classify_with_document(subject_text, lex)
    if draft is None:
        return _LeftSubject(None, start, False, ())
    if position > 0:
        draft, start = _reverse_apposition_en(folded, chunks, position, draft, lex)
    if anonymity is not None:
        draft = replace(
            draft,
            anonymous=True,
            kind="anonymous",
            descriptors={**draft.descriptors, "anonymity": anonymity},
        )
    return _LeftSubject(draft, start, False, tuple(originals))


def _reverse_apposition_en(
    folded: str, chunks: Sequence[_Chunk], position: int, draft: _Draft, lex: _Lexicon
) -> tuple[_Draft, int]:
    """Join a name and a role written as appositions ("Jane Doe, the foreign minister, said")."""
    previous_start, previous_end = chunks[position - 1].start, chunks[position - 1].end
    own_start = chunks[position].start
    previous = _trim_subject_en(folded[previous_start:previous_end], lex)
    previous_words = previous.split()
    if not previous_words or len(previous_words) > 4 or chunks[position].after_quote:
        return draft, own_start
    capitalised = all(word[:1].isupper() for word in previous_words)
    if (
        draft.kind == "person"
        and draft.role
        and not draft.proper_name
        and capitalised
        and not any(_is_title(word.lower(), lex) for word in previous_words)
    ):
        return replace(draft, name=previous, proper_name=True, definite=False), previous_start
    if draft.kind == "person" and draft.proper_name and draft.role is None and position - 1 == 0:
        role_draft = _classify(previous, lex)
        if (
            role_draft is not None
            and role_draft.kind == "person"
            and role_draft.role
            and not role_draft.proper_name
        ):
            return replace(draft, role=role_draft.role), previous_start
    return draft, own_start


def _right_phrase_en(folded: str, start: int, lex: _Lexicon) -> tuple[_Draft | None, int]:
    # A speaker phrase is at most a few words: tokenise a window, not the rest of the sentence.
    tokens = _tokens(folded, start, min(len(folded), start + _PHRASE_WINDOW))
    if not tokens or tokens[0].is_punctuation or tokens[0].is_quote:
        return None, start
    phrase = _scan_phrase(tokens, 0, lex)
    if phrase.end <= phrase.start:
        return None, start
    text = folded[phrase.start : phrase.end]
    if text.lower() in lex.pronoun_subjects:
        return None, phrase.end
    return _classify_with_document(text, lex), phrase.end


def _skip_to_content_en(folded: str, position: int, lex: _Lexicon) -> tuple[int, str | None]:
    """Skip "in a statement", "on Tuesday", "that" after a cue; report any document named."""
    document: str | None = None
    while True:
        moved = position
        if lex.content_skip_pattern is not None:
            skip = lex.content_skip_pattern.match(folded, position)
            if skip is not None:
                words = skip.group().split()
                if words[-1].lower() in {"statement", "post", "tweet", "letter"}:
                    document = words[-1]
                position = skip.end()
        time_phrase = re.match(
            r"\s*(?:on|this|last|late|early|earlier)?\s*(\w+)", folded[position:]
        )
        if (
            time_phrase
            and time_phrase.group(1).lower() in lex.time_words
            and time_phrase.group().strip()
        ):
            position += time_phrase.end()
        introducer = re.match(r"[\s,]*(?:that\b|:)?", folded[position:], re.IGNORECASE)
        if introducer and introducer.group().strip(" "):
            position += introducer.end()
        if position == moved:
            return position, document


def _told_object_en(folded: str, position: int, lex: _Lexicon) -> tuple[_Draft | None, int]:
    """The object of "told": an audience (skipped) or a relaying outlet ("the Daily Courier")."""
    stripped = folded[position:].lstrip()
    offset = len(folded) - len(stripped)
    lowered = stripped.lower()
    for audience in sorted(lex.audiences, key=len, reverse=True):
        if (
            lowered.startswith(audience)
            and not lowered[len(audience) : len(audience) + 1].isalnum()
        ):
            return None, offset + len(audience)
    found = re.match(r"(?:the\s+)?(?:[A-Z][\w.'&-]*\s*)+", stripped)
    if found is None:
        return None, position
    text = found.group().strip()
    words = text.split()
    if words[-1].lower() in lex.stop_words:
        text = " ".join(words[:-1])
    if not text:
        return None, position
    outlet = _classify(text, lex)
    if outlet is None or outlet.anonymous:
        return None, position
    if outlet.kind not in {"news_agency", "outlet"}:
        outlet = replace(outlet, kind="outlet", role=None)
    return outlet, offset + len(text)


def _parse_en_verb(
    folded: str, cue: re.Match[str], regions: Sequence[_QuoteRegion], lex: _Lexicon
) -> _Parse | None:
    form = cue.group("verb").lower()
    lemma = lex.lemma_of_form.get(form, form)
    left = _left_subject_en(folded, cue.start(), regions, lex)
    after_cue = cue.end()
    speaker = left.draft
    chain: list[_Draft] = []
    if form in lex.relay_verbs:
        return _parse_en_quoted(folded, cue, left, regions, lex)
    if speaker is None and not left.pronoun:
        speaker, after_cue = _right_phrase_en(folded, cue.end(), lex)
        if speaker is not None:
            marker = lex.anonymity_marker_pattern.match(folded[after_cue:].lstrip(" ,"))
            if marker is not None:
                speaker = replace(speaker, anonymous=True, kind="anonymous")
                after_cue = len(folded) - len(folded[after_cue:].lstrip(" ,")) + marker.end()
    if lemma in lex.told_lemmas:
        outlet, after_cue = _told_object_en(folded, after_cue, lex)
        if outlet is not None:
            chain.append(outlet)
    modifier_originals: list[_Draft] = []
    if lex.relay_modifier_pattern is not None:
        modifier = lex.relay_modifier_pattern.match(folded[after_cue:].lstrip(" ,"))
        if modifier is not None:
            offset = len(folded) - len(folded[after_cue:].lstrip(" ,"))
            cited, after_cue = _right_phrase_en(folded, offset + modifier.end(), lex)
            if cited is not None:
                modifier_originals.append(cited)
    content_from, document = _skip_to_content_en(folded, after_cue, lex)
    quote_before = (
        _quote_just_before(folded, left.chunk_start, regions)
        if speaker is not None or left.pronoun
        else None
    )
    if quote_before is not None:
        span: tuple[int, int] | None = (quote_before.start, quote_before.end)
    else:
        span = _content_span(folded, content_from)
        if span is None and left.draft is not None:
            span = _content_span(folded, 0, left.chunk_start)
    if span is None:
        return None
    if speaker is None:
        if not left.pronoun and lemma not in lex.continuation_lemmas:
            return None
        return _Parse(*_cue_bounds(cue), span[0], span[1], None, continues_anywhere=True)
    if document is not None:
        speaker = replace(speaker, descriptors={**speaker.descriptors, "document": document})
    chain.append(speaker)
    chain.extend(left.extra_originals)
    chain.extend(modifier_originals)
    return _Parse(*_cue_bounds(cue), span[0], span[1], tuple(chain))


def _quote_just_before(
    folded: str, chunk_start: int, regions: Sequence[_QuoteRegion]
) -> _QuoteRegion | None:
    for region in regions:
        if region.end <= chunk_start and not folded[region.end : chunk_start].strip(" ,;:—-"):
            return region
    return None


def _parse_en_quoted(
    folded: str,
    cue: re.Match[str],
    left: _LeftSubject,
    regions: Sequence[_QuoteRegion],
    lex: _Lexicon,
) -> _Parse | None:
    """ "The agency quoted X as saying ..." and "X was quoted by the agency as saying ..."."""
    rest = folded[cue.end() :]
    passive = re.match(r"\s*by\s+", rest, re.IGNORECASE)
    other, after = _right_phrase_en(folded, cue.end() + (passive.end() if passive else 0), lex)
    if other is None or left.draft is None:
        return None
    relay_as = lex.relay_as_pattern.match(folded, after) if lex.relay_as_pattern else None
    if relay_as is None:
        return None
    chain = (other, left.draft) if passive else (left.draft, other)
    content_from, _ = _skip_to_content_en(folded, relay_as.end(), lex)
    span = _content_span(folded, content_from)
    if span is None:
        return None
    return _Parse(*_cue_bounds(cue), span[0], span[1], chain)


def _parse_en_prep(
    folded: str, cue: re.Match[str], regions: Sequence[_QuoteRegion], lex: _Lexicon
) -> _Parse | None:
    source, after = _right_phrase_en(folded, cue.end(), lex)
    if source is None:
        return None
    chain = [source]
    if lex.relay_modifier_pattern is not None:
        stripped = folded[after:].lstrip(" ,")
        modifier = lex.relay_modifier_pattern.match(stripped)
        if modifier is not None:
            cited, after = _right_phrase_en(
                folded, len(folded) - len(stripped) + modifier.end(), lex
            )
            if cited is not None:
                chain.append(cited)
    before = folded[: cue.start()].strip(" ,")
    if not before or before.lower() in lex.leading_words:
        span = _content_span(folded, after)
    else:
        span = _content_span(folded, 0, cue.start())
    if span is None:
        return None
    return _Parse(*_cue_bounds(cue), span[0], span[1], tuple(chain))


# ---------------------------------------------------------------------------------------------
# Coreference inside one article.


@dataclass(slots=True)
class _Entity:
    """What the article has said so far about one speaker (mutable while the article is read)."""

    number: int
    kind: str
    anonymous: bool
    proper_names: list[str] = field(default_factory=list)
    written_names: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    agency: str | None = None


def _name_words(name: str) -> list[str]:
    return list(_folded_name_words(name))


# Resolving a mention compares it with every name seen so far in the article, so the same
# names are folded again and again; remembering them keeps long articles linear.
@lru_cache(maxsize=8192)
def _folded_name_words(name: str) -> tuple[str, ...]:
    return tuple(_fold(word).lower().strip(_TRAILING_JUNK) for word in _clean_name(name).split())


def _role_words(role: str, lex: _Lexicon) -> tuple[str, set[str]]:
    ignored = lex.role_connectors | {"the", "a", "an", "of", "for"}
    words = [_adjective_base(word) for word in _name_words(role) if word not in ignored]
    words = [word.removesuffix("'s") for word in words if word]
    if not words:
        return "", set()
    titles = [word for word in words if _is_title(word, lex) or _is_title("ال" + word, lex)]
    head = (titles[0] if lex.lang == "ar" else titles[-1]) if titles else words[0]
    return head, set(words)


class _Registry:
    """Assigns article-local entity numbers to mentions, most recent compatible entity first."""

    def __init__(self, lex: _Lexicon) -> None:
        self._lex = lex
        self._entities: list[_Entity] = []

    @property
    def entities(self) -> list[_Entity]:
        return self._entities

    def resolve(self, draft: _Draft) -> _Draft:
        entity = self._find(draft)
        if entity is None:
            entity = _Entity(len(self._entities) + 1, draft.kind, draft.anonymous)
            self._entities.append(entity)
        self._record(entity, draft)
        return replace(
            draft, entity=entity.number, kind=entity.kind if not draft.anonymous else draft.kind
        )

    def _record(self, entity: _Entity, draft: _Draft) -> None:
        entity.written_names.append(draft.name)
        if draft.proper_name and not draft.anonymous:
            entity.proper_names.append(draft.name)
        if draft.role:
            entity.roles.append(draft.role)
        if draft.kind in {"news_agency", "outlet"}:
            agency = agency_for(draft.name)
            if agency is not None:
                entity.agency = agency.canonical

    def _find(self, draft: _Draft) -> _Entity | None:
        recent_first = list(reversed(self._entities))
        if draft.anonymous:
            return self._find_anonymous(draft, recent_first)
        candidates = [
            entity
            for entity in recent_first
            if not entity.anonymous and _compatible(entity.kind, draft.kind)
        ]
        if draft.kind in {"news_agency", "outlet"}:
            agency = agency_for(draft.name)
            for entity in candidates:
                if agency is not None and entity.agency == agency.canonical:
                    return entity
        words = _name_words(draft.name)
        if draft.proper_name:
            for entity in candidates:
                if any(_same_name(words, _name_words(known)) for known in entity.proper_names):
                    return entity
        if draft.role:
            for entity in candidates:
                if entity.kind == "person" and any(
                    self._roles_match(draft.role, known) for known in entity.roles
                ):
                    if draft.proper_name and entity.proper_names:
                        continue
                    return entity
        if draft.definite and draft.kind != "person":
            head = (
                _strip_article(words[-1] if self._lex.lang == "en" else words[0]) if words else ""
            )
            for entity in candidates:
                known_words = {
                    _strip_article(word)
                    for name in entity.written_names
                    for word in _name_words(name)
                }
                if head and head in known_words:
                    return entity
        if not draft.proper_name and not draft.role:
            for entity in candidates:
                if any(_name_words(known) == words for known in entity.written_names):
                    return entity
        return None

    def _find_anonymous(self, draft: _Draft, recent_first: list[_Entity]) -> _Entity | None:
        words = [_strip_article(word) for word in _name_words(draft.name)]
        words = [word for word in words if word not in {"the", "a", "an", "one"}]
        for entity in recent_first:
            if not entity.anonymous:
                continue
            for known in entity.written_names:
                known_words = [_strip_article(word) for word in _name_words(known)]
                known_words = [
                    word for word in known_words if word not in {"the", "a", "an", "one"}
                ]
                if known_words == words:
                    return entity
                # "المصدر" / "the official" points back to the latest source of that description.
                if draft.definite and len(words) == 1 and words[0] in known_words:
                    return entity
        return None

    def _roles_match(self, role: str, known: str) -> bool:
        head, words = _role_words(role, self._lex)
        known_head, known_words = _role_words(known, self._lex)
        if not head or head != known_head:
            return False
        return words <= known_words or known_words <= words


def _same_name(words: Sequence[str], known: Sequence[str]) -> bool:
    if not words or not known:
        return False
    if words == known:
        return True
    shorter, longer = sorted((list(words), list(known)), key=len)
    # A later surname-only mention ("بيسكوف", "Smith") refers back to the full name.
    return shorter[-1] == longer[-1] and set(shorter) <= set(longer)


def _compatible(known_kind: str, kind: str) -> bool:
    if known_kind == kind:
        return True
    media = {"news_agency", "outlet"}
    organisations = {"organisation", "company", "government_body", "military"}
    return (known_kind in media and kind in media) or (
        known_kind in organisations and kind == "organisation"
    )


# ---------------------------------------------------------------------------------------------
# Public entry point.


def attribute_sentences(
    text: str, spans: Sequence[tuple[int, int]], *, lang: str
) -> list[Attribution | None]:
    """Attribute each sentence span of one article to its chain of sources (None = narration)."""
    lex = _lexicon("ar" if lang.startswith("ar") else "en")
    registry = _Registry(lex)
    parse_sentence = _parse_ar if lex.lang == "ar" else _parse_en
    resolved: list[tuple[_Parse, tuple[_Draft, ...], _FoldedSentence] | None] = []
    previous_chain: tuple[_Draft, ...] | None = None
    previous_was_attributed = False
    for start, end in spans:
        sentence = _fold_sentence(text, start, end)
        regions = _quote_regions(sentence.text)
        parsed = parse_sentence(sentence.text, regions, lex)
        if parsed is None:
            resolved.append(None)
            previous_was_attributed = False
            continue
        if parsed.chain is None:
            may_continue = parsed.continues_anywhere or previous_was_attributed
            if previous_chain is None or not may_continue:
                resolved.append(None)
                previous_was_attributed = False
                continue
            chain = previous_chain
        else:
            chain = tuple(
                registry.resolve(_as_written(draft, text, sentence)) for draft in parsed.chain
            )
        resolved.append((parsed, chain, sentence))
        previous_chain = chain
        previous_was_attributed = True
    hints = _canonical_hints(registry.entities)
    kinds = {entity.number: entity.kind for entity in registry.entities}
    results: list[Attribution | None] = []
    for item in resolved:
        if item is None:
            results.append(None)
            continue
        parsed, chain, sentence = item
        results.append(
            _attribution(
                parsed, chain=chain, sentence=sentence, text=text, hints=hints, kinds=kinds
            )
        )
    return results


def _canonical_hints(entities: Sequence[_Entity]) -> dict[int, str | None]:
    hints: dict[int, str | None] = {}
    for entity in entities:
        names = entity.proper_names or entity.written_names
        hints[entity.number] = (
            max(names, key=lambda name: (len(name.split()), len(name))) if names else None
        )
    return hints


def _attribution(
    parsed: _Parse,
    *,
    chain: tuple[_Draft, ...],
    sentence: _FoldedSentence,
    text: str,
    hints: dict[int, str | None],
    kinds: dict[int, str],
) -> Attribution:
    regions = _quote_regions(sentence.text)
    quote = "indirect"
    content_start: int | None = None
    content_end: int | None = None
    if parsed.content_start is not None and parsed.content_end is not None:
        quote, start, end = _quote_type(
            sentence.text, (parsed.content_start, parsed.content_end), regions
        )
        content_start, content_end = sentence.to_original(start), sentence.to_original(end)
    mentions = tuple(_mention(draft, hints, kinds) for draft in chain)
    cue_written = text[
        sentence.to_original(parsed.cue_start) : sentence.to_original(parsed.cue_end)
    ]
    return Attribution(
        cue=cue_written,
        quote=quote,
        content_start=content_start,
        content_end=content_end,
        chain=mentions,
    )


def _written(text: str, sentence: _FoldedSentence, folded_piece: str) -> str:
    """Recover the original spelling (diacritics kept, quote marks dropped) of a folded piece."""
    words = folded_piece.split()
    if not words:
        return folded_piece
    gap = r"[\s“”«»\"„‘’]+"
    found = re.search(gap.join(re.escape(word) for word in words), sentence.text)
    if found is None:
        return folded_piece
    original = text[sentence.to_original(found.start()) : sentence.to_original(found.end())]
    return _clean_name(original)


def _as_written(draft: _Draft, text: str, sentence: _FoldedSentence) -> _Draft:
    role = _written(text, sentence, draft.role) if draft.role else None
    return replace(draft, name=_written(text, sentence, draft.name), role=role)


def _mention(draft: _Draft, hints: dict[int, str | None], kinds: dict[int, str]) -> Mention:
    kind = "anonymous" if draft.anonymous else kinds.get(draft.entity, draft.kind)
    return Mention(
        name=draft.name,
        kind=kind,
        anonymous=draft.anonymous,
        role=draft.role,
        descriptors=dict(draft.descriptors),
        entity=draft.entity,
        canonical_hint=hints.get(draft.entity),
    )
