"""Appeals (申诉): every problem of the checks compared whole in both languages, what an appeal
may dispute (a record of any other kind, a veto rule alone, a band), the edges of the dates
and of the corrected value's range; and which appeals count as in a scheme's year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import schoolwork
from schoolwork.evaluation.appeals import in_period, outcomes
from schoolwork.records import Appeal, AppealDecision
from schoolwork.results import (
    DimensionScore,
    Evaluation,
    IndicatorScore,
    Subject,
    SubjectResult,
    ValueStatus,
)
from schoolwork.scheme import Dimension, Indicator, PointsRule, RuleKind, Scheme, SubjectKind

D = Decimal

HEADER = "id,subject,scheme,date,disputed,claim,corrected,decision,reason,decided,provenance\n"


def test_every_appeal_problem_in_both_languages_and_what_an_appeal_may_dispute(
    schoolwork_sample_dir: Path,
) -> None:
    path = schoolwork_sample_dir / "records" / "appeals.csv"
    rows = [
        "B01,T053,teacher2023,2024-07-08,homework,,,,,,",
        "B02,T053x,teacher-2023,2024-07-08,homework,,,,,,",
        "B03,T053,teacher-2023,2024-07-08,B01,,,,,,",  # another appeal is no record to dispute
        "B04,T053,teacher-2023,2024-07-08,honours,,90,,,,",
        "B05,T053,teacher-2023,2024-07-08,homework,,,pending,,2024-07-09,",
        "B06,T053,teacher-2023,2024-07-08,homework,,90,upheld,,2024-07-07,",
        "B07,T053,teacher-2023,2024-07-08,homework,,-0.5,,,,",
        "B08,T053,teacher-2023,2024-07-08,homework,,,upheld,,2024-07-08,",
        # accepted: a veto rule alone, an honour's id, a band; decided the day it was made;
        # corrected values on both ends of the range
        "B09,T053,teacher-2023,2024-07-08,ethics-breach,,,,,,",
        "B10,T053,teacher-2023,2024-07-08,H001,,,,,,",
        "B11,T053,teacher-2023,2024-07-08,homework,,0,upheld,,2024-07-08,",
        "B12,T053,teacher-2023,2024-07-08,homework,,100,,,,",
        "B13,T053,teacher-2023,2024-07-08,优秀,,,,,,",
    ]
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    with pytest.raises(schoolwork.WorkspaceError) as caught:
        schoolwork.open(schoolwork_sample_dir, installed=False)
    found = [(p.file, p.path, p.expected, p.found, p.expected_zh) for p in caught.value.problems]
    file = str(path)
    assert found == [
        (
            file,
            "row 2, column scheme",
            "the id of a scheme (of schemes.toml or a plugin) (did you mean 'teacher-2023'?)",
            "'teacher2023', which no scheme has",
            "考核方案（schemes.toml 或插件中）的编号（是不是 'teacher-2023'？）",
        ),
        (
            file,
            "row 3, column subject",
            "the id of a teacher that scheme teacher-2023 evaluates (did you mean 'T053'?)",
            "'T053x', which it does not evaluate",
            "方案 teacher-2023 所考核对象（teacher）的编号（是不是 'T053'？）",
        ),
        (
            file,
            "row 4, column disputed",
            "an indicator, a bonus or veto rule or a band of scheme teacher-2023, "
            "or the id of a record",
            "'B01', which none has",
            "方案 teacher-2023 的指标、加分或否决规则、等次，或某条记录的编号",
        ),
        (
            file,
            "row 5, column corrected",
            "no corrected value: only an indicator's value is corrected; a rule or a record is "
            "put right where it is kept",
            "90",
            "不填更正值：只有指标的原始值可更正，规则或记录应在原处改正",
        ),
        (
            file,
            "row 6, column decided",
            "no date of decision while the appeal is pending (or a decision: upheld, rejected)",
            "2024-07-09",
            "待处理的申诉不填处理日期（或填写处理结果：成立、不成立）",
        ),
        (
            file,
            "row 7, column decided",
            "a date of decision on or after the appeal's date (2024-07-08)",
            "2024-07-07",
            "不早于申诉日期（2024-07-08）的处理日期",
        ),
        (
            file,
            "row 8, column corrected",
            "a value of homework from 0 to 100",
            "-0.5",
            "homework 的取值，0～100",
        ),
        (
            file,
            "row 9, column corrected",
            "the corrected value of homework, since the appeal is upheld",
            "nothing",
            "申诉成立时 homework 的更正值",
        ),
    ]


def _scheme() -> Scheme:
    rule = PointsRule(RuleKind.LINEAR, floor=D(0), ceiling=D(100))
    dimension = Dimension("d", "维度", D(1), (Indicator("x", "某", rule),))
    return Scheme("s", "方案", SubjectKind.TEACHER, "2023-2024", (dimension,))


def test_an_appeal_on_either_day_of_the_period_is_in_it() -> None:
    start, end = date(2023, 9, 1), date(2024, 8, 31)
    appeals = [
        Appeal("A4", "T1", "s", date(2024, 9, 1), "x"),
        Appeal("A3", "T1", "s", end, "x"),
        Appeal("A2", "T1", "s", start, "x"),
        Appeal("A1", "T1", "s", start, "x"),
        Appeal("A0", "T1", "s", date(2023, 8, 31), "x"),
        Appeal("A5", "T1", "other", start, "x"),
    ]
    assert [a.id for a in in_period(appeals, _scheme(), start, end)] == ["A1", "A2", "A3"]


def _result(subject_id: str, name: str, value: str) -> SubjectResult:
    indicator = IndicatorScore("x", "某", D(value), D(value), "linear", "input", ValueStatus.USED)
    return SubjectResult(
        subject=Subject(subject_id, name, SubjectKind.TEACHER),
        dimensions=(DimensionScore("d", "维度", D(1), D(value), "weighted", (indicator,)),),
        weighted=D(value),
        adjustments=(),
        vetoes=(),
        score=D(value),
        rank=D(1),
        band=None,
    )


def test_an_outcome_names_its_subject_from_whichever_evaluation_has_it() -> None:
    upheld = Appeal(
        "A1", "T1", "s", date(2024, 7, 1), "x", corrected=D(90), decision=AppealDecision.UPHELD
    )
    elsewhere = Appeal("A2", "T9", "s", date(2024, 7, 1), "x")
    plain = Evaluation("s", "2023-2024", ())
    corrected = Evaluation("s", "2023-2024", (_result("T1", "甲", "90"),))
    first, second = outcomes(_scheme(), [upheld, elsewhere], plain, corrected)
    assert (first.subject, first.value_before, first.value_after) == ("甲", None, D(90))
    assert first.applied
    assert first.score_delta is None  # not evaluated without the appeal
    assert (second.subject, second.before, second.after, second.applied) == ("", None, None, False)


COUNTED = """
[[schemes]]
id = "counted-2023"
name = "活动计数"
subject = "teacher"
period = "2023-2024"

[[schemes.dimensions]]
id = "joined"
name = "参与"
weight = 1

[[schemes.dimensions.indicators]]
id = "activities"
name = "参加活动"
points = { rule = "count", each = 10, cap = 100 }
source = { kind = "activity" }
"""


def test_a_counted_indicator_takes_no_correction_said_in_chinese(
    schoolwork_sample_dir: Path,
) -> None:
    schemes = schoolwork_sample_dir / "schemes.toml"
    schemes.write_text(schemes.read_text("utf-8") + COUNTED, "utf-8")
    path = schoolwork_sample_dir / "records" / "appeals.csv"
    # disputing a counted indicator is fine; only a corrected value for it is refused
    rows = (
        "B01,T053,counted-2023,2024-07-08,activities,,3,,,,\n"
        "B02,T053,counted-2023,2024-07-08,activities,,,upheld,,2024-07-09,\n"
    )
    path.write_text(HEADER + rows, encoding="utf-8")
    with pytest.raises(schoolwork.WorkspaceError) as caught:
        schoolwork.open(schoolwork_sample_dir, installed=False)
    assert [p.text("zh") for p in caught.value.problems] == [
        f"{path}：row 2, column corrected：应为不填更正值：activities 由activity记录统计得出，"
        "应对记录申诉并改正记录，实为 3"
    ]
