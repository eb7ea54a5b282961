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
from schoolwork.conditions import Clause, Condition, Op
from schoolwork.evaluation.engine import evaluate
from schoolwork.plugins import PluginHost
from schoolwork.records import Incident, RecordBook, Severity
from schoolwork.results import Evaluation, Subject
from schoolwork.scheme import Aggregate, Dimension, Method, Missing, Scheme, VetoEffect, VetoRule

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
