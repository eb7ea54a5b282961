"""The core's rated values (民主测评): indicators declared with ``raters`` combine ballots.

A built-in plugin of ``schoolwork_indicator_values``, like :mod:`schoolwork.evaluation.counted`.
Each group's ballots combine by its rule (mean, median, or a trimmed mean that drops the
``trim`` highest and ``trim`` lowest, 去掉最高分和最低分); a group with fewer than
``min_ballots`` is absent; the present groups' scores are weighted.

Rounding happens twice, both times to the scheme's places with its rounding mode: each group's
score, as the explanation shows it, and the weighted value. So the value is exactly what the
explanation's numbers give by hand. The explanation counts ballots and says how many were
dropped; it never names a token or says which score was whose.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from schoolwork.plugins import hookimpl
from schoolwork.records import Ballot, RecordBook
from schoolwork.results import IndicatorValue, Subject
from schoolwork.scheme import AbsentGroup, Combine, Raters, RaterWeight, Scheme

NAME = "schoolwork.raters"
ZERO = Decimal(0)
TWO = Decimal(2)


@attrs.frozen
class GroupScore:
    """One group's ballots on one indicator: how many, how many trimmed off each end, and the
    group's score (``None`` when the group has fewer ballots than its minimum)."""

    rule: RaterWeight
    count: int
    dropped: int
    score: Decimal | None


def combine(scores: Sequence[Decimal], rule: RaterWeight) -> tuple[Decimal, int]:
    """The unrounded score of one group's ``scores`` under ``rule``, and how many were dropped
    from each end. The order of ``scores`` never matters: they are sorted first."""
    ordered = sorted(scores)
    dropped = 0
    if rule.combine is Combine.TRIMMED_MEAN:
        dropped = rule.trim
        ordered = ordered[dropped : len(ordered) - dropped]
    if not ordered:
        raise ValueError(f"no ballot of group {rule.group.value!r} is left to combine")
    if rule.combine is Combine.MEDIAN:
        middle = len(ordered) // 2
        if len(ordered) % 2:
            return ordered[middle], 0
        return (ordered[middle - 1] + ordered[middle]) / TWO, 0
    return sum(ordered, ZERO) / Decimal(len(ordered)), dropped


def group_scores(
    raters: Raters, ballots: Iterable[Ballot], quantum: Decimal, rounding: str
) -> list[GroupScore]:
    """Every declared group's score from ``ballots`` (one indicator's, one subject's), each
    rounded to ``quantum``; a group below its minimum has no score."""
    by_group: dict[str, list[Decimal]] = {rule.group.value: [] for rule in raters.groups}
    for ballot in ballots:
        group = ballot.group.value
        if group not in by_group:
            raise ValueError(f"a ballot of group {group!r}, which the indicator does not declare")
        low, high = raters.scale
        if not low <= ballot.score <= high:
            raise ValueError(f"a ballot of {ballot.score}, outside the scale {low} to {high}")
        by_group[group].append(ballot.score)
    found = []
    for rule in raters.groups:
        scores = by_group[rule.group.value]
        if len(scores) < rule.min_ballots or not scores:
            found.append(GroupScore(rule, len(scores), 0, None))
            continue
        score, dropped = combine(scores, rule)
        found.append(GroupScore(rule, len(scores), dropped, score.quantize(quantum, rounding)))
    return found


def weighted(
    raters: Raters, groups: Sequence[GroupScore], quantum: Decimal, rounding: str
) -> Decimal | None:
    """The indicator's value from its groups' scores: missing when no group is present, or
    when one is absent and ``raters.absent`` is ``missing``; else the weighted mean of the
    present groups (their weights scaled up to sum to 1), rounded to ``quantum``."""
    present = [g for g in groups if g.score is not None]
    if not present or (raters.absent is AbsentGroup.MISSING and len(present) < len(groups)):
        return None
    total = sum((g.rule.weight for g in present), ZERO)
    points = sum((g.rule.weight * g.score for g in present if g.score is not None), ZERO)
    return (points / total).quantize(quantum, rounding)


def _note(groups: Sequence[GroupScore], value: Decimal | None, raters: Raters) -> str:
    parts = []
    for g in groups:
        rule = g.rule
        said = f"{rule.group.value} {g.count} ballot" + ("" if g.count == 1 else "s")
        if g.score is None:
            parts.append(f"{said}, fewer than {rule.min_ballots}: absent")
            continue
        how = rule.combine.value.replace("_", " ")
        if g.dropped:
            how += f" after dropping the {g.dropped} highest and {g.dropped} lowest"
        parts.append(f"{said}, {how} {g.score} × {rule.weight}")
    if value is None:
        end = "no group present" if raters.absent is AbsentGroup.RENORMALISE else "a group absent"
        return "; ".join(parts) + f" → missing ({end})"
    total = sum((g.rule.weight for g in groups if g.score is not None), ZERO)
    if total != sum((g.rule.weight for g in groups), ZERO):
        return "; ".join(parts) + f" → divided by the present weights {total}: {value}"
    return "; ".join(parts) + f" → {value}"


def rated_value(
    scheme: Scheme, indicator: str, raters: Raters, ballots: Iterable[Ballot]
) -> IndicatorValue:
    """The value of ``indicator`` (declared with ``raters``) from one subject's ``ballots``
    (those of other schemes and indicators are passed over), with the explanation's note."""
    mine = [b for b in ballots if b.scheme == scheme.id and b.indicator == indicator]
    mode = scheme.rounding.mode
    groups = group_scores(raters, mine, scheme.quantum, mode)
    value = weighted(raters, groups, scheme.quantum, mode)
    return IndicatorValue(value, _note(groups, value, raters))


def rated_values(scheme: Scheme, records: RecordBook) -> dict[str, IndicatorValue] | None:
    """The value of every indicator of ``scheme`` scored by raters, from one subject's
    ``records``; ``None`` when the scheme has none. (A plain function beside the hook: mutation
    testing skips decorated ones.)"""
    # Asked for every subject of any scheme a plugin gives values to: most have no raters.
    rated = [(i.id, i.raters) for d in scheme.dimensions for i in d.indicators if i.raters]
    if not rated:
        return None
    ballots = records.ballots
    return {key: rated_value(scheme, key, raters, ballots) for key, raters in rated}


@hookimpl
def schoolwork_indicator_values(
    scheme: Scheme, subject: Subject, records: RecordBook
) -> dict[str, IndicatorValue] | None:
    return rated_values(scheme, records)
