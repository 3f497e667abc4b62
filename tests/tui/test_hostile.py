"""Untrusted text in every panel shows literally; huge articles open without freezing the app."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.tui.conftest import build_app, settle
from workbench.config import Settings
from workbench.store.database import open_database
from workbench.store.models import Article, FactCheck
from workbench.tui.screens.article import ArticleScreen
from workbench.tui.screens.claim import ClaimScreen
from workbench.tui.widgets.bidi_text import BidiText
from workbench.tui.widgets.claim_block import ClaimBlock
from workbench.tui.widgets.matches_panel import MatchesPanel
from workbench.workflows.articles import ImportOptions, RawArticle, import_article

pytestmark = pytest.mark.anyio

LITERALS = ("[bold]", "[link=https://x]x[/link]", "[@click=app.quit]", ":smile:")
HOSTILE = " ".join(LITERALS) + " \x1b]0;title\x07"


def _import(url: str, text: str) -> int:
    database = open_database(url)
    try:
        result = import_article(
            RawArticle(name="hostile", data=text.encode("utf-8"), url=None, is_html=False),
            database=database,
            options=ImportOptions(),
            author="tester",
        )
        return result.article_id
    finally:
        database.dispose()


async def test_hostile_fact_check_titles_ratings_and_flags_show_literally(
    settings: Settings, demo_url: str
) -> None:
    database = open_database(demo_url)
    with database.writing() as session:
        for factcheck in session.exec(select(FactCheck)).all():
            factcheck.rating_label = f"{factcheck.rating_label} {HOSTILE}"
            factcheck.publisher = HOSTILE
            factcheck.claim_text = f"{factcheck.claim_text} {HOSTILE}"
            session.add(factcheck)
    database.dispose()
    app = build_app(settings, demo_url)
    async with app.run_test(size=(150, 50)) as pilot:
        await settle(pilot)
        app.push_screen(ClaimScreen(6))
        await settle(pilot)
        panel = app.screen.query_one("#matches", MatchesPanel)
        prompt = str(panel.get_option_at_index(0).prompt)
        for literal in LITERALS:
            assert literal in prompt
        assert "\x1b" not in prompt and "\x07" not in prompt
        await pilot.press("c", "r")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, ClaimScreen)


async def test_a_hostile_article_opens_in_the_reader_and_the_claim_screen(
    settings: Settings, sqlite_url: str
) -> None:
    sentence = f"قال المتحدث إن 13 جنديا قتلوا {HOSTILE}."
    article_id = _import(sqlite_url, f"عنوان {HOSTILE}\n\n{sentence}\n\n{sentence}\n")
    app = build_app(settings, sqlite_url, mode="app")
    async with app.run_test(size=(150, 50)) as pilot:
        await settle(pilot)
        app.push_screen(ArticleScreen(article_id))
        await settle(pilot)
        shown = "\n".join(widget.text for widget in app.screen.query(BidiText))
        rendered = "\n".join(str(widget.render()) for widget in app.screen.query(BidiText))
        for literal in LITERALS:
            assert literal in shown
        assert "\x1b" not in rendered and "\x07" not in rendered
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ClaimScreen)
        claim_text = app.screen.query_one("#claim-text", BidiText).text
        assert "[@click=app.quit]" in claim_text
        await pilot.press("o")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, ArticleScreen)


async def test_a_five_megabyte_article_opens_a_page_at_a_time(
    settings: Settings, sqlite_url: str
) -> None:
    article_id = _import(sqlite_url, "عنوان طويل\n\nقال المتحدث إن 13 جنديا قتلوا في إدلب.\n")
    paragraph = "كانت الشمس تغيب خلف التلال البعيدة والهواء بارد في المساء. " * 20
    body = "\n\n".join([paragraph] * (5_000_000 // len(paragraph.encode("utf-8")) + 1))
    database = open_database(sqlite_url)
    with database.writing() as session:
        # Inserted directly: the import pipeline on 5 MB is slow and is not what is tested here.
        article = session.get(Article, article_id)
        assert article is not None
        article.body = f"قال المتحدث إن 13 جنديا قتلوا في إدلب.\n\n{body}"
        session.add(article)
    database.dispose()
    app = build_app(settings, sqlite_url)
    async with app.run_test(size=(150, 50)) as pilot:
        await settle(pilot)
        app.push_screen(ArticleScreen(article_id))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        shown = len(screen.query_one("#article-body").children)
        assert 0 < shown <= 40
        more = screen.query_one("#article-more")
        assert more.display
        await pilot.press("plus")
        await settle(pilot)
        assert len(screen.query_one("#article-body").children) > shown
        assert app.is_running


async def test_a_twenty_thousand_character_sentence_opens(
    settings: Settings, sqlite_url: str
) -> None:
    words = " ".join(["قال مسؤول إن عدد القتلى بلغ 13"] * 700)[:20_000]
    article_id = _import(sqlite_url, f"عنوان\n\n{words}.\n")
    app = build_app(settings, sqlite_url, mode="app")
    async with app.run_test(size=(150, 50)) as pilot:
        await settle(pilot)
        app.push_screen(ArticleScreen(article_id))
        await settle(pilot)
        longest = max(len(block.claim.text) for block in app.screen.query(ClaimBlock))
        texts = [len(widget.text) for widget in app.screen.query(BidiText)]
        assert max([longest, *texts]) >= 10_000
        await pilot.press("j", "k")
        assert app.is_running
