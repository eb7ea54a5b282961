"""Frozen results: freeze an evaluation, re-evaluate, and tell who moved and why (issue 16)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import schoolwork
from schoolwork.cli import cli
from schoolwork.evaluation.changes import Change, InputChange, RuleChange
from schoolwork.evaluation.frozen import FORMAT, loads
from schoolwork.testing.refreeze import check_one_value, check_unchanged
from schoolwork.testing.strategies import FrozenCase, frozen_cases

SCHEME = "teacher-2023"


def _set_value(root: Path, row_start: str, replacement: str) -> None:
    path = root / "values" / f"{SCHEME}.csv"
    text = path.read_text(encoding="utf-8")
    assert row_start in text
    path.write_text(text.replace(row_start, replacement, 1), encoding="utf-8")


def test_freezing_writes_the_same_bytes_and_reports_no_change(schoolwork_sample_dir: Path) -> None:
    session = schoolwork.open(schoolwork_sample_dir)
    path = session.freeze(SCHEME)
    assert path == schoolwork_sample_dir / "frozen" / SCHEME / "2023-2024.json"
    first = path.read_bytes()
    data = json.loads(first)
    assert data["format"] == FORMAT
    assert set(data["inputs"]) >= {
        "school.toml",
        "schemes.toml",
        f"values/{SCHEME}.csv",
        "records/incidents.csv",
    }
    assert all(v.startswith("sha256:") and len(v) == 71 for v in data["inputs"].values())
    assert data["rules"]["id"] == SCHEME
    assert "period" not in data["rules"]
    # Freezing again writes nothing new; a fresh session freezes the very same bytes.
    assert schoolwork.open(schoolwork_sample_dir).freeze(SCHEME) == path
    assert path.read_bytes() == first
    comparison = session.compare(SCHEME)
    assert comparison.unchanged
    assert comparison.subjects == comparison.inputs == comparison.rules == ()


def test_a_changed_value_names_its_subject_its_indicator_and_its_file(
    schoolwork_sample_dir: Path,
) -> None:
    schoolwork.open(schoolwork_sample_dir).freeze(SCHEME)
    # T002's 师德学习与承诺 12 → 6 (its 师德考核得分 comes from ballots, not the values file):
    # thresholds give 100 → 60 points; the indicator is the process part (0.6) of 师德,
    # weighted 20 of 100: 0.6 × −40 × 0.2 = −4.80.
    _set_value(schoolwork_sample_dir, "T002,12,", "T002,6,")
    comparison = schoolwork.open(schoolwork_sample_dir).compare(SCHEME)
    assert comparison.inputs == (InputChange(f"values/{SCHEME}.csv", Change.CHANGED),)
    assert comparison.rules == ()
    first = comparison.subjects[0]
    assert first.id == "T002"
    assert first.own_cause
    assert first.score_delta == Decimal("-4.80")
    (value,) = first.values
    assert (value.indicator, value.value_before, value.value_after) == (
        "ethics_study",
        Decimal("12"),
        Decimal("6"),
    )
    assert (value.points_before, value.points_after) == (Decimal("100.00"), Decimal("60.00"))
    assert first.before is not None
    assert first.after is not None
    places = first.after.rank - first.before.rank
    # Everyone else named moved with T002: same score, own data unchanged, one place up.
    others = comparison.subjects[1:]
    assert len(others) == places
    for other in others:
        assert other.score_delta == 0
        assert not other.own_cause
        assert other.rank_delta == 1


def test_a_changed_rule_is_named_by_kind_and_id(schoolwork_sample_dir: Path) -> None:
    schoolwork.open(schoolwork_sample_dir).freeze(SCHEME)
    schemes = schoolwork_sample_dir / "schemes.toml"
    text = schemes.read_text(encoding="utf-8")
    old = 'id = "homework"\nname = "作业批改"\npart = "process"\n'
    assert old in text
    schemes.write_text(text.replace(old, old + "weight = 3\n", 1), encoding="utf-8")
    comparison = schoolwork.open(schoolwork_sample_dir).compare(SCHEME)
    assert comparison.rules == (RuleChange("indicator", "homework", Change.CHANGED),)
    assert InputChange("schemes.toml", Change.CHANGED) in comparison.inputs
    assert comparison.subjects
    assert all(
        any(v.indicator != "homework" or v.points_before == v.points_after for v in s.values)
        or not s.values
        for s in comparison.subjects
    )


def test_frozen_results_are_replaced_only_with_force(schoolwork_sample_dir: Path) -> None:
    session = schoolwork.open(schoolwork_sample_dir)
    path = session.freeze(SCHEME)
    before = path.read_bytes()
    _set_value(schoolwork_sample_dir, "T002,12,", "T002,6,")
    session = schoolwork.open(schoolwork_sample_dir)
    with pytest.raises(schoolwork.UsageError, match="frozen already"):
        session.freeze(SCHEME)
    assert path.read_bytes() == before
    session.freeze(SCHEME, force=True)
    assert path.read_bytes() != before
    assert session.compare(SCHEME).unchanged


def test_nothing_frozen_is_told(schoolwork_sample_dir: Path) -> None:
    session = schoolwork.open(schoolwork_sample_dir)
    assert session.frozen(SCHEME) is None
    with pytest.raises(schoolwork.UsageError, match="nothing is frozen"):
        session.compare(SCHEME)


@pytest.mark.parametrize(
    ("text", "where", "found"),
    [
        (b'{"format": 1,', "line 1, column 14", None),
        (b'{"format": 2}', "format", "2"),
        (b"[]", "", "list"),
        (b"\xff", "byte 0", None),
    ],
)
def test_a_corrupt_or_foreign_frozen_file_is_located(
    text: bytes, where: str, found: str | None
) -> None:
    with pytest.raises(schoolwork.WorkspaceError) as caught:
        loads(text, "frozen/x/2023-2024.json")
    (problem,) = caught.value.problems
    assert (problem.file, problem.path) == ("frozen/x/2023-2024.json", where)
    if found is not None:
        assert problem.found == found
    assert problem.expected_zh


def test_every_bad_key_of_a_frozen_file_is_located(schoolwork_sample_dir: Path) -> None:
    path = schoolwork.open(schoolwork_sample_dir).freeze(SCHEME)
    data = json.loads(path.read_bytes())
    data["results"][3]["score"] = 88.5  # a float, not a number written as text
    del data["results"][5]["rank"]
    data["results"][7]["values"][2]["status"] = "lost"
    data["inputs"]["school.toml"] = None
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(schoolwork.WorkspaceError) as caught:
        schoolwork.open(schoolwork_sample_dir).compare(SCHEME)
    assert sorted(p.path for p in caught.value.problems) == [
        "inputs.school.toml",
        "results[3].score",
        "results[5].rank",
        "results[7].values[2].status",
    ]


def test_cli_freeze_diff_and_evaluate_warning(
    runner: CliRunner, schoolwork_sample_dir: Path
) -> None:
    root = str(schoolwork_sample_dir)
    frozen = runner.invoke(cli, ["freeze", root, "--scheme", SCHEME])
    assert frozen.exit_code == 0, frozen.output
    assert frozen.stdout.startswith("froze ")
    same = runner.invoke(cli, ["diff", root, "--scheme", SCHEME])
    assert same.exit_code == 0
    assert same.stdout.splitlines()[-1] == "no change"
    quiet = runner.invoke(cli, ["evaluate", root, "--scheme", SCHEME])
    assert quiet.exit_code == 0
    assert "frozen" not in quiet.stderr

    _set_value(schoolwork_sample_dir, "T002,12,", "T002,6,")
    changed = runner.invoke(cli, ["diff", root, "--scheme", SCHEME])
    assert changed.exit_code == 0
    lines = changed.stdout.splitlines()
    assert lines[1] == f"inputs changed: values/{SCHEME}.csv (changed)"
    count = int(lines[2].split()[0])
    assert lines[3].startswith("T002 ")
    assert "(-4.80)" in lines[3]
    assert "ethics_study value 12 → 6, points 100.00 → 60.00" in lines[3]
    assert len(lines) == 3 + count
    in_chinese = runner.invoke(cli, ["--lang", "zh", "diff", root, "--scheme", SCHEME])
    zh = in_chinese.stdout.splitlines()
    assert zh[1] == f"输入有变：values/{SCHEME}.csv（有改动）"
    # the same correction as docs/evaluation.md's worked example, 84.25 → 79.45, rank 4 → 17
    assert zh[3].startswith("T002 郑佳晨：得分 84.25 → 79.45（-4.80），名次 4 → 17")
    assert zh[3].endswith("；师德学习与承诺 原始值 12 → 6，得分 100.00 → 60.00")
    zh_csv = runner.invoke(
        cli, ["--lang", "zh", "diff", root, "--scheme", SCHEME, "--format", "csv"]
    )
    assert "师德学习与承诺 原始值 12 → 6，得分 100.00 → 60.00" in zh_csv.stdout

    warned = runner.invoke(cli, ["evaluate", root, "--scheme", SCHEME])
    assert warned.exit_code == 0
    assert f"{count} subjects differ from them" in warned.stderr

    refused = runner.invoke(cli, ["freeze", root, "--scheme", SCHEME])
    assert refused.exit_code == 2
    assert "--force" in refused.stderr
    as_json = runner.invoke(cli, ["diff", root, "--scheme", SCHEME, "--format", "json"])
    data = json.loads(as_json.stdout)
    assert data["subjects"][0]["values"][0]["points"] == ["100.00", "60.00"]
    as_csv = runner.invoke(cli, ["diff", root, "--scheme", SCHEME, "--format", "csv"])
    assert len(as_csv.stdout.splitlines()) == 1 + count
    forced = runner.invoke(cli, ["freeze", root, "--scheme", SCHEME, "--force"])
    assert forced.exit_code == 0
    again = runner.invoke(cli, ["--lang", "zh", "diff", root, "--scheme", SCHEME])
    assert again.stdout.splitlines()[-1] == "无变化"


def test_cli_corrupt_frozen_file_exits_2(runner: CliRunner, schoolwork_sample_dir: Path) -> None:
    folder = schoolwork_sample_dir / "frozen" / SCHEME
    folder.mkdir(parents=True)
    (folder / "2023-2024.json").write_text('{"format": 1,', encoding="utf-8")
    result = runner.invoke(cli, ["evaluate", str(schoolwork_sample_dir), "--scheme", SCHEME])
    assert result.exit_code == 2
    assert "2023-2024.json: line 1, column 14: expected JSON" in result.stderr
    assert "Traceback" not in result.output


@settings(max_examples=40, deadline=None)
@given(case=frozen_cases())
def test_re_evaluating_unchanged_inputs_reports_no_change(case: FrozenCase) -> None:
    check_unchanged(case.scheme, case.subjects, case.values)


@settings(max_examples=60, deadline=None)
@given(case=frozen_cases(), data=st.data())
def test_changing_one_value_changes_that_subject_and_those_moving_with_it(
    case: FrozenCase, data: st.DataObject
) -> None:
    subject = data.draw(st.sampled_from(case.subjects)).id
    indicator = data.draw(
        st.sampled_from([i.id for d in case.scheme.dimensions for i in d.indicators])
    )
    value = data.draw(st.none() | st.decimals(-50, 250, places=1))
    comparison = check_one_value(case.scheme, case.subjects, case.values, subject, indicator, value)
    assert all(s.id == subject or not s.own_cause for s in comparison.subjects)
