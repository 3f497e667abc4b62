"""Matching at archive scale: import rate, query latency, batch throughput, peak memory, and the
same queries by brute-force rapidfuzz over the whole archive, in the same run."""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from benchmarks.archive_corpus import queries_for, write_archive
from workbench.config import load_settings
from workbench.core.evaluation import evaluate
from workbench.core.matching import clean_query
from workbench.core.text.normalise import matching_key
from workbench.store.database import open_database
from workbench.workflows.archive import ArchiveImportSummary, read_archive_items, store_items
from workbench.workflows.matching import MatchQuery, find_matches

CACHE = Path("bench-results") / "cache"
SIZES = (10_000, 100_000, 1_000_000)
QUERIES = {10_000: 1_000, 100_000: 1_000, 1_000_000: 200}
"""Queries per archive size. Quality is compared on 1,000: on 100 or 200, ties between items of
one template (the query lost the only word that told them apart) decide the sign of the
difference from brute force."""
BRUTE_TIMED = {10_000: 200, 100_000: 100, 1_000_000: 20}
"""Brute-force queries timed one after another, as the matcher's are."""
BRUTE_COMPARED = {10_000: 1_000, 100_000: 1_000, 1_000_000: 20}
"""Brute-force queries whose results are compared with the matcher's (those not timed run in a
pool of two processes: quality only)."""


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * (len(ordered) - 1)))]


def measure(size: int) -> dict[str, Any]:
    """Everything for one archive size (run in its own process for an honest peak RSS)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    archive = CACHE / f"archive-{size}.jsonl"
    if not archive.exists():
        write_archive(archive, size)
    # The generator reads the whole archive into memory to pick queries; that is the harness,
    # not the product, so it runs in a child process and stays out of peak_rss_mb.
    with ProcessPoolExecutor(max_workers=1) as pool:
        queries = pool.submit(queries_for, archive, QUERIES[size]).result()
    qrels = {query.query_id: {query.relevant_id} for query in queries}
    settings = load_settings()
    results: dict[str, Any] = {"size": size}
    with tempfile.TemporaryDirectory() as directory:
        database = open_database(f"sqlite:///{Path(directory) / 'bench.sqlite3'}")
        started = time.perf_counter()
        store_items(
            read_archive_items(str(archive), settings=settings),
            database=database,
            summary=ArchiveImportSummary(source=str(archive)),
            settings=settings,
        )
        import_seconds = time.perf_counter() - started
        results["import_items_per_s"] = round(size / import_seconds)
        latencies = []
        runs: dict[str, list[str]] = {}
        with database.session() as session:
            started = time.perf_counter()
            for query in queries:
                began = time.perf_counter()
                found = find_matches(
                    session=session, query=MatchQuery(query.text, top=5), settings=settings.matching
                )
                latencies.append((time.perf_counter() - began) * 1000)
                runs[query.query_id] = [factcheck.external_id or "" for _, factcheck in found]
            batch_seconds = time.perf_counter() - started
        database.dispose()
    results["query_p50_ms"] = round(statistics.median(latencies), 2)
    results["query_p95_ms"] = round(_percentile(latencies, 0.95), 2)
    results["batch_queries_per_s"] = round(len(queries) / batch_seconds, 1)
    results["map_at_5"] = round(evaluate(runs, qrels, k=5).map_at_k, 4)
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)

    # Brute force: rapidfuzz over every archived claim's key, the same queries (fewer at 1M).
    ids, keys = [], []
    with archive.open(encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            ids.append(item["id"])
            keys.append(matching_key(item["claim"]))
    compared = queries[: BRUTE_COMPARED[size]]
    brute_latencies = []
    brute_runs: dict[str, list[str]] = {}
    for query in compared[: BRUTE_TIMED[size]]:
        began = time.perf_counter()
        best = _brute_force(matching_key(clean_query(query.text)), keys)
        brute_latencies.append((time.perf_counter() - began) * 1000)
        brute_runs[query.query_id] = [ids[index] for index in best]
    untimed = compared[BRUTE_TIMED[size] :]
    if untimed:
        with ProcessPoolExecutor(
            max_workers=2, initializer=_remember_keys, initargs=(keys,)
        ) as pool:
            found = pool.map(
                _brute_force_remembered,
                [matching_key(clean_query(query.text)) for query in untimed],
                chunksize=20,
            )
            for query, best in zip(untimed, found, strict=True):
                brute_runs[query.query_id] = [ids[index] for index in best]
    brute_qrels = {query.query_id: {query.relevant_id} for query in compared}
    results["brute_queries"] = len(compared)
    results["brute_timed_queries"] = len(brute_latencies)
    results["brute_p50_ms"] = round(statistics.median(brute_latencies), 2)
    results["brute_map_at_5"] = round(evaluate(brute_runs, brute_qrels, k=5).map_at_k, 4)
    same_queries = {query.query_id for query in compared}
    results["map_at_5_on_brute_queries"] = round(
        evaluate(
            {key: value for key, value in runs.items() if key in same_queries}, brute_qrels, k=5
        ).map_at_k,
        4,
    )
    results["speedup_vs_brute_p50"] = round(results["brute_p50_ms"] / results["query_p50_ms"], 1)
    return results


def _brute_force(query_key: str, keys: list[str]) -> list[int]:
    """The five best archive positions by rapidfuzz over every key (ties: archive order)."""
    best = process.extract(query_key, keys, scorer=fuzz.token_set_ratio, processor=None, limit=5)
    return [index for _, _, index in best]


_KEYS: list[str] = []


def _remember_keys(keys: list[str]) -> None:
    _KEYS[:] = keys


def _brute_force_remembered(query_key: str) -> list[int]:
    return _brute_force(query_key, _KEYS)


def run(sizes: tuple[int, ...] = SIZES) -> dict[str, Any]:
    """Each size in a fresh process; figures keyed by size."""
    figures: dict[str, Any] = {}
    for size in sizes:
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.matching_bench", str(size)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            figures[str(size)] = {"error": done.stderr.strip().splitlines()[-1:]}
            continue
        for key, value in json.loads(done.stdout).items():
            figures[f"{size}_{key}"] = value
    return figures


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]))))
