"""Pilot tests of the workbench's flows on a real temporary SQLite database."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Label, OptionList, TextArea

from tests.tui.conftest import build_app, settle
from workbench.config import Settings
from workbench.store.database import open_database
from workbench.tui.modals.import_article import ImportModal
from workbench.tui.screens.article import ArticleScreen
from workbench.tui.screens.claim import ClaimScreen
from workbench.tui.screens.source import SourceScreen
from workbench.tui.widgets.bidi_text import BidiText
from workbench.tui.widgets.claim_block import ClaimBlock
from workbench.workflows.desk import article_view, claim_view

pytestmark = pytest.mark.anyio


def _claim_ids_by_chain(url: str, name_part: str) -> list[int]:
    database = open_database(url)
    try:
        view = article_view(database=database, article_id=1)
    finally:
        database.dispose()
    return [
        claim.claim_id
        for claim in view.claims
        if claim.attribution and any(name_part in link.name for link in claim.attribution.chain)
    ]


def _claim(url: str, claim_id: int):  # type: ignore[no-untyped-def]
    database = open_database(url)
    try:
        return claim_view(database=database, claim_id=claim_id).claim
    finally:
        database.dispose()


async def test_importing_the_seed_through_the_dialog_opens_its_article(
    settings: Settings, sqlite_url: str, seed_path: Path
) -> None:
    app = build_app(settings, sqlite_url)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        assert isinstance(app.screen, ImportModal)
        app.screen.query_one("#import-source", Input).value = str(seed_path)
        await pilot.click("#import-run")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert len(app.screen.query(ClaimBlock)) >= 8


async def test_a_binary_file_fails_with_one_line_and_the_dialog_stays(
    settings: Settings, sqlite_url: str, tmp_path: Path
) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    app = build_app(settings, sqlite_url)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        app.screen.query_one("#import-source", Input).value = str(binary)
        await pilot.click("#import-run")
        await settle(pilot)
        assert isinstance(app.screen, ImportModal)
        error = str(app.screen.query_one("#import-error", Label).render())
        assert "photo.txt" in error and "\n" not in error.strip()


async def test_the_reuters_claim_shows_its_two_link_chain(
    settings: Settings, seeded_url: str
) -> None:
    (reuters_claim,) = _claim_ids_by_chain(seeded_url, "رويترز")
    app = build_app(settings, seeded_url)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        app.push_screen(ClaimScreen(reuters_claim))
        await settle(pilot)
        chain = app.screen.query_one("#attribution-chain", OptionList)
        prompts = [str(chain.get_option_at_index(i).prompt) for i in range(chain.option_count)]
        assert len(prompts) == 2
        assert "رويترز" in prompts[0] and "relay" in prompts[0]
        assert "مصدر دبلوماسي تركي" in prompts[1] and "origin" in prompts[1]
        context = app.screen.query_one("#context-before", BidiText).text
        assert "بيسكوف" in context


async def test_choosing_peskov_in_the_chain_opens_his_source_page(
    settings: Settings, seeded_url: str
) -> None:
    peskov_claim = _claim_ids_by_chain(seeded_url, "بيسكوف")[0]
    app = build_app(settings, seeded_url)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        app.push_screen(ClaimScreen(peskov_claim))
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.query_one("#source-name", BidiText).text == "دميتري بيسكوف"
        assert app.screen.query_one("#track-record", DataTable).row_count >= 3


async def test_splitting_a_claim_retires_it_and_shows_its_parts(
    settings: Settings, seeded_url: str
) -> None:
    app = build_app(settings, seeded_url)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        app.push_screen(ArticleScreen(1))
        await settle(pilot)
        block = app.screen.query_one("#claim-5", ClaimBlock)
        block.focus()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert _claim(seeded_url, 5).status == "dismissed"
        assert not app.screen.query("#claim-5")
        parts = [b for b in app.screen.query(ClaimBlock) if b.claim.claim_id > 8]
        assert len(parts) == 2


async def test_dismissing_a_claim_marks_it_dismissed(settings: Settings, seeded_url: str) -> None:
    app = build_app(settings, seeded_url)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        app.push_screen(ArticleScreen(1))
        await settle(pilot)
        app.screen.query_one("#claim-7", ClaimBlock).focus()
        await pilot.press("d")
        await pilot.pause()
        app.screen.query_one("#line-input", Input).value = "opinion"
        await pilot.press("enter")
        await settle(pilot)
        claim = _claim(seeded_url, 7)
        assert claim.status == "dismissed" and claim.dismiss_reason == "opinion"
        assert app.screen.query_one("#claim-7", ClaimBlock).has_class("-status-dismissed")


async def test_toggling_the_display_mode_reorders_the_reader(
    settings: Settings, seeded_url: str
) -> None:
    app = build_app(settings, seeded_url, mode="terminal")
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        app.push_screen(ArticleScreen(1))
        await settle(pilot)
        title = app.screen.query_one("#article-title", BidiText)
        assert "\u2068روسيا" in str(title.render())
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.rtl_mode == "app"
        rendered = str(title.render())
        assert "\u2068" not in rendered and "روسيا" not in rendered
        assert title.text.startswith("روسيا")


async def test_the_filter_finds_peskov_as_a_source(settings: Settings, seeded_url: str) -> None:
    app = build_app(settings, seeded_url)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        app.screen.query_one("#filter", Input).value = "بيسكوف"
        await settle(pilot)
        results = app.screen.query_one("#results", OptionList)
        ids = [results.get_option_at_index(i).id for i in range(results.option_count)]
        assert "source-1" in ids
        results.focus()
        results.highlighted = ids.index("source-1")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SourceScreen)


async def test_a_binding_remapped_by_id_uses_the_new_key(
    settings: Settings, seeded_url: str
) -> None:
    app = build_app(settings, seeded_url, keybindings={"desk.import": "f5"})
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        assert not isinstance(app.screen, ImportModal)
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, ImportModal)


HOSTILE = (
    "قال [bold]مصدر[/bold] إن [link=https://x]الرابط[/link] و[@click=app.quit]اضغط[/] "
    ":smile: [/i] \x1b]0;pwned\x07 \x1b[31mأحمر\x1b[0m [Reuters]."
)


async def test_hostile_article_text_shows_literally_and_does_nothing(
    settings: Settings, sqlite_url: str
) -> None:
    app = build_app(settings, sqlite_url)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        app.screen.query_one("#import-pasted", TextArea).text = f"{HOSTILE}\n\n{HOSTILE}\n"
        await pilot.click("#import-run")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        shown = "\n".join(str(widget.render()) for widget in app.screen.query(BidiText))
        for literal in ("[bold]", "[link=https://x]", "[@click=app.quit]", ":smile:", "[Reuters]"):
            assert literal in shown
        assert "\x1b" not in shown and "pwned" not in shown
        for block in app.screen.query(ClaimBlock):
            await pilot.click(block)
        await settle(pilot)
        assert app.is_running
        assert isinstance(app.screen, ArticleScreen | ClaimScreen)


async def test_arrow_keys_move_between_claims_in_the_reader(
    settings: Settings, seeded_url: str
) -> None:
    app = build_app(settings, seeded_url)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        app.push_screen(ArticleScreen(1))
        await settle(pilot)
        first = app.focused
        assert isinstance(first, ClaimBlock)
        await pilot.press("down", "down")
        second = app.focused
        assert isinstance(second, ClaimBlock) and second is not first
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ClaimScreen) and app.screen.claim_id == second.claim.claim_id


async def test_the_command_palette_lists_the_screen_actions(
    settings: Settings, seeded_url: str
) -> None:
    from textual.command import DiscoveryHit

    from workbench.tui.commands import ActionsProvider

    app = build_app(settings, seeded_url)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        provider = ActionsProvider(app.screen)
        titles = [
            str(hit.display) async for hit in provider.discover() if isinstance(hit, DiscoveryHit)
        ]
        assert any(title.startswith("Import") for title in titles)
        assert any(title.startswith("RTL mode") for title in titles)
