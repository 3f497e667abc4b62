"""The fast paths of claim analysis give what the plain, slow formulations give."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

import pytest

from workbench.core.checkworthiness import FEATURE_NAMES, score_checkworthiness
from workbench.core.data import load_language_data
from workbench.core.text.normalise import matching_key, stem_tokens
from workbench.core.text.numbers import extract_numbers, fold_for_matching

# Cue lists searched anywhere in the text, by feature.
SEARCHED = {
    "hedge": "hedges",
    "superlative_or_record": "superlative_or_record",
    "comparison": "comparison",
    "attribution_cue": "attribution_cues",
    "opinion": "opinion",
    "negation": "negation",
    "causal": "causal",
    "generalisation": "generalisation",
    "future_or_plan": "future_or_plan",
    "harm_or_danger": "harm_or_danger",
}

SENTENCES = {
    "ar": [
        "وقال المتحدث إن الصادرات ارتفعت بنسبة 12 بالمئة مقارنة بالعام الماضي.",
        "ويبدو أن الاجتماع لم يحرز أي تقدم، على ما يبدو، بسبب الخلافات.",
        "وأكدت وزارة الصحة أن عدد الوفيات بلغ رقما قياسيا هذا الأسبوع.",
        "سيتم افتتاح المشروع في الشهر المقبل، وفق ما أعلنت الحكومة.",
        "هل صحيح أن كل الناس يعتقدون ذلك؟ أعتقد أن ذلك غير صحيح.",
        "وَقَالَ الْوَزِيرُ إِنَّ الْخَطَرَ كَبِيرٌ جِدًّا.",
        "تصريح صادم من «الصحة العالمية»: لا يوجد لقاح https://t.co/x #الصحة_العالمية",
    ],
    "en": [
        "The minister said on Tuesday that exports rose 12% compared with last year.",
        "It seems the talks may have stalled because of the dispute.",
        "I'm sure everyone knows the record-breaking heat killed dozens of people.",
        "Officials plan to open the bridge next month, according to the ministry.",
        "Prices are up from last year but fewer than half of shops don't agree.",
        "The causes of the disease remain unclear; it wasn't deadly.",
        "@someone Is it true? #fake_news https://example.com/x",
    ],
}


def _plain_cue_pattern(entries: Iterable[str], clitics: Iterable[str]) -> re.Pattern[str]:
    """One alternation of the entries, longest first: the formulation the cue lists document."""
    alternatives = []
    for entry in sorted({fold_for_matching(entry) for entry in entries}, key=len, reverse=True):
        words = entry.rstrip("*").split()
        pattern = r"\s+".join(re.escape(word) for word in words)
        alternatives.append(pattern + (r"\w*" if entry.endswith("*") else ""))
    if not alternatives:
        return re.compile("(?!)")
    clitic_part = "|".join(re.escape(fold_for_matching(clitic)) for clitic in clitics)
    clitic_group = f"(?:{clitic_part})?" if clitic_part else ""
    return re.compile(rf"(?<!\w){clitic_group}(?:{'|'.join(alternatives)})(?!\w)")


def _plain_text(sentence: str) -> str:
    plain = re.sub(r"https?://\S+|www\.\S+", " ", sentence)
    plain = re.sub(r"@\w+", " ", plain)
    return re.sub(r"#(\w+)", lambda tag: tag[1].replace("_", " "), plain).strip()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_cue_features_match_a_plain_search_of_each_cue_list(lang: str) -> None:
    data = load_language_data("checkworthiness", lang)
    clitics = data.get("clitics", [])
    found_any = set()
    for sentence in SENTENCES[lang]:
        features = score_checkworthiness(sentence, lang).features
        folded = fold_for_matching(_plain_text(sentence))
        for feature, key in SEARCHED.items():
            expected = _plain_cue_pattern(data.get(key, []), clitics).search(folded) is not None
            assert features[feature] == float(expected), (sentence, feature)
            if expected:
                found_any.add(feature)
    # The sentences exercise most lists, so a feature that never fires is noticed.
    assert len(found_any) >= 7


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_score_is_the_logistic_of_the_weighted_features_by_name(lang: str) -> None:
    data = load_language_data("checkworthiness", lang)
    weights = {name: float(value) for name, value in data.get("weights", {}).items()}
    bias = weights.pop("bias", 0.0)
    for sentence in SENTENCES[lang]:
        result = score_checkworthiness(sentence, lang)
        assert list(result.features) == list(FEATURE_NAMES)
        logit = bias + sum(
            weights.get(name, 0.0) * value for name, value in result.features.items()
        )
        assert result.score == pytest.approx(1.0 / (1.0 + math.exp(-logit)), abs=1e-12)


def test_numbers_given_or_found_give_the_same_score() -> None:
    for lang, sentences in SENTENCES.items():
        for sentence in sentences:
            found = score_checkworthiness(sentence, lang)
            numbers = extract_numbers(_plain_text(sentence), lang)
            given = score_checkworthiness(sentence, lang, numbers)
            assert found == given


def test_folding_a_text_twice_gives_the_same_fold() -> None:
    text = "وَقَالَ إِنَّ ٣٬٥ مليون شخص"
    first = fold_for_matching(text)
    assert fold_for_matching(text) == first
    assert first == "وقال ان 3,5 مليون شخص"


def test_remembered_stems_follow_the_language_asked_for() -> None:
    text = "The ministers were meeting in the councils"
    english = stem_tokens(text, "en")
    untouched = stem_tokens(text, "fr")
    assert english == stem_tokens(text, "en")
    assert "minist" in english
    assert "ministers" in untouched
    assert matching_key(text) == " ".join(stem_tokens(text))
