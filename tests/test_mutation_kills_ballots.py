"""The checks of ballots (民主测评) and gains' baselines (增值评价), each problem compared whole:
where it is, what was expected in English and in Chinese, and what was found."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from test_raters_and_gains import RATERS, _copy

import schoolwork

D = Decimal
HEADER = "id,token,scheme,subject,indicator,group,score,date,provenance"


def _problems(root: Path, file: Path) -> list[tuple[str, str, str | None, str | None]]:
    with pytest.raises(schoolwork.WorkspaceError) as caught:
        schoolwork.open(root, installed=False)
    return [
        (p.path, p.expected, p.found, p.expected_zh)
        for p in caught.value.problems
        if p.file == str(file)
    ]


def test_every_ballot_problem_is_located_and_said_in_both_languages(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "records" / "ballots.csv"
    rows = [
        # both ends of the scale and of the school year are accepted
        "X1,a,teacher-2023,T002,ethics_review,peers,0,2023-09-01,invented",
        "X2,b,teacher-2023,T002,ethics_review,leaders,100,2024-08-31,invented",
        "X3,c,teacher2023,T002,ethics_review,peers,90,2024-06-20,invented",
        "X4,d,teacher-2023,T999,ethic_review,peers,90,2024-06-20,invented",
        "X5,e,teacher-2023,T002,homework,peers,90,2024-06-20,invented",
        "X6,f,teacher-2023,T002,ethics_review,self,-1,2023-08-31,invented",
        "X7,a,teacher-2023,T002,ethics_review,peers,100.01,2024-09-01,invented",
        "X8,g,teacher-2022,T002,attainment,peers,90,2023-06-20,invented",
    ]
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    period = "a date in the scheme's period 2023-2024 (2023-09-01 to 2024-08-31)"
    period_zh = "方案学年 2023-2024 内的日期（2023-09-01 至 2024-08-31）"
    rated = "an indicator of scheme teacher-2023 scored by raters (ethics_review)"
    rated_zh = "本方案中由测评人打分的指标（ethics_review）"
    assert _problems(root, path) == [
        (
            "row 4, column scheme",
            "the id of a scheme (did you mean 'teacher-2023'?)",
            "'teacher2023'",
            "考核方案的编号（是不是 'teacher-2023'？）",
        ),
        (
            "row 5, column subject",
            "the id of a teacher of scheme teacher-2023",
            "'T999', which no entry has",
            "本方案的考核对象的编号",
        ),
        (
            "row 5, column indicator",
            rated + " (did you mean 'ethics_review'?)",
            "'ethic_review'",
            rated_zh + "（是不是 'ethics_review'？）",
        ),
        ("row 6, column indicator", rated, "'homework', which declares no raters", rated_zh),
        (
            "row 7, column group",
            "a group the indicator ethics_review declares: peers, students, parents, leaders",
            "'self'",
            "指标 ethics_review 声明的测评组：peers、students、parents、leaders",
        ),
        ("row 7, column score", "a score from 0 to 100", "-1", "0 到 100 之间的分数"),
        ("row 7, column date", period, "2023-08-31", period_zh),
        ("row 8, column score", "a score from 0 to 100", "100.01", "0 到 100 之间的分数"),
        ("row 8, column date", period, "2024-09-01", period_zh),
        (
            "row 8, column token",
            "one ballot per token for a subject's indicator",
            "'a', which voted on T002 ethics_review in row 2 too",
            "同一测评人（token）对同一对象的同一指标只投一票",
        ),
        (
            "row 9, column indicator",
            "an indicator of scheme teacher-2022 scored by raters (none)",
            "'attainment', which declares no raters",
            "本方案中由测评人打分的指标（无）",
        ),
    ]


def test_a_token_may_vote_on_other_subjects_and_indicators(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "records" / "ballots.csv"
    rows = [
        "X1,a,teacher-2023,T002,ethics_review,peers,90,2024-06-20,invented",
        "X2,a,teacher-2023,T003,ethics_review,peers,90,2024-06-20,invented",
        "X3,b,teacher-2023,T002,ethics_review,peers,90,2024-06-20,invented",
    ]
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    session = schoolwork.open(root, installed=False)
    assert len(session.workspace.records.ballots) == 3


def test_a_baseline_naming_an_unknown_indicator_is_located_in_the_scheme(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    schemes = root / "schemes.toml"
    text = schemes.read_text(encoding="utf-8")
    text = text.replace('"teacher-2022:attainment"', '"teacher-2022:attainmen"')
    schemes.write_text(text, encoding="utf-8")
    assert _problems(root, schemes) == [
        (
            "schemes[0].dimensions[1].indicators[4].gain.baseline",
            "an indicator of scheme teacher-2022 (did you mean 'attainment'?)",
            "'teacher-2022:attainmen', and teacher-2022 has no indicator 'attainmen'",
            "方案 teacher-2022 中的指标（是不是 'attainment'？）",
        )
    ]


def test_a_baseline_naming_an_unknown_scheme_is_said_in_both_languages(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    schemes = root / "schemes.toml"
    text = schemes.read_text(encoding="utf-8")
    text = text.replace('"teacher-2022:attainment"', '"techer-2022:attainment"')
    schemes.write_text(text, encoding="utf-8")
    assert _problems(root, schemes) == [
        (
            "schemes[0].dimensions[1].indicators[4].gain.baseline",
            "'<scheme id>:<indicator id>' naming a known scheme (did you mean 'teacher-2022'?)",
            "'techer-2022:attainment', and no scheme is 'techer-2022'",
            "'<方案编号>:<指标编号>'，方案须已存在（是不是 'teacher-2022'？）",
        )
    ]


HOMEWORK = (
    'id = "homework"\nname = "作业批改"\npart = "process"\n'
    'points = { rule = "linear", floor = 60, ceiling = 100 }\n'
)
LAST_YEARS_GAIN = """[[schemes.dimensions.indicators]]
id = "attainment_gain"
name = "增值"
points = { rule = "linear", floor = -5, ceiling = 5 }
gain = { baseline = "teacher-2023:attainmnt" }
"""


class PluginScheme:
    """A plugin's scheme whose gain names a scheme no one has."""

    @schoolwork.hookimpl
    def schoolwork_schemes(self, workspace: schoolwork.Workspace) -> list[schoolwork.Scheme]:
        rule = schoolwork.PointsRule(schoolwork.RuleKind.LINEAR, floor=D(-5), ceiling=D(5))
        gain = schoolwork.Gain("teacher-2021:attainment")
        dimension = schoolwork.Dimension(
            "d", "维度", D(1), (schoolwork.Indicator("g", "增值", rule, gain=gain),)
        )
        return [
            schoolwork.Scheme(
                "plugin-s", "插件", schoolwork.SubjectKind.TEACHER, "2023-2024", (dimension,)
            )
        ]


def test_baselines_are_located_in_any_scheme_of_the_file_or_of_a_plugin(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    schemes = root / "schemes.toml"
    text = schemes.read_text(encoding="utf-8")
    assert HOMEWORK in text
    text = text.replace(HOMEWORK, HOMEWORK + RATERS, 1)  # a second indicator scored by raters
    schemes.write_text(text + LAST_YEARS_GAIN, encoding="utf-8")  # into the third scheme
    ballots = root / "records" / "ballots.csv"
    row = "X1,a,teacher-2023,T002,lesson_plans,peers,90,2024-06-20,invented"
    ballots.write_text(f"{HEADER}\n{row}\n", encoding="utf-8")
    with pytest.raises(schoolwork.WorkspaceError) as caught:
        schoolwork.open(root, installed=False, plugins={"extra": PluginScheme()})
    found = [(p.file, p.path, p.expected, p.found) for p in caught.value.problems]
    assert (
        caught.value.problems[-1].expected_zh
        == "本方案中由测评人打分的指标（ethics_review、homework）"
    )
    assert found == [
        (
            str(schemes),
            "schemes[2].dimensions[0].indicators[1].gain.baseline",
            "an indicator of scheme teacher-2023 (did you mean 'attainment'?)",
            "'teacher-2023:attainmnt', and teacher-2023 has no indicator 'attainmnt'",
        ),
        (
            "plugin:extra",
            "dimensions[0].indicators[0].gain.baseline",
            "'<scheme id>:<indicator id>' naming a known scheme",
            "'teacher-2021:attainment', and no scheme is 'teacher-2021'",
        ),
        (
            str(ballots),
            "row 2, column indicator",
            "an indicator of scheme teacher-2023 scored by raters (ethics_review, homework)",
            "'lesson_plans', which declares no raters",
        ),
    ]
