"""Score how worth checking a sentence is with a transparent logistic model over cue features."""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from workbench.core.data import load_language_data
from workbench.core.text.numbers import (
    NumberMention,
    extract_numbers,
    fold_for_matching,
    fold_keeps_word_runs,
)
from workbench.core.text.patterns import first_character_class, trie_pattern

FEATURE_NAMES = (
    "numbers",
    "quantities_with_units",
    "named_entities",
    "attribution_cue",
    "comparison",
    "superlative_or_record",
    "date_or_time",
    "hedge",
    "question",
    "opinion",
    "negation",
    "causal",
    "generalisation",
    "future_or_plan",
    "harm_or_danger",
    "exclamation",
    "length_tokens",
)
# Counts beyond these add nothing: three numbers are no more worth checking than two.
_NUMBERS_SATURATE_AT = 3
_ENTITIES_SATURATE_AT = 3
_TOKENS_SATURATE_AT = 40
_FALLBACK_LANGUAGE = "en"

# Tweets and pasted text carry links, handles and hashtags; only their words count.
_LINK_RE = re.compile(r"https?://\S+|www\.\S+")
_HANDLE_RE = re.compile(r"@\w+")
_HASHTAG_RE = re.compile(r"#(\w+)")
_TOKEN_RE = re.compile(r"\w+")
# Each pattern opens with a lookahead on its first character: the regex engine then skips
# to candidate places instead of trying the whole pattern at every character.
# Opening with the consumed first digit (its left neighbour checked behind it) lets the engine
# jump from digit to digit; only whether there is a match is used.
_DATE_TOKEN_RE = re.compile(
    r"[0-9٠-٩](?<![0-9][0-9٠-٩])"
    r"(?:[0-9٠-٩]{0,3}[/.\-][0-9٠-٩]{1,2}[/.\-][0-9٠-٩]{1,4}|[0-9٠-٩]?:[0-9٠-٩]{2})"
)
# A capitalised Latin word that does not open the text or a sentence names someone or something.
# The capital is consumed first (what precedes it checked behind it, one character further
# back) so the regex engine scans for capitals in C instead of trying every place.
_CAPITALISED_NAME_RE = re.compile(
    r"[A-Z](?:(?<![.!?:]\s.)(?<!\A.)(?<![.!?:].)(?<!\w.)[A-Za-z]+|(?<!\w.)[A-Z]+\b)"
)
_YEAR_RANGE = (1900.0, 2100.0)


@dataclass(frozen=True, slots=True)
class CheckWorthiness:
    """A check-worthiness score in [0, 1] and the feature values it was computed from."""

    score: float
    features: dict[str, float]


# Features that are true when a cue of their list occurs anywhere in the text.
_SEARCHED_CUES = (
    ("hedge", "hedges"),
    ("superlative_or_record", "superlative_or_record"),
    ("comparison", "comparison"),
    ("attribution_cue", "attribution_cues"),
    ("date_or_time", "date_words"),
    ("opinion", "opinion"),
    ("negation", "negation"),
    ("causal", "causal"),
    ("generalisation", "generalisation"),
    ("future_or_plan", "future_or_plan"),
    ("harm_or_danger", "harm_or_danger"),
)

# The feature values of every combination of found cue lists, indexed by their bits.
_CUE_FLAGS = [
    tuple(float(bits >> index & 1) for index in range(len(_SEARCHED_CUES)))
    for bits in range(1 << len(_SEARCHED_CUES))
]


@dataclass(frozen=True, slots=True)
class _CueModel:
    """Compiled cue lists and weights of one language."""

    # Most cues are one word: a cue (with or without a clitic) is then exactly one \w+ run of
    # the folded text, so a set lookup finds it. Bit i of a value stands for _SEARCHED_CUES[i].
    word_cues: dict[str, int]
    # The same forms as a set: intersecting it with a sentence's words costs per word, where
    # intersecting the dict's keys would copy every form first.
    word_cue_forms: frozenset[str]
    # The other cues (several words, an open end, punctuation inside) are found by one scan
    # that stops only where such a cue starts; there one optional lookahead group per feature
    # records which lists have a cue at that place.
    phrase_cues_re: re.Pattern[str] | None
    entity_re: re.Pattern[str]
    # The \w+ runs an entity title can open with (clitic attached): a text holding none of
    # them has no title to count. None when a title's opening is not one whole run.
    entity_openings: frozenset[str] | None
    question_start_re: re.Pattern[str]
    bias: float
    weights: dict[str, float]
    # Weights in FEATURE_NAMES order, 0.0 for a feature without one.
    weight_vector: tuple[float, ...]


_WORD_RE = re.compile(r"\w+")


def _cue_phrases(entries: Iterable[str]) -> list[str]:
    """Return the entries folded, one space between words, "*" kept at an open end."""
    phrases = set()
    for entry in entries:
        folded = fold_for_matching(entry)
        words = " ".join(folded.rstrip("*").split())
        phrases.add(words + ("*" if folded.endswith("*") else ""))
    return sorted(phrases)


def _cue_body(phrases: Sequence[str], clitics: Sequence[str]) -> str:
    """Pattern of one list after its start: an optional clitic, a cue, then no word character.

    Prefix trees make the pattern fast; they find the same places as the plain alternation of
    the entries but may end a match elsewhere, so counted cues use :func:`_counted_cue_pattern`.
    """
    if not phrases:
        return "(?!)"
    if all(phrase.rstrip("*") for phrase in phrases):
        alternatives = trie_pattern(phrases, space=r"\s+", open_end=r"\w*")
    else:
        # An empty entry matches anywhere; only the plain alternation keeps that meaning.
        alternatives = "|".join(
            r"\s+".join(re.escape(word) for word in phrase.rstrip("*").split())
            + (r"\w*" if phrase.endswith("*") else "")
            for phrase in phrases
        )
    clitic_part = "(?:" + trie_pattern(clitics, space=r"\s+") + ")?" if clitics else ""
    return rf"{clitic_part}(?:{alternatives})(?!\w)"


def _starting_with_cue_letter(phrases: Sequence[str], clitics: Sequence[str]) -> str:
    """Lookahead for the letters a cue can start with: the regex engine then skips the rest."""
    letters = first_character_class([*phrases, *clitics])
    return "" if letters is None else f"(?={letters})"


def _folded_clitics(clitics: Iterable[str]) -> list[str]:
    return sorted({fold_for_matching(clitic) for clitic in clitics} - {""})


def _question_start_pattern(entries: Iterable[str], clitics: Iterable[str]) -> str:
    return rf"^\W*{_cue_body(_cue_phrases(entries), _folded_clitics(clitics))}"


def _counted_cue_pattern(entries: Iterable[str], clitics: Iterable[str]) -> str:
    """Plain alternation, longest entry first, so each counted match ends where it always has."""
    alternatives = []
    for entry in sorted({fold_for_matching(entry) for entry in entries}, key=len, reverse=True):
        open_ended = entry.endswith("*")
        words = entry.rstrip("*").split()
        pattern = r"\s+".join(re.escape(word) for word in words)
        alternatives.append(pattern + (r"\w*" if open_ended else ""))
    if not alternatives:
        return "(?!)"
    clitic_alternatives = "|".join(
        re.escape(fold_for_matching(clitic)) for clitic in sorted(clitics, key=len, reverse=True)
    )
    clitic_part = f"(?:{clitic_alternatives})?" if clitic_alternatives else ""
    lead = _starting_with_cue_letter(_cue_phrases(entries), _folded_clitics(clitics))
    return rf"{lead}(?<!\w){clitic_part}(?:{'|'.join(alternatives)})(?!\w)"


def _counted_cue_openings(entries: Iterable[str], clitics: Iterable[str]) -> frozenset[str] | None:
    """The words a match of :func:`_counted_cue_pattern` can start with, None if not words."""
    folded_clitics = [fold_for_matching(clitic) for clitic in clitics]
    if not all(_is_one_word(clitic) for clitic in folded_clitics):
        return None
    openings: set[str] = set()
    for entry in {fold_for_matching(entry) for entry in entries}:
        words = entry.rstrip("*").split()
        # An open end on the first word lets the match's first run run on past the entry.
        if not words or not _is_one_word(words[0]) or (len(words) == 1 and entry.endswith("*")):
            return None
        openings.update(clitic + words[0] for clitic in ("", *folded_clitics))
    return frozenset(openings)


def _is_one_word(phrase: str) -> bool:
    return _WORD_RE.fullmatch(phrase) is not None


@dataclass(frozen=True, slots=True)
class _SplitCues:
    """The searched cue lists split into one-word forms and phrases."""

    word_cues: dict[str, int]
    phrase_lists: list[list[str]]


def _split_cues(data: Mapping[str, Any], clitics: Sequence[str]) -> _SplitCues:
    """Return the one-word cue forms (clitic attached) with their feature bits, and the rest."""
    word_cues: dict[str, int] = {}
    phrase_lists: list[list[str]] = []
    # A clitic that is not all letters would let a cue start inside a \w+ run.
    clitics_are_words = all(_is_one_word(clitic) for clitic in clitics)
    for index, (_, key) in enumerate(_SEARCHED_CUES):
        phrases: list[str] = []
        for phrase in _cue_phrases(data.get(key, [])):
            if clitics_are_words and _is_one_word(phrase):
                for clitic in ("", *clitics):
                    form = clitic + phrase
                    word_cues[form] = word_cues.get(form, 0) | 1 << index
            else:
                phrases.append(phrase)
        phrase_lists.append(phrases)
    return _SplitCues(word_cues, phrase_lists)


def _phrase_cues_pattern(phrase_lists: Sequence[Sequence[str]], clitics: Sequence[str]) -> str:
    all_phrases = sorted({phrase for phrases in phrase_lists for phrase in phrases})
    feature_groups = "".join(
        f"(?:(?=({_cue_body(phrases, clitics)}))|)" for phrases in phrase_lists
    )
    at_cue_start = rf"(?<!\w)(?={_cue_body(all_phrases, clitics)}){feature_groups}"
    letters = first_character_class([*all_phrases, *clitics])
    if letters is None:
        return at_cue_start
    # The cue's first letter is consumed and everything else checked from just before it: a
    # pattern opening with a character class lets the regex engine scan for it in C. Each
    # match is then one character long instead of empty; only where matches start is used.
    return rf"{letters}(?<={at_cue_start}{letters})"


def _build_model(data: Mapping[str, Any]) -> _CueModel:
    clitics: list[str] = data.get("clitics", [])
    weights = {name: float(value) for name, value in data.get("weights", {}).items()}
    folded_clitics = _folded_clitics(clitics)
    split = _split_cues(data, folded_clitics)
    return _CueModel(
        word_cues=split.word_cues,
        word_cue_forms=frozenset(split.word_cues),
        phrase_cues_re=(
            re.compile(_phrase_cues_pattern(split.phrase_lists, folded_clitics))
            if any(split.phrase_lists)
            else None
        ),
        entity_re=re.compile(_counted_cue_pattern(data.get("entity_titles", []), clitics)),
        entity_openings=_counted_cue_openings(data.get("entity_titles", []), clitics),
        question_start_re=re.compile(
            _question_start_pattern(data.get("question_words", []), clitics)
        ),
        bias=weights.pop("bias", 0.0),
        weights=weights,
        weight_vector=tuple(weights.get(name, 0.0) for name in FEATURE_NAMES),
    )


_model_cache: dict[str, tuple[dict[str, Any], _CueModel]] = {}


def _model(lang: str) -> _CueModel:
    data = load_language_data("checkworthiness", lang)
    if not data and lang != _FALLBACK_LANGUAGE:
        return _model(_FALLBACK_LANGUAGE)
    cached = _model_cache.get(lang)
    # Rebuilt when the language data is reloaded (a newsroom registered extra cue lists).
    if cached is not None and cached[0] is data:
        return cached[1]
    model = _build_model(data)
    _model_cache[lang] = (data, model)
    return model


def _plain_words(text: str) -> str:
    # Each pattern needs one of these marks; news sentences usually have none.
    if "@" not in text and "#" not in text and "http" not in text and "www." not in text:
        return text
    without_links = _HANDLE_RE.sub(" ", _LINK_RE.sub(" ", text))
    return _HASHTAG_RE.sub(lambda hashtag: hashtag[1].replace("_", " "), without_links)


def checkworthiness_features(
    text: str, lang: str, numbers: Sequence[NumberMention] | None = None
) -> dict[str, float]:
    """Return the named feature values (each in [0, 1]) the check-worthiness score is built on."""
    return _features(_model(lang), text, lang, numbers)


def _features(
    model: _CueModel, text: str, lang: str, numbers: Sequence[NumberMention] | None
) -> dict[str, float]:
    plain = _plain_words(text).strip()
    folded = fold_for_matching(plain)
    if numbers is None:
        numbers = extract_numbers(plain, lang)
    has_year = False
    has_unit = False
    for mention in numbers:
        if mention.unit:
            has_unit = True
        elif (
            mention.unit is None
            and mention.value.is_integer()
            and _YEAR_RANGE[0] <= mention.value < _YEAR_RANGE[1]
        ):
            has_year = True
    folded_words = _WORD_RE.findall(folded)
    if model.entity_openings is not None and model.entity_openings.isdisjoint(folded_words):
        entity_count = 0
    else:
        entity_count = len(model.entity_re.findall(folded))
    entity_count += len(_CAPITALISED_NAME_RE.findall(plain))
    is_question = "?" in plain or "؟" in plain or model.question_start_re.search(folded) is not None
    found_bits = 0
    for word in model.word_cue_forms.intersection(folded_words):
        found_bits |= model.word_cues[word]
    if model.phrase_cues_re is not None:
        for cue in model.phrase_cues_re.finditer(folded):
            # regs[0] is the whole match; a feature group that did not take part is (-1, -1).
            for index, span in enumerate(cue.regs[1:]):
                if span[0] >= 0:
                    found_bits |= 1 << index
    (
        hedge,
        superlative_or_record,
        comparison,
        attribution_cue,
        date_words,
        opinion,
        negation,
        causal,
        generalisation,
        future_or_plan,
        harm_or_danger,
    ) = _CUE_FLAGS[found_bits]
    # The fold keeps the word runs of the text unless it dropped marks between letters.
    token_count = (
        len(folded_words) if fold_keeps_word_runs(plain) else len(_TOKEN_RE.findall(plain))
    )
    # Keys in FEATURE_NAMES order: the model's weight vector follows it.
    return {
        "numbers": min(len(numbers), _NUMBERS_SATURATE_AT) / _NUMBERS_SATURATE_AT,
        "quantities_with_units": 1.0 if has_unit else 0.0,
        "named_entities": min(entity_count, _ENTITIES_SATURATE_AT) / _ENTITIES_SATURATE_AT,
        "attribution_cue": attribution_cue,
        "comparison": comparison,
        "superlative_or_record": superlative_or_record,
        "date_or_time": (
            1.0 if has_year or date_words or _DATE_TOKEN_RE.search(plain) is not None else 0.0
        ),
        "hedge": hedge,
        "question": 1.0 if is_question else 0.0,
        "opinion": opinion,
        "negation": negation,
        "causal": causal,
        "generalisation": generalisation,
        "future_or_plan": future_or_plan,
        "harm_or_danger": harm_or_danger,
        "exclamation": 1.0 if "!" in plain else 0.0,
        "length_tokens": min(token_count, _TOKENS_SATURATE_AT) / _TOKENS_SATURATE_AT,
    }


def _logistic(logit: float) -> float:
    if logit >= 0:
        return 1.0 / (1.0 + math.exp(-logit))
    exp_logit = math.exp(logit)
    return exp_logit / (1.0 + exp_logit)


def score_checkworthiness(
    text: str, lang: str, numbers: Sequence[NumberMention] | None = None
) -> CheckWorthiness:
    """Score how worth checking ``text`` is; pass ``numbers`` when already extracted."""
    model = _model(lang)
    features = _features(model, text, lang, numbers)
    # The same products summed in the same order as weight by name: the score is unchanged.
    logit = model.bias + sum(map(operator.mul, model.weight_vector, features.values()))
    return CheckWorthiness(score=_logistic(logit), features=features)
