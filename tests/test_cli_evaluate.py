from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from schoolwork.cli import cli


def run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_teacher_scheme_table(runner: CliRunner, schoolwork_sample_dir: Path) -> None:
    out = run(runner, "evaluate", str(schoolwork_sample_dir), "--scheme", "teacher-2023")
    assert out.startswith("教师年度考核 (teacher-2023), 2023-2024: 49 subjects")
    header = out.splitlines()[1].split()
    assert header[:3] == ["rank", "id", "name"]
    assert header[3:8] == ["ethics", "teaching", "research", "attendance", "results"]
    assert len(out.splitlines()) == 2 + 49


def test_class_scheme_has_bands_and_ranks(runner: CliRunner, schoolwork_sample_dir: Path) -> None:
    out = run(
        runner, "evaluate", str(schoolwork_sample_dir), "--scheme", "class-2023", "--format", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 18
    assert {r["band"] for r in rows} <= {"优秀班级", "合格班级", "待改进"}
    excellent = [r for r in rows if r["band"] == "优秀班级"]
    assert len(excellent) <= 5  # 30 % of 18 = 5.4, half up → 5
    assert rows[0]["rank"] == "1"


def test_json_is_byte_identical_between_runs(
    runner: CliRunner, schoolwork_sample_dir: Path
) -> None:
    args = ("evaluate", str(schoolwork_sample_dir), "--scheme", "teacher-2023", "--format", "json")
    first, second = run(runner, *args), run(runner, *args)
    assert first == second
    data = json.loads(first)
    assert data["scheme"] == "teacher-2023"
    assert isinstance(data["results"][0]["score"], str)  # Decimals travel as strings


def test_explain_shows_every_rule_and_source(
    runner: CliRunner, schoolwork_sample_dir: Path
) -> None:
    out = run(
        runner,
        "evaluate",
        str(schoolwork_sample_dir),
        "--scheme",
        "teacher-2023",
        "--explain",
        "T010",
    )
    assert "rounding: 2 places, half_up; missing values: exclude" in out
    assert "[teaching] 教学:" in out
    assert "process" in out
    assert "lesson_plans 备课检查: value" in out
    assert "(input)" in out
    assert "by linear 60→0, 100→100" in out
    assert "final score:" in out


def test_year_option_replaces_the_period(runner: CliRunner, schoolwork_sample_dir: Path) -> None:
    out = run(
        runner,
        "evaluate",
        str(schoolwork_sample_dir),
        "--scheme",
        "class-2023",
        "--year",
        "2024-2025",
    )
    assert out.splitlines()[0].endswith("2024-2025: 18 subjects")
    bad = runner.invoke(
        cli, ["evaluate", str(schoolwork_sample_dir), "--scheme", "class-2023", "--year", "2024"]
    )
    assert bad.exit_code == 2
    assert "expected a school year such as 2023-2024" in bad.output


def test_unknown_scheme_and_subject_are_named(
    runner: CliRunner, schoolwork_sample_dir: Path
) -> None:
    result = runner.invoke(cli, ["evaluate", str(schoolwork_sample_dir), "--scheme", "nope"])
    assert result.exit_code == 2
    assert "no scheme 'nope' (known: teacher-2023, class-2023, teacher-2022)" in result.output
    result = runner.invoke(
        cli, ["evaluate", str(schoolwork_sample_dir), "--scheme", "class-2023", "--explain", "T999"]
    )
    assert result.exit_code == 2
    assert "no subject 'T999'" in result.output
    assert "Traceback" not in result.output


def test_output_file_is_written_atomically(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "scores.csv"
    result = runner.invoke(
        cli,
        [
            "evaluate",
            str(schoolwork_sample_dir),
            "--scheme",
            "class-2023",
            "--format",
            "csv",
            "-o",
            str(target),
        ],
    )
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8-sig").startswith("rank,id,name,routine")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sample-school", "scores.csv"]
