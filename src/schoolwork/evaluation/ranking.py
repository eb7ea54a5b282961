"""Ranks from scores under a declared tie policy.

Subjects are ordered by a key (final score, then each tie-breaker, all higher first). Subjects
whose keys are equal are tied and share a rank by the policy; only ``ordinal`` separates them,
and then by subject id, so no rank ever depends on input order or on chance.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from operator import itemgetter

from schoolwork.scheme import TiePolicy

Key = tuple[Decimal, ...]


def rank(keys: Sequence[tuple[str, Key]], policy: TiePolicy) -> dict[str, Decimal]:
    """The rank of each subject id, given ``(subject_id, key)`` pairs; higher keys rank first.

    The dictionary is in rank order, ties by subject id: the order results are listed in.
    """
    # By id, then (stably) by key from the highest down: the order of (descending key, id)
    # without building a negated key for every subject.
    ordered = sorted(keys, key=itemgetter(0))
    ordered.sort(key=itemgetter(1), reverse=True)
    if policy is TiePolicy.ORDINAL:
        return {subject: Decimal(n) for n, (subject, _) in enumerate(ordered, start=1)}
    ranks: dict[str, Decimal] = {}
    # Groups of equal keys by index, not by itertools.groupby: a province is mostly groups of
    # one, and groupby's key function and a list per group cost more than the ranks.
    count = len(ordered)
    start = dense = 0
    while start < count:
        key = ordered[start][1]
        end = start + 1
        while end < count and ordered[end][1] == key:
            end += 1
        dense += 1
        size = end - start
        if policy is TiePolicy.COMPETITION:
            value = Decimal(start + 1)
        elif policy is TiePolicy.MODIFIED:
            value = Decimal(start + size)
        elif policy is TiePolicy.DENSE:
            value = Decimal(dense)
        else:  # fractional: the mean of the places the group takes
            value = Decimal(2 * start + size + 1) / 2
        for subject, _ in ordered[start:end]:
            ranks[subject] = value
        start = end
    return ranks
