"""Matching in the helper process: the same answers as in the app's own process, and a safe
fallback when the helper is gone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.tui.conftest import build_app, settle
from workbench.config import Settings, load_settings
from workbench.core.errors import WorkbenchError
from workbench.store.database import Database, open_database
from workbench.tui.matcher import Matcher
from workbench.tui.screens.claim import ClaimScreen
from workbench.tui.widgets.matches_panel import MatchesPanel
from workbench.workflows.matching import claim_matches

SEED_SOLDIERS_CLAIM = 6
"""The seed's Reuters claim ("13 جنديا"), matched by the demo archive."""


def _matcher(database: Database, url: str, settings: Settings, *, use_helper: bool) -> Matcher:
    return Matcher(
        database=database,
        database_url=url,
        settings=settings.matching,
        language_dir=None,
        use_helper=use_helper,
    )


def _stable(links: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [(link["factcheck_id"], link["tier"], link["score"], link["state"]) for link in links]


@pytest.fixture
def with_helper(demo_url: str, settings: Settings) -> Iterator[tuple[Database, Matcher]]:
    """The demo database and a matcher whose helper process has been started."""
    database = open_database(demo_url)
    matcher = _matcher(database, demo_url, settings, use_helper=True)
    matcher.start()
    yield database, matcher
    matcher.close()
    database.dispose()


def test_the_helper_process_gives_the_same_matches_and_outlives_a_missing_claim(
    with_helper: tuple[Database, Matcher], settings: Settings
) -> None:
    database, matcher = with_helper
    assert matcher.uses_helper
    in_helper = matcher.claim_matches(SEED_SOLDIERS_CLAIM, rematch=True)
    here = claim_matches(
        database=database, claim_id=SEED_SOLDIERS_CLAIM, settings=settings.matching, rematch=True
    )
    assert in_helper and _stable(in_helper) == _stable(here)
    with pytest.raises(WorkbenchError, match="no claim with id 999"):
        matcher.claim_matches(999, rematch=True)
    # A user's mistake is answered by the helper, which stays in service.
    assert matcher.uses_helper


def test_when_the_helper_dies_matching_goes_on_in_the_app(
    with_helper: tuple[Database, Matcher],
) -> None:
    _, matcher = with_helper
    assert matcher._helper is not None
    matcher._helper.kill()
    matcher._helper.wait()
    links = matcher.claim_matches(SEED_SOLDIERS_CLAIM, rematch=True)
    assert links and not matcher.uses_helper


def test_the_helper_can_be_turned_off(demo_url: str, settings: Settings) -> None:
    database = open_database(demo_url)
    matcher = _matcher(database, demo_url, settings, use_helper=False)
    try:
        matcher.start()
        assert not matcher.uses_helper
        assert matcher.claim_matches(SEED_SOLDIERS_CLAIM, rematch=False)
    finally:
        matcher.close()
        database.dispose()


@pytest.mark.anyio
async def test_the_app_matches_in_its_helper_process_by_default(
    demo_url: str, settings: Settings
) -> None:
    assert load_settings().ui.match_in_helper_process
    helper_on = settings.model_copy(
        update={"ui": settings.ui.model_copy(update={"match_in_helper_process": True})}
    )
    app = build_app(helper_on, demo_url)
    async with app.run_test(size=(160, 60)) as pilot:
        await settle(pilot)
        screen = ClaimScreen(SEED_SOLDIERS_CLAIM)
        app.push_screen(screen)
        await settle(pilot)
        screen.action_rematch()
        await settle(pilot)
        assert app.matcher.uses_helper
        assert screen.matches_loaded >= 2
        links = screen.query_one("#matches", MatchesPanel).links
        assert any(link["tier"] == "strong" for link in links)
