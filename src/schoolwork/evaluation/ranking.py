"""Ranks from scores under a declared tie policy.

Subjects are ordered by a key (final score, then each tie-breaker, all higher first). Subjects
whose keys are equal are tied and share a rank by the policy; only ``ordinal`` separates them,
and then by subject id, so no rank ever depends on input order or on chance.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from itertools import groupby
from operator import itemgetter

from schoolwork.scheme import TiePolicy

Key = tuple[Decimal, ...]


def rank(keys: Sequence[tuple[str, Key]], policy: TiePolicy) -> dict[str, Decimal]:
    """The rank of each subject id, given ``(subject_id, key)`` pairs; higher keys rank first."""
    # By id, then (stably) by key from the highest down: the order of (descending key, id)
    # without building a negated key for every subject.
    ordered = sorted(keys, key=itemgetter(0))
    ordered.sort(key=itemgetter(1), reverse=True)
    ranks: dict[str, Decimal] = {}
    position = 0  # subjects placed before the current group
    for dense, (_, group) in enumerate(groupby(ordered, key=lambda pair: pair[1]), start=1):
        members = [subject for subject, _ in group]
        size = len(members)
        for offset, subject in enumerate(members):
            if policy is TiePolicy.COMPETITION:
                value = Decimal(position + 1)
            elif policy is TiePolicy.MODIFIED:
                value = Decimal(position + size)
            elif policy is TiePolicy.DENSE:
                value = Decimal(dense)
            elif policy is TiePolicy.FRACTIONAL:
                value = Decimal(2 * position + size + 1) / 2
            else:
                value = Decimal(position + offset + 1)
            ranks[subject] = value
        position += size
    return ranks
