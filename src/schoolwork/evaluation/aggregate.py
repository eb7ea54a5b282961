"""How a dimension combines its indicators' points into one score.

Drop-lowest-N and keep-highest-N always leave at least one value. When values are equal, which
one goes is decided by the dimension's declared tie order, never by the order of the input.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

import attrs

from schoolwork.scheme import HUNDRED, Aggregate, Indicator, Method, TieOrder


class Scored(NamedTuple):
    """An indicator with its (rounded) points and its position in the scheme.

    A named tuple rather than an attrs class: the engine makes one per value, and tuples are
    the cheapest immutable records Python has.
    """

    indicator: Indicator
    points: Decimal
    declared: int


ZERO = Decimal(0)


@attrs.frozen
class Aggregated:
    """The score of a set of indicators and which of them were dropped."""

    score: Decimal
    kept: tuple[Scored, ...]
    dropped: tuple[Scored, ...]


def aggregate(rule: Aggregate, scored: Sequence[Scored]) -> Aggregated | None:
    """Combine ``scored`` by ``rule``; ``None`` when there is nothing to combine."""
    if not scored:
        return None
    kept, dropped = _select(rule, scored)
    points = [s.points for s in kept]
    weights = [s.indicator.weight for s in kept]
    return Aggregated(combine(rule, points, weights), kept, dropped)


def combine(rule: Aggregate, points: Sequence[Decimal], weights: Sequence[Decimal]) -> Decimal:
    """Combine the kept ``points`` (with their indicators' ``weights``) by ``rule``'s method.

    ``points`` must not be empty; selection (drop/keep-N) has already happened.
    """
    method = rule.method
    if method is Method.WEIGHTED_MEAN:
        return sum(map(operator.mul, points, weights), ZERO) / sum(weights, ZERO)
    if method is Method.MEAN:
        return sum(points, ZERO) / len(points)
    if method is Method.MEDIAN:
        ordered = sorted(points)
        middle = len(ordered) // 2
        if len(ordered) % 2:
            return ordered[middle]
        return (ordered[middle - 1] + ordered[middle]) / 2
    if method is Method.LOWEST:
        return min(points)
    if method is Method.HIGHEST:
        return max(points)
    return min(sum(points, ZERO), HUNDRED if rule.cap is None else rule.cap)


def describe(rule: Aggregate) -> str:
    """The aggregation in a few words: ``mean, drop lowest 1``."""
    words = [rule.method.value.replace("_", " ")]
    if rule.method is Method.SUM:
        words[0] += f" capped at {HUNDRED if rule.cap is None else rule.cap}"
    if rule.drop_lowest:
        words.append(f"drop lowest {rule.drop_lowest}")
    if rule.keep_highest is not None:
        words.append(f"keep highest {rule.keep_highest}")
    return ", ".join(words)


def _select(
    rule: Aggregate, scored: Sequence[Scored]
) -> tuple[tuple[Scored, ...], tuple[Scored, ...]]:
    if rule.drop_lowest == 0 and rule.keep_highest is None:
        return tuple(scored), ()
    # Lowest first; among equal points, the one that the tie order removes first comes first.
    order = sorted(scored, key=lambda s: (s.points, _tie_key(rule.ties, s, scored)))
    drop = min(rule.drop_lowest, len(order) - 1)
    if rule.keep_highest is not None:
        drop = max(drop, len(order) - max(rule.keep_highest, 1))
    dropped, kept = order[:drop], order[drop:]
    by_declared = sorted(kept, key=lambda s: s.declared)
    return tuple(by_declared), tuple(sorted(dropped, key=lambda s: s.declared))


def _tie_key(ties: TieOrder, item: Scored, scored: Sequence[Scored]) -> int:
    if ties is TieOrder.LAST_DECLARED:
        return -item.declared
    if ties is TieOrder.FIRST_DECLARED:
        return item.declared
    # TieOrder.ID: the larger id goes first, so rank ids from the largest down.
    ids = sorted((s.indicator.id for s in scored), reverse=True)
    return ids.index(item.indicator.id)
