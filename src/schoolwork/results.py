"""What an evaluation returns: every score with the explanation of every point."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

import attrs

from schoolwork.scheme import Part, SubjectKind, VetoEffect


@attrs.frozen
class Subject:
    """Who or what is evaluated: a teacher, a class, a grade, an office or the school."""

    id: str
    name: str
    kind: SubjectKind


class ValueStatus(StrEnum):
    """What happened to an indicator's value."""

    USED = "used"
    DROPPED = "dropped"  # removed by drop-lowest / keep-highest
    MISSING = "missing"  # no value; excluded by the scheme's missing policy
    ZERO = "zero"  # no value; counted as 0 by the scheme's missing policy


class IndicatorScore(NamedTuple):
    """One indicator for one subject: raw value, points, the rule and where the value came from.

    A named tuple rather than a frozen attrs class: the engine makes one per value of every
    subject, and a tuple is immutable at a third of the cost. The converter writes it as a table
    with these field names, like every other model.
    """

    id: str
    name: str
    value: Decimal | None
    points: Decimal | None
    rule: str
    source: str
    status: ValueStatus
    part: Part = Part.RESULT  # process or result, as the scheme declares the indicator


class DimensionScore(NamedTuple):
    """One dimension for one subject; ``score`` is ``None`` when every value was missing.

    A named tuple, like :class:`IndicatorScore`, because the engine makes one per dimension of
    every subject.
    """

    id: str
    name: str
    weight: Decimal
    score: Decimal | None
    method: str
    indicators: tuple[IndicatorScore, ...]
    process: Decimal | None = None
    result: Decimal | None = None
    note: str = ""


@attrs.frozen
class IndicatorValue:
    """A raw value a plugin computed, with a note on how, shown in the explanation.

    Return one from ``schoolwork_indicator_values`` instead of a bare number to say where the
    value came from: ``IndicatorValue(Decimal(3), "3 research activities")``.
    """

    value: Decimal | int | None
    note: str = ""


@attrs.frozen
class Adjustment:
    """Points added or removed after the weighted total, with who added them and why.

    ``source`` is ``scheme`` for the scheme's own bonus rules and ``plugin:NAME`` for a plugin.
    ``points`` is what the rule asked for; ``applied`` is what remained after caps and vetoes.
    """

    points: Decimal
    reason: str
    rule: str = ""
    record: str | None = None
    source: str = "scheme"
    applied: Decimal | None = None


@attrs.frozen
class Veto:
    """A fired veto (一票否决) and its effects; a plugin may return one from its adjust hook."""

    rule: str
    reason: str
    effects: tuple[VetoEffect, ...]
    band: str | None = None
    dimension: str | None = None
    record: str | None = None
    source: str = "scheme"


@attrs.frozen
class BandMove:
    """A subject moved from the band its score reached to another one, and why."""

    from_band: str | None
    to_band: str | None
    reason: str


@attrs.frozen
class SubjectResult:
    """Everything decided about one subject."""

    subject: Subject
    dimensions: tuple[DimensionScore, ...]
    weighted: Decimal  # the weighted total of the dimensions, rounded
    adjustments: tuple[Adjustment, ...]
    vetoes: tuple[Veto, ...]
    score: Decimal  # the final score, rounded and clipped to the scheme's bounds
    rank: Decimal
    band: str | None
    moves: tuple[BandMove, ...] = ()

    def dimension(self, dimension_id: str) -> DimensionScore:
        """This subject's score in ``dimension_id``."""
        for dimension in self.dimensions:
            if dimension.id == dimension_id:
                return dimension
        raise KeyError(dimension_id)

    @property
    def eligible_for_awards(self) -> bool:
        """False when a veto cancelled award eligibility (取消评优树先资格)."""
        return not any(VetoEffect.CANCEL_AWARDS in veto.effects for veto in self.vetoes)


@attrs.frozen
class Evaluation:
    """The results of one scheme, in rank order (ties by subject id)."""

    scheme: str
    period: str
    results: tuple[SubjectResult, ...]

    def result(self, subject_id: str) -> SubjectResult:
        """The result for ``subject_id``; ``KeyError`` naming it otherwise."""
        for result in self.results:
            if result.subject.id == subject_id:
                return result
        raise KeyError(f"no subject {subject_id!r} in the evaluation of {self.scheme!r}")
