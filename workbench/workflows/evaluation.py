"""Measure matching on an archive, queries and relevance judgements, exactly as the product runs."""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from workbench.config import Settings
from workbench.core.errors import WorkbenchError
from workbench.core.evaluation import evaluate
from workbench.store.archive import count_factchecks
from workbench.store.database import open_database
from workbench.workflows.archive import ArchiveImportSummary, read_archive_items, store_items
from workbench.workflows.matching import MatchQuery, find_matches


def read_queries(path: Path) -> list[tuple[str, str, date | None]]:
    """Queries from JSONL: `{"id", "text"}`, with an optional ISO `"date"` of the claim."""
    queries = []
    for number, line in enumerate(_lines(path), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            when = date.fromisoformat(item["date"][:10]) if item.get("date") else None
            queries.append((str(item["id"]), str(item["text"]), when))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise WorkbenchError(f'{path}, line {number}: not a query {{"id", "text"}}') from exc
    return queries


def read_qrels(path: Path) -> dict[str, set[str]]:
    """Relevance judgements: `query_id<TAB>fact-check id` a line (TREC's 4 columns work too)."""
    qrels: dict[str, set[str]] = {}
    for number, line in enumerate(_lines(path), start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) == 4:
            parts = [parts[0], parts[2]]
        if len(parts) != 2:
            raise WorkbenchError(f"{path}, line {number}: expected query id and fact-check id")
        qrels.setdefault(parts[0], set()).add(parts[1])
    return qrels


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise WorkbenchError(f"cannot read {path}: {exc}") from exc


def evaluate_matching(
    *,
    archive: Path,
    queries: Path,
    qrels: Path,
    k: int,
    settings: Settings,
    mapping: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Import the archive into a scratch SQLite file, run every query, score the rankings."""
    judged = read_qrels(qrels)
    asked = read_queries(queries)
    with tempfile.TemporaryDirectory(prefix="workbench-eval-") as directory:
        database = open_database(f"sqlite:///{Path(directory) / 'eval.sqlite3'}")
        try:
            summary = ArchiveImportSummary(source=str(archive))
            items = read_archive_items(str(archive), settings=settings, mapping=mapping)
            store_items(items, database=database, summary=summary, settings=settings)
            runs: dict[str, list[str]] = {}
            latencies: list[float] = []
            with database.session() as session:
                archive_size = count_factchecks(session=session)
                for query_id, text, when in asked:
                    started = time.perf_counter()
                    found = find_matches(
                        session=session,
                        query=MatchQuery(text, top=k, claim_date=when),
                        settings=settings.matching,
                    )
                    latencies.append((time.perf_counter() - started) * 1000)
                    runs[query_id] = [hit.external_id or str(hit.factcheck_id) for _, hit in found]
        finally:
            database.dispose()
    scored = evaluate(runs, judged, k=k)
    latencies.sort()
    return {
        "k": k,
        "queries": scored.queries,
        "archive": archive_size,
        "skipped_records": summary.skipped,
        "map_at_k": round(scored.map_at_k, 4),
        "mrr": round(scored.mrr, 4),
        "recall_at_k": round(scored.recall_at_k, 4),
        "p50_ms": round(statistics.median(latencies), 2) if latencies else 0.0,
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 2) if latencies else 0.0,
    }
