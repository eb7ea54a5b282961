"""How a dimension combines its indicators' points into one score.

Drop-lowest-N and keep-highest-N always leave at least one value. When values are equal, which
one goes is decided by the dimension's declared tie order, never by the order of the input.

Extra credit (Moodle's "mean with extra credits") needs to know which value is whose, so a
dimension with an extra-credit indicator is combined by :func:`aggregate`, as one that drops or
keeps values is: see :func:`needs_members`.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterable, Sequence
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


def needs_members(rule: Aggregate, indicators: Iterable[Indicator]) -> bool:
    """Whether a dimension's values must be combined knowing their indicators (by
    :func:`aggregate`), not as bare points (by :func:`combine`): it drops or keeps values, or
    one of its indicators is extra credit."""
    selects = rule.drop_lowest > 0 or rule.keep_highest is not None
    return selects or any(i.extra_credit for i in indicators)


def aggregate(rule: Aggregate, scored: Sequence[Scored]) -> Aggregated | None:
    """Combine ``scored`` by ``rule``; ``None`` when there is nothing to combine."""
    if not scored:
        return None
    kept, dropped = _select(rule, scored)
    if any(s.indicator.extra_credit for s in kept):
        return Aggregated(with_extra_credit(rule, kept), kept, dropped)
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
    if method is Method.MODE:
        counts = Counter(points)
        most = max(counts.values())
        # Of several equally frequent points, the highest: what Moodle's mode does.
        return max(p for p, n in counts.items() if n == most)
    return min(sum(points, ZERO), HUNDRED if rule.cap is None else rule.cap)


def with_extra_credit(rule: Aggregate, kept: Sequence[Scored]) -> Decimal:
    """A mean or weighted mean of ``kept`` in which the extra-credit indicators add their
    weight × points to the numerator and nothing to the denominator, capped at ``rule.cap``
    (default 100).

    The denominator is the regular values' count (``mean``) or weight sum (``weighted_mean``).
    With no regular value, the extra credit alone is the score, as in Moodle: it adds to
    nothing, over a denominator of 1.
    """
    numerator, denominator = ZERO, ZERO
    for item in kept:
        if item.indicator.extra_credit:
            numerator += item.indicator.weight * item.points
        elif rule.method is Method.MEAN:
            numerator += item.points
            denominator += 1
        else:
            numerator += item.indicator.weight * item.points
            denominator += item.indicator.weight
    cap = HUNDRED if rule.cap is None else rule.cap
    return min(numerator / denominator if denominator else numerator, cap)


def describe(rule: Aggregate, indicators: Iterable[Indicator] = ()) -> str:
    """The aggregation in a few words: ``mean, drop lowest 1``; with the dimension's
    ``indicators``, also which are extra credit: ``mean with extra credit (i3) capped at 100``."""
    words = [rule.method.value.replace("_", " ")]
    extra = [i.id for i in indicators if i.extra_credit]
    if extra:
        cap = HUNDRED if rule.cap is None else rule.cap
        words[0] += f" with extra credit ({', '.join(extra)}) capped at {cap}"
    elif rule.method is Method.SUM:
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
