"""Ranking metrics: CheckThat! MAP@k, MRR and Recall@k."""

from __future__ import annotations

import pytest

from workbench.core.evaluation import average_precision_at_k, evaluate


def test_single_relevant_item_at_rank_one_scores_one() -> None:
    assert average_precision_at_k(["a", "b", "c"], {"a"}, 5) == 1.0


def test_single_relevant_item_at_rank_three_scores_one_third() -> None:
    assert average_precision_at_k(["x", "y", "a"], {"a"}, 5) == pytest.approx(1 / 3)


def test_relevant_item_below_the_cutoff_scores_zero() -> None:
    assert average_precision_at_k(["x", "y", "z", "w", "v", "a"], {"a"}, 5) == 0.0


def test_average_precision_divides_by_relevant_count_capped_at_k() -> None:
    # Hits at ranks 1 and 3: (1/1 + 2/3) / min(2, 5).
    assert average_precision_at_k(["a", "x", "b"], {"a", "b"}, 5) == pytest.approx((1 + 2 / 3) / 2)
    # Seven relevant items but k = 2: the divisor is 2, so two hits score one.
    relevant = {str(number) for number in range(7)}
    assert average_precision_at_k(["0", "1"], relevant, 2) == 1.0


def test_a_repeated_id_counts_once() -> None:
    assert average_precision_at_k(["a", "a", "b"], {"a", "b"}, 5) == pytest.approx((1 + 2 / 3) / 2)


def test_evaluate_averages_over_judged_queries_and_zeroes_missing_runs() -> None:
    result = evaluate(
        {"q1": ["a", "b"], "q2": ["x", "c"]},
        {"q1": {"a"}, "q2": {"c"}, "q3": {"d"}},
        k=5,
    )
    assert result.queries == 3
    assert result.map_at_k == pytest.approx((1 + 0.5 + 0) / 3)
    assert result.mrr == pytest.approx((1 + 0.5 + 0) / 3)
    assert result.recall_at_k == pytest.approx(2 / 3)


def test_mrr_looks_past_the_cutoff_but_map_does_not() -> None:
    result = evaluate({"q": ["v", "w", "x", "y", "z", "a"]}, {"q": {"a"}}, k=5)
    assert result.map_at_k == 0.0
    assert result.mrr == pytest.approx(1 / 6)


def test_no_judged_queries_gives_zeroes() -> None:
    result = evaluate({"q": ["a"]}, {"q": set()})
    assert result.queries == 0
    assert result.map_at_k == 0.0
