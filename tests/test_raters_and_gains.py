"""Raters (民主测评) and value-added indicators (增值评价): the arithmetic, by hand, and the
checks of ballots and baselines, located by row and column or by key path."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from decimal import ROUND_HALF_UP
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


# -- a workspace: the sample, whose 师德考核 is rated and whose pass rate has a gain ----------


# A second rated indicator for the checks' tests: peers and leaders only.
RATERS = (
    'raters = { scale = [0, 100], groups = [{ group = "peers", weight = 0.6, combine = '
    '"trimmed_mean", trim = 1, min_ballots = 3 }, { group = "leaders", weight = 0.4 }] }\n'
)


def _copy(tmp_path: Path) -> Path:
    """A copy of the sample: 师德考核得分 by 民主测评 (records/ballots.csv) and 学业增值, the
    pass rate's change from last year's (values/teacher-2022.csv)."""
    root = tmp_path / "ws"
    shutil.copytree(sample_path(), root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return root


def test_a_rated_and_a_gained_indicator_in_the_sample() -> None:
    session = schoolwork.open(sample_path(), installed=False)
    result = session.result("teacher-2023", "T003")
    scores = {i.id: i for d in result.dimensions for i in d.indicators}
    # T003's 23 ballots (records/ballots.csv, B0024 to B0046):
    # peers 73 92 95 96 96 97 98, drop 73 and 98 → 476 / 5 = 95.20
    # students 92 94 95 96 97 97 98 98, drop 92 and 98 → 577 / 6 = 96.166… → 96.17
    # parents 91 93 94 96 100, median 94.00; leaders 95 96 97, mean 96.00
    # 0.3 × 95.20 + 0.3 × 96.17 + 0.2 × 94.00 + 0.2 × 96.00
    # = 28.56 + 28.851 + 18.80 + 19.20 = 95.411 → 95.41
    assert scores["ethics_review"].value == D("95.41")
    assert _hand_rated("T003") == D("95.41")
    # the pass rate 96.0 this year (values/teacher-2023.csv), 96.6 last year: −0.6
    assert scores["attainment_gain"].value == D("-0.6")
    text = session.explain("teacher-2023", "T003")
    assert "baseline 96.6 (teacher-2022:attainment), current 96.0: gain -0.6" in text
    tokens = [b.token for b in session.workspace.records.ballots if b.subject == "T003"]
    assert len(tokens) == 23
    assert not any(token in text for token in tokens)  # no token is ever shown
    # T017's parents cast 2 ballots, fewer than 3: the group is left out, the others scaled up
    t017 = {
        i.id: i for d in session.result("teacher-2023", "T017").dimensions for i in d.indicators
    }
    assert "parents 2 ballots, fewer than 3: absent" in t017["ethics_review"].source
    assert t017["ethics_review"].value == _hand_rated("T017")
    # T045 joined with no pass rate last year: no gain, never 0
    other = session.result("teacher-2023", "T045")
    missing = {i.id: i.value for d in other.dimensions for i in d.indicators}
    assert missing["attainment_gain"] is None


def _hand_rated(subject: str) -> D:
    """The rated value of ``subject``'s 师德考核得分 from the ballots file read with csv only:
    the scheme's rules written out again, not the library's."""
    by_group: dict[str, list[D]] = {}
    path = sample_path() / "records" / "ballots.csv"
    with path.open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            if row["subject"] == subject:
                by_group.setdefault(row["group"], []).append(D(row["score"]))
    cent = D("0.01")

    def trimmed(scores: list[D]) -> D:
        kept = sorted(scores)[1:-1]
        return (sum(kept, D(0)) / len(kept)).quantize(cent, ROUND_HALF_UP)

    def median(scores: list[D]) -> D:
        s, n = sorted(scores), len(scores)
        return (s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2).quantize(cent)

    def mean(scores: list[D]) -> D:
        return (sum(scores, D(0)) / len(scores)).quantize(cent, ROUND_HALF_UP)

    rules = {
        "peers": (D("0.3"), trimmed, 5),
        "students": (D("0.3"), trimmed, 5),
        "parents": (D("0.2"), median, 3),
        "leaders": (D("0.2"), mean, 2),
    }
    present = [
        (weight, combine(by_group[group]))
        for group, (weight, combine, least) in rules.items()
        if len(by_group.get(group, [])) >= least
    ]
    total = sum((w * s for w, s in present), D(0)) / sum((w for w, _ in present), D(0))
    return total.quantize(cent, ROUND_HALF_UP)


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
    # peers' weight 0.4 (with the others' 0.7: 1.1); 2 ballots leave none after the trim; a typo
    text = text.replace('"peers", weight = 0.3', '"peers", weight = 0.4', 1)
    text = text.replace("trim = 1, min_ballots = 5", "trim = 1, min_ballots = 2", 1)
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


# -- the report and the slips ---------------------------------------------------------------


def _csv(name: str) -> list[dict[str, str]]:
    with (sample_path() / name).open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def test_the_report_shows_ballots_by_group_and_the_gains_aggregates() -> None:
    session = schoolwork.open(sample_path(), installed=False)
    bureau = session.report("2023-2024", lang="zh")
    sections = {s.id: s for s in bureau.sections}
    note, table = sections["rated-teacher-2023-ethics_review"].blocks
    ballots = _csv("records/ballots.csv")
    cast = {g: sum(1 for b in ballots if b["group"] == g) for g in ("peers", "students")}
    cast |= {g: sum(1 for b in ballots if b["group"] == g) for g in ("parents", "leaders")}
    assert [(r[0], r[4], r[5]) for r in table.rows] == [  # type: ignore[union-attr]
        ("同事", str(cast["peers"]), "49/49"),
        ("学生", str(cast["students"]), "49/49"),
        ("家长", str(cast["parents"]), "47/49"),  # T017's and T047's parents cast 2 of 3
        ("领导", str(cast["leaders"]), "49/49"),
    ]
    assert f"共收回选票 {len(ballots)} 张" in note.markdown  # type: ignore[union-attr]
    rendered = session.render(bureau, "md").decode("utf-8")
    assert not [b["token"] for b in ballots if b["token"] in rendered]
    # The gain, worked out from the two values files with csv alone
    now = {r["subject"]: D(r["attainment"]) for r in _csv("values/teacher-2023.csv")}
    then = {r["subject"]: D(r["attainment"]) for r in _csv("values/teacher-2022.csv")}
    gains_ = [now[s] - then[s] for s in now if s in then]
    _, aggregates = sections["gain-teacher-2023-attainment_gain"].blocks
    cent = D("0.01")
    assert dict(aggregates.rows) == {  # type: ignore[union-attr]
        "有基线人数": str(len(gains_)),
        "提高人数": str(sum(1 for g in gains_ if g > 0)),
        "持平人数": str(sum(1 for g in gains_ if g == 0)),
        "下降人数": str(sum(1 for g in gains_ if g < 0)),
        "基线平均": str((sum(then.values(), D(0)) / len(then)).quantize(cent, ROUND_HALF_UP)),
        "本期平均": str(
            (sum((now[s] for s in then), D(0)) / len(then)).quantize(cent, ROUND_HALF_UP)
        ),
        "平均增值": str((sum(gains_, D(0)) / len(gains_)).quantize(cent, ROUND_HALF_UP)),
    }
    assert len(gains_) == 43
    # Per teacher only in the internal edition, and no teacher's name in the bureau's
    assert "gain-teacher-2023-attainment_gain-subjects" not in sections
    assert "孙桂婷" not in rendered
    internal = session.report("2023-2024", edition="internal", lang="zh")
    (each,) = [s for s in internal.sections if s.id.endswith("attainment_gain-subjects")]
    rows = {r[0]: r for r in each.blocks[0].rows}  # type: ignore[union-attr]
    assert rows["孙桂婷"] == ("孙桂婷", "96.6", "96.0", "-0.6")  # T003
    assert rows["叶志文"][1:] == ("—", "86.1", "—")  # T045, no baseline: no gain, never 0


def test_a_slip_shows_the_groups_and_the_gain() -> None:
    session = schoolwork.open(sample_path(), installed=False)
    html = session.slips("teacher-2023", "html", subject="T003")["slips.html"].decode("utf-8")
    assert (
        "；民主测评：同事 7 票，去掉1个最高分和1个最低分后平均 95.20（权重 0.3）；"
        "学生 8 票，去掉1个最高分和1个最低分后平均 96.17（权重 0.3）；"
        "家长 5 票，中位数 94.00（权重 0.2）；领导 3 票，平均 96.00（权重 0.2）"
    ) in html
    assert (
        "；增值：基线 96.6（教师年度考核（2022-2023）的“学业水平（合格率%）”），"
        "本期 96.0，增值 -0.6"
    ) in html
    t017 = session.slips("teacher-2023", "html", subject="T017")["slips.html"].decode("utf-8")
    assert "家长 2 票，少于 3 票，不计" in t017
