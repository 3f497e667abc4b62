"""The fast paths of claim analysis give what the plain, slow formulations give."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

import pytest

from workbench.core.checkworthiness import FEATURE_NAMES, score_checkworthiness
from workbench.core.data import load_language_data
from workbench.core.text.language import detect_language, sentence_language
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


# Texts whose folds or scripts take the less common paths: marks between letters, a dotted
# capital I, ligatures and signs that casefold to Latin letters, mixed scripts.
TRICKY_TEXTS = [
    "İstanbul officials said the minister of state resigned.",
    "The ﬁnance minister met the Kelvin (K) committee on Tuesday.",
    "وَزِيرُ الخارجية قال إن الوزراء التقوا في أنقرة.",
    "قال الوزير إن the government will act on it",
    "The army said 12 people died; Straße closed.",
    "Prime Minister and the police chief met the ministers.",
    "وقال مسؤولون في الحكومة والوزارة إن الجيش تحرك",
    "no entity title here at all, just words",
    "١٢ شخصاً قتلوا",
]


def _plain_entity_count(folded: str, lang: str) -> int:
    data = load_language_data("checkworthiness", lang)
    entries = data.get("entity_titles", [])
    return len(_plain_cue_pattern(entries, data.get("clitics", [])).findall(folded))


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_named_entities_count_every_title_and_capitalised_name(lang: str) -> None:
    for text in [*SENTENCES[lang], *TRICKY_TEXTS]:
        plain = _plain_text(text)
        titles = _plain_entity_count(fold_for_matching(plain), lang)
        names = len(
            re.findall(r"(?:(?<![.!?:]\s)(?<!^)(?<![.!?:])\b[A-Z][A-Za-z]+|\b[A-Z]{2,}\b)", plain)
        )
        expected = min(titles + names, 3) / 3
        assert score_checkworthiness(text, lang).features["named_entities"] == expected, text


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_length_counts_the_word_runs_of_the_unfolded_text(lang: str) -> None:
    for text in [*SENTENCES[lang], *TRICKY_TEXTS]:
        expected = min(len(re.findall(r"\w+", _plain_text(text))), 40) / 40
        assert score_checkworthiness(text, lang).features["length_tokens"] == expected, text


def test_date_or_time_needs_a_year_a_date_word_or_a_date_token() -> None:
    for text, expected in [
        ("They met on 12/03/2024 in Ankara and left.", 1.0),
        ("The meeting started at 9:30 sharp they said.", 1.0),
        ("Build 11234/03/20 of the file was shared.", 0.0),
        ("They met on ١٢/٠٣/٢٠٢٤ in Ankara and left.", 1.0),
        ("The plan costs 12 dollars per unit only.", 0.0),
    ]:
        assert score_checkworthiness(text, "en").features["date_or_time"] == expected, text


@pytest.mark.parametrize("article_language", ["ar", "en", "fr"])
def test_sentence_language_is_the_detected_one_or_the_article_s(article_language: str) -> None:
    for text in [*SENTENCES["ar"], *SENTENCES["en"], *TRICKY_TEXTS, "12 345", "ﬁ the of"]:
        detected = detect_language(text)
        expected = article_language if detected == "und" else detected
        assert sentence_language(text, article_language) == expected, text


def test_whole_numbers_keep_their_value_and_offsets_without_marks() -> None:
    text = "Exports reached 999,999,999,999 dollars and 1,000,000,000,000 in 2024."
    values = [(mention.text, mention.value) for mention in extract_numbers(text, "en")]
    assert values == [
        ("999,999,999,999 dollars", 999999999999.0),
        ("1,000,000,000,000", 1e12),
        ("2024", 2024.0),
    ]
    marked = "قُتِلَ ١٢ شخصاً"
    (mention,) = extract_numbers(marked, "ar")
    assert marked[mention.start : mention.end] == mention.text == "١٢"


CAPITALISATION_TEXTS = [
    "Ankara said so",
    "talks in Ankara and NATO stalled",
    "He left. Then Ruth Osei spoke: Talks failed!  Maybe UN said? OK",
    "x\nNew line and USA1 or AB-CD, eXample and IMF.",
    "(Reuters) - the U.S. and A. B. Smith met in Idlib:Ankara",
    "",
    "A",
    "mid WORDs and McDonald's, then AB",
]


def test_capitalised_names_are_those_of_the_plain_pattern() -> None:
    from workbench.core.checkworthiness import _CAPITALISED_NAME_RE

    plain = re.compile(r"(?:(?<![.!?:]\s)(?<!^)(?<![.!?:])\b[A-Z][A-Za-z]+|\b[A-Z]{2,}\b)")
    for text in [*CAPITALISATION_TEXTS, *TRICKY_TEXTS, *SENTENCES["en"]]:
        found = [(name.span(), name.group()) for name in _CAPITALISED_NAME_RE.finditer(text)]
        expected = [(name.span(), name.group()) for name in plain.finditer(text)]
        assert found == expected, text
