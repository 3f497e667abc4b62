"""ClaimReview JSON-LD and Fact Check Tools API answers read into FactCheckRecords."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from workbench.core.archive import FactCheckRecord, RecordError, collect_archive
from workbench.core.claimreview import (
    claimreview_from_html,
    iter_claimreview,
    iter_claimreview_html,
    iter_fact_check_api,
    iter_json_archive,
    read_claimreview,
    read_fact_check_api,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "claimreview"


def _json(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def _review(**fields: Any) -> dict[str, Any]:
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "url": "https://demo-fact-desk.example.org/checks/x",
        "claimReviewed": "The lake dried up in a single day.",
    }
    review.update(fields)
    return review


# --- DataFeed ------------------------------------------------------------------------------


def test_a_datafeed_gives_its_good_items_and_names_the_broken_one() -> None:
    archive = read_claimreview(_json("datafeed.json"))

    assert len(archive.records) == 2
    assert archive.errors == (
        RecordError("dataFeedElement[2].item[0]", "ClaimReview without claimReviewed"),
    )


def test_every_claimreview_field_lands_in_the_record() -> None:
    first = read_claimreview(_json("datafeed.json")).records[0]

    assert first == FactCheckRecord(
        external_id="https://demo-fact-desk.example.org/checks/bridge-collapse-photo#review",
        url="https://demo-fact-desk.example.org/checks/bridge-collapse-photo",
        claim_text="A photo shows the new Riverside bridge collapsing on its opening day.",
        title="No, this photo does not show the Riverside bridge collapsing",
        rating_label="False",
        rating_value=1.0,
        rating_worst=1.0,
        rating_best=5.0,
        publisher="Demo Fact Desk",
        claimant="Imaginary Page Admin",
        claim_date=date(2024, 3, 10),
        review_date=date(2024, 3, 12),
        language="en",
    )


def test_an_arabic_review_with_a_full_schema_type_and_a_language_object_is_read() -> None:
    arabic = read_claimreview(_json("datafeed.json")).records[1]

    assert arabic.claim_text == "ارتفع سعر القمح في الأسواق المحلية بنسبة 300% خلال أسبوع واحد."
    assert arabic.title == "هل ارتفع سعر القمح 300% في أسبوع؟"
    assert arabic.rating_label == "مضلل"
    assert (arabic.rating_value, arabic.rating_worst, arabic.rating_best) == (2.0, 1.0, 5.0)
    assert arabic.publisher == "مكتب التحقق التجريبي"
    assert arabic.claimant == "حساب إخباري وهمي"
    assert arabic.claim_date == date(2024, 3, 14)
    assert arabic.language == "ar"
    # Without an @id the url identifies the review.
    assert arabic.external_id == arabic.url


def test_blank_node_and_relative_ids_fall_back_to_the_url() -> None:
    items = list(iter_claimreview([_review(**{"@id": "_:b0"}), _review(**{"@id": "#review"})]))

    assert [item.external_id for item in items if isinstance(item, FactCheckRecord)] == [
        "https://demo-fact-desk.example.org/checks/x",
        "https://demo-fact-desk.example.org/checks/x",
    ]


def test_a_review_without_url_takes_its_feed_items_url() -> None:
    feed = {
        "@type": "DataFeed",
        "dataFeedElement": [
            {
                "@type": "DataFeedItem",
                "url": "https://demo-fact-desk.example.org/checks/from-item",
                "item": [_review(url=None)],
            }
        ],
    }

    (record,) = iter_claimreview(feed)

    assert isinstance(record, FactCheckRecord)
    assert record.url == "https://demo-fact-desk.example.org/checks/from-item"


def test_a_review_without_url_anywhere_is_an_error_naming_what_is_missing() -> None:
    items = list(iter_claimreview([_review(url=None), _review(url=None, claimReviewed="")]))

    assert items == [
        RecordError("[0]", "ClaimReview without url"),
        RecordError("[1]", "ClaimReview without claimReviewed or url"),
    ]


# --- single objects, arrays and @graph -----------------------------------------------------


def test_a_single_review_uses_rating_name_when_alternate_name_is_absent() -> None:
    (record,) = read_claimreview(_json("single.json")).records

    assert record.rating_label == "Pants on Fire"
    assert record.rating_best == 6.0
    assert record.review_date == date(2023, 7, 4)
    assert record.claim_date == date(2023, 7, 1)
    assert record.claimant == "A Fictional Blogger"
    assert record.title is None


def test_an_array_of_reviews_with_type_lists_and_prefixed_types_is_read() -> None:
    archive = read_claimreview(_json("array.json"))

    assert archive.errors == ()
    assert [record.language for record in archive.records] == ["en", "ar"]
    assert archive.records[0].claimant == "Anonymous Forum User"
    assert archive.records[1].claimant == "منشور متداول"
    assert archive.records[1].rating_value == 3.5
    assert archive.records[1].review_date == date(2022, 12, 5)


def test_html_entities_in_json_ld_text_are_decoded() -> None:
    english = read_claimreview(_json("array.json")).records[0]

    assert english.claim_text == 'The "new" vaccine contains a tracking microchip.'
    assert english.title == "Vaccines don\u2019t contain microchips"


def test_text_without_entities_is_kept_exactly() -> None:
    (record,) = iter_claimreview(_review(claimReviewed="  AT&T & Co said 5 < 6  "))

    assert isinstance(record, FactCheckRecord)
    assert record.claim_text == "AT&T & Co said 5 < 6"


def test_reviews_inside_nested_graphs_are_found_with_their_path() -> None:
    document = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Organization", "name": "Demo Fact Desk"},
            {"@graph": [_review(), _review(claimReviewed=None)]},
        ],
    }

    items = list(iter_claimreview(document))

    assert isinstance(items[0], FactCheckRecord)
    assert items[1] == RecordError("@graph[1].@graph[1]", "ClaimReview without claimReviewed")


def test_a_review_nested_under_an_article_is_found() -> None:
    article = {"@type": "NewsArticle", "headline": "Story", "review": _review()}

    (record,) = iter_claimreview(article)

    assert isinstance(record, FactCheckRecord)


def test_objects_that_are_not_reviews_give_nothing() -> None:
    assert list(iter_claimreview({"@type": "Organization", "name": "Demo Fact Desk"})) == []
    assert list(iter_claimreview("text")) == []
    assert list(iter_claimreview(None)) == []


def test_claimed_items_inside_a_review_are_not_read_as_reviews() -> None:
    inner = _review(claimReviewed="inner")
    outer = _review(itemReviewed={"@type": "Claim", "appearance": [inner]})

    records = list(iter_claimreview(outer))

    assert len(records) == 1


def test_a_language_object_without_code_gives_its_name() -> None:
    (record,) = iter_claimreview(_review(inLanguage={"@type": "Language", "name": "Arabic"}))

    assert isinstance(record, FactCheckRecord)
    assert record.language == "Arabic"


def test_author_given_as_plain_text_is_the_publisher() -> None:
    (record,) = iter_claimreview(_review(author="Demo Fact Desk"))

    assert isinstance(record, FactCheckRecord)
    assert record.publisher == "Demo Fact Desk"


def test_unreadable_rating_numbers_are_none() -> None:
    rating = {"ratingValue": "n/a", "bestRating": "", "worstRating": None, "alternateName": "Odd"}

    (record,) = iter_claimreview(_review(reviewRating=rating))

    assert isinstance(record, FactCheckRecord)
    assert (record.rating_value, record.rating_best, record.rating_worst) == (None, None, None)
    assert record.rating_label == "Odd"


# --- HTML pages ----------------------------------------------------------------------------


def test_every_json_ld_block_of_a_page_is_parsed_and_broken_ones_are_skipped() -> None:
    documents = claimreview_from_html((FIXTURES / "page_graph.html").read_text(encoding="utf-8"))

    # The graph and the comment-wrapped breadcrumb; the broken block and the JS decoy are not.
    assert len(documents) == 2
    assert isinstance(documents[0], dict)
    assert [node["@type"] for node in documents[0]["@graph"]] == [
        "Organization",
        "WebPage",
        "ClaimReview",
    ]
    assert isinstance(documents[1], dict)
    assert documents[1]["@type"] == "BreadcrumbList"


def test_a_fact_check_page_gives_its_graph_review_and_not_the_organization() -> None:
    html = (FIXTURES / "page_graph.html").read_text(encoding="utf-8")

    archive = collect_archive(iter_claimreview_html(html))

    assert archive.errors == ()
    (record,) = archive.records
    assert record.claim_text == "صورة تُظهر غرق الميناء التجاري بالكامل بعد عاصفة الأسبوع الماضي."
    assert record.external_id == (
        "https://demo-fact-desk.example.org/ar/checks/port-flood#claimreview"
    )
    assert record.rating_label == "صورة مضللة"
    assert record.claimant == "صفحة وهمية على فيسبوك"
    assert record.review_date == date(2024, 1, 22)


def test_cdata_wrapped_json_ld_is_read() -> None:
    html = (
        '<script type="application/ld+json">//<![CDATA[\n'
        '{"@type": "ClaimReview", "claimReviewed": "x", "url": "https://a.example/"}\n'
        "//]]></script>"
    )

    assert claimreview_from_html(html) == [
        {"@type": "ClaimReview", "claimReviewed": "x", "url": "https://a.example/"}
    ]


def test_script_type_matching_ignores_case_and_parameters() -> None:
    html = '<SCRIPT TYPE="Application/LD+JSON; charset=utf-8">{"a": 1}</SCRIPT>'

    assert claimreview_from_html(html) == [{"a": 1}]


def test_a_page_review_without_url_takes_the_page_url_and_errors_name_the_block() -> None:
    html = (
        '<script type="application/ld+json">{"@type": "Organization"}</script>'
        '<script type="application/ld+json">'
        + json.dumps([_review(url=None), _review(url=None, claimReviewed=None)])
        + "</script>"
    )

    items = list(iter_claimreview_html(html, page_url="https://page.example/check"))

    assert isinstance(items[0], FactCheckRecord)
    assert items[0].url == "https://page.example/check"
    assert items[1] == RecordError("script 2: [1]", "ClaimReview without claimReviewed")


def test_a_script_cut_off_by_the_end_of_the_page_is_still_read() -> None:
    assert claimreview_from_html('<script type="application/ld+json">{"a": 1}') == [{"a": 1}]


def test_a_page_without_json_ld_gives_no_documents() -> None:
    assert claimreview_from_html("<html><body><p>No data</p></body></html>") == []


# --- Fact Check Tools API answers ----------------------------------------------------------


def test_each_api_review_becomes_a_record_sharing_its_claim() -> None:
    archive = read_fact_check_api(_json("api_page1.json"))

    assert archive.errors == ()
    assert [record.url for record in archive.records] == [
        "https://demo-fact-desk.example.org/checks/bridge-collapse-photo",
        "https://sample-verify.example.com/2024/03/bridge-photo",
        "https://demo-fact-desk.example.org/ar/checks/wheat-prices",
    ]
    first, second, arabic = archive.records
    assert first.claim_text == second.claim_text
    assert first.external_id == first.url
    assert first.claim_date == date(2024, 3, 10)
    assert first.review_date == date(2024, 3, 12)
    assert first.rating_label == "False"
    assert first.publisher == "Demo Fact Desk"
    # A publisher with only a site is named by its site.
    assert second.publisher == "sample-verify.example.com"
    assert arabic.language == "ar"
    assert arabic.claimant == "حساب إخباري وهمي"


def test_an_api_review_without_url_is_an_error_and_the_rest_is_kept() -> None:
    archive = read_fact_check_api(_json("api_page2.json"))

    assert len(archive.records) == 1
    assert archive.records[0].claimant is None
    assert archive.errors == (RecordError("claims[0].claimReview[1]", "no url"),)


def test_an_empty_api_answer_gives_nothing() -> None:
    assert list(iter_fact_check_api({})) == []


def test_malformed_api_claims_are_errors() -> None:
    response = {
        "claims": [
            "not an object",
            {"claimReview": [{"url": "https://a.example"}]},
            {"text": "No reviews here"},
        ]
    }

    assert list(iter_fact_check_api(response)) == [
        RecordError("claims[0]", "expected a claim object"),
        RecordError("claims[1]", "no claim text"),
        RecordError("claims[2]", "no claimReview"),
    ]


def test_a_json_file_is_read_as_api_answer_or_json_ld_by_its_shape() -> None:
    api_records = collect_archive(iter_json_archive(_json("api_page1.json"))).records
    feed_records = collect_archive(iter_json_archive(_json("datafeed.json"))).records

    assert len(api_records) == 3
    assert api_records[0].rating_value is None
    assert len(feed_records) == 2
    assert feed_records[0].rating_value == 1.0
