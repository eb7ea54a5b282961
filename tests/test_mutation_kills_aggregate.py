"""Aggregation and ranking called directly: what ``evaluation/aggregate.py`` and
``evaluation/ranking.py`` return, not only the score the engine shows. See benchmarks/README.md.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from evaluation_helpers import IDENTITY

from schoolwork.evaluation.aggregate import Scored, aggregate, combine, describe
from schoolwork.evaluation.ranking import rank
from schoolwork.scheme import Aggregate, Indicator, Method, TieOrder, TiePolicy

D = Decimal


def scored(*points: int, weights: tuple[int, ...] | None = None) -> list[Scored]:
    weights = weights or (1,) * len(points)
    return [
        Scored(Indicator(f"i{n}", f"i{n}", IDENTITY, weight=D(w)), D(p), n)
        for n, (p, w) in enumerate(zip(points, weights, strict=True))
    ]


def test_nothing_to_combine_is_none() -> None:
    assert aggregate(Aggregate(), []) is None


def test_without_selection_every_value_is_kept_in_declared_order() -> None:
    items = scored(70, 90, 80)
    result = aggregate(Aggregate(Method.MEAN), items)
    assert result is not None
    assert result.kept == tuple(items)
    assert result.dropped == ()
    assert result.score == D(80)


def test_a_weighted_mean_that_drops_uses_the_weights_of_the_kept() -> None:
    # equal weights (the checks require them when values are dropped), but not 1
    items = scored(60, 90, 80, weights=(2, 2, 2))
    result = aggregate(Aggregate(Method.WEIGHTED_MEAN, drop_lowest=1), items)
    assert result is not None
    assert result.score == D(85)
    assert [s.indicator.id for s in result.kept] == ["i1", "i2"]
    assert [s.indicator.id for s in result.dropped] == ["i0"]


def test_keep_highest_one_keeps_exactly_one() -> None:
    result = aggregate(Aggregate(Method.MEAN, keep_highest=1), scored(70, 90, 80))
    assert result is not None
    assert [s.indicator.id for s in result.kept] == ["i1"]
    assert result.score == D(90)


@pytest.mark.parametrize(
    ("points", "median"),
    [((10, 40, 20, 30), "25"), ((10, 20), "15"), ((30, 10, 20), "20"), ((5,), "5")],
)
def test_median_of_distinct_values(points: tuple[int, ...], median: str) -> None:
    assert combine(Aggregate(Method.MEDIAN), [D(p) for p in points], [D(1)] * len(points)) == D(
        median
    )


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (Aggregate(), "weighted mean"),
        (Aggregate(Method.MEAN, drop_lowest=1), "mean, drop lowest 1"),
        (Aggregate(Method.MEDIAN, keep_highest=3), "median, keep highest 3"),
        (Aggregate(Method.SUM), "sum capped at 100"),
        (Aggregate(Method.SUM, cap=D(50)), "sum capped at 50"),
        (Aggregate(Method.LOWEST), "lowest"),
        (
            Aggregate(Method.HIGHEST, drop_lowest=2, keep_highest=1, ties=TieOrder.ID),
            "highest, drop lowest 2, keep highest 1",
        ),
    ],
)
def test_the_aggregation_is_described_as_it_combines(rule: Aggregate, text: str) -> None:
    assert describe(rule) == text


def test_ranks_of_a_tie_after_a_tie() -> None:
    keys = [("a", (D(90),)), ("b", (D(80),)), ("c", (D(80),)), ("d", (D(70),)), ("e", (D(70),))]
    expected = {
        TiePolicy.COMPETITION: ["1", "2", "2", "4", "4"],
        TiePolicy.MODIFIED: ["1", "3", "3", "5", "5"],
        TiePolicy.DENSE: ["1", "2", "2", "3", "3"],
        TiePolicy.FRACTIONAL: ["1", "2.5", "2.5", "4.5", "4.5"],
        TiePolicy.ORDINAL: ["1", "2", "3", "4", "5"],
    }
    for policy, ranks in expected.items():
        found = rank(keys, policy)
        assert [found[s] for s in "abcde"] == [D(r) for r in ranks], policy


@pytest.mark.parametrize("policy", list(TiePolicy))
def test_ranks_come_in_rank_order_ties_by_id_whatever_the_input_order(policy: TiePolicy) -> None:
    # partitions.apply lists results in this order without sorting them again
    keys = [
        ("e", (D(70), D(1))),
        ("b", (D(80), D(5))),
        ("d", (D(70), D(1))),
        ("a", (D(90), D(0))),
        ("c", (D(80), D(5))),
        ("f", (D(70), D(2))),
        ("g", (D(60), D(0))),
    ]
    for order in (keys, list(reversed(keys)), sorted(keys)):
        found = rank(order, policy)
        assert list(found) == ["a", "b", "c", "f", "d", "e", "g"]
        assert list(found.values()) == sorted(found.values())


def test_a_tie_of_three_at_the_end_shares_its_rank() -> None:
    keys = [("a", (D(90),)), ("b", (D(70),)), ("c", (D(70),)), ("d", (D(70),))]
    expected = {
        TiePolicy.COMPETITION: ["1", "2", "2", "2"],
        TiePolicy.MODIFIED: ["1", "4", "4", "4"],
        TiePolicy.DENSE: ["1", "2", "2", "2"],
        TiePolicy.FRACTIONAL: ["1", "3", "3", "3"],
        TiePolicy.ORDINAL: ["1", "2", "3", "4"],
    }
    for policy, ranks in expected.items():
        found = rank(keys, policy)
        assert [found[s] for s in "abcd"] == [D(r) for r in ranks], policy
    assert rank([], TiePolicy.COMPETITION) == {}
