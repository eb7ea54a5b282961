"""Raters (民主测评) and value-added indicators (增值评价): the arithmetic, by hand, and the
checks of ballots and baselines, located by row and column or by key path."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

import schoolwork
from schoolwork.evaluation import gains, raters
from schoolwork.records import Ballot, RecordBook
from schoolwork.sample import sample_path
from schoolwork.scheme import (
    AbsentGroup,
    Combine,
    Dimension,
    Gain,
    GainKind,
    Indicator,
    MissingBaseline,
    PointsRule,
    RaterGroup,
    Raters,
    RaterWeight,
    RuleKind,
    Scheme,
    SubjectKind,
)

LINEAR = PointsRule(RuleKind.LINEAR, floor=D(0), ceiling=D(100))
PEERS = RaterWeight(RaterGroup.PEERS, D("0.6"), Combine.TRIMMED_MEAN, trim=1, min_ballots=4)
PARENTS = RaterWeight(RaterGroup.PARENTS, D("0.4"), Combine.MEDIAN, min_ballots=2)


def _scheme(rated: Raters | None = None, gain: Gain | None = None) -> Scheme:
    indicator = Indicator("review", "测评", LINEAR, raters=rated, gain=gain)
    return Scheme(
        "s",
        "方案",
        SubjectKind.TEACHER,
        "2023-2024",
        (Dimension("d", "维度", D(1), (indicator,)),),
    )


def _ballots(group: RaterGroup, *scores: str, subject: str = "T1") -> list[Ballot]:
    day = date(2024, 6, 1)
    return [
        Ballot(
            f"B-{group.value}{i}",
            f"{group.value}{i}{subject}",
            "s",
            subject,
            "review",
            group,
            D(s),
            day,
        )
        for i, s in enumerate(scores)
    ]


def test_a_trimmed_mean_drops_the_highest_and_lowest_and_groups_are_weighted() -> None:
    scheme = _scheme(Raters((PEERS, PARENTS)))
    ballots = _ballots(RaterGroup.PEERS, "90", "70", "100", "85", "20")
    ballots += _ballots(RaterGroup.PARENTS, "80", "95", "90", "60")
    found = raters.rated_values(scheme, RecordBook.of(ballot=ballots))
    assert found is not None
    value = found["review"]
    # peers: 20 70 85 90 100, drop 20 and 100 → (70 + 85 + 90) / 3 = 81.666… → 81.67
    # parents: 60 80 90 95, median (80 + 90) / 2 = 85.00
    # 0.6 × 81.67 + 0.4 × 85.00 = 49.002 + 34 = 83.002 → 83.00
    assert value.value == D("83.00")
    assert "peers 5 ballots" in value.note
    assert "81.67 × 0.6" in value.note
    assert "dropping the 1 highest and 1 lowest" in value.note
    assert "parents 4 ballots, median 85.00 × 0.4" in value.note
    assert "peers0" not in value.note  # never a token


def test_a_group_below_its_minimum_is_absent_and_the_others_renormalised() -> None:
    scheme = _scheme(Raters((PEERS, PARENTS)))
    ballots = _ballots(RaterGroup.PEERS, "90", "70", "100") + _ballots(RaterGroup.PARENTS, "80")
    (value,) = (raters.rated_values(scheme, RecordBook.of(ballot=ballots)) or {}).values()
    # 3 peers < 4 and 1 parent < 2: no group present → missing
    assert value.value is None
    ballots.append(
        Ballot("B-p9", "p9", "s", "T1", "review", RaterGroup.PARENTS, D("91"), date(2024, 6, 1))
    )
    (value,) = (raters.rated_values(scheme, RecordBook.of(ballot=ballots)) or {}).values()
    # parents 80, 91: median 85.50; peers absent; 0.4 × 85.50 / 0.4 = 85.50
    assert value.value == D("85.50")
    assert "fewer than 4: absent" in value.note
    assert "divided by the present weights 0.4" in value.note
    strict = _scheme(Raters((PEERS, PARENTS), absent=AbsentGroup.MISSING))
    (value,) = (raters.rated_values(strict, RecordBook.of(ballot=ballots)) or {}).values()
    assert value.value is None  # declared: a group absent leaves the value missing


def test_ballots_of_other_schemes_or_indicators_are_passed_over() -> None:
    scheme = _scheme(Raters((RaterWeight(RaterGroup.LEADERS, D(1)),)))
    day = date(2024, 6, 1)
    ballots = [
        Ballot("B-a", "a", "s", "T1", "review", RaterGroup.LEADERS, D("90"), day),
        Ballot("B-b", "b", "other", "T1", "review", RaterGroup.LEADERS, D("10"), day),
        Ballot("B-c", "c", "s", "T1", "else", RaterGroup.LEADERS, D("10"), day),
    ]
    (value,) = (raters.rated_values(scheme, RecordBook.of(ballot=ballots)) or {}).values()
    assert value.value == D("90.00")


@pytest.mark.parametrize(
    ("kind", "missing", "current", "baseline", "expected"),
    [
        (GainKind.ABSOLUTE, MissingBaseline.EXCLUDE, "93.5", "90.0", D("3.5")),
        # (93.5 − 88) / 88 × 100 = 6.25 %
        (GainKind.RELATIVE, MissingBaseline.EXCLUDE, "93.5", "88", D("6.25")),
        # (80 − 90) / 90 × 100 = −11.111… → −11.11
        (GainKind.RELATIVE, MissingBaseline.EXCLUDE, "80", "90", D("-11.11")),
        (GainKind.ABSOLUTE, MissingBaseline.EXCLUDE, "93.5", None, None),
        (GainKind.ABSOLUTE, MissingBaseline.ZERO, "93.5", None, D(0)),
        (GainKind.RELATIVE, MissingBaseline.EXCLUDE, "93.5", "0", None),
        (GainKind.RELATIVE, MissingBaseline.ZERO, "93.5", "0", D(0)),
        (GainKind.ABSOLUTE, MissingBaseline.EXCLUDE, None, "90", None),
    ],
)
def test_a_gain_is_the_change_from_its_baseline(
    kind: GainKind,
    missing: MissingBaseline,
    current: str | None,
    baseline: str | None,
    expected: D | None,
) -> None:
    gain = Gain("old:att", kind, missing)
    scheme = _scheme(gain=gain)
    tables = {
        "s": {"T1": {"review": None if current is None else D(current)}},
        "old": {"T1": {"att": None if baseline is None else D(baseline)}},
    }
    subject = schoolwork.Subject("T1", "甲", SubjectKind.TEACHER)
    with gains.values_from(tables):
        found = gains.gained_values(scheme, subject)
    assert found is not None
    assert found["review"].value == expected
    assert f"baseline {baseline or 'missing'}" in found["review"].note


def test_without_values_to_read_a_gain_has_no_baseline() -> None:
    scheme = _scheme(gain=Gain("old:att"))
    subject = schoolwork.Subject("T1", "甲", SubjectKind.TEACHER)
    (value,) = (gains.gained_values(scheme, subject) or {}).values()
    assert value.value is None


# -- a workspace: the sample with 民主测评 and a gain ------------------------------------------

RATERS = (
    'raters = { scale = [0, 100], groups = [{ group = "peers", weight = 0.6, combine = '
    '"trimmed_mean", trim = 1, min_ballots = 3 }, { group = "leaders", weight = 0.4 }] }\n'
)
GAIN = """[[schemes.dimensions.indicators]]
id = "attainment_gain"
name = "学业增值"
points = { rule = "linear", floor = -5, ceiling = 5 }
gain = { baseline = "teacher-2022:attainment", current = "attainment" }
"""
LAST_YEAR = """
[[schemes]]
id = "teacher-2022"
name = "上一学年"
subject = "teacher"
period = "2022-2023"
[[schemes.dimensions]]
id = "teaching"
name = "教学"
weight = 100
[[schemes.dimensions.indicators]]
id = "attainment"
name = "合格率"
points = { rule = "linear", floor = 70, ceiling = 100 }
"""
BALLOTS = [
    "id,token,scheme,subject,indicator,group,score,date,provenance",
    "B1,k1,teacher-2023,T003,ethics_review,peers,96,2024-06-20,invented",
    "B2,k2,teacher-2023,T003,ethics_review,peers,70,2024-06-20,invented",
    "B3,k3,teacher-2023,T003,ethics_review,peers,91,2024-06-20,invented",
    "B4,k4,teacher-2023,T003,ethics_review,peers,99,2024-06-20,invented",
    "B5,k5,teacher-2023,T003,ethics_review,leaders,88,2024-06-21,invented",
    "B6,k6,teacher-2023,T003,ethics_review,leaders,93,2024-06-21,invented",
]
REVIEW = (
    'name = "师德考核得分"\npart = "result"\n'
    'points = { rule = "linear", floor = 60, ceiling = 100 }\n'
)
ATTAINMENT = (
    'points = { rule = "linear", floor = 70, ceiling = 100 }\n\n'
    '[[schemes.dimensions]]\nid = "research"'
)


def _copy(tmp_path: Path) -> Path:
    """The sample, its 师德考核 rated by peers and leaders, a gain of its pass rate over a
    year before (T003: 96.0 now, 91.5 then), and ballots on T003."""
    root = tmp_path / "ws"
    shutil.copytree(sample_path(), root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    schemes = root / "schemes.toml"
    text = schemes.read_text(encoding="utf-8")
    assert REVIEW in text
    assert ATTAINMENT in text
    text = text.replace(REVIEW, REVIEW + RATERS, 1)
    text = text.replace(ATTAINMENT, ATTAINMENT.replace("\n\n", "\n" + GAIN + "\n", 1), 1)
    schemes.write_text(text + LAST_YEAR, encoding="utf-8")
    (root / "values" / "teacher-2022.csv").write_text("subject,attainment\nT003,91.5\n")
    (root / "records" / "ballots.csv").write_text("\n".join(BALLOTS) + "\n", encoding="utf-8")
    return root


def test_a_rated_and_a_gained_indicator_in_a_workspace(tmp_path: Path) -> None:
    session = schoolwork.open(_copy(tmp_path), installed=False)
    result = session.result("teacher-2023", "T003")
    scores = {i.id: i for d in result.dimensions for i in d.indicators}
    # peers 70 91 96 99, drop 70 and 99 → (91 + 96) / 2 = 93.50; leaders (88 + 93) / 2 = 90.50
    # 0.6 × 93.50 + 0.4 × 90.50 = 56.10 + 36.20 = 92.30
    assert scores["ethics_review"].value == D("92.30")
    # the pass rate 96.0 this year (values/teacher-2023.csv), 91.5 last year: +4.5
    assert scores["attainment_gain"].value == D("4.5")
    text = session.explain("teacher-2023", "T003")
    assert "baseline 91.5 (teacher-2022:attainment), current 96.0: gain 4.5" in text
    assert "k1" not in text  # no token is ever shown
    # T002 has no ballot and no baseline: both values missing, never 0
    other = session.result("teacher-2023", "T002")
    missing = {i.id: i.value for d in other.dimensions for i in d.indicators}
    assert missing["ethics_review"] is None
    assert missing["attainment_gain"] is None


def test_bad_ballots_are_located_by_row_and_column(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "records" / "ballots.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1:] = [
        "X1,x1,teacher-2023,T002,ethics_review,peers,95,2024-06-20,invented",
        "X2,x1,teacher-2023,T002,ethics_review,peers,90,2024-06-20,invented",  # votes twice
        "X3,x2,teacher-2023,T002,ethics_review,peers,101,2024-06-20,invented",  # out of range
        "X4,x3,teacher-2023,T999,ethics_review,peers,90,2024-06-20,invented",  # unknown subject
        "X5,x4,teacher-2023,T002,homework,peers,90,2024-06-20,invented",  # no raters
        "X6,x5,teacher-2023,T002,ethics_review,self,90,2024-06-20,invented",  # undeclared group
        "X7,x6,teacher-2032,T002,ethics_review,peers,90,2024-06-20,invented",  # unknown scheme
        "X8,x7,teacher-2023,T002,ethics_review,peers,90,2025-06-20,invented",  # another year
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(schoolwork.WorkspaceError) as caught:
        schoolwork.open(root, installed=False)
    found = [(p.path, p.found) for p in caught.value.problems if p.file == str(path)]
    assert [where for where, _ in found] == [
        "row 3, column token",
        "row 4, column score",
        "row 5, column subject",
        "row 6, column indicator",
        "row 7, column group",
        "row 8, column scheme",
        "row 9, column date",
    ]
    assert "row 2 too" in found[0][1]
    zh = [p.expected_zh for p in caught.value.problems if p.file == str(path)]
    assert zh[0] == "同一测评人（token）对同一对象的同一指标只投一票"
    assert zh[1] == "0 到 100 之间的分数"


def test_bad_raters_and_baselines_are_located_in_the_scheme(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    schemes = root / "schemes.toml"
    text = schemes.read_text(encoding="utf-8")
    # peers' weight 0.7 (with leaders' 0.4: 1.1); 2 ballots leave none after the trim; a typo
    text = text.replace("weight = 0.6, combine", "weight = 0.7, combine", 1)
    text = text.replace("min_ballots = 3", "min_ballots = 2", 1)
    text = text.replace(
        'baseline = "teacher-2022:attainment"', 'baseline = "techer-2022:attainment"'
    )
    schemes.write_text(text, encoding="utf-8")
    with pytest.raises(schoolwork.WorkspaceError) as caught:
        schoolwork.open(root, installed=False)
    found = {p.path: (p.expected, p.found) for p in caught.value.problems}
    at = "schemes[0].dimensions[0].indicators[0].raters"
    assert found[f"{at}.groups[0].min_ballots"][1] == "2"
    assert found[f"{at}.groups"] == ("weights that sum to 1", "weights that sum to 1.1")
    gain_at = "schemes[0].dimensions[1].indicators[4].gain.baseline"
    assert "no scheme is 'techer-2022'" in found[gain_at][1]
    assert "did you mean 'teacher-2022'" in found[gain_at][0]
