"""Matching quality on the shared public datasets (tune on train, report on dev)."""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path
from typing import Any

from workbench.config import load_settings
from workbench.core.matching import TIER_STRONG
from workbench.core.text.normalise import normalise
from workbench.store.database import open_database
from workbench.workflows.archive import ArchiveImportSummary, read_archive_items, store_items
from workbench.workflows.evaluation import evaluate_matching
from workbench.workflows.matching import MatchQuery, find_matches

DATASETS = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"


def english(split: str = "dev") -> dict[str, Any]:
    """CheckThat! 2022 2A: MAP@5, MRR, Recall@5 through `workbench eval matching`'s code."""
    folder = DATASETS / "claim-retrieval-en"
    return evaluate_matching(
        archive=folder / "archive.jsonl",
        queries=folder / f"{split}.queries.jsonl",
        qrels=folder / f"{split}.qrels.tsv",
        k=5,
        settings=load_settings(),
    )


def arabic(split: str = "dev") -> dict[str, Any]:
    """ANS: every s1 headline is the archive; agree s2 should find its s1 at rank 1; a
    disagree pair ranked first should carry a flag or stay below strong."""
    rows = list(
        csv.DictReader((DATASETS / "claim-pairs-ar" / f"{split}.csv").open(encoding="utf-8"))
    )
    headlines = list(dict.fromkeys(row["s1"] for row in rows))
    settings = load_settings()
    with tempfile.TemporaryDirectory() as directory:
        archive = Path(directory) / "archive.jsonl"
        archive.write_text(
            "\n".join(
                json.dumps({"id": f"s1-{n}", "claim": text, "lang": "ar"}, ensure_ascii=False)
                for n, text in enumerate(headlines)
            ),
            encoding="utf-8",
        )
        ids = {text: f"s1-{n}" for n, text in enumerate(headlines)}
        database = open_database(f"sqlite:///{Path(directory) / 'ans.sqlite3'}")
        store_items(
            read_archive_items(str(archive), settings=settings),
            database=database,
            summary=ArchiveImportSummary(source="ans"),
            settings=settings,
        )
        agree_hits = agree_total = agree_flagged = 0
        disagree_first = disagree_caught = 0
        with database.session() as session:
            for row in rows:
                if row["stance"] not in ("agree", "disagree"):
                    continue
                found = [
                    (match, factcheck)
                    for match, factcheck in find_matches(
                        session=session,
                        query=MatchQuery(row["s2"], top=6, language="ar"),
                        settings=settings.matching,
                    )
                    if normalise(factcheck.claim_text) != normalise(row["s2"])
                ]
                if not found:
                    if row["stance"] == "agree":
                        agree_total += 1
                    continue
                match, factcheck = found[0]
                if row["stance"] == "agree":
                    agree_total += 1
                    agree_hits += factcheck.external_id == ids[row["s1"]]
                    agree_flagged += bool(match.flags)
                elif factcheck.external_id == ids[row["s1"]]:
                    disagree_first += 1
                    disagree_caught += bool(match.flags) or match.tier != TIER_STRONG
        database.dispose()
    return {
        "archive": len(headlines),
        "agree_queries": agree_total,
        "agree_rank1": round(agree_hits / max(1, agree_total), 4),
        "agree_flagged": round(agree_flagged / max(1, agree_total), 4),
        "disagree_ranked_first": disagree_first,
        "disagree_flag_or_below_strong": round(disagree_caught / max(1, disagree_first), 4),
    }


def run() -> dict[str, Any]:
    """Both languages on dev, when the datasets are present."""
    if not DATASETS.is_dir():
        return {"skipped": f"datasets not found at {DATASETS}"}
    english_dev = english("dev")
    arabic_dev = arabic("dev")
    return {
        **{f"en_dev_{key}": value for key, value in english_dev.items()},
        **{f"ar_dev_{key}": value for key, value in arabic_dev.items()},
    }
