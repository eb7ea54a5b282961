"""Small builders for schemes in tests: one dimension, plain linear indicators, 0-100 values."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from schoolwork.results import Subject
from schoolwork.scheme import (
    Aggregate,
    Band,
    Dimension,
    Indicator,
    PointsRule,
    RuleKind,
    Scheme,
    SubjectKind,
)

D = Decimal
IDENTITY = PointsRule(RuleKind.LINEAR, floor=D(0), ceiling=D(100))  # value == points


def indicators(*ids: str, weights: Sequence[int] | None = None) -> tuple[Indicator, ...]:
    weights = weights or [1] * len(ids)
    return tuple(Indicator(i, i, IDENTITY, weight=D(w)) for i, w in zip(ids, weights, strict=True))


def one_dimension(
    aggregate: Aggregate = Aggregate(), ids: Sequence[str] = ("a", "b", "c", "d"), **scheme: object
) -> Scheme:
    dimension = Dimension("dim", "dim", D(1), indicators(*ids), aggregate)
    return Scheme("s", "s", SubjectKind.TEACHER, "2023-2024", (dimension,), **scheme)  # type: ignore[arg-type]


def teachers(*ids: str) -> tuple[Subject, ...]:
    return tuple(Subject(i, i, SubjectKind.TEACHER) for i in ids)


def bands(*pairs: tuple[str, int]) -> tuple[Band, ...]:
    return tuple(Band(name, D(score)) for name, score in pairs)
