"""Tests for the check-worthiness score."""

import csv
from pathlib import Path

import pytest

from workbench.core.checkworthiness import (
    FEATURE_NAMES,
    CheckWorthiness,
    score_checkworthiness,
)
from workbench.core.text.numbers import extract_numbers

DATASET = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "checkworthiness-ar"

REUTERS_SENTENCE = (
    "ونقلت وكالة “رويترز” عن مصدر دبلوماسي تركي، بأن “الوفد الروسي غادر تركيا دون اتفاق على "
    "سبل وقف الاشتباكات، التي أودت بحياة 13 جنديا تركيا متواجدين في سوريا خلال أسبوع واحد فقط”."
)
HEDGED_SENTENCE = "ويبدو أن لقاء الاثنين أيضا لم يحرز أي تقدم بشأن التطورات الميدانية بإدلب."
EXPORTS_SENTENCE = (
    "أعلن وزير التجارة التركي عمر بولاط أن صادرات البلاد بلغت 270.6 مليار دولار، وهو رقم قياسي."
)
ARABIC_QUESTION = "هل يعتزم الرئيسان عقد قمة بشأن إدلب؟"


def test_score_is_a_probability_with_every_feature_named() -> None:
    result = score_checkworthiness(REUTERS_SENTENCE, "ar")
    assert isinstance(result, CheckWorthiness)
    assert 0.0 <= result.score <= 1.0
    assert set(result.features) == set(FEATURE_NAMES)
    assert all(0.0 <= value <= 1.0 for value in result.features.values())


def test_news_sentence_with_number_official_and_cue_scores_high() -> None:
    assert score_checkworthiness(REUTERS_SENTENCE, "ar").score >= 0.6
    assert score_checkworthiness(EXPORTS_SENTENCE, "ar").score >= 0.6


def test_hedged_sentence_scores_below_the_reuters_sentence() -> None:
    hedged = score_checkworthiness(HEDGED_SENTENCE, "ar")
    assert hedged.features["hedge"] == 1.0
    assert hedged.score < score_checkworthiness(REUTERS_SENTENCE, "ar").score


def test_question_scores_low() -> None:
    result = score_checkworthiness(ARABIC_QUESTION, "ar")
    assert result.features["question"] == 1.0
    assert result.score < 0.3


def test_features_of_the_exports_sentence() -> None:
    features = score_checkworthiness(EXPORTS_SENTENCE, "ar").features
    assert features["numbers"] > 0
    assert features["quantities_with_units"] == 1.0
    assert features["named_entities"] > 0
    assert features["attribution_cue"] == 1.0
    assert features["superlative_or_record"] == 1.0
    assert features["hedge"] == 0.0


def test_attribution_cue_is_found_behind_an_attached_conjunction() -> None:
    assert (
        score_checkworthiness("وقال المتحدث إن الاجتماع فشل", "ar").features["attribution_cue"]
        == 1.0
    )


def test_given_numbers_are_used_instead_of_extracting_again() -> None:
    without_numbers = score_checkworthiness(REUTERS_SENTENCE, "ar", numbers=[])
    assert without_numbers.features["numbers"] == 0.0
    with_numbers = score_checkworthiness(
        REUTERS_SENTENCE, "ar", numbers=extract_numbers(REUTERS_SENTENCE, "ar")
    )
    assert with_numbers.score > without_numbers.score


def test_english_claim_scores_above_english_hedge_and_question() -> None:
    claim = score_checkworthiness(
        "The health ministry said 13 soldiers were killed on Tuesday, the highest toll this year.",
        "en",
    )
    hedge = score_checkworthiness("It seems the talks may have stalled.", "en")
    question = score_checkworthiness("Will the talks resume next week?", "en")
    opinion = score_checkworthiness("I think we should talk more.", "en")
    assert claim.score >= 0.6
    assert claim.features["named_entities"] > 0
    assert hedge.features["hedge"] == 1.0
    assert question.features["question"] == 1.0
    assert opinion.features["opinion"] == 1.0
    assert claim.score > max(hedge.score, question.score, opinion.score)


def test_links_handles_and_hashtag_marks_are_ignored() -> None:
    plain = score_checkworthiness("وزارة الصحة تعلن 70 إصابة جديدة بكورونا", "ar")
    tweet = score_checkworthiness(
        "#وزارة_الصحة تعلن 70 إصابة جديدة بكورونا @someone https://t.co/abc123", "ar"
    )
    assert tweet.features == plain.features


def test_unknown_language_falls_back_to_english_cues() -> None:
    assert score_checkworthiness("Is it true?", "fr").features["question"] == 1.0


def _read_split(name: str) -> list[tuple[str, int]]:
    with (DATASET / f"{name}.tsv").open(encoding="utf-8", newline="") as split:
        rows = csv.DictReader(split, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["tweet_text"], int(row["class_label"])) for row in rows]


def _roc_auc(scores: list[float], labels: list[int]) -> float:
    """Probability that a random positive outranks a random negative (ties count half)."""
    positives = [score for score, label in zip(scores, labels, strict=True) if label]
    negatives = [score for score, label in zip(scores, labels, strict=True) if not label]
    wins = sum(
        1.0 if positive > negative else 0.5 if positive == negative else 0.0
        for positive in positives
        for negative in negatives
    )
    return wins / (len(positives) * len(negatives))


@pytest.mark.datasets
@pytest.mark.skipif(
    not (DATASET / "dev.tsv").is_file(),
    reason=f"CheckThat! Arabic check-worthiness dev split not found at {DATASET}",
)
def test_dev_split_ranking_beats_a_constant_score() -> None:
    dev = _read_split("dev")
    labels = [label for _, label in dev]
    scores = [score_checkworthiness(text, "ar").score for text, _ in dev]
    # A constant or random score ranks at 0.5; the cue model must do better on unseen tweets.
    assert 0 < sum(labels) < len(labels)
    assert _roc_auc(scores, labels) > 0.53
