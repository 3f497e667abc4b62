"""Parsing news HTML: main text via trafilatura, JSON-LD metadata, and hostile markup."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from workbench.core.html import parse_html

ARTICLES = Path(__file__).resolve().parents[2] / "fixtures" / "articles"


def _read(name: str) -> str:
    return (ARTICLES / name).read_text(encoding="utf-8")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any attempt to open a connection fail the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parse_html tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_json_ld_news_article_wins_over_title_and_open_graph(no_network: None) -> None:
    page = parse_html(_read("en_newsarticle_jsonld.html"), url="https://courier.example/x?ref=1")

    assert page.title == "Council approves new flood barrier after two years of delays"
    assert page.site_name == "The Harbour Courier"
    assert page.author == "Anna Keller, Omar Haddad"
    assert page.published_at == "2026-03-14T09:30:00+00:00"
    assert page.canonical_url == "https://courier.example/news/2026/03/flood-barrier"
    assert page.language == "en"


def test_main_text_has_the_article_paragraphs_and_no_chrome(no_network: None) -> None:
    page = parse_html(_read("en_newsarticle_jsonld.html"))

    paragraphs = page.body.split("\n\n")
    assert paragraphs[0].startswith("The city council voted 31 to 9 on Tuesday")
    assert paragraphs[-1].startswith("Opponents on the council said they would appeal")
    assert len(paragraphs) == 4
    assert page.provenance == "Source: Reuters"
    for chrome in ("Home", "Related stories", "All rights reserved", "p { color"):
        assert chrome not in page.body
    assert "SCRIPT-CONTENT-MUST-NOT-APPEAR" not in page.body


def test_broken_json_ld_before_a_good_one_is_ignored() -> None:
    html = _read("en_newsarticle_jsonld.html")
    assert "{ this is not json" in html

    assert parse_html(html).author == "Anna Keller, Omar Haddad"


def test_canonical_link_and_html_lang_are_used_without_json_ld() -> None:
    page = parse_html(_read("ar_article.html"), url="https://khabar.example/amp/1234")

    assert page.canonical_url == "https://khabar.example/news/1234"
    assert page.language == "ar"
    assert page.site_name == "قناة الخبر"
    assert page.title == "الحكومة تعلن خطة لدعم المزارعين في المحافظات الجنوبية"


def test_arabic_html_goes_through_the_same_chrome_logic_as_plain_text() -> None:
    page = parse_html(_read("ar_article.html"))

    assert page.provenance == "المصدر: قناة الخبر + وكالات"
    assert page.body.startswith("أعلنت الحكومة، اليوم الأحد")
    assert page.body.endswith("المشمولة بالخطة.")
    assert page.body.count("\n\n") == 2
    assert "المصدر" not in page.body
    assert "الحقوق" not in page.body


def test_a_relative_canonical_is_resolved_against_the_page_url() -> None:
    html = (
        '<html><head><link rel="canonical" href="/story/7"></head><body>'
        "<article><p>" + "A sentence long enough to count as article text here. " * 8 + "</p>"
        "</article></body></html>"
    )

    page = parse_html(html, url="https://news.example/amp/story/7")

    assert page.canonical_url == "https://news.example/story/7"


def test_a_javascript_canonical_is_never_returned() -> None:
    html = (
        '<html><head><link rel="canonical" href="javascript:alert(1)"></head>'
        "<body><p>Short page.</p></body></html>"
    )

    assert parse_html(html).canonical_url is None


@pytest.mark.parametrize(
    "json_ld",
    [
        '[{"@type": "WebPage"}, {"@type": "ReportageNews", "headline": "Array headline"}]',
        '{"@context": "https://schema.org", "@graph": [{"@type": "BlogPosting", '
        '"headline": "Graph headline"}]}',
        '{"@type": "WebPage", "mainEntity": {"@type": ["Article", "NewsArticle"], '
        '"headline": "Nested headline"}}',
    ],
)
def test_article_nodes_are_found_in_arrays_graphs_and_nesting(json_ld: str) -> None:
    html = (
        f'<html><head><script type="application/ld+json">{json_ld}</script></head>'
        "<body><article><p>"
        + "Words of the article body that trafilatura will keep as main text. " * 6
        + "</p></article></body></html>"
    )

    assert parse_html(html).title is not None
    assert parse_html(html).title in {"Array headline", "Graph headline", "Nested headline"}


def test_json_ld_author_as_a_plain_string_and_escaped_headline() -> None:
    html = (
        '<html><head><script type="application/ld+json">'
        '{"@type": "NewsArticle", "headline": "Fish &amp; chips tax", "author": "Lina Saad", '
        '"datePublished": "14/03/2026", "inLanguage": "ar-EG", '
        '"url": "https://news.example/fish"}</script></head>'
        "<body><p>Body text of the article.</p></body></html>"
    )

    page = parse_html(html)

    assert page.title == "Fish & chips tax"
    assert page.author == "Lina Saad"
    assert page.published_at == "2026-03-14"
    assert page.language == "ar"
    assert page.canonical_url == "https://news.example/fish"


def test_hostile_html_does_not_crash_or_leak_scripts_or_control_characters(
    no_network: None,
) -> None:
    page = parse_html(_read("hostile.html"))

    text = page.body + (page.title or "")
    assert "SCRIPT-CONTENT-MUST-NOT-APPEAR" not in text
    assert "STYLE-CONTENT-MUST-NOT-APPEAR" not in text
    assert "IFRAME-CONTENT" not in text
    assert not any(ord(char) < 0x20 and char not in "\n\t" for char in text)
    assert not any("\u202a" <= char <= "\u202e" for char in text)
    assert "pwned" not in page.body
    assert "Control characters and red and a bidi override evil appear" in page.body
    assert "[@click=app.quit]" in page.body
    assert "<script>alert(1)</script>" in page.body
    assert page.published_at is None


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html>",
        "<<<>>>&&&;;;",
        "<div>" * 20000,
        '<script type="application/ld+json">' + "[" * 100000 + "</script>",
        "<p>\x00\x01\x02</p>",
        "<![CDATA[ x",
        "<!--",
    ],
)
def test_degenerate_html_gives_a_page_rather_than_an_error(html: str) -> None:
    page = parse_html(html)

    assert isinstance(page.body, str)
    assert "\x00" not in page.body


def test_pages_trafilatura_rejects_still_give_their_paragraphs() -> None:
    page = parse_html("<html><body><p>Only one short line.</p></body></html>")

    assert page.body == "Only one short line."
