"""The core's counted values and the host evaluations use when given none.

``core_host`` is cached for the whole process, so its body is tested through the uncached
builder; what an evaluation without a host sees is tested through ``evaluate``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest
from evaluation_helpers import one_dimension

from schoolwork import (
    Clause,
    Condition,
    Dimension,
    Incident,
    Indicator,
    Op,
    PointsRule,
    RecordBook,
    RecordSource,
    RuleKind,
    Scheme,
    Severity,
    SubjectKind,
)
from schoolwork.evaluation import counted
from schoolwork.plugins import returns
from schoolwork.records import RecordKind
from schoolwork.scheme import Combine, Gain, RaterGroup, Raters, RaterWeight

D = Decimal
LINEAR = PointsRule(RuleKind.LINEAR, floor=D(0), ceiling=D(100))
COUNT = PointsRule(RuleKind.COUNT, each=D(10), cap=D(100))


def scheme(*indicators: Indicator) -> Scheme:
    return Scheme(
        "s", "考核", SubjectKind.TEACHER, "2023-2024", (Dimension("d", "维度", D(1), indicators),)
    )


def incidents(*severities: Severity) -> RecordBook:
    found = tuple(
        Incident(f"i{n}", "T1", date(2024, 3, 1), s) for n, s in enumerate(severities, start=1)
    )
    return RecordBook({"incident": found})


def test_every_counted_indicator_is_counted_after_a_given_one() -> None:
    serious = Condition(all=(Clause("severity", Op.GE, "moderate"),))
    found = counted.counted_values(
        scheme(
            Indicator("given", "给定", LINEAR),
            Indicator("all", "全部", COUNT, source=RecordSource("incident")),
            Indicator("serious", "严重", COUNT, source=RecordSource("incident", serious)),
        ),
        incidents(Severity.MINOR, Severity.MODERATE, Severity.SERIOUS),
    )
    assert found is not None
    assert {k: (v.value, v.note) for k, v in found.items()} == {
        "all": (D(3), "3 incident records"),
        "serious": (D(2), "2 incident records"),
    }


def test_a_scheme_that_counts_nothing_gets_no_values() -> None:
    assert counted.counted_values(scheme(Indicator("given", "给定", LINEAR)), incidents()) is None


def test_the_core_host_has_the_records_counted_and_appeals_plugins_built_in_untraced(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SCHOOLWORK_TRACE_PLUGINS", "1")  # the core host never traces
    host = counted._core_host()
    infos = host.plugins(builtin=True)
    assert [(i.name, i.builtin) for i in infos] == [
        ("schoolwork.appeals", True),
        ("schoolwork.counted", True),
        ("schoolwork.gains", True),
        ("schoolwork.raters", True),
        ("schoolwork.records", True),
    ]
    assert [i.name for i in host.plugins()] == []
    for computed in infos[:4]:  # counted, gained, rated and appealed values
        assert "schoolwork_indicator_values" in computed.hooks
    assert "schoolwork_record_kinds" in infos[4].hooks
    host.call("schoolwork_record_kinds", returns(RecordKind))
    assert capsys.readouterr().err == ""  # no trace, though the environment asks for one


# -- which of the core's values the engine asks -----------------------------------------------


SOURCE = RecordSource("honour")
RATERS_ONE = Raters((RaterWeight(RaterGroup.PEERS, Decimal(1), Combine.MEAN),))
GAINED = Gain("last-year:a")


@pytest.mark.parametrize(
    ("declared", "silent"),
    [
        ({}, {"schoolwork.counted", "schoolwork.raters", "schoolwork.gains"}),
        ({"source": SOURCE}, {"schoolwork.raters", "schoolwork.gains"}),
        ({"raters": RATERS_ONE}, {"schoolwork.counted", "schoolwork.gains"}),
        ({"gain": GAINED}, {"schoolwork.counted", "schoolwork.raters"}),
        ({"source": SOURCE, "raters": RATERS_ONE, "gain": GAINED}, set()),
    ],
)
def test_each_core_value_is_silent_unless_the_scheme_declares_it(
    declared: dict[str, object], silent: set[str]
) -> None:
    scheme = one_dimension()
    (dimension,) = scheme.dimensions
    first, *others = dimension.indicators
    # each declaration on an indicator of its own, the last one of the dimension's
    placed = [first, *others]
    for n, (field, value) in enumerate(declared.items()):
        placed[-1 - n] = attrs.evolve(placed[-1 - n], **{field: value})
    scheme = attrs.evolve(scheme, dimensions=(attrs.evolve(dimension, indicators=tuple(placed)),))
    assert counted.silent(scheme, appealed=False) == {*silent, "schoolwork.appeals"}
    assert counted.silent(scheme, appealed=True) == silent
