"""How the desk, reader, claim workspace and source page look with Arabic content, both modes."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import build_app, settle
from workbench.config import Settings
from workbench.tui.screens.article import ArticleScreen
from workbench.tui.screens.claim import ClaimScreen
from workbench.tui.screens.source import SourceScreen

SIZE = (140, 42)
WORKSPACE_SIZE = (140, 80)
MODES = ["terminal", "app"]


def _opening(screen_factory: Any) -> Any:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        if screen_factory is not None:
            pilot.app.push_screen(screen_factory())
            await settle(pilot)

    return run_before


@pytest.mark.parametrize("mode", MODES)
def test_desk_looks_right(
    snap_compare: Any, settings: Settings, seeded_url: str, mode: str
) -> None:
    app = build_app(settings, seeded_url, mode=mode)
    assert snap_compare(app, terminal_size=SIZE, run_before=_opening(None))


@pytest.mark.parametrize("mode", MODES)
def test_article_reader_looks_right(
    snap_compare: Any, settings: Settings, seeded_url: str, mode: str
) -> None:
    app = build_app(settings, seeded_url, mode=mode)
    assert snap_compare(app, terminal_size=SIZE, run_before=_opening(lambda: ArticleScreen(1)))


@pytest.mark.parametrize("mode", MODES)
def test_claim_workspace_looks_right(
    snap_compare: Any, settings: Settings, demo_url: str, mode: str
) -> None:
    # Tall enough to show the matches (with the "numbers differ" warning) and the verdict form.
    app = build_app(settings, demo_url, mode=mode)
    assert snap_compare(
        app, terminal_size=WORKSPACE_SIZE, run_before=_opening(lambda: ClaimScreen(6))
    )


@pytest.mark.parametrize("mode", MODES)
def test_source_page_looks_right(
    snap_compare: Any, settings: Settings, seeded_url: str, mode: str
) -> None:
    app = build_app(settings, seeded_url, mode=mode)
    assert snap_compare(app, terminal_size=SIZE, run_before=_opening(lambda: SourceScreen(1)))
