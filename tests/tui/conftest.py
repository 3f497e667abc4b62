"""Fixtures for the terminal workbench: a seeded SQLite database and the app factory."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import select
from textual.pilot import Pilot

from workbench.config import Settings, load_settings
from workbench.store.database import open_database
from workbench.store.models import Article
from workbench.tui.app import WorkbenchApp, make_app
from workbench.workflows.articles import ImportOptions, import_article, read_source
from workbench.workflows.demo import load_demo

FIXED_RETRIEVAL = datetime(2025, 12, 4, 9, 0, tzinfo=UTC)


@pytest.fixture
def settings() -> Settings:
    """Settings with a fixed reviewer name and no web archiving (tests stay offline).

    Pilot and snapshot tests match in the app's own process: a helper process starting beside
    every app would load the machine while screens are compared. The helper has its own tests
    (test_matcher.py) and runs in the tmux test, which starts the app as a user does.
    """
    loaded = load_settings(reviewer="tester")
    return loaded.model_copy(
        update={
            "wayback": loaded.wayback.model_copy(update={"enabled": False}),
            "ui": loaded.ui.model_copy(update={"match_in_helper_process": False}),
        }
    )


@pytest.fixture
def seeded_url(sqlite_url: str, seed_path: Path, settings: Settings) -> str:
    """A database holding the seed article, retrieved at a fixed time (stable snapshots)."""
    database = open_database(sqlite_url)
    raw = read_source(str(seed_path), settings=settings)
    import_article(raw, database=database, options=ImportOptions(), author="tester")
    with database.writing() as session:
        for article in session.exec(select(Article)).all():
            article.retrieved_at = FIXED_RETRIEVAL
            # The reader shows where the article came from; keep snapshots free of checkout paths.
            article.input_name = seed_path.name
            session.add(article)
    database.dispose()
    return sqlite_url


@pytest.fixture
def demo_url(sqlite_url: str, settings: Settings) -> str:
    """A database holding the demo: the seed article (id 1), the demo archive and its matches."""
    database = open_database(sqlite_url)
    load_demo(database=database, settings=settings)
    with database.writing() as session:
        for article in session.exec(select(Article)).all():
            article.retrieved_at = FIXED_RETRIEVAL
            session.add(article)
    database.dispose()
    return sqlite_url


def build_app(
    settings: Settings, url: str, mode: str = "terminal", **kwargs: object
) -> WorkbenchApp:
    """The app as the CLI builds it, on the given database and display mode."""
    return make_app(settings, database_url=url, rtl_mode=mode, **kwargs)  # type: ignore[arg-type]


SETTLE_LOOKS = 20
"""Screens compared at most while waiting for one to stop changing."""


async def settle(pilot: Pilot[None]) -> None:
    """Wait until every worker is done and the screen has caught up."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    # DataTable sizes its columns, and a focused widget is scrolled to, on later refreshes; under
    # load those can trail the workers. Wait until the screen looks the same twice running.
    previous = None
    for _ in range(SETTLE_LOOKS):
        await pilot.pause(0.1)
        current = pilot.app.export_screenshot()
        if current == previous:
            break
        previous = current


@pytest.fixture
def anyio_backend() -> str:
    """Pilot tests run on asyncio (through anyio's pytest plugin)."""
    return "asyncio"
