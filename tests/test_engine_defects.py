"""Engine defects of issue 12, each reproduced, and the order of veto effects and quotas.

The order (docs/evaluation.md, "The order of veto effects and quotas"): the band the shown score
reaches → forces (the lowest forced band wins; a cancelling veto voids every force into the top
band) → a cancelling veto moves the subject out of the top band → quotas from the top band down,
forced subjects taking their places first, then the rest by rank. A quota is never exceeded.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

import schoolwork
from schoolwork import (
    AwardRank,
    Band,
    Clause,
    Condition,
    Dimension,
    Honour,
    Incident,
    Indicator,
    Inspection,
    Level,
    Op,
    PointsRule,
    Ranking,
    Recipient,
    RecipientKind,
    RecordBook,
    RecordSource,
    RuleKind,
    Scheme,
    SchemeError,
    Severity,
    Subject,
    SubjectKind,
    TiePolicy,
    VetoEffect,
    VetoRule,
)
from schoolwork.checks import schemes as scheme_checks
from schoolwork.cli import cli

D = Decimal
SCORE = PointsRule(RuleKind.LINEAR, floor=D(0), ceiling=D(100))  # value == points

NATIONAL = VetoRule(
    "national-honour",
    "国家级荣誉直接评优",
    "honour",
    Condition(all=(Clause("level", Op.EQ, "national"),)),
    (VetoEffect.FORCE_BAND,),
    band="优秀",
)
ETHICS = VetoRule(
    "ethics",
    "师德一票否决",
    "incident",
    Condition(all=(Clause("severity", Op.GE, "moderate"),)),
    (VetoEffect.CANCEL_EXCELLENCE, VetoEffect.CANCEL_AWARDS),
)


def teacher_scheme(
    *vetoes: VetoRule, quota: str | None = "0.2", ties: TiePolicy = TiePolicy.COMPETITION
) -> Scheme:
    return Scheme(
        "t",
        "教师考核",
        SubjectKind.TEACHER,
        "2023-2024",
        (Dimension("work", "工作", D(1), (Indicator("a", "工作实绩", SCORE),)),),
        bands=(
            Band("优秀", D(90), quota=None if quota is None else D(quota)),
            Band("良好", D(80)),
            Band("合格", D(60)),
            Band("不合格", D(0)),
        ),
        vetoes=vetoes,
        ranking=Ranking(ties),
    )


def teachers(values: dict[str, str]) -> tuple[list[Subject], dict[str, dict[str, Decimal | None]]]:
    subjects = [Subject(i, i, SubjectKind.TEACHER) for i in values]
    return subjects, {i: {"a": D(v)} for i, v in values.items()}


def national_honour(record_id: str, person: str) -> Honour:
    return Honour(
        record_id,
        "全国优秀教师",
        Level.NATIONAL,
        Recipient(RecipientKind.PERSON, person),
        date(2024, 3, 1),
        AwardRank.FIRST,
    )


def ethics_incident(person: str) -> Incident:
    return Incident("i1", person, date(2024, 4, 1), Severity.MODERATE)


def bands_of(evaluation: schoolwork.Evaluation) -> dict[str, str | None]:
    return {r.subject.id: r.band for r in evaluation.results}


# -- 1. a force into a band with a quota ---------------------------------------------------------


def test_forced_subjects_never_push_a_band_over_its_quota() -> None:
    # Five teachers, 20 % of 5 = 1 place of 优秀; two national honours force 优秀.
    subjects, values = teachers({"T1": "95", "T2": "85", "T3": "84", "T4": "70", "T5": "65"})
    records = RecordBook.of(honour=[national_honour("h1", "T2"), national_honour("h2", "T3")])
    evaluation = schoolwork.evaluate(
        teacher_scheme(NATIONAL), subjects, values=values, records=records
    )
    assert bands_of(evaluation) == {
        "T1": "良好",  # reached 优秀 by score; the one place goes to a forced subject
        "T2": "优秀",  # forced, and ranked better than the other forced subject
        "T3": "良好",  # forced too, but the quota is full: the quota outranks the force
        "T4": "合格",
        "T5": "合格",
    }
    moved = evaluation.result("T3")
    assert [(m.from_band, m.to_band) for m in moved.moves] == [("良好", "优秀"), ("优秀", "良好")]
    assert "quota of 优秀 is 1 of 5" in moved.moves[-1].reason
    assert "forced subjects take the places first" in moved.moves[-1].reason
    pushed = evaluation.result("T1")
    assert "1 taken by forced subjects" in pushed.moves[-1].reason


def test_a_force_into_a_band_with_a_quota_is_warned_about() -> None:
    warnings = scheme_checks.scheme_warnings(teacher_scheme(NATIONAL))
    assert [w.path for w in warnings] == ["vetoes[0].band"]
    assert "quota" in warnings[0].expected
    # Into a band without a quota, a force always holds: nothing to warn about.
    assert scheme_checks.scheme_warnings(teacher_scheme(NATIONAL, quota=None)) == []


def test_a_cancelling_veto_in_a_scheme_of_one_band_is_warned_about() -> None:
    scheme = teacher_scheme(ETHICS, quota=None)
    one_band = Scheme(
        scheme.id, scheme.name, scheme.subject, scheme.period, scheme.dimensions,
        bands=(Band("合格", D(0)),), vetoes=scheme.vetoes,
    )  # fmt: skip
    warnings = scheme_checks.scheme_warnings(one_band, "schemes.toml", "schemes[2]")
    assert [str(w) for w in warnings] == [
        "schemes.toml: schemes[2].vetoes[0].effects: expected at least two bands for "
        "cancel_excellence (with one band there is no excellence to cancel; it does nothing), "
        "found 1 band"
    ]


# -- 2. a cancelling veto and a force into the top band ------------------------------------------


@pytest.mark.parametrize("score", ["85", "95"])
@pytest.mark.parametrize("order", ["cancel first", "force first"])
def test_a_cancelling_veto_beats_a_force_into_the_top_band(score: str, order: str) -> None:
    vetoes = (ETHICS, NATIONAL) if order == "cancel first" else (NATIONAL, ETHICS)
    subjects, values = teachers({"T1": score, "T2": "70", "T3": "60", "T4": "50", "T5": "40"})
    records = RecordBook.of(honour=[national_honour("h1", "T1")], incident=[ethics_incident("T1")])
    scheme = teacher_scheme(*vetoes, quota=None)
    result = schoolwork.evaluate(scheme, subjects, values=values, records=records).result("T1")
    assert {v.rule for v in result.vetoes} == {"ethics", "national-honour"}
    assert result.band == "良好"  # never 优秀; and the force does not lift it either
    story = schoolwork.explain(result, scheme)
    assert "national-honour" in story
    assert "void" in story
    assert "cancels excellence" in story


def test_the_lowest_forced_band_wins_whatever_the_order_of_the_vetoes() -> None:
    fail = VetoRule(
        "ethics-fail",
        "师德考核不合格",
        "incident",
        Condition(all=(Clause("severity", Op.GE, "moderate"),)),
        (VetoEffect.FORCE_BAND,),
        band="不合格",
    )
    subjects, values = teachers({"T1": "95"})
    records = RecordBook.of(honour=[national_honour("h1", "T1")], incident=[ethics_incident("T1")])
    for vetoes in ((NATIONAL, fail), (fail, NATIONAL)):
        scheme = teacher_scheme(*vetoes, quota=None)
        result = schoolwork.evaluate(scheme, subjects, values=values, records=records).results[0]
        assert result.band == "不合格"


# -- 3. a condition's value of the wrong type ----------------------------------------------------


def failed_weeks_scheme(value: object) -> Scheme:
    failed = Condition(all=(Clause("type", Op.EQ, "文明班级"), Clause("passed", Op.EQ, value)))  # type: ignore[arg-type]
    points = PointsRule(RuleKind.COUNT, each=D(10))
    indicator = Indicator(
        "failed", "未获评周数", points, direction=schoolwork.Direction.LOWER,
        source=RecordSource("inspection", failed),
    )  # fmt: skip
    return Scheme(
        "c",
        "班级考核",
        SubjectKind.CLASS,
        "2023-2024",
        (Dimension("civility", "文明班级", D(1), (indicator,)),),
    )


CLASS_1 = Subject("c1", "一年级一班", SubjectKind.CLASS)


def weeks() -> RecordBook:
    passed = [True, True, True, False]
    return RecordBook.of(
        inspection=[
            Inspection(f"w{n}", "文明班级", date(2023, 10, 2 + 7 * n), "c1", passed=ok)
            for n, ok in enumerate(passed)
        ]
    )


def test_a_quoted_false_for_a_yes_no_field_is_refused_not_read_as_true() -> None:
    scheme = failed_weeks_scheme("false")
    problems = scheme_checks.scheme_problems(scheme, "schemes.toml", "schemes[0]")
    assert [p.path for p in problems] == [
        "schemes[0].dimensions[0].indicators[0].source.where.all[1]"
    ]
    assert "true or false" in problems[0].expected
    assert "'false'" in (problems[0].found or "")
    with pytest.raises(SchemeError, match=r"true or false"):
        schoolwork.evaluate(scheme, [CLASS_1], records=weeks())
    # Matching it directly does not silently give a wrong answer either.
    with pytest.raises(TypeError):
        scheme.dimensions[0].indicators[0].source.where.matches(weeks().inspections[0])  # type: ignore[union-attr]


def test_a_real_false_counts_the_failed_weeks_only() -> None:
    evaluation = schoolwork.evaluate(failed_weeks_scheme(False), [CLASS_1], records=weeks())
    assert evaluation.results[0].score == D("90.00")  # one failed week: 100 − 10


def test_a_quoted_false_in_a_scheme_file_is_reported_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "schemes.toml"
    path.write_text(
        """
[[schemes]]
id = "c"
name = "班级考核"
subject = "class"
period = "2023-2024"
[[schemes.dimensions]]
id = "civility"
name = "文明班级"
weight = 1
[[schemes.dimensions.indicators]]
id = "failed"
name = "未获评周数"
direction = "lower"
points = { rule = "count", each = 10 }
[schemes.dimensions.indicators.source]
kind = "inspection"
where = { all = [{ field = "passed", op = "eq", value = "false" }] }
""",
        encoding="utf-8",
    )
    (scheme,) = schoolwork.read_schemes(path)
    with pytest.raises(SchemeError) as caught:
        schoolwork.evaluate(scheme, [CLASS_1], records=weeks())
    assert "dimensions[0].indicators[0].source.where.all[0]" in str(caught.value)
    assert "passed eq 'false'" in str(caught.value)


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        (Clause("score", Op.GE, "80"), "a number"),  # a quoted number for a number field
        (Clause("type", Op.EQ, D(5)), "text"),  # a number for a text field
        (Clause("passed", Op.GE, True), "eq or ne"),  # a yes/no field has no order
        (Clause("score", Op.IN, ("80", "90")), "a number"),
        (Clause("date", Op.GE, "2024-13-01"), "a date"),
    ],
)
def test_condition_values_of_the_wrong_type_are_reported(clause: Clause, expected: str) -> None:
    scheme = failed_weeks_scheme(False)
    where = Condition(all=(clause,))
    indicator = scheme.dimensions[0].indicators[0]
    indicator = Indicator(
        indicator.id, indicator.name, indicator.points, direction=indicator.direction,
        source=RecordSource("inspection", where),
    )  # fmt: skip
    scheme = Scheme(
        "c", "班级考核", SubjectKind.CLASS, "2023-2024",
        (Dimension("civility", "文明班级", D(1), (indicator,)),),
    )  # fmt: skip
    problems = scheme_checks.scheme_problems(scheme, "schemes.toml")
    assert len(problems) == 1, problems
    assert problems[0].path == "dimensions[0].indicators[0].source.where.all[0]"
    assert expected in problems[0].expected


def test_condition_values_of_the_right_type_compare_by_the_fields_type() -> None:
    record = Inspection("w1", "文明班级", date(2023, 10, 9), "c1", score=D("85.5"), passed=False)
    holds = {
        Clause("score", Op.GE, D(80)): True,
        Clause("score", Op.LT, D("85.5")): False,
        Clause("passed", Op.EQ, False): True,
        Clause("passed", Op.NE, False): False,
        Clause("date", Op.GE, "2023-10-01"): True,
        Clause("date", Op.LT, "2023-10-09"): False,
        Clause("type", Op.IN, ("文明班级", "卫生")): True,
    }
    for clause, expected in holds.items():
        assert Condition(all=(clause,)).matches(record) is expected, clause


# -- 4. ordinal ranks and a tie at the quota boundary ---------------------------------------------


def test_an_ordinal_tie_at_the_quota_boundary_is_warned_about_and_explained() -> None:
    # 40 % of 5 = 2 places of 优秀; T003 and T004 tie at 96.67 for the second one.
    subjects, values = teachers(
        {"T001": "99", "T004": "96.67", "T003": "96.67", "T002": "91", "T005": "80"}
    )
    scheme = teacher_scheme(quota="0.4", ties=TiePolicy.ORDINAL)
    evaluation = schoolwork.evaluate(scheme, subjects, values=values)
    assert bands_of(evaluation)["T003"] == "优秀"  # the id decides: ordinal says so
    assert bands_of(evaluation)["T004"] == "良好"
    lost = schoolwork.explain(evaluation.result("T004"), scheme)
    won = schoolwork.explain(evaluation.result("T003"), scheme)
    assert "tie at 96.67 with T003 broken by id for the last 优秀 place" in lost
    assert "tie at 96.67 with T004 broken by id for the last 优秀 place" in won
    assert "T001" not in lost.split("final score")[0].split("band ")[-1]
    warnings = scheme_checks.scheme_warnings(scheme)
    assert [w.path for w in warnings] == ["ranking.ties"]
    assert "by subject id" in warnings[0].expected
    # With a policy that shares ranks, the tie falls whole and nobody is decided by id.
    shared = teacher_scheme(quota="0.4", ties=TiePolicy.COMPETITION)
    assert scheme_checks.scheme_warnings(shared) == []
    assert bands_of(schoolwork.evaluate(shared, subjects, values=values))["T003"] == "良好"


def test_session_and_command_line_show_warnings_without_failing(
    schoolwork_sample_dir: Path,
) -> None:
    schemes = schoolwork_sample_dir / "schemes.toml"
    text = schemes.read_text(encoding="utf-8")
    schemes.write_text(text.replace('ties = "competition"', 'ties = "ordinal"', 1), "utf-8")
    session = schoolwork.open(schoolwork_sample_dir, installed=False)
    assert [w.path for w in session.warnings] == ["schemes[0].ranking.ties"]
    assert session.warnings[0].file.endswith("schemes.toml")
    runner = CliRunner()
    for args in (
        ["validate", str(schoolwork_sample_dir)],
        ["evaluate", str(schoolwork_sample_dir), "--scheme", "teacher-2023"],
    ):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert "warning: " in result.stderr
        assert "schemes[0].ranking.ties" in result.stderr
        assert "warning" not in result.stdout


def test_the_sample_school_has_no_warnings(schoolwork_sample_dir: Path) -> None:
    assert schoolwork.open(schoolwork_sample_dir, installed=False).warnings == ()


# -- 5. bonuses rounded after their caps ---------------------------------------------------------


def honour(record_id: str, month: int) -> Honour:
    return Honour(
        record_id,
        f"县级先进{record_id}",
        Level.COUNTY,
        Recipient(RecipientKind.PERSON, "T1"),
        date(2024, month, 1),
        None,
    )


def bonus_scheme(places: int, rounding: str = "half_up", cap: str = "1") -> Scheme:
    return Scheme(
        "b",
        "整数计分",
        SubjectKind.TEACHER,
        "2023-2024",
        (Dimension("work", "工作", D(1), (Indicator("a", "工作实绩", SCORE),)),),
        bonuses=(
            schoolwork.BonusRule(
                "honours", "荣誉加分", {"county": {"title": D("0.5")}}, cap=D(cap)
            ),
        ),
        bonus_cap=D(5),
        places=places,
        rounding=schoolwork.Rounding(rounding),
    )


def bonus_result(scheme: Scheme, *honours: Honour, value: str = "80") -> schoolwork.SubjectResult:
    subjects, values = teachers({"T1": value})
    evaluation = schoolwork.evaluate(
        scheme, subjects, values=values, records=RecordBook({"honour": honours})
    )
    return evaluation.results[0]


def test_two_half_point_bonuses_at_whole_points_add_up_to_the_rule_cap() -> None:
    result = bonus_result(bonus_scheme(places=0), honour("h1", 3), honour("h2", 4))
    assert [a.applied for a in result.adjustments] == [D(1), D(0)]
    assert result.score == D(81)  # 80 + 1: the rule is capped at 1, not 80 + 2
    assert "shown as 0 so the bonuses add up to their rounded total" in result.adjustments[1].reason
    assert "shown as" not in result.adjustments[0].reason


def test_bonuses_that_round_alone_to_their_sum_carry_no_rounding_note() -> None:
    result = bonus_result(bonus_scheme(places=1), honour("h1", 3), honour("h2", 4))
    assert [a.applied for a in result.adjustments] == [D("0.5"), D("0.5")]
    assert result.score == D(81)
    assert all("shown as" not in a.reason for a in result.adjustments)


def test_three_half_points_under_a_higher_cap_show_as_their_rounded_total() -> None:
    scheme = bonus_scheme(places=0, cap="3")
    result = bonus_result(scheme, honour("h1", 3), honour("h2", 4), honour("h3", 5))
    assert [a.applied for a in result.adjustments] == [D(1), D(0), D(1)]  # 0.5, 1.0, 1.5 → 1, 1, 2
    assert result.score == D(82)


def test_a_bonus_rounded_to_nothing_under_floor_rounding_is_zero_not_minus_zero() -> None:
    result = bonus_result(bonus_scheme(places=0, rounding="floor"), honour("h1", 3))
    assert str(result.adjustments[0].applied) == "0"
    assert result.score == D(80)
