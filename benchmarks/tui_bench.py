"""Terminal workbench speed on a big newsroom database: start-up and the matches panel."""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import re
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import insert
from textual.worker import WorkerCancelled

from benchmarks.archive_corpus import write_archive
from workbench.config import Settings, load_settings
from workbench.core.text.normalise import matching_key
from workbench.store.database import Database, open_database
from workbench.store.models import Article, Claim
from workbench.store.types import utcnow
from workbench.workflows.archive import ArchiveImportSummary, read_archive_items, store_items

CACHE = Path("bench-results") / "cache"
ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
CLAIMS = 100_000
FACTCHECKS = 1_000_000
CLAIMS_PER_ARTICLE = 10
SAMPLES = 15
START_TARGET_S = 1.0
MATCHES_TARGET_MS = 150.0


def _archive_claims(archive: Path, count: int, *, seed: int = 3) -> list[str]:
    """Claim texts taken from the archive and lightly changed, so some match and some do not."""
    rng = random.Random(seed)
    texts: list[str] = []
    with archive.open(encoding="utf-8") as lines:
        for line in lines:
            texts.append(json.loads(line)["claim"])
            if len(texts) >= count:
                break
    changed = []
    for text in texts:
        words = text.split()
        if len(words) > 4 and rng.random() < 0.5:
            words.pop(rng.randrange(len(words)))
        changed.append(" ".join(words))
    return changed


def _article_rows(claims: list[str]) -> Iterator[dict[str, Any]]:
    now = utcnow()
    for number in range(len(claims) // CLAIMS_PER_ARTICLE):
        group = claims[number * CLAIMS_PER_ARTICLE : (number + 1) * CLAIMS_PER_ARTICLE]
        yield {
            "id": number + 1,
            "title": group[0],
            "publisher": "Bench Wire",
            "language": "ar",
            "retrieved_at": now,
            "body": "\n\n".join(group),
            "content_hash": f"{number:064x}",
            "input_name": f"bench-{number}",
            "created_at": now,
        }


def _claim_rows(claims: list[str]) -> Iterator[dict[str, Any]]:
    now = utcnow()
    for number, text in enumerate(claims):
        article_number = number // CLAIMS_PER_ARTICLE
        yield {
            "article_id": article_number + 1,
            "text": text,
            "kind": "sentence",
            "language": "ar" if ARABIC_LETTER.search(text) else "en",
            "checkworthiness": 0.3 + (number % 7) / 10,
            "features": {},
            "numbers": [],
            "matching_key": matching_key(text),
            "status": "new",
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }


def build_database(path: Path, settings: Settings) -> Database:
    """The cached benchmark database, built on first use (several minutes at full size)."""
    if path.exists():
        return open_database(f"sqlite:///{path}")
    CACHE.mkdir(parents=True, exist_ok=True)
    archive = CACHE / f"archive-{FACTCHECKS}.jsonl"
    if not archive.exists():
        write_archive(archive, FACTCHECKS)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    database = open_database(f"sqlite:///{partial}")
    store_items(
        read_archive_items(str(archive), settings=settings),
        database=database,
        summary=ArchiveImportSummary(source=str(archive)),
        settings=settings,
    )
    claims = _archive_claims(archive, CLAIMS)
    with database.writing() as session:
        connection = session.connection()
        connection.execute(insert(Article), list(_article_rows(claims)))
        connection.execute(insert(Claim), list(_claim_rows(claims)))
    database.dispose()
    partial.rename(path)
    return open_database(f"sqlite:///{path}")


async def _measure(url: str, settings: Settings) -> dict[str, Any]:
    from workbench.tui.app import make_app
    from workbench.tui.screens.claim import ClaimScreen
    from workbench.tui.screens.desk import DeskScreen

    async def until(condition: Any) -> None:
        while not condition():
            await asyncio.sleep(0.001)

    started = time.perf_counter()
    app = make_app(settings, database_url=url, rtl_mode="app")
    async with app.run_test(size=(160, 45)):
        await until(lambda: isinstance(app.screen, DeskScreen) and app.screen._overview is not None)
        start_s = time.perf_counter() - started
        rng = random.Random(11)
        first_open_ms: list[float] = []
        rematch_ms: list[float] = []
        for _ in range(SAMPLES):
            claim_id = rng.randrange(1, CLAIMS + 1)
            began = time.perf_counter()
            screen = ClaimScreen(claim_id)
            app.push_screen(screen)
            await until(lambda s=screen: s.matches_loaded >= 1)
            first_open_ms.append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            screen.action_rematch()
            await until(lambda s=screen: s.matches_loaded >= 2)
            rematch_ms.append((time.perf_counter() - began) * 1000)
            app.pop_screen()
            with contextlib.suppress(WorkerCancelled):
                await app.workers.wait_for_complete()
    return {
        "start_to_desk_s": round(start_s, 3),
        "matches_panel_first_open_p50_ms": round(statistics.median(first_open_ms), 1),
        "matches_panel_first_open_max_ms": round(max(first_open_ms), 1),
        "matches_panel_rematch_p50_ms": round(statistics.median(rematch_ms), 1),
        "matches_panel_rematch_max_ms": round(max(rematch_ms), 1),
    }


def run() -> dict[str, Any]:
    """Build (or reuse) the database, then time start-up and the matches panel."""
    settings = load_settings(reviewer="bench")
    path = CACHE / f"tui-{CLAIMS}-{FACTCHECKS}.sqlite3"
    started = time.perf_counter()
    database = build_database(path, settings)
    database.dispose()
    build_s = time.perf_counter() - started
    figures = asyncio.run(_measure(f"sqlite:///{path}", settings))
    return {
        "claims": CLAIMS,
        "factchecks": FACTCHECKS,
        "database_ready_s": round(build_s, 1),
        **figures,
        "start_target_s": START_TARGET_S,
        "matches_target_ms": MATCHES_TARGET_MS,
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
