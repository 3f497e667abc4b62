"""Import throughput: segmentation and claim extraction alone, and with storage in SQLite."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.corpus import generate_articles, news_text
from workbench.config import load_settings
from workbench.core.claims import analyse_page
from workbench.core.page import parse_plain_text
from workbench.core.text.segment import split_sentences
from workbench.store.database import open_database
from workbench.workflows.articles import ImportOptions, RawArticle, import_article


def run(*, articles: int = 400) -> dict[str, Any]:
    """Measure and return the figures (text steps in CPU time, the import in wall time)."""
    results: dict[str, Any] = {}
    analyse_page(parse_plain_text(news_text(20_000, language="ar")), language="ar")  # warm caches
    for language in ("ar", "en"):
        text = news_text(2_000_000, language=language)
        megabytes = len(text.encode("utf-8")) / 1e6
        # CPU time of the single thread doing the work: stable when other work shares the machine.
        started = time.process_time()
        split_sentences(text)
        elapsed = time.process_time() - started
        results[f"segmentation_{language}_mb_per_s"] = round(megabytes / elapsed, 2)
        page = parse_plain_text(text)
        started = time.process_time()
        analyse_page(page, language=language)
        elapsed = time.process_time() - started
        results[f"segmentation_and_claims_{language}_mb_per_s"] = round(megabytes / elapsed, 2)

    results.update(_public_text())

    corpus = generate_articles(articles)
    total_mb = sum(len(item.text.encode("utf-8")) for item in corpus) / 1e6
    with tempfile.TemporaryDirectory() as directory:
        database = open_database(f"sqlite:///{Path(directory) / 'bench.sqlite3'}")
        load_settings()
        started = time.perf_counter()
        for number, item in enumerate(corpus):
            raw = RawArticle(
                name=f"generated-{number}", data=item.text.encode("utf-8"), url=None, is_html=False
            )
            import_article(raw, database=database, options=ImportOptions())
        elapsed = time.perf_counter() - started
        database.dispose()
    results["import_with_storage_articles_per_s"] = round(len(corpus) / elapsed, 1)
    results["import_with_storage_mb_per_s"] = round(total_mb / elapsed, 3)
    results["import_articles"] = len(corpus)
    return results


DATASETS = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"


def _public_text() -> dict[str, Any]:
    """The same measure on real text written by others, when the shared datasets are present:
    English fact-check claims (CheckThat! archive) and Arabic tweets (CheckThat! 1A train)."""
    figures: dict[str, Any] = {}
    english = DATASETS / "claim-retrieval-en" / "archive.jsonl"
    arabic = DATASETS / "checkworthiness-ar" / "train.tsv"
    if english.exists():
        lines = english.read_text(encoding="utf-8").splitlines()
        claims = [json.loads(line)["claim"] for line in lines if line.strip()]
        text = "\n\n".join(" ".join(claims[i : i + 5]) for i in range(0, len(claims), 5))
        figures["real_en_claims_mb_per_s"] = _claims_rate(text, "en")
    if arabic.exists():
        rows = arabic.read_text(encoding="utf-8").splitlines()[1:]
        text = "\n\n".join(row.split("\t")[3] for row in rows if row.count("\t") >= 4)
        figures["real_ar_tweets_mb_per_s"] = _claims_rate(text, "ar")
    return figures


def _claims_rate(text: str, language: str) -> float:
    page = parse_plain_text(text)
    started = time.process_time()
    analyse_page(page, language=language)
    return round(len(text.encode("utf-8")) / 1e6 / (time.process_time() - started), 2)
