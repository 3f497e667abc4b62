"""Cross-script identity of source names: skeletons, fuzzy name matching and known agencies."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rapidfuzz import fuzz

from workbench.core.data import load_language_data
from workbench.core.text.language import dominant_script as script_of
from workbench.core.text.normalise import ALEF_FOLDS, ARABIC_DIGIT_FOLDS, ARABIC_MARKS

__all__ = [
    "AgencyInfo",
    "NameCandidate",
    "NameMatch",
    "agency_for",
    "fold_name",
    "match_name",
    "script_of",
    "skeleton",
]

_LANGS = ("ar", "en")

# Orthography, not vocabulary: how letters of each script fall into shared consonant classes.
# s and z share a class because Arabic writes a foreign s as ز (Reuters -> رويترز).
# Vowels (and و/ي/w/y away from the start of a word) become "." and are dropped later.
_VOWEL = "."
_ARABIC_CLASSES = {
    "ب": "b", "پ": "b", "ت": "t", "ط": "t", "ث": "s", "ج": "g", "چ": "g", "ح": "h", "خ": "h",
    "د": "d", "ض": "d", "ذ": "s", "ظ": "s", "ز": "s", "ر": "r", "س": "s", "ش": "s", "ص": "s",
    "ع": _VOWEL, "غ": "g", "ف": "f", "ڤ": "f", "ق": "k", "ك": "k", "گ": "g", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "ة": _VOWEL, "ء": _VOWEL, "ا": _VOWEL, "ى": _VOWEL, "ئ": _VOWEL,
    "ؤ": _VOWEL, "و": "W", "ي": "Y",
}  # fmt: skip
_CYRILLIC_CLASSES = {
    "б": "b", "п": "b", "в": "f", "ф": "f", "г": "g", "ж": "g", "ч": "g", "д": "d", "з": "s",
    "к": "k", "л": "l", "м": "m", "н": "n", "р": "r", "с": "s", "ц": "s", "ш": "s", "щ": "s",
    "т": "t", "х": "h", "й": "Y", "а": _VOWEL, "е": _VOWEL, "ё": _VOWEL, "и": _VOWEL,
    "о": _VOWEL, "у": _VOWEL, "ы": _VOWEL, "э": _VOWEL, "ю": "Y", "я": "Y", "ь": _VOWEL,
    "ъ": _VOWEL,
}  # fmt: skip
_LATIN_CLASSES = {
    "b": "b", "p": "b", "t": "t", "d": "d", "s": "s", "z": "s", "k": "k", "c": "k", "q": "k",
    "g": "g", "j": "g", "h": "h", "f": "f", "v": "f", "w": "W", "y": "Y", "l": "l", "m": "m",
    "n": "n", "r": "r", "x": "ks", "a": _VOWEL, "e": _VOWEL, "i": _VOWEL, "o": _VOWEL,
    "u": _VOWEL, "ı": _VOWEL,
}  # fmt: skip
_LETTER_CLASSES = {**_ARABIC_CLASSES, **_CYRILLIC_CLASSES, **_LATIN_CLASSES}
# Latin digraphs that transliterate one Arabic or Cyrillic letter.
_LATIN_DIGRAPHS = re.compile(r"sch|sh|ch|kh|gh|th|dh|ph|zh|ts|ck|dj")
_DIGRAPH_CLASSES = {
    "sch": "s", "sh": "s", "ch": "g", "kh": "h", "gh": "g", "th": "s", "dh": "s", "ph": "f",
    "zh": "g", "ts": "s", "ck": "k", "dj": "g",
}  # fmt: skip
# Semivowels: their consonant class at the start of a word (elsewhere they spell vowels).
_SEMIVOWELS = {"W": "f", "Y": "y"}

_ARABIC_MARKS = re.compile(ARABIC_MARKS)
_FOLD_TABLE = str.maketrans(
    {
        **ALEF_FOLDS, "ى": "ي", "ة": "ه", "ـ": None, **ARABIC_DIGIT_FOLDS,
        "،": ",", "؛": ";", "؟": "?", "’": "'", "‘": "'",
    }
)  # fmt: skip
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")
_QUOTES = re.compile(r"[“”«»\"„‟‘’'`]")
_LATIN_ARTICLE = re.compile(r"\b(?:al|el|ul|as|ad|an|ar|at|az|ash|ath|adh)-", re.IGNORECASE)
_ARABIC_ARTICLE_MIN_LENGTH = 4
_MAX_REMEMBERED_ANSWERS = 50_000


def fold_name(name: str) -> str:
    """Fold a name for same-script matching: case, accents, Arabic letter variants, punctuation."""
    text = unicodedata.normalize("NFKC", name)
    text = _ARABIC_MARKS.sub("", text)
    text = text.translate(_FOLD_TABLE).casefold()
    # NFD then dropping combining marks folds Latin accents (Ö, ğ, é) without touching Arabic.
    text = "".join(
        char
        for char in unicodedata.normalize("NFD", text)
        if not unicodedata.combining(char) or "\u0600" <= char <= "\u06ff"
    )
    text = unicodedata.normalize("NFC", text).replace("ı", "i")
    text = _NON_WORD.sub(" ", _QUOTES.sub("", text))
    return _SPACES.sub(" ", text).strip()


@cache
def _honorifics() -> frozenset[str]:
    words: set[str] = set()
    for lang in _LANGS:
        titles = load_language_data("attribution", lang).get("titles", {})
        words.update(fold_name(word) for word in titles.get("honorifics", []))
    return frozenset(words)


def _strip_honorifics(tokens: list[str]) -> list[str]:
    honorifics = _honorifics()
    kept = [token for token in tokens if token not in honorifics]
    return kept or tokens


def _drop_article(token: str) -> str:
    if token.startswith("ال") and len(token) >= _ARABIC_ARTICLE_MIN_LENGTH:
        return token[2:]
    return token


def _token_skeleton(token: str) -> str:
    marked = _LATIN_DIGRAPHS.sub(lambda found: "\x00" + _DIGRAPH_CLASSES[found.group()], token)
    classes: list[str] = []
    after_digraph_mark = False
    for char in marked:
        if char == "\x00":
            after_digraph_mark = True
            continue
        if after_digraph_mark:
            classes.append(char)
            after_digraph_mark = False
            continue
        letter_class = _LETTER_CLASSES.get(char)
        if letter_class is None:
            if char.isdigit():
                classes.append(char)
            continue
        if letter_class in _SEMIVOWELS:
            # و/ي/w/y/й spell a consonant only at the start of a word (Walid, وليد, Yusuf).
            letter_class = _SEMIVOWELS[letter_class] if not classes else _VOWEL
        classes.append(letter_class)
    if not classes:
        return ""
    # Keep the fact that a word starts with a vowel, then drop vowels and collapse repeats.
    skeleton_chars: list[str] = ["a"] if classes[0] == _VOWEL else []
    for letter_class in classes:
        if letter_class == _VOWEL:
            continue
        for sub in letter_class:
            if not skeleton_chars or skeleton_chars[-1] != sub:
                skeleton_chars.append(sub)
    return "".join(skeleton_chars)


def skeleton(name: str) -> str:
    """Return a consonant skeleton of a name, comparable across Arabic, Latin and Cyrillic."""
    text = _LATIN_ARTICLE.sub("", unicodedata.normalize("NFKC", name))
    # Turkish ç is the sound Arabic writes ج or تش; give it the digraph before accents fold away.
    folded = fold_name(text.casefold().replace("ç", "ch"))
    tokens = _strip_honorifics(folded.split())
    parts = [_token_skeleton(_drop_article(token)) for token in tokens if token not in {"al", "el"}]
    return " ".join(part for part in parts if part)


@dataclass(frozen=True, slots=True)
class NameCandidate:
    """A known source the caller may link a mention to: its id, names and kind."""

    key: str
    names: tuple[str, ...]
    kind: str


@dataclass(frozen=True, slots=True)
class NameMatch:
    """The best candidate for a name, with a 0-100 score and a decision ("same" or "suggest")."""

    key: str
    score: float
    decision: str


@dataclass(frozen=True, slots=True)
class AgencyInfo:
    """A news agency or outlet known by several names in several scripts."""

    canonical: str
    kind: str
    names: tuple[str, ...]
    wikidata: str | None


@dataclass(frozen=True, slots=True)
class _PreparedName:
    folded_tokens: tuple[str, ...]
    skeleton_tokens: tuple[str, ...]
    script: str


@dataclass(frozen=True, slots=True)
class _AliasScore:
    score: float
    single_word_query: bool
    cross_script: bool


@dataclass(frozen=True, slots=True)
class _NameRules:
    common_names: frozenset[str]
    feminine_endings: tuple[str, ...]
    outlet_heads: frozenset[str]


_KIND_GROUPS = {
    "person": "person",
    "government_body": "state",
    "military": "state",
    "news_agency": "media",
    "outlet": "media",
    "company": "organisation",
    "organisation": "organisation",
    "document": "document",
}

# Scores given to structural matches; the caller's thresholds decide what they mean.
_SURNAME_SCORE = 95.0
_SUBSET_SCORE = 93.0
_SKELETON_EQUAL_SCORE = 94.0
_GIVEN_NAME_ONLY_CAP = 80.0
_CROSS_SCRIPT_WEIGHT = 0.9


@cache
def _name_rules() -> _NameRules:
    common: set[str] = set()
    endings: list[str] = []
    heads: set[str] = {"the"}
    for lang in _LANGS:
        data = load_language_data("attribution", lang)
        names = data.get("names", {})
        common.update(fold_name(word) for word in names.get("common", []))
        endings.extend(fold_name(ending) for ending in names.get("feminine_surname_endings", []))
        bodies = data.get("bodies", {})
        for kind in ("news_agency", "outlet"):
            # Heads are stripped token by token, so multi-word heads contribute each word.
            heads.update(fold_name(" ".join(bodies.get(kind, []))).split())
    return _NameRules(frozenset(common), tuple(endings), frozenset(heads))


def _prepare(name: str, kind: str) -> _PreparedName:
    tokens = _strip_honorifics(fold_name(name).split())
    if _KIND_GROUPS.get(kind) == "media":
        tokens = _strip_heads(tokens, _name_rules().outlet_heads)
    skeleton_tokens = tuple(
        part for part in (_token_skeleton(_drop_article(token)) for token in tokens) if part
    )
    return _PreparedName(tuple(tokens), skeleton_tokens, script_of(name))


def _strip_heads(tokens: list[str], heads: frozenset[str]) -> list[str]:
    index = 0
    while index < len(tokens) - 1 and tokens[index] in heads:
        index += 1
    return tokens[index:]


def _is_feminine(token: str, endings: Iterable[str]) -> bool:
    return any(token.endswith(ending) and len(token) > len(ending) + 2 for ending in endings)


def _single_word_score(word: str, other: tuple[str, ...], *, exact: bool) -> float:
    """Score a one-word mention against a multi-word name: surname hits count, given names less."""
    if not other:
        return 0.0
    surname = other[-1]
    if exact and word == surname:
        return _SURNAME_SCORE
    if word in other[:-1]:
        return _GIVEN_NAME_ONLY_CAP
    return fuzz.ratio(word, surname, processor=None) * 0.95


def _same_script_score(query: _PreparedName, alias: _PreparedName, kind: str) -> float:
    query_text = " ".join(query.folded_tokens)
    alias_text = " ".join(alias.folded_tokens)
    whole = max(
        fuzz.ratio(query_text, alias_text, processor=None),
        fuzz.token_sort_ratio(query_text, alias_text, processor=None),
    )
    if kind != "person" or whole == 100:
        return whole
    query_tokens, alias_tokens = query.folded_tokens, alias.folded_tokens
    if len(query_tokens) == 1 and len(alias_tokens) > 1:
        return max(whole, _single_word_score(query_tokens[0], alias_tokens, exact=True))
    if len(alias_tokens) == 1 and len(query_tokens) > 1:
        return max(whole, _single_word_score(alias_tokens[0], query_tokens, exact=True))
    shorter, longer = sorted((query_tokens, alias_tokens), key=len)
    if set(shorter) <= set(longer) and shorter[-1] == longer[-1]:
        return max(whole, _SUBSET_SCORE)
    return whole


def _cross_script_score(query: _PreparedName, alias: _PreparedName, kind: str) -> float:
    query_skeleton, alias_skeleton = query.skeleton_tokens, alias.skeleton_tokens
    if not query_skeleton or not alias_skeleton:
        return 0.0
    if "".join(query_skeleton) == "".join(alias_skeleton):
        return _SKELETON_EQUAL_SCORE
    if kind == "person":
        if len(query_skeleton) == 1 and len(alias_skeleton) > 1:
            return _single_word_score(query_skeleton[0], alias_skeleton, exact=True) - 1
        if len(alias_skeleton) == 1 and len(query_skeleton) > 1:
            return _single_word_score(alias_skeleton[0], query_skeleton, exact=True) - 1
        shorter, longer = sorted((query_skeleton, alias_skeleton), key=len)
        if set(shorter) <= set(longer) and shorter[-1] == longer[-1]:
            return _SUBSET_SCORE - 1
    similarity = fuzz.ratio(" ".join(query_skeleton), " ".join(alias_skeleton), processor=None)
    return similarity * _CROSS_SCRIPT_WEIGHT


def _score_alias(query: _PreparedName, alias: _PreparedName, kind: str) -> _AliasScore:
    cross_script = query.script != alias.script
    if cross_script:
        score = _cross_script_score(query, alias, kind)
    else:
        score = max(
            _same_script_score(query, alias, kind),
            # Skeletons also catch same-script spelling variants (Erdogan / Erdoğan / Ardogan).
            _SKELETON_EQUAL_SCORE - 2
            if query.skeleton_tokens and query.skeleton_tokens == alias.skeleton_tokens
            else 0.0,
        )
    return _AliasScore(score, len(query.folded_tokens) == 1, cross_script)


def _capped_for_doubt(
    query: _PreparedName, alias: _PreparedName, score: float, kind: str, same_threshold: float
) -> float:
    """Keep a score below "same" when the match rests on evidence too weak to merge sources."""
    if kind != "person" or score < same_threshold:
        return score
    rules = _name_rules()
    below_same = min(score, same_threshold - 1.0)
    query_last = query.folded_tokens[-1] if query.folded_tokens else ""
    alias_last = alias.folded_tokens[-1] if alias.folded_tokens else ""
    endings = rules.feminine_endings
    if _is_feminine(query_last, endings) != _is_feminine(alias_last, endings):
        return below_same
    if len(query.folded_tokens) == 1 and query_last in rules.common_names:
        return below_same
    return score


def match_name(
    name: str,
    kind: str,
    candidates: Sequence[NameCandidate],
    *,
    same_threshold: float = 90.0,
    suggest_threshold: float = 75.0,
) -> NameMatch | None:
    """Return the best compatible candidate for ``name`` with a decision, or None below suggest.

    A one-word mention ("Peskov") is "same" as "Dmitry Peskov" when it equals the surname (in
    the same script, or by skeleton across scripts), but only "suggest" when the word is a very
    common name (listed under ``[names] common`` in the attribution data), when it matches a
    given name rather than the surname, or when it would be "same" for more than one candidate.
    Feminine and masculine forms of a Slavic surname (Peskova / Peskov) are never "same".
    Anonymous sources match nothing.
    """
    group = _KIND_GROUPS.get(kind)
    if group is None or not name.strip():
        return None
    query = _prepare(name, kind)
    if not query.folded_tokens:
        return None
    scored: list[tuple[float, bool, str]] = []
    for candidate in candidates:
        if _KIND_GROUPS.get(candidate.kind) != group:
            continue
        best = 0.0
        single_word = False
        for alias_name in candidate.names:
            alias = _prepare(alias_name, kind)
            if not alias.folded_tokens:
                continue
            alias_score = _score_alias(query, alias, kind)
            score = _capped_for_doubt(query, alias, alias_score.score, kind, same_threshold)
            if score > best:
                best, single_word = score, alias_score.single_word_query
        if best >= suggest_threshold:
            scored.append((best, single_word, candidate.key))
    if not scored:
        return None
    scored.sort(key=lambda item: item[0], reverse=True)
    best_score, single_word, best_key = scored[0]
    decision = "same" if best_score >= same_threshold else "suggest"
    rivals_also_same = sum(1 for score, _, _ in scored if score >= same_threshold) > 1
    if decision == "same" and single_word and rivals_also_same:
        decision = "suggest"
    return NameMatch(key=best_key, score=round(best_score, 1), decision=decision)


@dataclass(frozen=True, slots=True)
class _AgencyIndex:
    by_folded_name: dict[str, AgencyInfo]
    heads: frozenset[str]
    # Attribution asks about the same few names again and again; remember the answers.
    answers: dict[str, AgencyInfo | None] = field(default_factory=dict)


def _agency_index_for(data: dict[str, Any]) -> _AgencyIndex:
    by_folded_name: dict[str, AgencyInfo] = {}
    for entry in data.get("agency", []):
        names = tuple(str(name) for name in entry.get("names", []))
        info = AgencyInfo(
            canonical=str(entry["canonical"]),
            kind=str(entry.get("kind", "news_agency")),
            names=names,
            wikidata=entry.get("wikidata"),
        )
        for alias in (info.canonical, *names):
            by_folded_name.setdefault(fold_name(alias), info)
    return _AgencyIndex(by_folded_name, _name_rules().outlet_heads)


_agency_cache: dict[int, tuple[dict[str, Any], _AgencyIndex]] = {}


def _agency_index() -> _AgencyIndex:
    data = load_language_data("agencies", "common")
    cached = _agency_cache.get(0)
    # load_language_data returns a new dict after a newsroom directory is registered.
    if cached is None or cached[0] is not data:
        cached = (data, _agency_index_for(data))
        _agency_cache[0] = cached
    return cached[1]


def agency_for(name: str) -> AgencyInfo | None:
    """Return the known agency or outlet called ``name`` (in any listed script), or None."""
    index = _agency_index()
    if name in index.answers:
        return index.answers[name]
    folded = fold_name(name)
    found = index.by_folded_name.get(folded)
    if found is None:
        tokens = folded.split()
        stripped = _strip_heads(tokens, index.heads)
        if stripped != tokens:
            found = index.by_folded_name.get(" ".join(stripped))
    if len(index.answers) >= _MAX_REMEMBERED_ANSWERS:
        index.answers.clear()
    index.answers[name] = found
    return found
