"""Pilot tests of the claim workspace: matches, verdicts, evidence, export, help, key map."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Markdown, OptionList, Select, TextArea

from tests.tui.conftest import build_app, settle
from workbench.config import Settings
from workbench.core.vocabulary import MatchState
from workbench.store.database import open_database
from workbench.tui.app import WorkbenchApp
from workbench.tui.modals.export import ExportModal
from workbench.tui.modals.help import HelpModal
from workbench.tui.screens.article import ArticleScreen
from workbench.tui.screens.claim import ClaimScreen
from workbench.tui.screens.report import ReportScreen
from workbench.tui.screens.source import SourceScreen
from workbench.tui.screens.sources import SourcesScreen
from workbench.tui.widgets.claim_block import ClaimBlock
from workbench.tui.widgets.matches_panel import MatchesPanel
from workbench.workflows.evidence import list_evidence
from workbench.workflows.matching import links_of_claim
from workbench.workflows.registry import list_sources, source_page
from workbench.workflows.verdicts import set_verdict, verdict_history

pytestmark = pytest.mark.anyio

REUTERS_CLAIM = 6
"""The seed's Reuters claim ("13 جنديا"), matched by the demo archive."""


def _read(url: str, reader):  # type: ignore[no-untyped-def]
    database = open_database(url)
    try:
        return reader(database)
    finally:
        database.dispose()


def _prompts(option_list: OptionList) -> list[str]:
    return [str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]


async def _open_claim(pilot: Pilot[None], app: WorkbenchApp, claim_id: int) -> ClaimScreen:
    app.push_screen(ClaimScreen(claim_id))
    await settle(pilot)
    assert isinstance(app.screen, ClaimScreen)
    return app.screen


async def _walk_to_claim(pilot: Pilot[None], app: WorkbenchApp, claim_id: int) -> None:
    """Press j in the reader until the wanted claim has the cursor."""
    for _ in range(30):
        focused = app.focused
        if isinstance(focused, ClaimBlock) and focused.claim.claim_id == claim_id:
            return
        await pilot.press("j")
    raise AssertionError(f"claim {claim_id} never got the cursor")


async def test_the_whole_check_runs_through_keys(
    settings: Settings, sqlite_url: str, seed_path: Path, tmp_path: Path
) -> None:
    from workbench.workflows.archive import ArchiveImportSummary, read_archive_items, store_items

    demo_archive = Path(__file__).resolve().parents[2] / "workbench" / "demo" / "archive.jsonl"
    database = open_database(sqlite_url)
    store_items(
        read_archive_items(str(demo_archive), settings=settings),
        database=database,
        summary=ArchiveImportSummary(source="demo archive"),
        settings=settings,
    )
    database.dispose()
    app = build_app(settings, sqlite_url)
    async with app.run_test(size=(150, 50)) as pilot:
        await settle(pilot)
        # Import the seed through the dialog.
        await pilot.press("i")
        app.screen.query_one("#import-source", Input).value = str(seed_path)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        # Open a claim Peskov made and see him in its chain.
        peskov_claims = [
            block.claim.claim_id
            for block in app.screen.query(ClaimBlock)
            if block.claim.attribution
            and any("بيسكوف" in link.name for link in block.claim.attribution.chain)
        ]
        await _walk_to_claim(pilot, app, peskov_claims[0])
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ClaimScreen)
        assert any(
            "بيسكوف" in p for p in _prompts(app.screen.query_one("#attribution-chain", OptionList))
        )
        await pilot.press("escape")
        await settle(pilot)
        # Open the Reuters claim: matching runs on first open; confirm the best match.
        await _walk_to_claim(pilot, app, REUTERS_CLAIM)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ClaimScreen)
        panel = screen.query_one("#matches", MatchesPanel)
        best = panel.highlighted_match()
        assert best is not None and "13 جنديا" in best["claim"]
        await pilot.press("c")
        await settle(pilot)
        links = _read(sqlite_url, lambda db: links_of_claim(database=db, claim_id=REUTERS_CLAIM))
        assert links[0]["match_id"] == best["match_id"]
        assert links[0]["state"] == MatchState.CONFIRMED
        # Record a verdict: rating by keys, rationale typed (set: pilot drops Arabic marks).
        await pilot.press("v")
        await pilot.press("enter", "down", "enter")
        await pilot.press("tab")
        assert isinstance(app.focused, TextArea)
        app.focused.text = "رويترز نقلت الرقم عن مصدر دبلوماسي؛ الرقم صحيح."
        await pilot.press("ctrl+s")
        await settle(pilot)
        history = _read(sqlite_url, lambda db: verdict_history(database=db, claim_id=REUTERS_CLAIM))
        assert [(v["sequence"], v["state"], v["rating_key"]) for v in history] == [
            (1, "draft", "true")
        ]
        # Add evidence (archiving is off; the fetch fails fast on a closed port) and publish.
        await pilot.press("tab")
        await pilot.press("a")
        app.screen.query_one("#line-input", Input).value = "http://127.0.0.1:9/report"
        await pilot.press("enter")
        await settle(pilot)
        evidence = _read(sqlite_url, lambda db: list_evidence(database=db, claim_id=REUTERS_CLAIM))
        assert [item["url"] for item in evidence] == ["http://127.0.0.1:9/report"]
        assert evidence[0]["archive_state"] == "pending"
        await pilot.press("P")
        await settle(pilot)
        history = _read(sqlite_url, lambda db: verdict_history(database=db, claim_id=REUTERS_CLAIM))
        assert history[-1]["state"] == "published" and len(history) == 2
        assert "#2 published" in _prompts(screen.query_one("#verdict-history", OptionList))[0]
        # Export this claim as HTML.
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ExportModal)
        out = tmp_path / "claim.html"
        app.screen.query_one("#export-path", Input).value = str(out)
        await pilot.press("ctrl+w")
        await settle(pilot)
        assert "wrote" in str(app.screen.query_one("#export-outcome").render())
        html = out.read_text(encoding="utf-8")
        assert "13 جنديا" in html and "<html" in html.lower()


async def test_a_verdict_saved_on_a_stale_screen_is_refused_and_nothing_is_overwritten(
    settings: Settings, demo_url: str
) -> None:
    app = build_app(settings, demo_url)
    async with app.run_test(size=(150, 50)) as pilot:
        await settle(pilot)
        screen = await _open_claim(pilot, app, REUTERS_CLAIM)
        _read(
            demo_url,
            lambda db: set_verdict(
                database=db,
                settings=settings,
                claim_id=REUTERS_CLAIM,
                rating="false",
                rationale="written elsewhere",
                reviewer="colleague",
            ),
        )
        screen.query_one("#verdict-rating", Select).value = "true"
        screen.query_one("#verdict-rationale", TextArea).text = "mine"
        await pilot.press("ctrl+s")
        await settle(pilot)
        messages = [notification.message for notification in app._notifications]
        assert any("changed since you loaded it" in message for message in messages)
        history = _read(demo_url, lambda db: verdict_history(database=db, claim_id=REUTERS_CLAIM))
        assert [(v["reviewer"], v["rationale"]) for v in history] == [
            ("colleague", "written elsewhere")
        ]
        # The user's text stays for them to decide again; the screen now knows verdict #1.
        assert screen.query_one("#verdict-rationale", TextArea).text == "mine"
        assert screen.verdicts is not None and screen.verdicts.sequence == 1


async def test_the_matches_panel_shows_ratings_and_number_warnings(
    settings: Settings, demo_url: str
) -> None:
    app = build_app(settings, demo_url)
    async with app.run_test(size=(150, 50)) as pilot:
        await settle(pilot)
        screen = await _open_claim(pilot, app, REUTERS_CLAIM)
        prompts = _prompts(screen.query_one("#matches", MatchesPanel))
        assert "strong" in prompts[0] and "صحيح" in prompts[0]
        flagged = [prompt for prompt in prompts if "33" in prompt]
        assert flagged and "numbers differ: 13 vs 33" in flagged[0]


async def test_rejecting_a_match_keeps_it_out_of_a_rerun(settings: Settings, demo_url: str) -> None:
    app = build_app(settings, demo_url)
    async with app.run_test(size=(150, 50)) as pilot:
        await settle(pilot)
        screen = await _open_claim(pilot, app, REUTERS_CLAIM)
        panel = screen.query_one("#matches", MatchesPanel)
        rejected = panel.highlighted_match()
        assert rejected is not None
        await pilot.press("x")
        await settle(pilot)
        loads = screen.matches_loaded
        await pilot.press("r")
        await settle(pilot)
        assert screen.matches_loaded > loads
        states = {link["match_id"]: link["state"] for link in panel.links}
        assert states[rejected["match_id"]] == "rejected"
        assert panel.links[-1]["match_id"] == rejected["match_id"]


async def test_editing_the_claim_matches_it_again(settings: Settings, demo_url: str) -> None:
    app = build_app(settings, demo_url)
    async with app.run_test(size=(150, 50)) as pilot:
        await settle(pilot)
        screen = await _open_claim(pilot, app, REUTERS_CLAIM)
        loads = screen.matches_loaded
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#edit-text", TextArea).text = "مقتل 33 جنديا تركيا في إدلب"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.matches_loaded > loads
        assert screen.view is not None and "33 جنديا" in screen.view.claim.text


async def test_help_lists_every_key_of_the_screen_with_its_id(
    settings: Settings, demo_url: str
) -> None:
    app = build_app(settings, demo_url)
    async with app.run_test(size=(150, 50)) as pilot:
        await settle(pilot)
        await _open_claim(pilot, app, REUTERS_CLAIM)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)
        table = app.screen.query_one("#help-table", DataTable)
        rows = [[str(value) for value in table.get_row_at(i)] for i in range(table.row_count)]
        ids = {row[0]: row for row in rows}
        assert ids["claim.confirm_match"][1] == "c"
        assert ids["claim.publish"][2] == "Publish"
        assert "app.export" in ids and "app.help" in ids
        await pilot.press("escape")
        assert isinstance(app.screen, ClaimScreen)


async def test_unknown_binding_ids_in_the_config_are_reported(
    settings: Settings, seeded_url: str
) -> None:
    app = build_app(settings, seeded_url, keybindings={"desk.imprt": "f5", "claim.publish": "f9"})
    async with app.run_test(size=(150, 50)) as pilot:
        await settle(pilot)
        messages = [notification.message for notification in app._notifications]
        assert any("desk.imprt" in m and "claim.publish" not in m for m in messages)


async def test_every_binding_has_an_id_and_shows_in_the_palette(
    settings: Settings, demo_url: str
) -> None:
    from textual.command import DiscoveryHit

    from workbench.tui.commands import ActionsProvider

    app = build_app(settings, demo_url)
    async with app.run_test(size=(150, 50)) as pilot:
        await settle(pilot)
        await _open_claim(pilot, app, REUTERS_CLAIM)
        declared = [*type(app.screen).BINDINGS, *type(app).BINDINGS]
        assert all(isinstance(b, Binding) and b.id and b.description for b in declared)
        provider = ActionsProvider(app.screen)
        helps = [hit.help async for hit in provider.discover() if isinstance(hit, DiscoveryHit)]
        for binding_id in ("claim.confirm_match", "claim.rematch", "claim.publish", "app.export"):
            assert binding_id in helps


async def test_the_report_preview_shows_the_verdict_report(
    settings: Settings, demo_url: str
) -> None:
    _read(
        demo_url,
        lambda db: set_verdict(
            database=db,
            settings=settings,
            claim_id=REUTERS_CLAIM,
            rating="true",
            rationale="[link=https://x]x[/link] [@click=app.quit]q[/] :smile:",
            reviewer="tester",
        ),
    )
    app = build_app(settings, demo_url)
    async with app.run_test(size=(150, 50)) as pilot:
        await settle(pilot)
        await _open_claim(pilot, app, REUTERS_CLAIM)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        blocks = app.screen.query_one("#report", Markdown).query("MarkdownBlock")
        shown = "\n".join(str(getattr(block, "_content", "")) for block in blocks)
        assert "[link=https://x]x[/link] [@click=app.quit]q[/] :smile:" in shown
        assert "13 جنديا" in shown


async def test_sources_list_undo_of_a_merge_brings_the_source_back(
    settings: Settings, demo_url: str
) -> None:
    sources = _read(demo_url, lambda db: list_sources(database=db))
    first, second = sources[0]["id"], sources[1]["id"]
    app = build_app(settings, demo_url)
    async with app.run_test(size=(150, 50)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SourcesScreen)
        assert app.screen.query_one("#sources", DataTable).row_count == len(sources)
        app.push_screen(SourceScreen(first))
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        picker = app.screen.query_one("#picker-results", OptionList)
        ids = [picker.get_option_at_index(i).id for i in range(picker.option_count)]
        picker.focus()
        picker.highlighted = ids.index(str(second))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SourceScreen) and app.screen.source_id == second
        assert (
            _read(demo_url, lambda db: source_page(database=db, source_id=first))["merged_into_id"]
            == second
        )
        await pilot.press("u")
        await settle(pilot)
        assert (
            _read(demo_url, lambda db: source_page(database=db, source_id=first))["merged_into_id"]
            is None
        )
