"""Build schema.org ClaimReview JSON-LD for our verdicts, and the DataFeed that carries many."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from workbench.core.data import load_language_data
from workbench.core.report import web_url
from workbench.core.report_model import ReportArticle, ReportChainLink, ReportClaim
from workbench.core.text.language import detect_language
from workbench.core.text.sanitize import clean_untrusted

__all__ = [
    "RECOMMENDED_FIELDS",
    "REQUIRED_FIELDS",
    "ClaimReviewError",
    "claimreview_for",
    "datafeed",
    "describe_anonymous",
    "missing_fields",
]

SCHEMA_CONTEXT = "https://schema.org"

# Dotted paths every ClaimReview we publish must carry. The numeric rating fields are required
# only together (see missing_fields): a label off the truth axis has alternateName alone.
REQUIRED_FIELDS: tuple[str, ...] = (
    "@context",
    "@type",
    "claimReviewed",
    "reviewRating",
    "reviewRating.@type",
    "reviewRating.alternateName",
    "url",
    "author",
    "author.@type",
    "author.name",
    "datePublished",
    "itemReviewed",
    "itemReviewed.@type",
)
# Recommended rather than required: a claim typed in without a source has no claimant.
RECOMMENDED_FIELDS: tuple[str, ...] = (
    "itemReviewed.author.name",
    "itemReviewed.appearance",
    "itemReviewed.datePublished",
    "inLanguage",
    "reviewBody",
)
_NUMERIC_RATING_FIELDS = (
    "reviewRating.ratingValue",
    "reviewRating.bestRating",
    "reviewRating.worstRating",
)
# Source kinds (see workbench.core.attribution.SOURCE_KINDS) that are one human being.
_PERSON_KINDS = frozenset({"person", "anonymous"})
_MEDIA_KINDS = frozenset({"news_agency", "outlet"})


class ClaimReviewError(ValueError):
    """A claim cannot be exported as a ClaimReview; the message says why."""


def _text(value: str | None) -> str:
    return " ".join(clean_untrusted(value or "").split())


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _day(moment: date | datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.date().isoformat() if isinstance(moment, datetime) else moment.isoformat()


@dataclass(frozen=True, slots=True)
class _ClaimantWords:
    """English words for describing an unnamed speaker (from scales.toml)."""

    articles: frozenset[str]
    anonymity_words: frozenset[str]
    anonymity_word: str
    vowels: str
    before_vowel: str
    before_consonant: str
    plural_endings: tuple[str, ...]
    singular_endings: tuple[str, ...]


@cache
def _claimant_words() -> _ClaimantWords:
    table: dict[str, Any] = (
        load_language_data("scales", "common").get("claimant_descriptions", {}).get("en", {})
    )
    vowel_articles: dict[str, str] = table.get("vowel_articles", {})
    return _ClaimantWords(
        articles=frozenset(str(word).casefold() for word in table.get("articles", [])),
        anonymity_words=frozenset(
            str(word).casefold() for word in table.get("anonymity_words", [])
        ),
        anonymity_word=str(table.get("anonymity_word", "anonymous")),
        vowels=str(vowel_articles.get("vowels", "aeiou")),
        before_vowel=str(vowel_articles.get("before_vowel", "An")),
        before_consonant=str(vowel_articles.get("before_consonant", "A")),
        plural_endings=tuple(str(end) for end in table.get("plural_endings", [])),
        singular_endings=tuple(str(end) for end in table.get("singular_endings", [])),
    )


def describe_anonymous(name: str) -> str:
    """Return a descriptive claimant name for an unnamed source ("An anonymous ... source").

    English names get an indefinite article and "anonymous" when they lack a word saying so;
    names in other languages are kept as written.
    """
    cleaned = _text(name)
    if not cleaned or detect_language(cleaned) == "ar" or not cleaned.isascii():
        return cleaned
    words = _claimant_words()
    parts = cleaned.split()
    if parts[0].casefold() in words.articles:
        parts = parts[1:]
    if not parts:
        return cleaned
    if not any(part.casefold() in words.anonymity_words for part in parts):
        parts = [words.anonymity_word, *parts]
    head = parts[-1].casefold()
    if head.endswith(words.plural_endings) and not head.endswith(words.singular_endings):
        return " ".join([parts[0][:1].upper() + parts[0][1:], *parts[1:]])
    article = (
        words.before_vowel if parts[0][:1].casefold() in words.vowels else words.before_consonant
    )
    return " ".join([article, *parts])


def _claimant(link: ReportChainLink) -> dict[str, Any]:
    schema_type = "Person" if link.kind in _PERSON_KINDS else "Organization"
    if link.anonymous or link.kind == "anonymous":
        return {"@type": "Person", "name": describe_anonymous(link.name)}
    claimant: dict[str, Any] = {"@type": schema_type, "name": _text(link.name)}
    same_as = [url for url in (web_url(item) for item in link.same_as) if url is not None]
    if len(same_as) == 1:
        claimant["sameAs"] = same_as[0]
    elif same_as:
        claimant["sameAs"] = same_as
    return claimant


def _appearances(claim: ReportClaim, article: ReportArticle | None) -> list[dict[str, Any]]:
    appearances: list[dict[str, Any]] = []
    seen_publishers: set[str] = set()
    if article is not None:
        appearance: dict[str, Any] = {"@type": "CreativeWork"}
        article_url = web_url(article.url)
        if article_url is not None:
            appearance["url"] = article_url
        if article.title:
            appearance["headline"] = _text(article.title)
        if article.publisher:
            publisher = _text(article.publisher)
            appearance["publisher"] = {"@type": "Organization", "name": publisher}
            seen_publishers.add(publisher.casefold())
        published = _day(article.published_at)
        if published is not None:
            appearance["datePublished"] = published
        if len(appearance) > 1:
            appearances.append(appearance)
    # Every link but the original speaker relayed the claim; outlets among them published it.
    for link in claim.chain[:-1]:
        name = _text(link.name)
        if link.kind in _MEDIA_KINDS and name and name.casefold() not in seen_publishers:
            seen_publishers.add(name.casefold())
            appearances.append(
                {"@type": "CreativeWork", "publisher": {"@type": "Organization", "name": name}}
            )
    return appearances


def claimreview_for(
    claim: ReportClaim,
    article: ReportArticle | None,
    *,
    review_url: str,
    organisation: str,
    organisation_url: str | None,
    date_published: date,
) -> dict[str, Any]:
    """Return the ClaimReview JSON-LD of a claim's verdict; raise ClaimReviewError without one.

    A rating off the truth axis (value None) carries ``alternateName`` only, no numbers.
    """
    verdict = claim.verdict
    if verdict is None:
        raise ClaimReviewError(f"claim {claim.id} has no verdict to publish")
    if web_url(review_url) is None:
        raise ClaimReviewError(f"the fact-check URL must be an http(s) address: {review_url!r}")
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": _text(verdict.rating_label)}
    if verdict.rating_value is not None:
        rating["ratingValue"] = _number(verdict.rating_value)
        rating["bestRating"] = _number(verdict.scale_best)
        rating["worstRating"] = _number(verdict.scale_worst)
    author: dict[str, Any] = {"@type": "Organization", "name": _text(organisation)}
    organisation_link = web_url(organisation_url)
    if organisation_link is not None:
        author["url"] = organisation_link
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.chain:
        item["author"] = _claimant(claim.chain[-1])
    appearances = _appearances(claim, article)
    if appearances:
        item["appearance"] = appearances
    claim_date = _day(article.published_at) if article is not None else None
    if claim_date is not None:
        item["datePublished"] = claim_date
    review: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "ClaimReview",
        "url": web_url(review_url),
        "claimReviewed": _text(claim.text),
        "author": author,
        "datePublished": date_published.isoformat(),
        "reviewRating": rating,
        "itemReviewed": item,
    }
    language = claim.language or (article.language if article is not None else None)
    if language:
        review["inLanguage"] = language
    if verdict.rationale and verdict.rationale.strip():
        review["reviewBody"] = clean_untrusted(verdict.rationale).strip()
    return review


def datafeed(
    reviews: Sequence[dict[str, Any]], *, name: str, url: str | None, date_modified: datetime
) -> dict[str, Any]:
    """Wrap ClaimReviews in a schema.org DataFeed, one DataFeedItem per review."""
    elements: list[dict[str, Any]] = []
    for review in reviews:
        inner = copy.deepcopy(review)
        # The feed states the context once; repeating it inside is legal but noisy.
        inner.pop("@context", None)
        element: dict[str, Any] = {"@type": "DataFeedItem", "item": [inner]}
        if review.get("datePublished"):
            element["dateCreated"] = review["datePublished"]
        if review.get("url"):
            element["url"] = review["url"]
        elements.append(element)
    feed: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "DataFeed",
        "name": name,
        "dateModified": date_modified.isoformat(),
        "dataFeedElement": elements,
    }
    feed_url = web_url(url)
    if feed_url is not None:
        feed["url"] = feed_url
    return feed


def _lookup(document: object, dotted_path: str) -> object:
    current = document
    for part in dotted_path.split("."):
        if not isinstance(current, dict) or part not in current:
            return None
        current = current[part]
    return current


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, str | list | dict) and not value)


def missing_fields(review: dict[str, Any]) -> list[str]:
    """Return the required dotted paths the review lacks (numbers count only as a set)."""
    missing = [path for path in REQUIRED_FIELDS if _is_missing(_lookup(review, path))]
    present_numbers = [p for p in _NUMERIC_RATING_FIELDS if not _is_missing(_lookup(review, p))]
    if present_numbers:
        missing.extend(p for p in _NUMERIC_RATING_FIELDS if p not in present_numbers)
    if review.get("@type") != "ClaimReview" and "@type" not in missing:
        missing.append("@type")
    return missing
