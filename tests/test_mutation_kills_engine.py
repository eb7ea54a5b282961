"""The engine's corners that its other tests pass through without looking
(``evaluation/engine.py``): what plugins see and are told, where each value says it came from,
whose records count, and the exact words of every bonus, cap and veto.
See benchmarks/README.md.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import pytest
from evaluation_helpers import IDENTITY, indicators, one_dimension, teachers

import schoolwork
from schoolwork import hookimpl
from schoolwork.calendar import SchoolCalendar, SchoolYear
from schoolwork.conditions import Clause, Condition, Op
from schoolwork.errors import PluginError, SchemeError
from schoolwork.evaluation.engine import evaluate, indicator
from schoolwork.levels import Level
from schoolwork.organisation import School
from schoolwork.records import (
    Activity,
    Appeal,
    AppealDecision,
    AwardRank,
    Honour,
    Incident,
    Recipient,
    RecipientKind,
    RecordBook,
    RecordKind,
    Severity,
    owned_by,
)
from schoolwork.results import Adjustment, BandMove, IndicatorValue, Subject, SubjectResult, Veto
from schoolwork.scheme import (
    Aggregate,
    Band,
    BonusRule,
    Dimension,
    Indicator,
    Method,
    Missing,
    Part,
    PointsRule,
    Ranking,
    RecordSource,
    Rounding,
    RuleKind,
    Scheme,
    Split,
    SubjectKind,
    TiePolicy,
    VetoEffect,
    VetoRule,
)
from schoolwork.workspace import Workspace

D = Decimal
BANDS = (Band("优秀", D(90)), Band("良好", D(80)), Band("合格", D(0)))


def counting(each: int) -> PointsRule:
    return PointsRule(RuleKind.COUNT, each=D(each))


def host(**plugins: object) -> schoolwork.PluginHost:
    return schoolwork.plugin_host(plugins, installed=False)


def two_dimensions(**scheme: Any) -> Scheme:
    dims = (
        Dimension("x", "教学", D(1), indicators("a")),
        Dimension("y", "育人", D(1), indicators("b")),
    )
    return Scheme("s", "s", SubjectKind.TEACHER, "2023-2024", dims, **scheme)


# -- refusing a scheme ---------------------------------------------------------------------------


def test_an_unsound_scheme_is_refused_with_every_problem_located() -> None:
    scheme = attrs.evolve(one_dimension(ids=("a",)), period="2023")
    scheme = attrs.evolve(scheme, dimensions=(attrs.evolve(scheme.dimensions[0], weight=D(0)),))
    with pytest.raises(SchemeError) as caught:
        evaluate(scheme, teachers("t"))
    assert str(caught.value) == (
        "scheme: period: expected a school year such as '2023-2024', found '2023'; "
        "scheme: dimensions[0].weight: expected a weight above 0, found 0"
    )


def test_indicator_finds_any_indicator_and_names_a_missing_one() -> None:
    scheme = two_dimensions()
    assert indicator(scheme, "b").id == "b"
    assert indicator(scheme, "a").id == "a"
    with pytest.raises(KeyError, match="scheme 's' has no indicator 'z'"):
        indicator(scheme, "z")


# -- record kinds a plugin owns, and records without ids -----------------------------------------


@attrs.frozen
class Drill:
    """A plugin's record without an id."""

    date: date
    unit: str
    held: bool


DRILLS = RecordKind(
    "drill", "drills", Drill, ("date", "unit", "held"), ("date", "unit"), owned_by("unit")
)


class Drills:
    @hookimpl
    def schoolwork_record_kinds(self) -> list[RecordKind]:
        return [DRILLS]


NOT_HELD = Condition(all=(Clause("held", Op.EQ, False),))


def class_scheme(**scheme: Any) -> Scheme:
    count = Indicator("drills", "drills", counting(25), source=RecordSource("drill"))
    dims = (Dimension("safety", "安全", D(1), (count,)),)
    return Scheme("c", "c", SubjectKind.CLASS, "2023-2024", dims, bands=BANDS, **scheme)


def test_a_plugins_record_kind_can_be_counted_and_vetoed_on() -> None:
    veto = VetoRule("no-drill", "未演练", "drill", NOT_HELD, (VetoEffect.CANCEL_EXCELLENCE,))
    records = RecordBook(
        {
            "drill": (
                Drill(date(2023, 10, 9), "c1", False),
                Drill(date(2023, 10, 2), "c1", False),
                Drill(date(2023, 11, 6), "c1", True),
                Drill(date(2023, 12, 4), "c1", True),
            )
        }
    )
    subject = Subject("c1", "一班", SubjectKind.CLASS)
    evaluation = evaluate(
        class_scheme(vetoes=(veto,)), [subject], records=records, host=host(drills=Drills())
    )
    result = evaluation.results[0]
    assert result.score == D("100.00")
    assert result.dimension("safety").indicators[0].source == "4 drill records"
    # records without an id are named "?", and the veto names no record
    assert result.vetoes == (
        Veto("no-drill", "未演练: drill ?, ?", (VetoEffect.CANCEL_EXCELLENCE,), record=None),
    )
    assert result.band == "良好"


def test_a_veto_names_its_records_in_id_order_and_the_first_as_its_record() -> None:
    veto = VetoRule("ethics", "师德", "incident", Condition(), (VetoEffect.CANCEL_EXCELLENCE,))
    records = RecordBook.of(
        incident=(
            Incident("i2", "t", date(2024, 4, 1), Severity.MODERATE),
            Incident("i1", "t", date(2024, 5, 1), Severity.MODERATE),
        )
    )
    scheme = one_dimension(ids=("a",), vetoes=(veto,), bands=BANDS)
    result = evaluate(scheme, teachers("t"), values={"t": {"a": D(95)}}, records=records).results[0]
    assert result.vetoes == (
        Veto("ethics", "师德: incident i1, i2", (VetoEffect.CANCEL_EXCELLENCE,), record="i1"),
    )


# -- whose records, in which period --------------------------------------------------------------


def test_the_school_as_a_subject_counts_the_schools_records_and_its_own() -> None:
    honours = Indicator("h", "h", counting(10), source=RecordSource("honour"))
    activities = attrs.evolve(honours, id="act", name="act", source=RecordSource("activity"))
    dims = (Dimension("d", "d", D(1), (honours, activities), Aggregate(Method.SUM)),)
    scheme = Scheme("sch", "sch", SubjectKind.SCHOOL, "2023-2024", dims)
    records = RecordBook.of(
        honour=(
            Honour("h1", "文明校园", Level.CITY, Recipient(RecipientKind.SCHOOL), date(2024, 1, 5)),
        ),
        activity=(Activity("a1", "教研", "开放周", date(2023, 11, 1), unit="school1"),),
    )
    school = Subject("school1", "一中", SubjectKind.SCHOOL)
    result = evaluate(scheme, [school], records=records).results[0]
    assert [i.value for i in result.dimension("d").indicators] == [D(1), D(1)]


def test_the_workspaces_calendar_bounds_the_period() -> None:
    count = Indicator("h", "h", counting(10), source=RecordSource("honour"))
    scheme = Scheme(
        "s", "s", SubjectKind.TEACHER, "2023-2024", (Dimension("d", "d", D(1), (count,)),)
    )
    person = Recipient(RecipientKind.PERSON, "t")
    records = RecordBook.of(
        honour=(
            Honour("h1", "a", Level.COUNTY, person, date(2024, 3, 1)),
            Honour("h2", "b", Level.COUNTY, person, date(2024, 8, 1)),  # in the summer holiday
        )
    )
    year = SchoolYear("2023-2024", date(2023, 9, 1), date(2024, 7, 15))
    workspace = Workspace(School("s", "s"), calendar=SchoolCalendar(years=(year,)))
    without = evaluate(scheme, teachers("t"), records=records).results[0]
    within = evaluate(scheme, teachers("t"), records=records, workspace=workspace).results[0]
    assert without.score == D("20.00")  # 1 September to 31 August
    assert within.score == D("10.00")  # the calendar's year ends on 15 July


# -- plugins' values -----------------------------------------------------------------------------


class FromWorkspace:
    @hookimpl
    def schoolwork_indicator_values(self, workspace: Workspace | None) -> dict[str, Any]:
        return {"a": D(90) if workspace is not None and workspace.school.id == "s" else D(10)}


def test_a_plugin_sees_the_workspace() -> None:
    workspace = Workspace(School("s", "s"))
    result = evaluate(
        one_dimension(ids=("a",)),
        teachers("t"),
        workspace=workspace,
        host=host(reading=FromWorkspace()),
    ).results[0]
    assert result.score == D("90.00")


class Returns:
    def __init__(self, **values: object) -> None:
        self.values = values

    @hookimpl
    def schoolwork_indicator_values(self) -> dict[str, object]:
        return self.values


def scores_of(result: SubjectResult) -> list[tuple[str, object, str]]:
    return [(i.id, i.value, i.source) for d in result.dimensions for i in d.indicators]


def test_where_each_value_came_from() -> None:
    scheme = one_dimension(ids=("a", "b", "c", "d", "e"))
    plugin = Returns(a=IndicatorValue(D(3), "3 research activities"), b=7, c=None)
    result = evaluate(
        scheme, teachers("t"), values={"t": {"d": None}}, host=host(reading=plugin)
    ).results[0]
    assert scores_of(result) == [
        ("a", D(3), "plugin:reading (3 research activities)"),
        ("b", D(7), "plugin:reading"),
        ("c", None, "plugin:reading"),
        ("d", None, "input"),  # given as empty
        ("e", None, "no value"),  # not given at all
    ]
    assert type(result.dimensions[0].indicators[1].value) is Decimal
    assert result.score == D("5.00")  # a 3 and b 7 count; missing values are left out


def test_the_cores_counts_say_how_they_counted() -> None:
    scheme = one_dimension(ids=("a",))
    counted = Indicator("n", "n", IDENTITY, source=RecordSource("incident"))
    scheme = attrs.evolve(
        scheme, dimensions=(attrs.evolve(scheme.dimensions[0], indicators=(counted,)),)
    )
    records = RecordBook.of(incident=(Incident("i1", "t", date(2024, 4, 1), Severity.MINOR),))
    result = evaluate(scheme, teachers("t"), records=records).results[0]
    assert scores_of(result) == [("n", D(1), "1 incident records")]


def test_a_value_given_by_two_plugins_names_both() -> None:
    with pytest.raises(PluginError) as caught:
        evaluate(
            one_dimension(ids=("a",)),
            teachers("t"),
            host=host(one=Returns(a=D(1)), two=Returns(a=D(2))),
        )
    error = caught.value
    assert error.plugin in {"one", "two"}  # whichever pluggy asked second
    other = "two" if error.plugin == "one" else "one"
    assert error.hook == "schoolwork_indicator_values"
    assert error.error == f"indicator 'a' is given by plugin {other!r} too"
    assert str(error) == (
        f"plugin {error.plugin!r} failed in hook schoolwork_indicator_values: "
        f"indicator 'a' is given by plugin {other!r} too"
    )


@pytest.mark.parametrize("value", [True, IndicatorValue(1.5, "a float")])  # type: ignore[arg-type]
def test_a_plugin_value_that_is_not_a_number_is_refused(value: object) -> None:
    with pytest.raises(PluginError) as caught:
        evaluate(one_dimension(ids=("a",)), teachers("t"), host=host(odd=Returns(a=value)))
    found = value.value if isinstance(value, IndicatorValue) else value
    assert (caught.value.plugin, caught.value.hook) == ("odd", "schoolwork_indicator_values")
    assert caught.value.error == f"indicator 'a': expected a Decimal or int, got {found!r}"


# -- plugins' adjustments and vetoes -------------------------------------------------------------


class Adjusts:
    def __init__(self, *items: Adjustment | Veto) -> None:
        self.items = items
        self.seen: list[tuple[object, ...]] = []

    @hookimpl
    def schoolwork_adjust_result(
        self, scheme: Scheme, subject: Subject, result: SubjectResult, records: RecordBook
    ) -> tuple[Adjustment | Veto, ...]:
        self.seen.append(
            (scheme.id, subject.id, result.subject.id, result.score, result.rank, result.band,
             len(records.honours))
        )  # fmt: skip
        return self.items


def test_a_plugin_adjusts_the_result_it_was_shown() -> None:
    plugin = Adjusts(Adjustment(D(5), "加班", rule="overtime", applied=D(99)))
    honour = Honour("h1", "a", Level.COUNTY, Recipient(RecipientKind.PERSON, "t"), date(2024, 1, 1))
    scheme = one_dimension(ids=("a",), bonus_cap=D(10))
    result = evaluate(
        scheme,
        teachers("t"),
        values={"t": {"a": D(80)}},
        records=RecordBook.of(honour=(honour,)),
        host=host(extra=plugin),
    ).results[0]
    # the preview: the weighted total, not yet ranked or banded, and the subject's records
    assert plugin.seen == [("s", "t", "t", D("80.00"), D(0), None, 1)]
    assert result.adjustments == (
        Adjustment(D(5), "加班", "overtime", None, "plugin:extra", D("5.00")),
    )
    assert result.score == D("85.00")  # what the plugin asked for, not what it said was applied


def test_a_plugins_veto_zeroes_a_dimension() -> None:
    veto = Veto("late", "迟到", (VetoEffect.ZERO_DIMENSION,), dimension="x")
    result = evaluate(
        two_dimensions(),
        teachers("t"),
        values={"t": {"a": D(90), "b": D(70)}},
        host=host(strict=Adjusts(veto)),
    ).results[0]
    assert result.dimension("x").score == D(0)
    assert result.dimension("x").note == "zeroed by veto late: 迟到"
    assert result.dimension("y").note == ""
    assert result.score == D("35.00")
    assert result.vetoes == (attrs.evolve(veto, source="plugin:strict"),)


# -- dimensions ----------------------------------------------------------------------------------


def test_a_dimension_says_what_it_is_and_how_it_combines() -> None:
    scheme = two_dimensions()
    result = evaluate(scheme, teachers("t"), values={"t": {"a": D(90), "b": D(70)}}).results[0]
    x = result.dimension("x")
    assert (x.name, x.method, x.note, x.process, x.result) == (
        "教学",
        "weighted mean",
        "",
        None,
        None,
    )
    assert result.weighted == D("80.00")


def test_a_missing_value_leaves_the_later_ones_counted() -> None:
    scheme = one_dimension(ids=("a", "b"), missing=Missing.EXCLUDE)
    result = evaluate(scheme, teachers("t"), values={"t": {"b": D(80)}}).results[0]
    assert result.dimension("dim").score == D("80.00")


def test_nothing_at_all_is_a_weighted_total_of_zero() -> None:
    result = evaluate(two_dimensions(), teachers("t")).results[0]
    assert [d.score for d in result.dimensions] == [None, None]
    assert (result.weighted, result.score) == (D(0), D("0.00"))


def test_a_split_with_weights_that_do_not_add_up_to_one() -> None:
    dimension = Dimension(
        "dim", "dim", D(1),
        (Indicator("p", "p", IDENTITY, part=Part.PROCESS), Indicator("r", "r", IDENTITY)),
    )  # fmt: skip
    scheme = Scheme(
        "s", "s", SubjectKind.TEACHER, "2023-2024", (dimension,), split=Split(D(3), D(1))
    )
    result = evaluate(scheme, teachers("t"), values={"t": {"p": D(90), "r": D(50)}}).results[0]
    assert result.score == D("80.00")  # (3 × 90 + 1 × 50) / 4


# -- the scheme's bonus rules --------------------------------------------------------------------


def honour(
    record_id: str,
    level: Level = Level.COUNTY,
    rank: AwardRank | None = AwardRank.FIRST,
    category: str = "教学",
) -> Honour:
    person = Recipient(RecipientKind.PERSON, "t")
    return Honour(record_id, f"荣誉{record_id}", level, person, date(2024, 1, int(record_id[1:])),
                  rank, category=category)  # fmt: skip


def bonus_result(rule: BonusRule, *honours: Honour, **scheme: Any) -> SubjectResult:
    scheme.setdefault("bonus_cap", D(20))
    built = one_dimension(ids=("a",), bonuses=(rule,), **scheme)
    records = RecordBook.of(honour=honours)
    return evaluate(built, teachers("t"), values={"t": {"a": D(50)}}, records=records).results[0]


def adjustments(result: SubjectResult) -> list[tuple[str | None, Decimal, str, Decimal | None]]:
    return [(a.record, a.points, a.reason, a.applied) for a in result.adjustments]


def test_only_honours_of_the_rules_categories_count() -> None:
    rule = BonusRule("b", "b", {"county": {"first": D(2)}}, categories=("教学",))
    result = bonus_result(rule, honour("h1"), honour("h2", category="育人"))
    assert [a.record for a in result.adjustments] == ["h1"]


def test_an_honour_the_table_does_not_price_earns_nothing() -> None:
    rule = BonusRule("b", "b", {"county": {"first": D(2)}})
    result = bonus_result(rule, honour("h1", rank=AwardRank.THIRD), honour("h2", Level.CITY))
    assert adjustments(result) == [
        ("h1", D(0), "荣誉h1 (county, third)", D("0.00")),
        ("h2", D(0), "荣誉h2 (city, first)", D("0.00")),
    ]


def test_a_cap_reached_exactly_limits_nothing() -> None:
    rule = BonusRule("b", "b", {"county": {"first": D(2)}}, category_cap=D(4), cap=D(4))
    result = bonus_result(rule, honour("h1"), honour("h2"))
    assert adjustments(result) == [
        ("h1", D(2), "荣誉h1 (county, first)", D("2.00")),
        ("h2", D(2), "荣誉h2 (county, first)", D("2.00")),
    ]


def test_the_rule_cap_counts_what_was_allowed_so_far() -> None:
    rule = BonusRule("b", "b", {"county": {"first": D(2), "title": D(2)}}, cap=D(5))
    result = bonus_result(rule, honour("h1"), honour("h2"), honour("h3", rank=None))
    assert adjustments(result) == [
        ("h1", D(2), "荣誉h1 (county, first)", D("2.00")),
        ("h2", D(2), "荣誉h2 (county, first)", D("2.00")),
        ("h3", D(2), "荣誉h3 (county, title); limited by rule cap 5", D("1.00")),
    ]


def test_both_caps_are_named_when_both_limit() -> None:
    rule = BonusRule("b", "b", {"county": {"first": D(3)}}, category_cap=D(4), cap=D("3.5"))
    result = bonus_result(rule, honour("h1"), honour("h2"))
    assert adjustments(result)[1] == (
        "h2",
        D(3),
        "荣誉h2 (county, first); limited by category cap 4, rule cap 3.5",
        D("0.50"),
    )


def test_the_bonus_cap_is_named_where_it_limits() -> None:
    rule = BonusRule("b", "b", {"county": {"first": D(2)}})
    result = bonus_result(rule, honour("h1"), honour("h2"), bonus_cap=D(3))
    assert adjustments(result) == [
        ("h1", D(2), "荣誉h1 (county, first)", D("2.00")),
        ("h2", D(2), "荣誉h2 (county, first); limited by bonus cap 3", D("1.00")),
    ]


def test_a_veto_removes_bonus_points_but_leaves_an_honour_worth_nothing_alone() -> None:
    rule = BonusRule("b", "b", {"county": {"first": D(2)}})
    veto = VetoRule("ethics", "师德", "incident", Condition(), (VetoEffect.CANCEL_AWARDS,))
    built = one_dimension(ids=("a",), bonuses=(rule,), bonus_cap=D(20), vetoes=(veto,))
    records = RecordBook.of(
        honour=(honour("h1"), honour("h2", Level.CITY)),
        incident=(Incident("i1", "t", date(2024, 4, 1), Severity.MINOR),),
    )
    result = evaluate(built, teachers("t"), values={"t": {"a": D(50)}}, records=records).results[0]
    assert adjustments(result) == [
        ("h1", D(2), "荣誉h1 (county, first); removed by veto ethics", D("0.00")),
        ("h2", D(0), "荣誉h2 (city, first)", D("0.00")),
    ]


# -- ranks, bands and plugins' bands -------------------------------------------------------------


def test_a_missing_tie_breaker_ranks_below_a_zero() -> None:
    scheme = two_dimensions(ranking=Ranking(TiePolicy.COMPETITION, ("y",)))
    values = {"p": {"a": D(45)}, "q": {"a": D(90), "b": D(0)}}  # both 45.00
    evaluation = evaluate(scheme, teachers("p", "q"), values=values)
    assert [(r.subject.id, r.rank) for r in evaluation.results] == [("q", D(1)), ("p", D(2))]
    assert (evaluation.scheme, evaluation.period) == ("s", "2023-2024")
    assert evaluation.result("q").weighted == D("45.00")


def test_tie_breakers_that_separate_a_tie_at_a_quota_are_no_tie() -> None:
    bands = (Band("A", D(80), D("0.5")), Band("B", D(0)))
    scheme = two_dimensions(ranking=Ranking(TiePolicy.ORDINAL, ("y",)), bands=bands)
    values = {"p": {"a": D(80), "b": D(100)}, "q": {"a": D(100), "b": D(80)}}  # both 90.00
    evaluation = evaluate(scheme, teachers("p", "q"), values=values)
    assert evaluation.result("p").band == "A"
    assert evaluation.result("q").moves == (
        BandMove("A", "B", "quota of A is 1 of 2 (50 %, floor); ranked 2"),
    )


class SetsBands:
    def __init__(self, changes: dict[str, str | None]) -> None:
        self.changes = changes

    @hookimpl
    def schoolwork_assign_bands(self, scheme: Scheme) -> dict[str, str | None] | None:
        return self.changes if scheme.id == "s" else None


def test_a_plugin_sets_bands_and_each_change_is_a_move() -> None:
    scheme = one_dimension(ids=("a",), bands=BANDS)
    evaluation = evaluate(
        scheme,
        teachers("p", "q"),
        values={"p": {"a": D(95)}, "q": {"a": D(85)}},
        host=host(office=SetsBands({"p": "良好", "q": "良好"})),
    )
    assert evaluation.result("p").moves == (BandMove("优秀", "良好", "set by plugin:office"),)
    assert evaluation.result("q").moves == ()  # already there: nothing moved


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"zz": "良好"}, "unknown subject 'zz' or band '良好'"),
        ({"p": "特优"}, "unknown subject 'p' or band '特优'"),
    ],
)
def test_a_plugin_may_not_set_an_unknown_subject_or_band(
    changes: dict[str, str | None], error: str
) -> None:
    scheme = one_dimension(ids=("a",), bands=BANDS)
    with pytest.raises(PluginError) as caught:
        evaluate(
            scheme, teachers("p"), values={"p": {"a": D(95)}}, host=host(office=SetsBands(changes))
        )
    assert (caught.value.plugin, caught.value.hook, caught.value.error) == (
        "office",
        "schoolwork_assign_bands",
        error,
    )


def test_each_part_of_a_split_dimension_is_rounded_before_they_combine() -> None:
    dimension = Dimension(
        "dim",
        "dim",
        D(1),
        (
            *(Indicator(f"p{n}", f"p{n}", IDENTITY, part=Part.PROCESS) for n in range(3)),
            Indicator("r", "r", IDENTITY),
        ),
        Aggregate(Method.MEAN),
    )
    scheme = Scheme(
        "s", "s", SubjectKind.TEACHER, "2023-2024", (dimension,), split=Split(D(1), D(1))
    )
    values = {"t": {"p0": D(80), "p1": D(81), "p2": D(81), "r": D(60)}}
    result = evaluate(scheme, teachers("t"), values=values).results[0]
    assert result.dimension("dim").process == D("80.67")  # 80.666… shown as 80.67
    assert result.dimension("dim").result == D("60.00")
    # (80.67 + 60) / 2 = 70.335 → 70.34; from the unrounded 80.666… it would be 70.33
    assert result.score == D("70.34")


# -- conditions ----------------------------------------------------------------------------------

SERIOUS = Clause("severity", Op.GE, "serious")
ETHICS = Clause("kind", Op.EQ, "ethics")
LATE = Clause("kind", Op.EQ, "late")


@pytest.mark.parametrize(
    ("condition", "severity", "kind", "matches"),
    [
        (Condition(any=(SERIOUS, LATE)), Severity.MINOR, "late", True),  # one of any is enough
        (Condition(any=(SERIOUS, LATE)), Severity.SERIOUS, "ethics", True),
        (Condition(any=(SERIOUS, LATE)), Severity.MINOR, "ethics", False),
        (Condition(all=(ETHICS,), any=(SERIOUS, LATE)), Severity.SEVERE, "ethics", True),
        (Condition(all=(ETHICS,), any=(SERIOUS, LATE)), Severity.MINOR, "ethics", False),
        (Condition(all=(ETHICS, SERIOUS)), Severity.SERIOUS, "ethics", True),
        (Condition(all=(ETHICS, SERIOUS)), Severity.MODERATE, "ethics", False),
        (Condition(), Severity.MINOR, "x", True),
        (Condition(all=(Clause("severity", Op.IN, "minor"),)), Severity.MINOR, "x", True),
        (
            Condition(all=(Clause("severity", Op.IN, ("serious", "severe")),)),
            Severity.MINOR,
            "x",
            False,
        ),
        (Condition(all=(Clause("severity", Op.GT, "serious"),)), Severity.SERIOUS, "x", False),
        (Condition(all=(Clause("severity", Op.LT, "serious"),)), Severity.MODERATE, "x", True),
        (Condition(all=(Clause("severity", Op.LE, "serious"),)), Severity.SERIOUS, "x", True),
        (Condition(all=(Clause("kind", Op.NE, "x"),)), Severity.SERIOUS, "x", False),
    ],
)
def test_a_condition_matches_by_all_and_any(
    condition: Condition, severity: Severity, kind: str, matches: bool
) -> None:
    record = Incident("i1", "t", date(2024, 4, 1), severity, kind=kind)
    assert condition.matches(record) is matches


def test_a_plugin_value_for_an_unknown_indicator_names_the_plugin() -> None:
    with pytest.raises(PluginError) as caught:
        evaluate(one_dimension(ids=("a",)), teachers("t"), host=host(odd=Returns(zz=D(1))))
    assert (caught.value.plugin, caught.value.hook, caught.value.error) == (
        "odd",
        "schoolwork_indicator_values",
        "scheme 's' has no indicator 'zz'",
    )


def test_an_adjustment_of_int_points_names_its_plugin() -> None:
    plugin = Adjusts(Adjustment(5, "整数", rule="r"))  # type: ignore[arg-type]
    with pytest.raises(PluginError) as caught:
        evaluate(one_dimension(ids=("a",)), teachers("t"), host=host(extra=plugin))
    assert (caught.value.plugin, caught.value.hook, caught.value.error) == (
        "extra",
        "schoolwork_adjust_result",
        "expected an Adjustment of Decimal points, got 5",
    )


# -- zero is shown as 0.00, never -0.00 ----------------------------------------------------------


def test_a_score_of_zero_is_never_shown_as_minus_zero_under_floor_rounding() -> None:
    rule = PointsRule(RuleKind.LINEAR, floor=D(60), ceiling=D(100))
    dimension = Dimension("d", "d", D(1), (Indicator("a", "a", rule),))
    scheme = Scheme(
        "s", "s", SubjectKind.TEACHER, "2023-2024", (dimension,), rounding=Rounding.FLOOR
    )
    result = evaluate(scheme, teachers("t"), values={"t": {"a": D(60)}}).results[0]
    shown = (result.dimensions[0].indicators[0].points, result.dimensions[0].score, result.score)
    assert [f"{n:f}" for n in shown] == ["0.00", "0.00", "0.00"]  # x - x is -0 under floor


def test_a_deduction_that_cancels_the_total_leaves_zero_not_minus_zero() -> None:
    scheme = one_dimension(ids=("a",), rounding=Rounding.FLOOR)
    plugin = Adjusts(Adjustment(D(-3), "扣分", rule="d"))
    result = evaluate(
        scheme, teachers("t"), values={"t": {"a": D(3)}}, host=host(d=plugin)
    ).results[0]
    assert f"{result.score:f}" == "0.00"


def test_a_tiny_deduction_is_shown_as_zero_not_minus_zero() -> None:
    plugin = Adjusts(Adjustment(D("-0.001"), "扣分", rule="d"))
    scheme = one_dimension(ids=("a",))
    result = evaluate(
        scheme, teachers("t"), values={"t": {"a": D(50)}}, host=host(d=plugin)
    ).results[0]
    assert f"{result.adjustments[0].applied:f}" == "0.00"
    assert "adjustment +0.00 from plugin:d (d): 扣分" in schoolwork.explain(result, scheme)


def test_a_bonus_cap_reached_under_floor_rounding_allows_zero_not_minus_zero() -> None:
    rule = BonusRule("b", "b", {"county": {"first": D(2)}}, category_cap=D(2))
    result = bonus_result(rule, honour("h1"), honour("h2"), rounding=Rounding.FLOOR)
    assert [f"{a.applied:f}" for a in result.adjustments] == ["2.00", "0.00"]


# -- the paths the engine takes since it scores a subject's dimensions in one method -------------


def test_a_selecting_dimension_zeroed_by_a_veto_is_zero_and_says_why() -> None:
    dims = (
        Dimension("x", "教学", D(1), indicators("a", "b", "c"), Aggregate(drop_lowest=1)),
        Dimension("y", "育人", D(1), indicators("d"), Aggregate(drop_lowest=0)),
    )
    scheme = Scheme("s", "s", SubjectKind.TEACHER, "2023-2024", dims)
    veto = Veto("late", "迟到", (VetoEffect.ZERO_DIMENSION,), dimension="x")
    values = {"t": {"a": D(90), "b": D(70), "c": D(80), "d": D(60)}}
    result = evaluate(scheme, teachers("t"), values=values, host=host(v=Adjusts(veto))).results[0]
    x, y = result.dimensions
    assert (x.score, x.note, x.process, x.result) == (D(0), "zeroed by veto late: 迟到", None, None)
    assert (y.score, y.note, y.process, y.result) == (D("60.00"), "", None, None)
    plain = evaluate(scheme, teachers("t"), values=values).results[0].dimensions[0]
    assert (plain.score, plain.note, plain.process, plain.result) == (D("85.00"), "", None, None)


def test_a_split_dimension_zeroed_by_a_veto_keeps_its_parts_and_says_why() -> None:
    a, b = indicators("a", "b")
    dims = (Dimension("x", "教学", D(1), (a, attrs.evolve(b, part=Part.PROCESS))),)
    split = Split(D("0.6"), D("0.4"))
    scheme = Scheme("s", "s", SubjectKind.TEACHER, "2023-2024", dims, split=split)
    veto = Veto("late", "迟到", (VetoEffect.ZERO_DIMENSION,), dimension="x")
    values = {"t": {"a": D(90), "b": D(70)}}
    x = evaluate(scheme, teachers("t"), values=values, host=host(v=Adjusts(veto))).results[0]
    (dimension,) = x.dimensions
    assert (dimension.score, dimension.note) == (D(0), "zeroed by veto late: 迟到")
    assert (dimension.process, dimension.result) == (D("70.00"), D("90.00"))


def test_beside_a_plugins_value_the_others_say_they_were_given() -> None:
    scheme = one_dimension(ids=("a", "b", "c"))
    result = evaluate(
        scheme, teachers("t"), values={"t": {"a": D(80), "c": D(60)}}, host=host(r=Returns(b=7))
    ).results[0]
    assert scores_of(result) == [
        ("a", D(80), "input"),
        ("b", D(7), "plugin:r"),
        ("c", D(60), "input"),
    ]


@pytest.mark.parametrize("plugins_subject", ["t1", "t2"])
def test_one_value_object_from_a_plugin_and_as_input_is_shown_as_each_ones(
    plugins_subject: str,
) -> None:
    # Whichever comes first: an input's row is shared by the value object, and a plugin's value
    # is never an input's row, even as the same object (the indicator's name is not its id).
    seventy = D(70)

    class Gives:
        @hookimpl
        def schoolwork_indicator_values(self, subject: Subject) -> dict[str, Decimal] | None:
            return {"a": seventy} if subject.id == plugins_subject else None

    rule = PointsRule(RuleKind.LINEAR, floor=D(0), ceiling=D(100))
    dims = (Dimension("x", "x", D(1), (Indicator("a", "出勤", rule),)),)
    scheme = Scheme("s", "s", SubjectKind.TEACHER, "2023-2024", dims)
    inputs = "t2" if plugins_subject == "t1" else "t1"
    values: dict[str, dict[str, Decimal | None]] = {plugins_subject: {}, inputs: {"a": seventy}}
    evaluation = evaluate(scheme, teachers("t1", "t2"), values=values, host=host(gives=Gives()))
    sources = {r.subject.id: r.dimensions[0].indicators[0].source for r in evaluation.results}
    assert sources == {plugins_subject: "plugin:gives", inputs: "input"}


def test_two_indicators_alike_but_for_their_id_each_show_their_own() -> None:
    rule = PointsRule(RuleKind.LINEAR, floor=D(10), ceiling=D(110))  # this test's own rule
    twins = (Indicator("p", "同名", rule), Indicator("q", "同名", rule))
    scheme = Scheme("s", "s", SubjectKind.TEACHER, "2023-2024", (Dimension("x", "x", D(1), twins),))
    sixty = D(60)
    # The second teacher's values are the first's objects: met before, their rows are shared.
    values = {"t": {"p": sixty, "q": sixty}, "u": {"p": sixty, "q": sixty}}
    for result in evaluate(scheme, teachers("t", "u"), values=values).results:
        assert [(i.id, i.points) for i in result.dimensions[0].indicators] == [
            ("p", D("50.00")),
            ("q", D("50.00")),
        ]


def test_rows_kept_from_one_evaluation_serve_the_next_with_its_own_weights() -> None:
    rule = PointsRule(RuleKind.LINEAR, floor=D(20), ceiling=D(120))  # this test's own rule
    a, b = Indicator("a", "甲项", rule), Indicator("b", "乙项", rule)
    light = Scheme("s", "s", SubjectKind.TEACHER, "2023-2024", (Dimension("x", "x", D(1), (a, b)),))
    heavy_a = (attrs.evolve(a, weight=D(3)), b)
    heavy = attrs.evolve(light, dimensions=(Dimension("x", "x", D(1), heavy_a),))
    values: dict[str, dict[str, Decimal | None]] = {"t": {"a": D(100), "b": D(60)}}
    assert evaluate(light, teachers("t"), values=values).results[0].score == D("60.00")
    # (3 × 80 + 40) / 4, not the first evaluation's (80 + 40) / 2 with the weights of now
    assert evaluate(heavy, teachers("t"), values=values).results[0].score == D("70.00")


def test_the_values_hook_is_not_called_when_nothing_can_answer() -> None:
    # The core's counts, ballots and gains answer nothing for a scheme that declares none of
    # them, and no other plugin gives values: the hook is not called for any subject.
    called: list[str] = []
    plugins = host()
    plugins.manager.add_hookcall_monitoring(
        lambda name, impls, kwargs: called.append(name), lambda *after: None
    )
    values: dict[str, dict[str, Decimal | None]] = {"t": {"a": D(70)}, "u": {"a": D(80)}}
    evaluate(one_dimension(ids=("a",)), teachers("t", "u"), values=values, host=plugins)
    assert "schoolwork_indicator_values" not in called
    assert "schoolwork_assign_bands" in called  # the monitoring sees the calls there are


def test_an_upheld_appeal_corrects_a_value_where_nothing_else_gives_values() -> None:
    upheld = Appeal(
        "A1", "t", "s", date(2024, 5, 1), "a", corrected=D(90), decision=AppealDecision.UPHELD
    )
    scheme = one_dimension(ids=("a",))
    evaluation = evaluate(
        scheme,
        teachers("t", "u"),
        values={"t": {"a": D(60)}, "u": {"a": D(70)}},
        records=RecordBook.of(appeal=(upheld,)),
    )
    shown = {r.subject.id: scores_of(r) for r in evaluation.results}
    assert shown == {
        "t": [("a", D(90), "corrected by appeal A1")],
        "u": [("a", D(70), "input")],
    }


def test_deductions_rounded_as_a_running_total_say_so() -> None:
    plugin = Adjusts(
        Adjustment(D("-0.005"), "扣一", rule="d1"), Adjustment(D("-0.005"), "扣二", rule="d2")
    )
    scheme = one_dimension(ids=("a",))
    result = evaluate(
        scheme, teachers("t"), values={"t": {"a": D(50)}}, host=host(d=plugin)
    ).results[0]
    assert [(a.applied, a.reason) for a in result.adjustments] == [
        (D("-0.01"), "扣一"),  # -0.005 is shown -0.01, and so is the running total
        (D("0.00"), "扣二; shown as 0.00 so the deductions add up to their rounded total"),
    ]


def test_a_veto_rule_with_no_records_of_its_kind_leaves_the_next_rule_its_turn() -> None:
    rules = (
        VetoRule("first", "一", "activity", Condition(), (VetoEffect.CANCEL_EXCELLENCE,)),
        VetoRule("second", "二", "incident", Condition(), (VetoEffect.CANCEL_EXCELLENCE,)),
    )
    scheme = one_dimension(ids=("a",), vetoes=rules, bands=BANDS)
    records = RecordBook.of(incident=(Incident("i1", "t", date(2024, 3, 1), Severity.MINOR),))
    result = evaluate(scheme, teachers("t"), values={"t": {"a": D(95)}}, records=records)
    assert [v.rule for v in result.results[0].vetoes] == ["second"]
    assert result.results[0].band == "良好"


@pytest.mark.parametrize("value", ["NaN", "sNaN", "Infinity", "-Infinity"])
def test_a_number_that_is_no_number_is_refused_where_it_comes_from(value: str) -> None:
    scheme = one_dimension(ids=("a", "b"))
    with pytest.raises(PluginError) as from_plugin:
        evaluate(scheme, teachers("t"), values={}, host=host(odd=Returns(a=D(value))))
    assert str(from_plugin.value) == (
        "plugin 'odd' failed in hook schoolwork_indicator_values: "
        f"indicator 'a': expected a finite number, got {D(value)}"
    )
    given = {"t": {"a": D(50), "b": D(60)}, "u": {"a": D(50), "b": D(value)}}
    with pytest.raises(ValueError, match="expected a finite number") as from_input:
        evaluate(scheme, teachers("t", "u"), values=given)
    assert str(from_input.value) == (
        f"subject 'u', indicator 'b': expected a finite number, got {D(value)}"
    )


def test_a_values_row_is_shared_by_its_indicators_id_not_its_name() -> None:
    # Names that are not ids: the row of a value met before is found by the indicator's id.
    named = tuple(attrs.evolve(i, name=f"指标{i.id}") for i in indicators("a", "b"))
    plain = one_dimension(ids=("a", "b"))
    scheme = attrs.evolve(plain, dimensions=(attrs.evolve(plain.dimensions[0], indicators=named),))
    ninety, eighty = D("90.0"), D(80)  # one object each, as values read from a file are
    values = {t: {"a": ninety, "b": eighty} for t in ("t", "u", "v")}
    results = evaluate(scheme, teachers("t", "u", "v"), values=values).results
    rows = [r.dimensions[0].indicators for r in results]
    assert rows[0][0].name == "指标a"
    assert all(x is y for x, y in zip(rows[1], rows[2], strict=True))


def test_each_dimension_reads_its_own_indicators_values() -> None:
    # Dimensions of different sizes, so that each one's place among the values is its own; the
    # second subject's values, the same objects, are found in the rows the first one made.
    sizes = {"a": 1, "b": 2, "c": 3, "d": 1}
    dimensions = tuple(
        Dimension(d, d, D(1), indicators(*(f"{d}{n}" for n in range(size))))
        for d, size in sizes.items()
    )
    scheme = attrs.evolve(one_dimension(), dimensions=dimensions)
    given = {
        f"{d}{n}": D(10 * (k + 1) + n)
        for k, (d, size) in enumerate(sizes.items())
        for n in range(size)
    }
    results = evaluate(scheme, teachers("t", "u"), values={"t": given, "u": given}).results
    for result in results:
        assert [dim.score for dim in result.dimensions] == [D(10), D("20.5"), D(31), D(40)]
        assert [i.id for dim in result.dimensions for i in dim.indicators] == list(given)
