"""Score how worth checking a sentence is with a transparent logistic model over cue features."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from workbench.core.data import load_language_data
from workbench.core.text.numbers import NumberMention, extract_numbers, fold_for_matching

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
_QUESTION_MARK_RE = re.compile("[?؟]")
_DATE_TOKEN_RE = re.compile(
    r"(?<![0-9])(?:[0-9٠-٩]{1,4}[/.\-][0-9٠-٩]{1,2}[/.\-][0-9٠-٩]{1,4}|[0-9٠-٩]{1,2}:[0-9٠-٩]{2})"
)
# A capitalised Latin word that does not open the text or a sentence names someone or something.
_CAPITALISED_NAME_RE = re.compile(r"(?<![.!?:]\s)(?<!^)(?<![.!?:])\b[A-Z][A-Za-z]+|\b[A-Z]{2,}\b")
_YEAR_RANGE = (1900.0, 2100.0)


@dataclass(frozen=True, slots=True)
class CheckWorthiness:
    """A check-worthiness score in [0, 1] and the feature values it was computed from."""

    score: float
    features: dict[str, float]


@dataclass(frozen=True, slots=True)
class _CueModel:
    """Compiled cue patterns and weights of one language."""

    hedge_re: re.Pattern[str]
    superlative_re: re.Pattern[str]
    comparison_re: re.Pattern[str]
    attribution_re: re.Pattern[str]
    entity_re: re.Pattern[str]
    date_re: re.Pattern[str]
    question_start_re: re.Pattern[str]
    opinion_re: re.Pattern[str]
    negation_re: re.Pattern[str]
    causal_re: re.Pattern[str]
    generalisation_re: re.Pattern[str]
    future_re: re.Pattern[str]
    harm_re: re.Pattern[str]
    bias: float
    weights: dict[str, float]


def _cue_pattern(entries: Iterable[str], clitics: Iterable[str], *, at_start: bool = False) -> str:
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
    start = r"^\W*" if at_start else r"(?<!\w)"
    return rf"{start}{clitic_part}(?:{'|'.join(alternatives)})(?!\w)"


def _build_model(data: Mapping[str, Any]) -> _CueModel:
    clitics: list[str] = data.get("clitics", [])

    def compiled(key: str, *, at_start: bool = False) -> re.Pattern[str]:
        return re.compile(_cue_pattern(data.get(key, []), clitics, at_start=at_start))

    weights = {name: float(value) for name, value in data.get("weights", {}).items()}
    return _CueModel(
        hedge_re=compiled("hedges"),
        superlative_re=compiled("superlative_or_record"),
        comparison_re=compiled("comparison"),
        attribution_re=compiled("attribution_cues"),
        entity_re=compiled("entity_titles"),
        date_re=compiled("date_words"),
        question_start_re=compiled("question_words", at_start=True),
        opinion_re=compiled("opinion"),
        negation_re=compiled("negation"),
        causal_re=compiled("causal"),
        generalisation_re=compiled("generalisation"),
        future_re=compiled("future_or_plan"),
        harm_re=compiled("harm_or_danger"),
        bias=weights.pop("bias", 0.0),
        weights=weights,
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
    without_links = _HANDLE_RE.sub(" ", _LINK_RE.sub(" ", text))
    return _HASHTAG_RE.sub(lambda hashtag: hashtag[1].replace("_", " "), without_links)


def _saturating(count: int, limit: int) -> float:
    return min(count, limit) / limit


def checkworthiness_features(
    text: str, lang: str, numbers: Sequence[NumberMention] | None = None
) -> dict[str, float]:
    """Return the named feature values (each in [0, 1]) the check-worthiness score is built on."""
    model = _model(lang)
    plain = _plain_words(text).strip()
    folded = fold_for_matching(plain)
    if numbers is None:
        numbers = extract_numbers(plain, lang)
    has_year = any(
        mention.unit is None
        and mention.value.is_integer()
        and _YEAR_RANGE[0] <= mention.value < _YEAR_RANGE[1]
        for mention in numbers
    )
    entity_count = len(model.entity_re.findall(folded)) + len(_CAPITALISED_NAME_RE.findall(plain))
    is_question = bool(_QUESTION_MARK_RE.search(plain) or model.question_start_re.search(folded))
    return {
        "numbers": _saturating(len(numbers), _NUMBERS_SATURATE_AT),
        "quantities_with_units": float(any(mention.unit for mention in numbers)),
        "named_entities": _saturating(entity_count, _ENTITIES_SATURATE_AT),
        "attribution_cue": float(model.attribution_re.search(folded) is not None),
        "comparison": float(model.comparison_re.search(folded) is not None),
        "superlative_or_record": float(model.superlative_re.search(folded) is not None),
        "date_or_time": float(
            has_year
            or _DATE_TOKEN_RE.search(plain) is not None
            or model.date_re.search(folded) is not None
        ),
        "hedge": float(model.hedge_re.search(folded) is not None),
        "question": float(is_question),
        "opinion": float(model.opinion_re.search(folded) is not None),
        "negation": float(model.negation_re.search(folded) is not None),
        "causal": float(model.causal_re.search(folded) is not None),
        "generalisation": float(model.generalisation_re.search(folded) is not None),
        "future_or_plan": float(model.future_re.search(folded) is not None),
        "harm_or_danger": float(model.harm_re.search(folded) is not None),
        "exclamation": float("!" in plain),
        "length_tokens": _saturating(len(_TOKEN_RE.findall(plain)), _TOKENS_SATURATE_AT),
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
    features = checkworthiness_features(text, lang, numbers)
    logit = model.bias + sum(
        model.weights.get(name, 0.0) * value for name, value in features.items()
    )
    return CheckWorthiness(score=_logistic(logit), features=features)
