"""Separating an article from its page chrome in plain-text and Markdown captures."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.page import ExcludedBlock, RelatedItem, parse_date, parse_plain_text

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "seed" / "000_4489f4de29ce8df6.txt"
ARTICLES = ROOT / "fixtures" / "articles"


def _seed_blocks() -> list[str]:
    return [block.strip() for block in SEED.read_text(encoding="utf-8").split("\n\n")]


# --- the seed page --------------------------------------------------------------------------


def test_seed_headline_and_site_name() -> None:
    page = parse_plain_text(SEED.read_text(encoding="utf-8"))

    assert page.site_name == "تركيا الان"
    assert page.title == (
        "روسيا: بوتين وأردوغان لا يعتزمان عقد لقاء بشأن إدلب ولكنه سيحدث في هذه الحالة"
    )
    assert page.language == "ar"


def test_seed_body_is_the_seven_paragraphs_as_written() -> None:
    blocks = _seed_blocks()

    page = parse_plain_text(SEED.read_text(encoding="utf-8"))

    assert page.body == "\n\n".join(blocks[2:9])
    assert page.body.count("\n\n") == 6
    assert page.body.startswith("أعلن المتحدث باسم الرئاسة الروسية")
    assert page.body.endswith("بشأن التطورات الميدانية بإدلب.ات")


def test_seed_provenance_line_is_kept_whole_and_out_of_the_body() -> None:
    page = parse_plain_text(SEED.read_text(encoding="utf-8"))

    assert page.provenance == "المصدر: تركيا الان + وكالات"
    assert "المصدر" not in page.body
    assert ExcludedBlock("المصدر: تركيا الان + وكالات", "provenance") in page.excluded


def test_seed_latest_news_column_becomes_six_related_items() -> None:
    page = parse_plain_text(SEED.read_text(encoding="utf-8"))

    assert [item.date for item in page.related] == [
        "2025-12-04",
        "2025-12-04",
        "2025-12-02",
        "2025-12-01",
        "2025-12-01",
        "2025-12-01",
    ]
    assert page.related[0] == RelatedItem(
        title="أنقرة: على المجتمع الدولي التحرك بحزم ضد عدوان إسرائيل بالمنطقة",
        lead="قالت وزارة الدفاع التركية، الخميس، إنه يجب على المجتمع الدولي اتخاذ خطوات حازمة ضد ممارسات…",
        date="2025-12-04",
    )
    assert page.related[1].title == "270.6 مليار دولار.. صادرات تركيا السنوية تسجل رقما قياسيا"
    assert page.related[5].lead is not None and page.related[5].lead.endswith("هدف جوي.…")
    assert all(item.lead is not None and item.lead.endswith("…") for item in page.related)


def test_seed_related_dates_are_not_the_article_date() -> None:
    page = parse_plain_text(SEED.read_text(encoding="utf-8"))

    assert page.published_at is None
    assert page.author is None


def test_seed_excluded_lines_account_for_everything_but_title_and_body() -> None:
    page = parse_plain_text(SEED.read_text(encoding="utf-8"))
    blocks = _seed_blocks()

    assert [block.text for block in page.excluded] == [blocks[0], *blocks[9:]]
    assert page.excluded[0].reason == "site name"
    assert page.excluded[2] == ExcludedBlock("أحدث الأخبار", "related heading")
    assert {block.reason for block in page.excluded[3:]} == {"related item"}


# --- English page with byline, provenance, related, newsletter, copyright ----------------


def test_english_byline_gives_author_and_date_and_leaves_the_body() -> None:
    page = parse_plain_text((ARTICLES / "en_byline_related.txt").read_text(encoding="utf-8"))

    assert page.site_name == "The Harbour Courier"
    assert page.title == "Council approves new flood barrier after two years of delays"
    assert page.author == "Anna Keller"
    assert page.published_at == "2026-03-14"
    assert page.language == "en"
    assert "By Anna Keller" not in page.body
    assert ExcludedBlock("By Anna Keller | Published 14 March 2026", "byline") in page.excluded


def test_english_body_keeps_a_source_code_line_and_a_short_paragraph() -> None:
    page = parse_plain_text((ARTICLES / "en_byline_related.txt").read_text(encoding="utf-8"))

    paragraphs = page.body.split("\n\n")
    assert len(paragraphs) == 4
    assert (
        paragraphs[2]
        == "Source code for the flood model used in the study has been published online."
    )
    assert paragraphs[3] == "Opponents said they would appeal."
    assert page.provenance == "Source: Reuters"


def test_english_related_block_ends_at_the_newsletter_and_copyright() -> None:
    page = parse_plain_text((ARTICLES / "en_byline_related.txt").read_text(encoding="utf-8"))

    assert page.related == (
        RelatedItem(
            "River levels reach a ten-year high",
            "Forecasters warned that the river could rise further...",
            "2026-03-12",
        ),
        RelatedItem(
            "Ferry services cancelled as storm hits the coast",
            "Ferries between the islands were cancelled on Monday...",
            "2026-03-11",
        ),
    )
    reasons = {block.text: block.reason for block in page.excluded}
    assert reasons["Sign up for our morning newsletter"] == "newsletter"
    assert reasons["© 2026 The Harbour Courier. All rights reserved."] == "copyright"


# --- Markdown and Arabic bylines ------------------------------------------------------------


def test_markdown_title_arabic_byline_and_date_with_arabic_indic_digits() -> None:
    page = parse_plain_text((ARTICLES / "ar_article_markdown.md").read_text(encoding="utf-8"))

    assert page.title == "وزارة الزراعة: تراجع إنتاج القمح بنسبة ١٢ بالمئة هذا الموسم"
    assert page.site_name is None
    assert page.author == "سامر الحلبي"
    assert page.published_at == "2026-03-14"
    assert page.provenance == "المصدر: وكالات"


def test_markdown_inline_read_also_link_is_a_related_item_and_the_body_continues() -> None:
    page = parse_plain_text((ARTICLES / "ar_article_markdown.md").read_text(encoding="utf-8"))

    paragraphs = page.body.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[2].startswith("وقال مزارعون")
    assert page.related[0] == RelatedItem("أسعار الخبز ترتفع في الأسواق المحلية", None, None)


def test_markdown_list_of_links_under_a_heading_gives_link_titles() -> None:
    page = parse_plain_text((ARTICLES / "ar_article_markdown.md").read_text(encoding="utf-8"))

    assert [item.title for item in page.related[1:]] == [
        "ارتفاع أسعار الوقود للمرة الثالثة هذا العام",
        "الأرصاد تتوقع موجة حر خلال الأسبوع المقبل",
    ]
    assert ExcludedBlock("جميع الحقوق محفوظة © ٢٠٢٦", "copyright") in page.excluded


# --- conservative heuristics ------------------------------------------------------------------


def test_a_short_headline_followed_by_a_sentence_is_the_title_not_a_site_name() -> None:
    text = "Flood warning\n\nHeavy rain is expected across the region tomorrow, forecasters said.\n"

    page = parse_plain_text(text)

    assert page.site_name is None
    assert page.title == "Flood warning"
    assert page.body == "Heavy rain is expected across the region tomorrow, forecasters said."


def test_text_without_a_headline_keeps_every_paragraph() -> None:
    text = "The minister said on Monday that prices would fall.\n\nHe gave no figures.\n"

    page = parse_plain_text(text)

    assert page.title is None
    assert page.body == text.strip()


def test_a_sentence_beginning_with_by_is_not_a_byline() -> None:
    text = (
        "Roads reopen after storm\n\n"
        "By Monday, the roads were open again.\n\n"
        "Crews worked through the night to clear fallen trees from the main routes.\n"
    )

    page = parse_plain_text(text)

    assert page.author is None
    assert page.body.startswith("By Monday, the roads were open again.")


def test_kataba_as_a_verb_is_not_a_byline() -> None:
    text = (
        "رسالة من الرئيس\n\n"
        "كتب الرئيس رسالة إلى البرلمان يطلب فيها تمديد الجلسة.\n\n"
        "وقال النواب إنهم سيناقشون الرسالة غدا.\n"
    )

    page = parse_plain_text(text)

    assert page.author is None
    assert page.body.startswith("كتب الرئيس رسالة")


def test_a_source_line_followed_by_more_article_is_not_the_provenance() -> None:
    text = (
        "Exports rise again\n\n"
        "Exports rose by 4 per cent in the first quarter, the ministry said on Thursday.\n\n"
        "Source: Ministry of Trade\n\n"
        "Officials said the rise came mainly from machinery and textiles sold to neighbouring "
        "countries, and that the trend would continue through the summer months.\n"
    )

    page = parse_plain_text(text)

    assert page.provenance is None
    assert "Source: Ministry of Trade" in page.body
    assert page.body.endswith("through the summer months.")


def test_a_newsletter_mention_in_a_sentence_stays_in_the_body() -> None:
    text = (
        "Ministry bulletin\n\n"
        "The ministry's weekly newsletter said 40 people had been treated in hospital.\n"
    )

    page = parse_plain_text(text)

    assert "newsletter said 40 people" in page.body
    assert not page.excluded


def test_share_and_breadcrumb_lines_are_navigation() -> None:
    text = (
        "Home > News > Middle East\n\n"
        "Talks resume in Cairo\n\n"
        "Share\n\n"
        "Negotiators met again in Cairo on Sunday after a week-long pause in the talks.\n\n"
        "شارك الخبر\n"
    )

    page = parse_plain_text(text)

    assert page.title == "Talks resume in Cairo"
    assert (
        page.body
        == "Negotiators met again in Cairo on Sunday after a week-long pause in the talks."
    )
    reasons = [block.reason for block in page.excluded]
    assert reasons == ["navigation", "navigation", "navigation"]


def test_a_date_line_under_the_headline_is_the_article_date() -> None:
    text = (
        "موقع الخبر\n\n"
        "ارتفاع أسعار الذهب في الأسواق المحلية\n\n"
        "الخميس 04 ديسمبر 2025\n\n"
        "ارتفعت أسعار الذهب في الأسواق المحلية اليوم بنسبة اثنين بالمئة.\n"
    )

    page = parse_plain_text(text)

    assert page.published_at == "2025-12-04"
    assert ExcludedBlock("الخميس 04 ديسمبر 2025", "date line") in page.excluded


def test_a_date_inside_the_body_stays_in_the_body() -> None:
    text = (
        "Timeline of the crisis\n\n"
        "The first protests began in the capital and spread to three other cities.\n\n"
        "14 March 2026\n\n"
        "The government resigned after a week of strikes across the country.\n"
    )

    page = parse_plain_text(text)

    assert page.published_at is None
    assert "\n\n14 March 2026\n\n" in page.body


def test_updated_date_is_used_only_without_a_published_date() -> None:
    text = (
        "Ceasefire holds\n\nUpdated: 2026-03-15\n\nThe ceasefire held overnight, officials said.\n"
    )

    assert parse_plain_text(text).published_at == "2026-03-15"


def test_title_hint_picks_the_headline_line() -> None:
    text = "Morning Brief\n\nMarkets\n\nStocks fell sharply in early trading on Monday.\n"

    page = parse_plain_text(text, title_hint="Markets")

    assert page.title == "Markets"
    assert page.site_name == "Morning Brief"
    assert page.body == "Stocks fell sharply in early trading on Monday."


def test_hard_wrapped_paragraphs_are_kept_as_written() -> None:
    text = (
        "Budget passes\n\n"
        "The budget passed by a narrow margin\nafter a long night of debate.\n\n"
        "The opposition walked out.\n"
    )

    page = parse_plain_text(text)

    assert page.body == (
        "The budget passed by a narrow margin\nafter a long night of debate.\n\n"
        "The opposition walked out."
    )


def test_lines_without_blank_separators_are_each_a_paragraph() -> None:
    text = "Budget passes\nThe budget passed by a narrow margin.\nThe opposition walked out.\n"

    page = parse_plain_text(text)

    assert page.body == "The budget passed by a narrow margin.\n\nThe opposition walked out."


def test_control_and_bidi_override_characters_are_removed() -> None:
    text = "Title here\r\n\r\nA \x1b]0;pwned\x07line \x1b[31mwith\x1b[0m \u202eoverride\u202c text in it.\r\n"

    page = parse_plain_text(text)

    assert page.body == "A line with override text in it."


def test_empty_text_gives_an_empty_page() -> None:
    page = parse_plain_text("")

    assert page.body == ""
    assert page.title is None
    assert page.related == ()


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("04/12/2025", "2025-12-04"),
        ("4-12-2025", "2025-12-04"),
        ("2026-03-14", "2026-03-14"),
        ("2026-03-14T09:30:00Z", "2026-03-14"),
        ("14 March 2026", "2026-03-14"),
        ("March 14, 2026", "2026-03-14"),
        ("Mar 14, 2026", "2026-03-14"),
        ("Thursday, 14 March 2026, 09:30 GMT", "2026-03-14"),
        ("14 مارس 2026", "2026-03-14"),
        ("14 آذار 2026", "2026-03-14"),
        ("14 اذار 2026", "2026-03-14"),
        ("14 كانون الأول 2025", "2025-12-14"),
        ("14 تشرين الثاني 2025", "2025-11-14"),
        ("الخميس ١٤ مارس ٢٠٢٦", "2026-03-14"),
        ("١٤/٠٣/٢٠٢٦", "2026-03-14"),
        ("14 آذار/مارس 2026", "2026-03-14"),
        ("3 جويلية 2025", "2025-07-03"),
        ("12/25/2026", "2026-12-25"),
    ],
)
def test_dates_in_arabic_and_english_forms_are_read(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["31/02/2025", "270.6 مليار دولار", "Published", "3.7", "14 March", "the 14 March 2026 vote"],
)
def test_things_that_are_not_whole_dates_are_not_read_as_dates(text: str) -> None:
    assert parse_date(text) is None
