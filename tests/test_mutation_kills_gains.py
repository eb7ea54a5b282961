"""Value-added values (增值评价): the explanation says why a gain has no value, and a relative
gain is rounded by the scheme's own mode, pinned down where tests/test_raters_and_gains.py
checks only the values."""

from __future__ import annotations

from decimal import Decimal

import pytest

from schoolwork.evaluation import gains
from schoolwork.results import Subject
from schoolwork.scheme import (
    Dimension,
    Gain,
    GainKind,
    Indicator,
    MissingBaseline,
    PointsRule,
    Rounding,
    RuleKind,
    Scheme,
    SubjectKind,
)

D = Decimal
LINEAR = PointsRule(RuleKind.LINEAR, floor=D(-10), ceiling=D(10))
T1 = Subject("T1", "甲", SubjectKind.TEACHER)


def _note_and_value(
    gain: Gain, current: str | None, baseline: str | None, rounding: Rounding = Rounding.HALF_UP
) -> tuple[Decimal | None, str]:
    indicator = Indicator("growth", "增值", LINEAR, gain=gain)
    dimension = Dimension("d", "维度", D(1), (indicator,))
    scheme = Scheme("s", "方案", SubjectKind.TEACHER, "2023-2024", (dimension,), rounding=rounding)
    tables = {
        "s": {"T1": {"growth": None if current is None else D(current)}},
        "old": {"T1": {"att": None if baseline is None else D(baseline)}},
    }
    with gains.values_from(tables):
        found = gains.gained_values(scheme, T1)
    assert found is not None
    return found["growth"].value, found["growth"].note


@pytest.mark.parametrize(
    ("kind", "current", "baseline", "note"),
    [
        (GainKind.ABSOLUTE, None, "90", "baseline 90 (old:att), current missing: no current value"),
        (GainKind.RELATIVE, None, "0", "baseline 0 (old:att), current missing: no current value"),
        (GainKind.ABSOLUTE, "93", None, "baseline missing (old:att), current 93: no baseline"),
        (
            GainKind.ABSOLUTE,
            None,
            None,
            "baseline missing (old:att), current missing: no current value",
        ),
        (
            GainKind.RELATIVE,
            "93",
            "0",
            "baseline 0 (old:att), current 93: a baseline of 0 has no relative gain",
        ),
    ],
)
def test_a_gain_without_a_value_says_what_was_missing(
    kind: GainKind, current: str | None, baseline: str | None, note: str
) -> None:
    value, said = _note_and_value(Gain("old:att", kind), current, baseline)
    assert value is None
    assert said == note + ", so no value"
    value, said = _note_and_value(Gain("old:att", kind, MissingBaseline.ZERO), current, baseline)
    assert value == 0
    assert said == note + ", counted as a gain of 0 as declared"


def test_an_absolute_gain_from_a_zero_baseline_is_the_current_value() -> None:
    value, said = _note_and_value(Gain("old:att", GainKind.ABSOLUTE), "93", "0")
    assert value == D(93)
    assert said == "baseline 0 (old:att), current 93: gain 93"


@pytest.mark.parametrize(
    ("rounding", "percent"),
    [(Rounding.DOWN, "3.88"), (Rounding.HALF_UP, "3.89"), (Rounding.FLOOR, "3.88")],
)
def test_a_relative_gain_rounds_by_the_schemes_mode(rounding: Rounding, percent: str) -> None:
    # (93.5 − 90) / 90 × 100 = 3.888…
    value, said = _note_and_value(Gain("old:att", GainKind.RELATIVE), "93.5", "90", rounding)
    assert value == D(percent)
    assert said == f"baseline 90 (old:att), current 93.5: gain 3.5, {percent} % of the baseline"
