"""From a parsed page to claim candidates: headline and body sentences, anchored in the body."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.core.checkworthiness import score_checkworthiness
from workbench.core.page import ParsedPage
from workbench.core.text.language import detect_language, sentence_language
from workbench.core.text.normalise import matching_key
from workbench.core.text.numbers import NumberMention, extract_numbers
from workbench.core.text.segment import split_sentences
from workbench.core.vocabulary import ClaimKind

MIN_CLAIM_WORDS = 3
"""A body sentence with fewer words states nothing checkable on its own."""


@dataclass(frozen=True, slots=True)
class ClaimDraft:
    """A claim candidate before it is stored: its text, span, kind and what makes it checkable."""

    text: str
    start: int | None
    end: int | None
    kind: ClaimKind
    language: str
    checkworthiness: float
    features: dict[str, float]
    numbers: tuple[NumberMention, ...]
    matching_key: str


@dataclass(frozen=True, slots=True)
class Exclusion:
    """Text of the page that is not a claim, and why."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """A page split into its article, its claim candidates and what was left out."""

    page: ParsedPage
    language: str
    claims: tuple[ClaimDraft, ...]
    excluded: tuple[Exclusion, ...]


def draft_claim(
    text: str,
    *,
    kind: ClaimKind,
    language: str | None = None,
    start: int | None = None,
    end: int | None = None,
) -> ClaimDraft:
    """Score one claim text: its language, numbers, check-worthiness and matching key."""
    claim_language = language or detect_language(text)
    numbers = tuple(extract_numbers(text, claim_language))
    worthiness = score_checkworthiness(text, claim_language, numbers)
    return ClaimDraft(
        text=text,
        start=start,
        end=end,
        kind=kind,
        language=claim_language,
        checkworthiness=round(worthiness.score, 4),
        # The score's own features dict: it is built afresh for each call.
        features=worthiness.features,
        numbers=numbers,
        matching_key=matching_key(text),
    )


def page_language(page: ParsedPage, hint: str | None = None) -> str:
    """The article's language: the hint, the page's declared language, or detected from its text."""
    if hint:
        return hint
    if page.language:
        return page.language.split("-")[0].lower()
    return detect_language(f"{page.title or ''}\n{page.body}")


def analyse_page(page: ParsedPage, *, language: str | None = None) -> ArticleAnalysis:
    """Extract the headline and every checkable body sentence, with spans into the body."""
    article_language = page_language(page, language)
    claims: list[ClaimDraft] = []
    excluded: list[Exclusion] = [Exclusion(block.text, block.reason) for block in page.excluded]
    if page.title and page.title.strip():
        title = page.title.strip()
        claims.append(
            draft_claim(
                title,
                kind=ClaimKind.HEADLINE,
                language=sentence_language(title, article_language),
            )
        )
    segmentation = split_sentences(page.body)
    for sentence in segmentation.sentences:
        if len(sentence.text.split()) < MIN_CLAIM_WORDS:
            excluded.append(Exclusion(sentence.text, "too short to state a claim"))
            continue
        claims.append(
            draft_claim(
                sentence.text,
                kind=ClaimKind.SENTENCE,
                language=sentence_language(sentence.text, article_language),
                start=sentence.start,
                end=sentence.end,
            )
        )
    excluded.extend(
        Exclusion(fragment.text, fragment.reason) for fragment in segmentation.fragments
    )
    return ArticleAnalysis(
        page=page,
        language=article_language,
        claims=tuple(claims),
        excluded=tuple(excluded),
    )


def numbers_payload(numbers: Sequence[NumberMention]) -> list[dict[str, object]]:
    """The numbers of a claim as stored and printed: text, value, unit, span in the claim text."""
    return [
        {
            "text": number.text,
            "value": number.value,
            "unit": number.unit,
            "start": number.start,
            "end": number.end,
        }
        for number in numbers
    ]
