"""Markdown and HTML verdict reports: content, direction of mixed text, and untrusted text kept inert."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime
from html.parser import HTMLParser

from workbench.core.report import render_html, render_markdown, web_url
from workbench.core.report_model import (
    ReportArticle,
    ReportChainLink,
    ReportClaim,
    ReportEvidence,
    ReportMatch,
    ReportVerdict,
)

GENERATED = datetime(2025, 12, 5, 9, 30, tzinfo=UTC)
ARABIC_CLAIM = "قال مصدر دبلوماسي تركي إن أنقرة لا تعتزم إرسال قوات إلى غزة."


def _verdict(**changes: object) -> ReportVerdict:
    verdict = ReportVerdict(
        rating_key="mostly_false",
        rating_label="Mostly false",
        rating_value=3,
        scale_name="default",
        scale_worst=1,
        scale_best=7,
        rationale="The ministry denied it.\n\nA second paragraph.",
        reviewer="Lina",
        state="published",
        created_at=datetime(2025, 12, 4, 18, 0, tzinfo=UTC),
        rating_colour="#d0531f",
    )
    return replace(verdict, **changes)  # type: ignore[arg-type]


def _claim(**changes: object) -> ReportClaim:
    claim = ReportClaim(
        id=12,
        text=ARABIC_CLAIM,
        language="ar",
        kind="statement",
        cue="قال",
        quote="indirect",
        chain=(
            ReportChainLink(name="Reuters", kind="news_agency"),
            ReportChainLink(
                name="anonymous Turkish diplomatic source", kind="anonymous", anonymous=True
            ),
        ),
        verdict=_verdict(),
        evidence=(
            ReportEvidence(
                url="https://example.org/statement",
                title="Ministry statement",
                excerpt="We have no such plans.",
                archive_url="https://web.archive.org/web/20251204180000/https://example.org/statement",
                archive_state="archived",
                retrieved_at=datetime(2025, 12, 4, 17, 0, tzinfo=UTC),
            ),
        ),
        matches=(
            ReportMatch(
                title="Turkey will not send troops",
                url="https://factcheck.example/turkey",
                publisher="Misbar",
                rating="False",
                score=0.91,
                tier="confirmed",
                flags=("number_mismatch",),
            ),
        ),
    )
    return replace(claim, **changes)  # type: ignore[arg-type]


def _article(**changes: object) -> ReportArticle:
    article = ReportArticle(
        id=1,
        title="تركيا تنفي نيتها إرسال قوات",
        publisher="Al Example",
        published_at=date(2025, 12, 4),
        url="https://news.example/article?id=1",
        provenance="fetched from the web",
        language="ar",
        claims=(_claim(),),
    )
    return replace(article, **changes)  # type: ignore[arg-type]


class _Collector(HTMLParser):
    """Collects tags with their attributes and the text inside each tag name."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text_by_tag: dict[str, list[str]] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in {"meta", "br"}:
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open and self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        for tag in self._open:
            self.text_by_tag.setdefault(tag, []).append(data)


def _parse(document: str) -> _Collector:
    collector = _Collector()
    collector.feed(document)
    collector.close()
    return collector


# ---------------------------------------------------------------------------------------------
# Markdown


def test_markdown_has_the_article_header_and_the_claim_with_its_chain() -> None:
    text = render_markdown([_article()], generated_at=GENERATED)

    assert "Generated 2025-12-05 09:30 UTC" in text
    assert "## تركيا تنفي نيتها إرسال قوات" in text
    assert "- **Publisher:** Al Example" in text
    assert "- **Published:** 2025-12-04" in text
    assert "[https\\://news.example/article?id=1](<https://news.example/article?id=1>)" in text
    assert "### Claim 12" in text
    assert "Reuters → anonymous Turkish diplomatic source" in text


def test_markdown_gives_the_verdict_its_place_on_the_scale_and_the_rationale() -> None:
    text = render_markdown([_article()], generated_at=GENERATED)

    assert "**Mostly false**" in text
    assert "3 on a scale of 1 to 7 \\(default\\)" in text
    assert "reviewer\\: Lina" not in text  # ":" is only escaped before "/"
    assert "reviewer: Lina" in text
    assert "The ministry denied it." in text
    assert "\n\nA second paragraph.\n" in text


def test_markdown_links_evidence_archive_and_earlier_fact_checks() -> None:
    text = render_markdown([_article()], generated_at=GENERATED)

    assert "[Ministry statement](<https://example.org/statement>)" in text
    assert "(<https://web.archive.org/web/20251204180000/https://example.org/statement>)" in text
    assert "[Turkey will not send troops](<https://factcheck.example/turkey>)" in text
    assert "rated False" in text
    assert "score 0.91" in text
    assert "number\\_mismatch" in text


def test_markdown_escapes_links_images_and_html_in_article_text() -> None:
    hostile = "[click](https://evil.example) ![x](https://evil.example/x.png) <img src=x onerror=alert(1)>"
    article = _article(title=hostile, claims=(_claim(text=hostile, verdict=None),))

    text = render_markdown([article], generated_at=GENERATED)

    assert "](https://evil" not in text
    assert re.search(r"(?<!\\)<img", text) is None
    assert "\\<img src=x onerror=alert\\(1\\)\\>" in text
    assert "\\[click\\]\\(https\\://evil.example\\)" in text
    assert "\\!\\[x\\]" in text


def test_markdown_prints_a_javascript_url_as_inert_text() -> None:
    article = _article(url="javascript:alert(1)")

    text = render_markdown([article], generated_at=GENERATED)

    assert "](<javascript" not in text
    assert "javascript:alert\\(1\\)" in text


def test_markdown_stops_bare_urls_from_becoming_autolinks() -> None:
    article = _article(title="see https://evil.example and www.evil.example or a@evil.example")

    text = render_markdown([article], generated_at=GENERATED)

    title_line = next(line for line in text.splitlines() if line.startswith("## "))
    assert "https\\://evil.example" in title_line
    assert "www\\.evil.example" in title_line
    assert "a\\@evil.example" in title_line


def test_markdown_removes_bidi_overrides_and_terminal_escapes_from_article_text() -> None:
    article = _article(title="Safe\u202etitle\x1b[31m red")

    text = render_markdown([article], generated_at=GENERATED)

    assert "\u202e" not in text
    assert "\x1b" not in text
    assert "## Safetitle red" in text


def test_markdown_isolates_arabic_values_inside_english_lines() -> None:
    article = _article(publisher="الجزيرة")

    text = render_markdown([article], generated_at=GENERATED)

    assert "- **Publisher:** \u2068الجزيرة\u2069" in text


def test_markdown_says_when_a_claim_has_no_verdict() -> None:
    article = _article(claims=(_claim(verdict=None, evidence=(), matches=()),))

    text = render_markdown([article], generated_at=GENERATED)

    assert "- **Verdict:** none recorded yet" in text
    assert "Rationale" not in text


def test_claims_without_an_article_get_their_own_heading() -> None:
    loose = ReportArticle(
        id=None,
        title=None,
        publisher=None,
        published_at=None,
        url=None,
        provenance=None,
        language=None,
        claims=(_claim(),),
    )

    markdown = render_markdown([loose], generated_at=GENERATED)
    document = render_html([loose], generated_at=GENERATED)

    assert "## Claims not from an article" in markdown
    assert "- **URL:**" not in markdown
    assert "Claims not from an article" in _parse(document).text_by_tag["h2"][0]


def test_an_off_axis_verdict_is_described_without_a_number() -> None:
    verdict = _verdict(rating_key="unverifiable", rating_label="Unverifiable", rating_value=None)
    article = _article(claims=(_claim(verdict=verdict),))

    text = render_markdown([article], generated_at=GENERATED)

    assert "off the truth axis of scale default" in text
    assert "on a scale of" not in text


# ---------------------------------------------------------------------------------------------
# HTML


def test_html_is_one_self_contained_file_without_scripts_or_external_resources() -> None:
    document = render_html([_article()], generated_at=GENERATED, title="Weekly report")
    parsed = _parse(document)

    tag_names = {tag for tag, _attrs in parsed.tags}
    assert document.startswith("<!DOCTYPE html>")
    assert {"script", "link", "img", "iframe", "object", "embed"}.isdisjoint(tag_names)
    assert parsed.text_by_tag["title"] == ["Weekly report"]
    assert "@media print" in document
    assert "break-before: page" in document
    for _tag, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs)
        assert "src" not in attrs
    assert "url(" not in document
    assert "@import" not in document


def test_html_root_has_lang_and_dir() -> None:
    parsed = _parse(render_html([_article()], generated_at=GENERATED))

    html_attrs = next(attrs for tag, attrs in parsed.tags if tag == "html")
    assert html_attrs == {"lang": "en", "dir": "ltr"}


def test_an_arabic_claim_block_is_right_to_left_and_english_lines_inside_stay_left_to_right() -> (
    None
):
    parsed = _parse(render_html([_article()], generated_at=GENERATED))

    claim_section = next(
        attrs for tag, attrs in parsed.tags if tag == "section" and attrs.get("class") == "claim"
    )
    claim_text = next(attrs for tag, attrs in parsed.tags if attrs.get("class") == "claim-text")
    verdict_line = next(attrs for tag, attrs in parsed.tags if attrs.get("class") == "verdict")
    assert (claim_section["dir"], claim_section["lang"]) == ("rtl", "ar")
    assert (claim_text["dir"], claim_text["lang"]) == ("rtl", "ar")
    assert (verdict_line["dir"], verdict_line["lang"]) == ("ltr", "en")


def test_an_english_claim_block_is_left_to_right_even_in_an_arabic_article() -> None:
    english = _claim(text="The minister said that 13 soldiers were killed.", language=None)
    parsed = _parse(render_html([_article(claims=(english,))], generated_at=GENERATED))

    article_attrs = next(attrs for tag, attrs in parsed.tags if tag == "article")
    claim_text = next(attrs for tag, attrs in parsed.tags if attrs.get("class") == "claim-text")
    assert (article_attrs["dir"], article_attrs["lang"]) == ("rtl", "ar")
    assert (claim_text["dir"], claim_text["lang"]) == ("ltr", "en")


def test_every_paragraph_and_inline_value_carries_dir_and_lang() -> None:
    parsed = _parse(render_html([_article()], generated_at=GENERATED))

    for tag, attrs in parsed.tags:
        if tag in {"p", "bdi", "h1", "h2", "h3", "h4", "li", "ul", "blockquote", "section"}:
            assert attrs.get("dir") in {"ltr", "rtl"}, (tag, attrs)
            assert attrs.get("lang"), (tag, attrs)
    chain_names = [
        attrs for tag, attrs in parsed.tags if tag == "bdi" and attrs.get("lang") == "ar"
    ]
    assert chain_names, "Arabic inline values are isolated in right-to-left <bdi>"


def test_a_script_tag_in_an_article_title_is_shown_as_text() -> None:
    article = _article(title="<script>alert(1)</script> Breaking")

    document = render_html([article], generated_at=GENERATED)
    parsed = _parse(document)

    assert "<script>" not in document
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Breaking" in document
    assert parsed.text_by_tag["h2"] == ["<script>alert(1)</script> Breaking"]
    assert all(tag != "script" for tag, _attrs in parsed.tags)


def test_quotes_in_untrusted_text_cannot_break_out_of_an_attribute() -> None:
    article = _article(url='https://news.example/a" onmouseover="alert(1)')

    document = render_html([article], generated_at=GENERATED)
    parsed = _parse(document)

    hrefs = [attrs["href"] for tag, attrs in parsed.tags if tag == "a" and attrs.get("href")]
    assert "https://news.example/a%22%20onmouseover=%22alert(1)" in hrefs
    assert all(not name.startswith("on") for _tag, attrs in parsed.tags for name in attrs)


def test_javascript_data_and_file_urls_are_not_links() -> None:
    evidence = (
        ReportEvidence(url="javascript:alert(1)", title="Click me"),
        ReportEvidence(url="data:text/html,<script>alert(1)</script>", title="Data"),
        ReportEvidence(url="file:///etc/passwd", title="File"),
        ReportEvidence(url=" JaVaScRiPt:alert(2)", title="Mixed case"),
    )
    article = _article(url="javascript:alert(3)", claims=(_claim(evidence=evidence),))

    document = render_html([article], generated_at=GENERATED)
    parsed = _parse(document)

    hrefs = [attrs.get("href") or "" for tag, attrs in parsed.tags if tag == "a"]
    assert hrefs, "the http links still render"
    assert all(href.startswith(("http://", "https://")) for href in hrefs)
    assert "javascript:alert(1)" in " ".join(parsed.text_by_tag["span"])
    assert "<script>alert(1)" not in document


def test_each_rating_colour_comes_from_the_scale_and_bad_colours_fall_back() -> None:
    good = _claim()
    bad = _claim(id=13, verdict=_verdict(rating_colour="red; background: url(x)"))

    document = render_html([_article(claims=(good, bad))], generated_at=GENERATED)
    parsed = _parse(document)

    styles = [attrs.get("style") for tag, attrs in parsed.tags if tag == "section"]
    assert styles == ["--rating-colour: #d0531f", "--rating-colour: #9e9e9e"]


def test_html_shows_evidence_archive_and_matches_as_links() -> None:
    parsed = _parse(render_html([_article()], generated_at=GENERATED))

    hrefs = [attrs.get("href") for tag, attrs in parsed.tags if tag == "a"]
    assert hrefs == [
        "https://news.example/article?id=1",
        "https://example.org/statement",
        "https://web.archive.org/web/20251204180000/https://example.org/statement",
        "https://factcheck.example/turkey",
    ]
    assert "Mostly false" in parsed.text_by_tag["bdi"]
    assert "We have no such plans." in parsed.text_by_tag["blockquote"]


def test_html_starts_a_new_printed_page_for_each_article() -> None:
    document = render_html([_article(), _article(id=2)], generated_at=GENERATED)

    assert len(re.findall(r'<article class="article"', document)) == 2
    assert ".article:first-of-type { break-before: auto; }" in document


def test_web_url_accepts_only_http_and_https_with_a_host() -> None:
    assert web_url("https://example.org/a b") == "https://example.org/a%20b"
    assert web_url("HTTP://example.org") == "HTTP://example.org"
    assert web_url("javascript:alert(1)") is None
    assert web_url("https:///no-host") is None
    assert web_url("\x01javascript:alert(1)") is None
    assert web_url(None) is None


def test_rendered_markdown_holds_no_link_image_or_html_from_article_text() -> None:
    from markdown_it import MarkdownIt

    hostile = (
        "[click](https://evil.example) ![x](https://evil.example/x.png) "
        "<img src=x onerror=alert(1)> www.evil.example http://evil.example &lt;b&gt;"
    )
    article = _article(
        title=hostile,
        publisher=hostile,
        url="javascript:alert(1)",
        claims=(
            _claim(text=hostile, verdict=_verdict(rationale=hostile), evidence=(), matches=()),
        ),
    )
    # gfm-like turns bare URLs into links, as GitHub does; html=True lets raw HTML through.
    rendered = MarkdownIt("gfm-like", {"html": True}).render(
        render_markdown([article], generated_at=GENERATED)
    )

    assert "evil.example" in rendered
    assert "<a " not in rendered
    assert "<img" not in rendered
    assert "<b>" not in rendered
    assert "&amp;lt;b&amp;gt;" in rendered
