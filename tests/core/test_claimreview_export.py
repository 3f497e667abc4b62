"""ClaimReview JSON-LD export: required fields, the claimant from the chain, and the DataFeed."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from workbench.core.claimreview_export import (
    REQUIRED_FIELDS,
    ClaimReviewError,
    claimreview_for,
    datafeed,
    describe_anonymous,
    missing_fields,
)
from workbench.core.report_model import ReportArticle, ReportChainLink, ReportClaim, ReportVerdict

REVIEW_URL = "https://checks.example/2025/12/turkey-troops"


def _verdict(**changes: object) -> ReportVerdict:
    verdict = ReportVerdict(
        rating_key="false",
        rating_label="False",
        rating_value=2.0,
        scale_name="default",
        scale_worst=1.0,
        scale_best=7.0,
        rationale="The foreign ministry denied the report on the same day.",
        reviewer="Lina",
        state="published",
        created_at=datetime(2025, 12, 4, 18, 0, tzinfo=UTC),
    )
    return replace(verdict, **changes)  # type: ignore[arg-type]


def _claim(**changes: object) -> ReportClaim:
    claim = ReportClaim(
        id=7,
        text="أنقرة سترسل ثلاثة آلاف جندي إلى غزة",
        language="ar",
        kind="statement",
        chain=(
            ReportChainLink(name="Reuters", kind="news_agency"),
            ReportChainLink(name="Turkish diplomatic source", kind="anonymous", anonymous=True),
        ),
        verdict=_verdict(),
    )
    return replace(claim, **changes)  # type: ignore[arg-type]


ARTICLE = ReportArticle(
    id=1,
    title="Turkey to send troops, source says",
    publisher="Al Example",
    published_at=datetime(2025, 12, 3, 22, 15, tzinfo=UTC),
    url="https://news.example/turkey",
    provenance=None,
    language="ar",
)


def _review(
    claim: ReportClaim | None = None, article: ReportArticle | None = ARTICLE
) -> dict[str, Any]:
    return claimreview_for(
        claim or _claim(),
        article,
        review_url=REVIEW_URL,
        organisation="Checks Example",
        organisation_url="https://checks.example",
        date_published=date(2025, 12, 5),
    )


def test_a_review_has_every_required_field() -> None:
    review = _review()

    assert missing_fields(review) == []
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["url"] == REVIEW_URL
    assert review["claimReviewed"] == "أنقرة سترسل ثلاثة آلاف جندي إلى غزة"
    assert review["author"] == {
        "@type": "Organization",
        "name": "Checks Example",
        "url": "https://checks.example",
    }
    assert review["datePublished"] == "2025-12-05"
    assert review["inLanguage"] == "ar"
    assert review["reviewBody"] == "The foreign ministry denied the report on the same day."


def test_the_rating_carries_its_label_and_place_on_the_scale() -> None:
    assert _review()["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "False",
        "ratingValue": 2,
        "bestRating": 7,
        "worstRating": 1,
    }


def test_an_off_axis_rating_has_its_label_and_no_numbers() -> None:
    verdict = _verdict(rating_key="unverifiable", rating_label="Unverifiable", rating_value=None)

    review = _review(_claim(verdict=verdict))

    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Unverifiable"}
    assert missing_fields(review) == []


def test_the_claimant_is_the_original_speaker_described_when_anonymous() -> None:
    item = _review()["itemReviewed"]

    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": "An anonymous Turkish diplomatic source"}
    assert "sameAs" not in item["author"]
    assert item["datePublished"] == "2025-12-03"


def test_a_named_claimant_is_typed_by_kind_and_keeps_its_identity_link() -> None:
    ministry = ReportChainLink(
        name="Turkish foreign ministry",
        kind="government_body",
        same_as=("https://www.wikidata.org/wiki/Q1059044", "javascript:alert(1)"),
    )
    person = ReportChainLink(name="Hakan Fidan", kind="person")

    by_body = _review(_claim(chain=(ministry,)))["itemReviewed"]["author"]
    by_person = _review(_claim(chain=(person,)))["itemReviewed"]["author"]

    assert by_body == {
        "@type": "Organization",
        "name": "Turkish foreign ministry",
        "sameAs": "https://www.wikidata.org/wiki/Q1059044",
    }
    assert by_person == {"@type": "Person", "name": "Hakan Fidan"}


def test_the_article_and_the_relaying_agency_are_appearances() -> None:
    appearances = _review()["itemReviewed"]["appearance"]

    assert appearances == [
        {
            "@type": "CreativeWork",
            "url": "https://news.example/turkey",
            "headline": "Turkey to send troops, source says",
            "publisher": {"@type": "Organization", "name": "Al Example"},
            "datePublished": "2025-12-03",
        },
        {"@type": "CreativeWork", "publisher": {"@type": "Organization", "name": "Reuters"}},
    ]


def test_an_outlet_that_is_also_the_article_publisher_appears_once() -> None:
    article = replace(ARTICLE, publisher="Reuters")

    appearances = _review(article=article)["itemReviewed"]["appearance"]

    assert len(appearances) == 1
    assert appearances[0]["publisher"]["name"] == "Reuters"


def test_a_claim_without_an_article_or_chain_still_has_the_required_fields() -> None:
    review = _review(_claim(chain=(), language=None), article=None)

    assert missing_fields(review) == []
    assert review["itemReviewed"] == {"@type": "Claim"}
    assert "inLanguage" not in review


def test_a_claim_without_a_verdict_cannot_be_exported() -> None:
    with pytest.raises(ClaimReviewError, match="claim 7 has no verdict"):
        _review(_claim(verdict=None))


def test_the_review_url_must_be_a_web_address() -> None:
    with pytest.raises(ClaimReviewError, match="http"):
        claimreview_for(
            _claim(),
            ARTICLE,
            review_url="javascript:alert(1)",
            organisation="Checks Example",
            organisation_url=None,
            date_published=date(2025, 12, 5),
        )


def test_a_javascript_article_url_is_left_out_of_the_appearance() -> None:
    article = replace(ARTICLE, url="javascript:alert(1)")

    appearance = _review(article=article)["itemReviewed"]["appearance"][0]

    assert "url" not in appearance


def test_missing_fields_names_the_dotted_paths_that_are_absent() -> None:
    review = _review()
    del review["url"]
    del review["reviewRating"]["alternateName"]
    del review["reviewRating"]["bestRating"]
    review["author"]["name"] = ""

    assert missing_fields(review) == [
        "reviewRating.alternateName",
        "url",
        "author.name",
        "reviewRating.bestRating",
    ]


def test_required_fields_cover_what_google_asked_for() -> None:
    for path in ("claimReviewed", "reviewRating.alternateName", "url", "author.name"):
        assert path in REQUIRED_FIELDS
    assert "itemReviewed.@type" in REQUIRED_FIELDS


def test_a_datafeed_wraps_each_review_in_a_datafeeditem() -> None:
    first = _review()
    second = _review(_claim(id=8, text="Another claim", language="en"))

    feed = datafeed(
        [first, second],
        name="Checks Example fact-checks",
        url="https://checks.example/feed.json",
        date_modified=datetime(2025, 12, 5, 12, 0, tzinfo=UTC),
    )

    assert feed["@context"] == "https://schema.org"
    assert feed["@type"] == "DataFeed"
    assert feed["url"] == "https://checks.example/feed.json"
    assert feed["dateModified"] == "2025-12-05T12:00:00+00:00"
    elements = feed["dataFeedElement"]
    assert [element["@type"] for element in elements] == ["DataFeedItem", "DataFeedItem"]
    assert elements[0]["dateCreated"] == "2025-12-05"
    assert elements[0]["url"] == REVIEW_URL
    inner = elements[1]["item"][0]
    assert inner["claimReviewed"] == "Another claim"
    assert "@context" not in inner
    assert first["@context"] == "https://schema.org", "the caller's review is not changed"
    json.dumps(feed)


@pytest.mark.parametrize(
    ("written", "described"),
    [
        ("Turkish diplomatic source", "An anonymous Turkish diplomatic source"),
        ("a Turkish diplomatic source", "An anonymous Turkish diplomatic source"),
        ("anonymous Turkish diplomatic source", "An anonymous Turkish diplomatic source"),
        ("the unnamed official", "An unnamed official"),
        ("senior officials", "Anonymous senior officials"),
        ("sources familiar with the talks", "Anonymous sources familiar with the talks"),
        ("مصدر دبلوماسي تركي", "مصدر دبلوماسي تركي"),
    ],
)
def test_anonymous_sources_get_a_descriptive_name(written: str, described: str) -> None:
    assert describe_anonymous(written) == described
