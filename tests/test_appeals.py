"""Appeals (申诉): the record kind and its checks, upheld corrections in the evaluation and its
explanation, the diff that names the appeal, the report, the slips and the command line
(issue 16, item 5).

The sample holds three invented appeals against teacher-2023: A001 upheld (T053's homework
83.7 → 91.2), A002 rejected (T002 asks for 优秀), A003 pending (T010's lesson_plans 79.6,
asks for 86). By hand, A001: homework 59.25 → 78.00 points; 教学's process part (weights
2:1:1) 68.81 → 73.50; 教学 = 0.6 × process + 0.4 × 76.67: 71.95 → 74.77; the score rises by
0.35 × 2.82 = 0.987: 80.32 → 81.31, rank 12 → 9.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

import schoolwork
from schoolwork.cli import cli
from schoolwork.reports.changes import changes_text

SCHEME = "teacher-2023"
HEADER = "id,subject,scheme,date,disputed,claim,corrected,decision,reason,decided,provenance\n"


def _appeals(root: Path, *rows: str) -> Path:
    path = root / "records" / "appeals.csv"
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


def _problems(root: Path) -> list[str]:
    with pytest.raises(schoolwork.WorkspaceError) as caught:
        schoolwork.open(root, installed=False)
    return [p.text("en") for p in caught.value.problems]


# -- the record kind ----------------------------------------------------------------------


def test_appeals_are_a_core_record_kind_read_with_chinese_decisions(
    schoolwork_sample_dir: Path,
) -> None:
    kind = next(k for k in schoolwork.CORE_KINDS if k.name == "appeal")
    assert (kind.file, kind.required) == (
        "appeals",
        ("id", "subject", "scheme", "date", "disputed"),
    )
    session = schoolwork.open(schoolwork_sample_dir, installed=False)
    found = {a.id: a for a in session.workspace.records.appeals}
    assert [(a.decision, a.corrected, a.decided) for a in found.values()] == [
        (schoolwork.AppealDecision.UPHELD, Decimal("91.2"), date(2024, 7, 10)),
        (schoolwork.AppealDecision.REJECTED, None, date(2024, 7, 11)),
        (schoolwork.AppealDecision.PENDING, Decimal("86"), None),
    ]
    assert all(a.provenance is schoolwork.Provenance.INVENTED for a in found.values())


def test_every_appeal_problem_is_located_by_row_and_column(schoolwork_sample_dir: Path) -> None:
    root = schoolwork_sample_dir
    path = _appeals(
        root,
        "B01,T053,teacher2023,2024-07-08,homework,,,,,,",  # unknown scheme
        "B02,T999,teacher-2023,2024-07-08,homework,,,,,,",  # not a subject of the scheme
        "B03,T053,teacher-2023,2024-07-08,homewrk,,,,,,",  # disputed unknown in the scheme
        "B04,T053,teacher-2023,2024-07-08,优秀,,90,,,,",  # corrected value on a band
        "B05,T053,teacher-2023,2024-07-08,homework,,,upheld,,2024-07-09,",  # upheld, no value
        "B06,T053,teacher-2023,2024-07-08,homework,,201,,,,",  # outside 0..100
        "B07,T053,teacher-2023,2024-07-08,homework,,90,rejected,,2024-07-01,",  # decided before
        "B08,T053,teacher-2023,2024-07-08,homework,,90,pending,,2024-07-09,",  # pending, decided
    )
    assert _problems(root) == [
        f"{path}: row 2, column scheme: expected the id of a scheme (of schemes.toml or a "
        "plugin) (did you mean 'teacher-2023'?), found 'teacher2023', which no scheme has",
        f"{path}: row 3, column subject: expected the id of a teacher that scheme "
        "teacher-2023 evaluates, found 'T999', which it does not evaluate",
        f"{path}: row 4, column disputed: expected an indicator, a bonus or veto rule or a band "
        "of scheme teacher-2023, or the id of a record (did you mean 'homework'?), found "
        "'homewrk', which none has",
        f"{path}: row 5, column corrected: expected no corrected value: only an indicator's "
        "value is corrected; a rule or a record is put right where it is kept, found 90",
        f"{path}: row 6, column corrected: expected the corrected value of homework, since the "
        "appeal is upheld, found nothing",
        f"{path}: row 7, column corrected: expected a value of homework from 0 to 100, found 201",
        f"{path}: row 8, column decided: expected a date of decision on or after the appeal's "
        "date (2024-07-08), found 2024-07-01",
        f"{path}: row 9, column decided: expected no date of decision while the appeal is "
        "pending (or a decision: upheld, rejected), found 2024-07-09",
    ]


def test_appeal_problems_are_said_in_chinese(schoolwork_sample_dir: Path) -> None:
    root = schoolwork_sample_dir
    path = _appeals(root, "B01,T053,teacher-2023,2024-07-08,homework,,,成立,,2024-07-09,")
    with pytest.raises(schoolwork.WorkspaceError) as caught:
        schoolwork.open(root, installed=False)
    assert [p.text("zh") for p in caught.value.problems] == [
        f"{path}：row 2, column corrected：应为申诉成立时 homework 的更正值，实为 nothing"
    ]


def test_a_counted_indicator_takes_no_corrected_value(schoolwork_sample_dir: Path) -> None:
    root = schoolwork_sample_dir
    schemes = root / "schemes.toml"
    counted = """
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
    schemes.write_text(schemes.read_text("utf-8") + counted, "utf-8")
    path = _appeals(root, "B01,T053,counted-2023,2024-07-08,activities,,3,,,,")
    assert _problems(root) == [
        f"{path}: row 2, column corrected: expected no corrected value: activities is counted "
        "from activity records; dispute the record and put it right instead, found 3"
    ]


# -- the evaluation -----------------------------------------------------------------------


def test_an_upheld_correction_is_the_effective_input_and_says_so(
    schoolwork_sample_dir: Path,
) -> None:
    values = schoolwork_sample_dir / "values" / f"{SCHEME}.csv"
    typed = values.read_bytes()
    session = schoolwork.open(schoolwork_sample_dir, installed=False)
    _, corrected = session.evaluate(SCHEME)
    _, plain = session.evaluate(SCHEME, appeals=False)
    homework = corrected.result("T053").dimension("teaching").indicators[1]
    assert (homework.id, homework.value, homework.points) == ("homework", Decimal("91.2"), 78)
    assert homework.source == "corrected by appeal A001"
    was = plain.result("T053").dimension("teaching").indicators[1]
    assert (was.value, was.points, was.source) == (Decimal("83.7"), Decimal("59.25"), "input")
    # By hand (the sample's 师德 by 民主测评, its pass rate with a gain): ethics 94.04 (study
    # 100 × 0.6 + review 94.04 → 85.10 × 0.4); teaching process (2 × 58 + 59.25 + 100) / 4 =
    # 68.81, result (attainment 76.67 + gain 2.0 → 90) / 2 = 83.34 (83.335 half up): 0.6 ×
    # 68.81 + 0.4 × 83.34 = 74.62; research 76.50, attendance 100, results 73.60:
    # 0.2 × 94.04 + 0.35 × 74.62 + 0.2 × 76.5 + 0.1 × 100 + 0.15 × 73.6 = 81.265 → 81.27.
    # Corrected, homework 78 points: process 73.50, teaching 77.44, score 82.252 → 82.25.
    assert (plain.result("T053").score, corrected.result("T053").score) == (
        Decimal("81.27"),
        Decimal("82.25"),
    )
    assert (plain.result("T053").rank, corrected.result("T053").rank) == (10, 8)
    assert "value 91.2 (corrected by appeal A001)" in session.explain(SCHEME, "T053")
    # A rejected and a pending appeal change nothing; the values file is never rewritten.
    for subject in ("T002", "T010"):
        assert plain.result(subject).dimensions == corrected.result(subject).dimensions
    assert values.read_bytes() == typed


def test_the_later_of_two_upheld_corrections_stands(schoolwork_sample_dir: Path) -> None:
    _appeals(
        schoolwork_sample_dir,
        "B02,T053,teacher-2023,2024-07-09,homework,,95,upheld,,2024-07-10,",
        "B01,T053,teacher-2023,2024-07-08,homework,,90,upheld,,2024-07-10,",
    )
    session = schoolwork.open(schoolwork_sample_dir, installed=False)
    _, evaluation = session.evaluate(SCHEME)
    homework = evaluation.result("T053").dimension("teaching").indicators[1]
    assert (homework.value, homework.source) == (Decimal("95"), "corrected by appeal B02")
    outcomes = {o.appeal.id: o.applied for o in session.appeals(SCHEME)}
    assert outcomes == {"B01": False, "B02": True}


def test_an_appeal_outside_the_schemes_year_does_not_apply(schoolwork_sample_dir: Path) -> None:
    _appeals(schoolwork_sample_dir, "B01,T053,teacher-2023,2024-09-02,homework,,99,upheld,,,")
    session = schoolwork.open(schoolwork_sample_dir, installed=False)
    _, evaluation = session.evaluate(SCHEME)
    assert evaluation.result("T053").dimension("teaching").indicators[1].value == Decimal("83.7")
    assert session.appeals(SCHEME) == ()


def test_each_appeal_with_what_it_changed(schoolwork_sample_dir: Path) -> None:
    found = schoolwork.open(schoolwork_sample_dir, installed=False).appeals(SCHEME)
    assert [
        (o.appeal.id, o.subject, o.value_before, o.value_after, o.score_delta, o.applied)
        for o in found
    ] == [
        ("A001", "蒋敏浩", Decimal("83.7"), Decimal("91.2"), Decimal("0.98"), True),
        ("A002", "郑佳晨", None, None, Decimal("0.00"), False),
        ("A003", "侯瑞", Decimal("79.6"), Decimal("79.6"), Decimal("0.00"), False),
    ]


# -- the diff -----------------------------------------------------------------------------


def test_compare_appeals_names_the_appeal_behind_the_value(schoolwork_sample_dir: Path) -> None:
    change = schoolwork.open(schoolwork_sample_dir, installed=False).compare_appeals(SCHEME)
    assert change.inputs == change.rules == ()
    t053, *others = change.subjects
    assert (t053.id, t053.before.rank, t053.after.rank) == ("T053", 10, 8)  # type: ignore[union-attr]
    (value,) = t053.values
    assert (value.indicator, value.appeal) == ("homework", "A001")
    # T053 passes T048 (82.11) and T030 (81.75), who each drop a place
    assert [(s.id, s.own_cause, s.rank_delta) for s in others] == [
        ("T048", False, -1),
        ("T030", False, -1),
    ]
    text = changes_text(change, "en")
    assert text.splitlines()[0] == (
        "teacher-2023 (2023-2024) with the corrections of upheld appeals, against without them"
    )
    assert (
        "T053 蒋敏浩: score 81.27 → 82.25 (+0.98), rank 10 → 8 (+2); appeal A001 upheld: "
        "homework value 83.7 → 91.2, points 59.25 → 78.00"
    ) in text


def test_an_appeal_upheld_after_freezing_is_the_cause_of_the_change(
    schoolwork_sample_dir: Path,
) -> None:
    root = schoolwork_sample_dir
    schoolwork.open(root, installed=False).freeze(SCHEME)
    path = root / "records" / "appeals.csv"
    text = path.read_text(encoding="utf-8-sig")
    path.write_text(text.replace(",86,待处理,,,", ",86,成立,补查属实,2024-07-15,"), "utf-8")
    diff = schoolwork.open(root, installed=False).compare(SCHEME)
    assert [(c.name, c.change.value) for c in diff.inputs] == [("records/appeals.csv", "changed")]
    t010 = diff.subjects[0]
    # 备课检查 (weight 2 of 4) 49 → 65 points: teaching +0.6 × 8 = 4.8, score +0.35 × 4.8 =
    # 1.68; 81.08 (13th) → 82.76, past T050 (82.58), T053, T048, T030, T018 and T024: 7th
    assert (t010.id, t010.score_delta, t010.rank_delta) == ("T010", Decimal("1.68"), 6)
    (value,) = t010.values
    assert (value.appeal, value.value_before, value.value_after) == (
        "A003",
        Decimal("79.6"),
        Decimal("86"),
    )
    # Re-freezing and changing an unrelated value does not blame the appeal.
    schoolwork.open(root, installed=False).freeze(SCHEME, force=True)
    values = root / "values" / f"{SCHEME}.csv"
    values.write_text(values.read_text("utf-8").replace("T002,12,84.7,", "T002,12,54.7,"), "utf-8")
    later = schoolwork.open(root, installed=False).compare(SCHEME)
    assert [v.indicator for s in later.subjects for v in s.values] == ["lesson_plans"]
    assert all(v.appeal is None for s in later.subjects for v in s.values)


# -- report and slips ---------------------------------------------------------------------


def test_the_internal_report_lists_appeals_and_the_bureau_names_no_one(
    schoolwork_sample_dir: Path,
) -> None:
    session = schoolwork.open(schoolwork_sample_dir, installed=False)
    internal = session.report("2023-2024", edition="internal", lang="en")
    ids = [s.id for s in internal.sections]
    assert ids.index("appeals-teacher-2023") == ids.index("ranking-teacher-2023") + 1
    (section,) = [s for s in internal.sections if s.id == "appeals-teacher-2023"]
    tally, table = section.blocks
    assert tally == schoolwork.Text("3 appeals: Upheld 1, Rejected 1, Pending 1.")
    assert table.rows == (  # type: ignore[union-attr]
        (
            "A001",
            "2024-07-08",
            "蒋敏浩",
            "indicator 作业批改 (value 83.7)",
            "第二学期作业抽查成绩漏登，作业批改只计了第一学期的 83.7 分",
            "Upheld (2024-07-10): 教导处复核两学期抽查记录，漏登属实，按两学期平均更正为 91.2 分",
            "value 83.7 → 91.2; score 81.27 → 82.25, rank 10 → 8",
        ),
        (
            "A002",
            "2024-07-08",
            "郑佳晨",
            "band 优秀",
            "本人得分与优秀教师相差不大，应评为优秀",
            "Rejected (2024-07-11): 得分低于优秀线 85 分，且优秀名额按考核方案限 20%，不予调整",
            "no change to the result",
        ),
        (
            "A003",
            "2024-07-09",
            "侯瑞",
            "indicator 备课检查 (value 79.6)",
            "第一学期备课检查时教案在教研组传阅，未能参检，备课检查应为 86 分",
            "Pending",
            "asks for 86, not yet decided",
        ),
    )
    bureau = session.report("2023-2024", lang="en")
    (counted,) = [s for s in bureau.sections if s.id == "appeals-teacher-2023"]
    assert counted.blocks == (tally,)
    names = [p.name for p in session.workspace.people]
    markdown = session.render(bureau, "md").decode("utf-8")
    assert not [name for name in names if name in markdown]


def test_slips_list_the_subjects_appeals_and_the_corrected_value(
    schoolwork_sample_dir: Path,
) -> None:
    session = schoolwork.open(schoolwork_sample_dir, installed=False)
    html = session.slips(SCHEME, "html", subject="T053")["slips.html"].decode("utf-8")
    assert "；按申诉 A001 更正，原为 83.7" in html
    assert (
        '<p class="appeal">申诉 A001（2024-07-08）：指标“作业批改”（原始值 83.7）；成立'
        "（2024-07-10）：教导处复核两学期抽查记录，漏登属实，按两学期平均更正为 91.2 分；"
        "原始值 83.7 → 91.2，得分 81.27 → 82.25，名次 10 → 8。</p>"
    ) in html
    other = session.slips(SCHEME, "html", subject="T003")["slips.html"].decode("utf-8")
    assert 'class="appeal"' not in other
    assert "申诉" not in other
    docx = session.slips(SCHEME, "docx", subject="T010")
    assert docx  # the Word slip renders the pending appeal too


# -- the command line ---------------------------------------------------------------------


def test_cli_diff_appeals(runner: CliRunner, schoolwork_sample_dir: Path) -> None:
    root = str(schoolwork_sample_dir)
    text = runner.invoke(cli, ["--lang", "en", "diff", root, "--scheme", SCHEME, "--appeals"])
    assert text.exit_code == 0, text.output
    assert "appeal A001 upheld: homework value 83.7 → 91.2" in text.output
    as_json = runner.invoke(
        cli, ["diff", root, "--scheme", SCHEME, "--appeals", "--format", "json"]
    )
    data = json.loads(as_json.output)
    assert data["against"] == "without appeals"
    assert data["subjects"][0]["values"][0]["appeal"] == "A001"
    unfrozen = runner.invoke(cli, ["diff", root, "--scheme", SCHEME])
    assert unfrozen.exit_code == 2
    assert "schoolwork diff --appeals" in unfrozen.output


def test_cli_refuses_a_bad_appeal_located(runner: CliRunner, schoolwork_sample_dir: Path) -> None:
    path = _appeals(schoolwork_sample_dir, "B01,T053,teacher-2023,2024-07-08,homework,,,成立,,,")
    result = runner.invoke(cli, ["--lang", "en", "validate", str(schoolwork_sample_dir)])
    assert result.exit_code == 2
    assert f"{path}: row 2, column corrected: expected the corrected value of homework" in (
        result.output
    )
    assert "Traceback" not in result.output
