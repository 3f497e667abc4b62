"""Ranking metrics for claim matching: MAP@k (CheckThat! definition), MRR and Recall@k."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EvaluationResult:
    """Mean ranking quality over the queries that have at least one relevant item."""

    map_at_k: float
    mrr: float
    recall_at_k: float
    queries: int


def average_precision_at_k(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    """Return AP@k as CLEF CheckThat! scores it.

    AP@k = (sum of precision@i over the ranks i <= k that hold a relevant item) divided by
    min(|relevant|, k). Repeated ids count once, at their first rank. No relevant items -> 0.
    """
    if not relevant or k <= 0:
        return 0.0
    hits = 0
    precision_sum = 0.0
    seen: set[str] = set()
    for rank, item in enumerate(ranked[:k], start=1):
        if item in seen:
            continue
        seen.add(item)
        if item in relevant:
            hits += 1
            precision_sum += hits / rank
    return precision_sum / min(len(relevant), k)


def _reciprocal_rank(ranked: Sequence[str], relevant: set[str]) -> float:
    for rank, item in enumerate(ranked, start=1):
        if item in relevant:
            return 1.0 / rank
    return 0.0


def _recall_at_k(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    return len(set(ranked[:k]) & relevant) / len(relevant)


def evaluate(
    runs: Mapping[str, Sequence[str]],
    qrels: Mapping[str, set[str]],
    *,
    k: int = 5,
) -> EvaluationResult:
    """Score ranked runs (query id -> ranked item ids) against qrels (query id -> relevant ids).

    Every query in ``qrels`` with a relevant item counts; a query missing from ``runs`` scores
    zero. MRR looks at the whole ranked list, MAP and recall at the first ``k`` items.
    """
    judged = [query_id for query_id, relevant in qrels.items() if relevant]
    if not judged:
        return EvaluationResult(map_at_k=0.0, mrr=0.0, recall_at_k=0.0, queries=0)
    ap_total = rr_total = recall_total = 0.0
    for query_id in judged:
        ranked = runs.get(query_id, ())
        relevant = qrels[query_id]
        ap_total += average_precision_at_k(ranked, relevant, k)
        rr_total += _reciprocal_rank(ranked, relevant)
        recall_total += _recall_at_k(ranked, relevant, k)
    count = len(judged)
    return EvaluationResult(
        map_at_k=ap_total / count,
        mrr=rr_total / count,
        recall_at_k=recall_total / count,
        queries=count,
    )
