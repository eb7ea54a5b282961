"""The command line's language: ``schoolwork --lang zh|en``, SCHOOLWORK_LANG, the locale.

Problems are printed with ``Problem.text(lang)``, under an ``error:``/``错误：`` prefix and over a
count line in the same language; warnings likewise. An explicit ``--lang`` always wins, then
SCHOOLWORK_LANG, then the locale (LC_ALL, LC_MESSAGES, LANG: Chinese when it starts with zh).
What a command writes or tallies (report, export, demo, records) follows its own ``--lang``,
else the global one, else Chinese: the locale says how the user reads, not what the county
bureau reads.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import schoolwork_huantai
from click.testing import CliRunner

from schoolwork.cli import cli
from schoolwork.cli.common import locale_lang
from schoolwork.testing.installed import write_plugin

LANG_VARS = ("SCHOOLWORK_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True)
def _no_language_set(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in LANG_VARS:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def homework(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """桓台二小's workspace with one day of homework set for a grade the school does not have,
    the huantai-2 plugin loaded as if installed."""
    target = tmp_path / "huantai"
    shutil.copytree(schoolwork_huantai.workspace_path(), target)
    (target / "records" / "homework.csv").write_text(
        "date,grade,minutes,published,supervision\n2021-04-06,grade-9,30,是,教导处;家长\n",
        encoding="utf-8",
    )
    monkeypatch.delenv("SCHOOLWORK_DISABLE_PLUGIN_AUTOLOAD")
    monkeypatch.setenv("SCHOOLWORK_LOAD_PLUGINS", "huantai-2")
    return target


def grade_problem(target: Path, lang: str) -> str:
    file = target / "records" / "homework.csv"
    if lang == "zh":
        return f"错误：{file}：row 2, column grade：应为某个级部（年级）的 id，实为 'grade-9'"
    return f"error: {file}: row 2, column grade: expected the id of a grade, found 'grade-9'"


@pytest.mark.parametrize(
    ("args", "env", "lang"),
    [
        ([], {}, "en"),
        (["--lang", "zh"], {}, "zh"),
        ([], {"SCHOOLWORK_LANG": "zh"}, "zh"),
        ([], {"LANG": "zh_CN.UTF-8"}, "zh"),
        ([], {"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ([], {"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        (["--lang", "en"], {"SCHOOLWORK_LANG": "zh", "LANG": "zh_CN.UTF-8"}, "en"),
        (["--lang", "zh"], {"SCHOOLWORK_LANG": "en"}, "zh"),
        ([], {"SCHOOLWORK_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
    ],
    ids=[
        "default-en",
        "option",
        "env",
        "locale",
        "lc-messages-first",
        "lc-all-first",
        "option-beats-env-and-locale",
        "option-beats-env",
        "env-beats-locale",
    ],
)
def test_problems_are_told_in_the_run_language(
    runner: CliRunner,
    homework: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    env: dict[str, str],
    lang: str,
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(cli, [*args, "validate", str(homework)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        grade_problem(homework, lang),
        "发现 1 处问题" if lang == "zh" else "1 problem found",
    ]


def test_a_problem_without_chinese_is_told_in_english_under_chinese_framing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    write_plugin(
        site,
        "untranslated",
        """
        from schoolwork import Problem, hookimpl

        @hookimpl
        def schoolwork_checks(loaded):
            return [Problem("school.toml", "school.motto", "a motto", "none")]
        """,
    )
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delenv("SCHOOLWORK_DISABLE_PLUGIN_AUTOLOAD")
    monkeypatch.setenv("SCHOOLWORK_LOAD_PLUGINS", "untranslated")
    target = tmp_path / "ws"
    assert runner.invoke(cli, ["init", str(target)]).exit_code == 0
    try:
        result = runner.invoke(cli, ["--lang", "zh", "validate", str(target)])
    finally:
        sys.modules.pop("schoolwork_test_untranslated", None)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "错误：school.toml: school.motto: expected a motto, found none",
        "发现 1 处问题",
    ]


def test_a_problem_of_the_job_says_what_it_expected_in_chinese(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "ws"
    target.mkdir()
    (target / "school.toml").write_text(
        '[school]\nid = "s"\nname = "一所没有学年的学校"\n', encoding="utf-8"
    )
    result = runner.invoke(
        cli, ["--lang", "zh", "report", str(target), "-o", str(tmp_path / "r.md")]
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        f"错误：{target / 'school.toml'}：calendar.years：应为至少一个学年，实为 none",
        "发现 1 处问题",
    ]
    assert not (tmp_path / "r.md").exists()


@pytest.fixture
def failing_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    site = tmp_path / "site"
    write_plugin(site, "noimport", "raise ImportError('missing dependency')\n")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delenv("SCHOOLWORK_DISABLE_PLUGIN_AUTOLOAD")
    monkeypatch.setenv("SCHOOLWORK_LOAD_PLUGINS", "noimport")
    yield
    sys.modules.pop("schoolwork_test_noimport", None)


@pytest.mark.parametrize(
    ("lang", "warning"),
    [
        ("zh", "警告：插件 'noimport' 未加载：import failed: ImportError"),
        ("en", "warning: plugin 'noimport' not loaded: import failed: ImportError"),
    ],
)
def test_warnings_carry_the_prefix_of_the_run_language(
    runner: CliRunner, failing_plugin: None, tmp_path: Path, lang: str, warning: str
) -> None:
    assert runner.invoke(cli, ["init", str(tmp_path / "ws")]).exit_code == 0
    result = runner.invoke(cli, ["--lang", lang, "validate", str(tmp_path / "ws")])
    assert result.exit_code == 0, result.output
    assert warning in result.stderr


def test_a_usage_error_carries_the_prefix_of_the_run_language(
    runner: CliRunner, schoolwork_sample_dir: Path
) -> None:
    args = ["evaluate", str(schoolwork_sample_dir), "--scheme", "nosuch"]
    result = runner.invoke(cli, ["--lang", "zh", *args])
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：没有考核方案 'nosuch'（已有：")
    english = runner.invoke(cli, args)
    assert english.stderr.startswith("error: no scheme 'nosuch' (known: ")


def test_an_unknown_language_is_refused_by_name(
    runner: CliRunner, schoolwork_sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCHOOLWORK_LANG", "fr")
    result = runner.invoke(cli, ["validate", str(schoolwork_sample_dir)])
    assert result.exit_code == 2
    assert "Invalid value for '--lang': 'fr' is not one of 'zh', 'en'." in result.output
    assert "Traceback" not in result.output


def test_the_ok_line_is_in_the_run_language(
    runner: CliRunner, schoolwork_sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    result = runner.invoke(cli, ["validate", str(schoolwork_sample_dir)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "通过：没有发现问题"


@pytest.mark.parametrize(
    ("args", "env", "label"),
    [
        ([], {}, "按级别与奖次统计"),
        ([], {"LANG": "en_US.UTF-8"}, "按级别与奖次统计"),
        (["--lang", "en"], {}, "By level and prize"),
        ([], {"SCHOOLWORK_LANG": "en"}, "By level and prize"),
        (["--lang", "zh"], {"SCHOOLWORK_LANG": "en"}, "按级别与奖次统计"),
    ],
    ids=["zh-by-default", "locale-leaves-documents", "option", "env", "option-beats-env"],
)
def test_records_labels_follow_the_global_language_else_chinese(
    runner: CliRunner,
    schoolwork_sample_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    env: dict[str, str],
    label: str,
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(cli, [*args, "records", str(schoolwork_sample_dir)])
    assert result.exit_code == 0, result.output
    assert label in result.output
    other = "By level and prize" if label == "按级别与奖次统计" else "按级别与奖次统计"
    assert other not in result.output


def test_a_command_s_own_lang_beats_the_global_one(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r.md"
    result = runner.invoke(
        cli, ["--lang", "zh", "report", str(schoolwork_sample_dir), "-o", str(out), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Annual work summary 2023-2024")
    result = runner.invoke(
        cli, ["--lang", "en", "records", str(schoolwork_sample_dir), "--lang", "zh"]
    )
    assert "按级别与奖次统计" in result.output


def test_the_global_lang_sets_the_report_language(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r.md"
    result = runner.invoke(
        cli, ["--lang", "en", "report", str(schoolwork_sample_dir), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Annual work summary 2023-2024")


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh"}, "zh"),
        ({"LANG": "ZH_cn"}, "zh"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_ALL": "", "LANG": "zh_CN.GB18030"}, "zh"),
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_MESSAGES": "zh_HK.UTF-8", "LANG": "C"}, "zh"),
    ],
)
def test_the_locale_decides_in_the_order_gettext_reads_it(
    environ: dict[str, str], lang: str
) -> None:
    assert locale_lang(environ) == lang


# --- validate's summary -----------------------------------------------------------------------


def test_validate_lists_the_values_files_it_checked(
    runner: CliRunner, schoolwork_sample_dir: Path
) -> None:
    result = runner.invoke(cli, ["validate", str(schoolwork_sample_dir)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    files = "teacher-2023.csv, class-2023.csv, teacher-2022.csv"
    values = f"values:   {files} in {schoolwork_sample_dir / 'values'}"
    assert lines[lines.index(values) - 1].startswith("files:")


def test_validate_says_when_there_are_no_values_files(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(cli, ["init", str(tmp_path / "ws")]).exit_code == 0
    result = runner.invoke(cli, ["validate", str(tmp_path / "ws")])
    assert "values:   none" in result.stdout.splitlines()
