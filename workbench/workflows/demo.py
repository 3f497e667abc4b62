"""Demo data: the seed article, its claims and attributions, a demo archive, and its matches."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

from workbench.config import Settings
from workbench.store.database import Database
from workbench.workflows.archive import ArchiveImportSummary, read_archive_items, store_items
from workbench.workflows.articles import ImportOptions, RawArticle, import_article, parse_published
from workbench.workflows.matching import match_claim

DEMO_PUBLISHED = "2020-02-25"
"""The seed article's own date (Idlib, February 2020); the page itself does not print it."""


@dataclass(frozen=True, slots=True)
class DemoLoaded:
    """What the demo put in the database."""

    article_id: int
    article_created: bool
    factchecks_created: int
    matches: int

    def payload(self) -> dict[str, Any]:
        """As printed by `demo load --json`."""
        return {
            "article_id": self.article_id,
            "article_created": self.article_created,
            "factchecks_created": self.factchecks_created,
            "matches": self.matches,
        }


def load_demo(*, database: Database, settings: Settings) -> DemoLoaded:
    """Import the demo (again: it is idempotent) and match the seed's claims against it.

    The archive was written for the demo and says so: publisher "Demo Fact Desk (demo data)",
    titles starting "[DEMO]", URLs under demo.invalid.
    """
    package = resources.files("workbench.demo")
    raw = RawArticle(
        name="demo: seed article",
        data=package.joinpath("seed_article.txt").read_bytes(),
        url=None,
        is_html=False,
    )
    article = import_article(
        raw,
        database=database,
        options=ImportOptions(published=parse_published(DEMO_PUBLISHED)),
        author="demo",
    )
    with resources.as_file(package.joinpath("archive.jsonl")) as archive_path:
        summary = store_items(
            read_archive_items(str(archive_path), settings=settings),
            database=database,
            summary=ArchiveImportSummary(source="demo archive"),
            settings=settings,
        )
    matches = 0
    for claim in article.payload["claims"]:
        matches += len(
            match_claim(database=database, claim_id=claim["id"], settings=settings.matching, top=3)
        )
    return DemoLoaded(
        article_id=article.article_id,
        article_created=article.created,
        factchecks_created=summary.created,
        matches=matches,
    )
