"""读书富脑 (seed 003 §四): the reading cadences every teacher owes, and how complete each
teacher's are, counted from their activity records."""

from __future__ import annotations

from decimal import Decimal

from schoolwork import RecordBook

CADENCES: dict[str, int] = {
    "读书笔记": 16,  # 每周一页读书笔记: 16 weeks in the spring term
    "精品反思": 4,  # 每月一篇精品反思
    "精品案例": 1,  # 每学期一份精品案例
    "读书反思": 2,  # 每季度一次读书反思
}
"""How many of each reading record every teacher owes in the spring term of 2021 (seed 003 §四)."""


def reading_done(records: RecordBook) -> dict[str, int]:
    """How many of each reading cadence a teacher's records show."""
    return {kind: sum(1 for a in records.activities if a.type == kind) for kind in CADENCES}


def reading_completeness(records: RecordBook) -> Decimal:
    """The share, in percent, of the reading cadences a teacher completed."""
    done = reading_done(records)
    owed = sum(CADENCES.values())
    return (Decimal(100) * sum(min(done[k], n) for k, n in CADENCES.items()) / owed).quantize(
        Decimal("0.1")
    )
