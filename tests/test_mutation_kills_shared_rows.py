"""A value object scored before shares its explanation row (engine.Scorer._dimension): a
subject whose values were seen before must come to the same result as one whose were not.

Each case evaluates the same subjects twice: once with every value object shared among them
(as values read from a file are), so that later subjects take the rows of earlier ones, and
once with a fresh object per subject, so that every value is scored anew.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest
from evaluation_helpers import D, bands, indicators, one_dimension, teachers

from schoolwork import hookimpl
from schoolwork import values as values_module
from schoolwork.conditions import Clause, Condition, Op
from schoolwork.evaluation import engine, points
from schoolwork.evaluation.engine import evaluate
from schoolwork.plugins import PluginHost
from schoolwork.records import Incident, RecordBook, Severity
from schoolwork.results import Evaluation, Subject
from schoolwork.scheme import (
    Aggregate,
    Dimension,
    Direction,
    Method,
    Missing,
    Part,
    PointsRule,
    Rounding,
    RuleKind,
    Scheme,
    VetoEffect,
    VetoRule,
)

IDS = tuple(f"t{n}" for n in range(6))
ROWS = (
    ("90", "70.0", "80", "70"),
    ("70.0", "90", "80", "70"),
    ("90", "70.0", "80", "70"),
    ("80", "80", "70.0", "90"),
    ("90", "70.0", "80", "70"),
    ("70", "70", "70", "70"),
)


def shared_values(
    rows: tuple[tuple[str | None, ...], ...] = ROWS,
) -> dict[str, dict[str, Decimal | None]]:
    objects: dict[str, Decimal] = {}
    return {
        subject: {
            key: None if cell is None else objects.setdefault(cell, Decimal(cell))
            for key, cell in zip("abcd", row, strict=True)
        }
        for subject, row in zip(IDS, rows, strict=True)
    }


def fresh(values: dict[str, dict[str, Decimal | None]]) -> dict[str, dict[str, Decimal | None]]:
    return {
        s: {k: None if v is None else Decimal(str(v)) for k, v in row.items()}
        for s, row in values.items()
    }


def both(
    scheme: Scheme, values: dict[str, dict[str, Decimal | None]], **kwargs: object
) -> tuple[Evaluation, Evaluation]:
    subjects = teachers(*IDS)
    return (
        evaluate(scheme, subjects, values=values, **kwargs),  # type: ignore[arg-type]
        evaluate(scheme, subjects, values=fresh(values), **kwargs),  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("method", list(Method))
def test_every_method_comes_to_the_same_with_shared_rows(method: Method) -> None:
    plain = one_dimension(Aggregate(method), bands=bands(("优秀", 85), ("合格", 0)))
    (dimension,) = plain.dimensions
    weighted = Dimension(
        "dim", "dim", D(1), indicators(*"abcd", weights=[1, 2, 3, 4]), dimension.aggregate
    )
    scheme = attrs.evolve(plain, dimensions=(weighted,))
    shared, loop = both(scheme, shared_values())
    assert shared == loop
    rows = {r.subject.id: r.dimensions[0].indicators for r in shared.results}
    assert all(x is y for x, y in zip(rows["t0"], rows["t2"], strict=True))  # shared
    fresh_rows = {r.subject.id: r.dimensions[0].indicators for r in loop.results}
    assert not any(x is y for x, y in zip(fresh_rows["t0"], fresh_rows["t2"], strict=True))


def test_a_missing_value_among_shared_ones_counts_as_the_policy_says() -> None:
    rows = (*ROWS[:5], ("90", None, "80", "70"))
    for missing in Missing:
        scheme = one_dimension(missing=missing)
        shared, loop = both(scheme, shared_values(rows))
        assert shared == loop
        last = next(r for r in shared.results if r.subject.id == "t5")
        assert last.dimensions[0].score == (D("60.00") if missing is Missing.ZERO else D("80.00"))


class Gives:
    """A plugin that gives t4's indicator b a value object that was given as input before."""

    def __init__(self, value: Decimal) -> None:
        self.value = value

    @hookimpl
    def schoolwork_indicator_values(self, subject: Subject) -> dict[str, Decimal] | None:
        return {"b": self.value} if subject.id == "t4" else None


def test_a_value_from_a_plugin_is_shown_as_the_plugins_even_when_seen_before() -> None:
    values = shared_values()
    seventy = values["t0"]["b"]  # t0's, t2's and t4's input
    assert seventy is not None
    host = PluginHost(trace=False)
    host.register(Gives(seventy), "gives")
    evaluation = evaluate(one_dimension(), teachers(*IDS), values=values, host=host)
    sources = {r.subject.id: r.dimensions[0].indicators[1].source for r in evaluation.results}
    assert sources == {**dict.fromkeys(IDS, "input"), "t4": "plugin:gives"}


ETHICS = Condition(all=(Clause("severity", Op.GE, "moderate"),))


def test_a_zeroed_dimension_with_shared_rows_is_zero() -> None:
    scheme = one_dimension(
        vetoes=(
            VetoRule(
                "ethics", "师德", "incident", ETHICS, (VetoEffect.ZERO_DIMENSION,), dimension="dim"
            ),
        ),
    )
    records = RecordBook.of(incident=(Incident("i1", "t4", date(2024, 4, 1), Severity.SERIOUS),))
    shared, loop = both(scheme, shared_values(), records=records)
    assert shared == loop
    zeroed = next(r for r in shared.results if r.subject.id == "t4").dimensions[0]
    assert (zeroed.score, zeroed.note) == (D(0), "zeroed by veto ethics: 师德: incident i1")


# -- rounded points kept from one evaluation to the next ----------------------------------------


def points_of(scheme: Scheme, value: str | Decimal) -> Decimal | None:
    number = D(value) if isinstance(value, str) else value
    evaluation = evaluate(scheme, teachers("t"), values={"t": {"a": number}})
    return evaluation.results[0].dimensions[0].indicators[0].points


def test_the_next_evaluation_by_the_same_rule_finds_its_points_kept() -> None:
    scheme = one_dimension(ids=("a",))
    (indicator,) = scheme.dimensions[0].indicators
    memo = points.rounded(indicator.points, indicator.direction, scheme.quantum, "ROUND_HALF_UP")
    memo.pop(D("61.237"), None)
    assert points_of(scheme, "61.237") == D("61.24")
    assert memo[D("61.237")] == D("61.24")
    memo[D("61.237")] = D("99.99")  # planted: the next evaluation reads the memo, not the rule
    try:
        assert points_of(scheme, "61.237") == D("99.99")
    finally:
        del memo[D("61.237")]


@pytest.mark.parametrize(
    ("places", "rounding", "expected"),
    [
        (2, Rounding.HALF_UP, "61.24"),
        (1, Rounding.HALF_UP, "61.2"),
        (0, Rounding.HALF_UP, "61"),
        (2, Rounding.DOWN, "61.23"),
        (2, Rounding.CEILING, "61.24"),
        (1, Rounding.CEILING, "61.3"),
    ],
)
def test_points_kept_for_one_rounding_never_serve_another(
    places: int, rounding: Rounding, expected: str
) -> None:
    # every other places and rounding scored the same value (and value object) first
    seen = D("61.237")
    for other_places in (0, 1, 2):
        for other in Rounding:
            points_of(one_dimension(ids=("a",), places=other_places, rounding=other), seen)
    scheme = one_dimension(ids=("a",), places=places, rounding=rounding)
    assert points_of(scheme, "61.237") == D(expected)
    assert points_of(scheme, seen) == D(expected)


# -- rows and numbers kept from one school to the next --------------------------------------------


def test_the_next_evaluation_takes_the_rows_of_value_objects_seen_before() -> None:
    values = shared_values()
    first = evaluate(one_dimension(), teachers(*IDS), values=values)
    again = evaluate(one_dimension(), teachers(*IDS), values=values)
    assert first == again
    assert all(
        x is y
        for a, b in zip(first.results, again.results, strict=True)
        for x, y in zip(a.dimensions[0].indicators, b.dimensions[0].indicators, strict=True)
    )


@pytest.mark.parametrize(
    "change",
    [
        {"name": "乙"},
        {"points": PointsRule(RuleKind.LINEAR, floor=D(50), ceiling=D(100))},
        {"direction": Direction.LOWER},
        {"part": Part.PROCESS},
    ],
)
def test_a_row_seen_before_serves_only_an_indicator_that_reads_the_same(
    change: dict[str, object],
) -> None:
    values = {"t": {"a": D("72.5")}}
    plain = one_dimension(ids=("a",))
    (dimension,) = plain.dimensions
    (indicator,) = dimension.indicators
    other = attrs.evolve(indicator, **change)  # type: ignore[misc]
    changed = attrs.evolve(plain, dimensions=(attrs.evolve(dimension, indicators=(other,)),))
    seen = evaluate(plain, teachers("t"), values=values).results[0].dimensions[0].indicators[0]
    row = evaluate(changed, teachers("t"), values=values).results[0].dimensions[0].indicators[0]
    alone = evaluate(changed, teachers("t"), values={"t": {"a": D("72.5")}})
    assert row == alone.results[0].dimensions[0].indicators[0]  # as if never seen
    assert row != seen


def test_numbers_written_alike_in_two_files_are_one_object(monkeypatch: pytest.MonkeyPatch) -> None:
    scheme = one_dimension(ids=("a", "b"))
    rows = [["subject", "a", "b"], ["t", "84.7", "61.25"]]
    first = values_module.values_from_rows(rows, "one.csv", scheme)
    second = values_module.values_from_rows(rows, "two.csv", scheme)
    assert first["t"]["a"] is second["t"]["a"]
    assert first["t"]["b"] is second["t"]["b"]
    monkeypatch.setattr(values_module, "_SHARED_NUMBERS", 0)
    third = values_module.values_from_rows(rows, "three.csv", scheme)
    assert third == first
    assert third["t"]["a"] is not first["t"]["a"]


def test_what_the_process_keeps_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_SHARED_ROWS", 2)
    monkeypatch.setattr(engine, "_KNOWN_POINTS", 3)
    rule = PointsRule(RuleKind.LINEAR, floor=D(-7), ceiling=D(93))  # a rule of this test only
    plain = one_dimension(ids=("a",))
    (dimension,) = plain.dimensions
    (indicator,) = dimension.indicators
    own = attrs.evolve(indicator, name="只在此测试", points=rule)
    scheme = attrs.evolve(plain, dimensions=(attrs.evolve(dimension, indicators=(own,)),))
    values: dict[str, dict[str, Decimal | None]] = {
        s: {"a": D(n) + D("0.5")} for n, s in enumerate(IDS)
    }
    evaluation = evaluate(scheme, teachers(*IDS), values=values)
    shown = {r.subject.id: r.dimensions[0].indicators[0].points for r in evaluation.results}
    assert shown == {s: D(n) + D("7.50") for n, s in enumerate(IDS)}  # (value + 7) / 100 * 100
    rows = engine._rows(
        "a",
        "只在此测试",
        rule,
        own.direction,
        own.part,
        own.weight,
        scheme.quantum,
        "ROUND_HALF_UP",
    )
    memo = points.rounded(rule, own.direction, scheme.quantum, "ROUND_HALF_UP")
    assert (len(rows), len(memo)) == (2, 3)
