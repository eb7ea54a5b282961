"""A Chinese-first command line: ``schoolwork --lang zh`` makes every listing, status, role,
explanation, help text and message Chinese, and every table fits 80 columns.

The listings are run on the bundled sample. With ``--lang zh`` the only Latin words left in
what a command prints are the school's own data (ids, file names, the folder's path) and the
names of programs and formats; anything else is an English word that escaped translation.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import attrs
import click
import pytest
from click.testing import CliRunner, Result

import schoolwork
from schoolwork.cli import cli
from schoolwork.cli.common import LocalOption
from schoolwork.cli.localised import LocalCommand, LocalGroup
from schoolwork.cli.table import fit_widths, format_fitted, wrap
from schoolwork.reports import listings
from schoolwork.reports.explained import subject_result
from schoolwork.sample import copy_sample
from schoolwork.terminal import width

LANG_VARS = ("SCHOOLWORK_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "COLUMNS")


@pytest.fixture(autouse=True)
def _neutral_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No language and no width from the machine running the tests: both are set per test."""
    for name in LANG_VARS:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the sample for the commands that only read it."""
    target = tmp_path_factory.mktemp("zh") / "sample-school"
    copy_sample(target)
    return target


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), env=env, prog_name="schoolwork")
    assert "Traceback" not in result.output
    return result


def ok(*args: str, env: dict[str, str] | None = None) -> str:
    result = run(*args, env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


LISTINGS = {
    "validate": ["validate", "{ws}"],
    "goals": ["goals", "{ws}", "--as-of", "2024-06-30"],
    "goals-at-year-end": ["goals", "{ws}", "--as-of", "2024-08-31"],
    "grid": ["grid", "{ws}"],
    "projects": ["projects", "{ws}"],
    "calendar": ["calendar", "{ws}", "--from", "2023-09-01", "--to", "2024-08-31"],
    "records": ["records", "{ws}"],
    "evaluate-teachers": ["evaluate", "{ws}", "--scheme", "teacher-2023"],
    "evaluate-classes": ["evaluate", "{ws}", "--scheme", "class-2023"],
    "explain": ["evaluate", "{ws}", "--scheme", "teacher-2023", "--explain", "孙桂婷"],
    "explain-a-class": ["evaluate", "{ws}", "--scheme", "class-2023", "--explain", "class-4-3"],
    "plugins": ["plugins", "--all"],
}


def listing(name: str, sample: Path, *lang: str) -> str:
    args = [a.replace("{ws}", str(sample)) for a in LISTINGS[name]]
    return ok(*lang, *args)


@pytest.fixture(scope="module")
def data_words(sample: Path) -> set[str]:
    """Every Latin word the sample's own data and the commands' names may bring."""
    ws = schoolwork.open(sample, installed=False)
    w = ws.workspace
    ids = [
        *(u.id for u in w.units),
        *(p.id for p in w.people),
        *(g.id for g in w.grids),
        *(p.id for p in w.plans),
        *(g.id for g in w.goals),
        *(p.id for p in w.projects),
        *(s.scheme.id for s in ws.schemes),
        *(p.name for p in sample.rglob("*")),
        *sample.parts,
    ]
    host = schoolwork.plugin_host(installed=False)
    plugins = [(p.name, *p.hooks) for p in host.plugins(builtin=True)]
    ids += [name for names in plugins for name in names]
    ids += ["schoolwork", "demo", "school", "sample"]  # `schoolwork demo --school sample`
    return {word.lower() for text in ids for word in re.findall(r"[A-Za-z]{2,}", text)}


@pytest.mark.parametrize("name", LISTINGS)
def test_no_english_word_outside_the_school_s_data(
    sample: Path, data_words: set[str], name: str
) -> None:
    out = listing(name, sample, "--lang", "zh")
    allowed = data_words
    english = sorted({w for w in re.findall(r"[A-Za-z]{2,}", out) if w.lower() not in allowed})
    assert english == [], out


@pytest.mark.parametrize("name", [n for n in LISTINGS if n != "plugins" and "explain" not in n])
def test_every_table_fits_80_columns(sample: Path, name: str) -> None:
    for lang in ("zh", "en"):
        out = listing(name, sample, "--lang", lang)
        # validate's lines that name the workspace's folder are never broken, to copy whole.
        lines = [line for line in out.splitlines() if str(sample) not in line]
        assert max(width(line) for line in lines) <= 80, (lang, out)


def test_a_wider_terminal_gets_wider_tables(sample: Path) -> None:
    args = ["--lang", "zh", "calendar", str(sample), "--from", "2023-09-01", "--to", "2023-09-30"]
    narrow = ok(*args)
    wide = ok(*args, env={"COLUMNS": "160"})
    assert max(width(line) for line in wide.splitlines()) > 80
    assert len(wide.splitlines()) < len(narrow.splitlines())
    assert "每月第一个周五校长走流程、开展消防检查，隐患排查常态化" in wide


def header(out: str, after: str) -> list[str]:
    lines = out.splitlines()
    return lines[next(i for i, line in enumerate(lines) if line.startswith(after)) + 1].split()


def test_headers_statuses_and_roles_are_chinese(sample: Path) -> None:
    goals = listing("goals", sample, "--lang", "zh")
    columns = ["目标", "责任方", "期间", "达成度", "时间进度", "状态"]
    assert header(goals, "截至 2024-06-30") == columns
    grade_4 = next(line for line in goals.splitlines() if "四年级：" in line)
    assert grade_4.split()[-3:] == ["75.0%", "83%", "有风险"]
    assert next(x for x in goals.splitlines() if x.startswith("提质增效")).split()[1] == "全校"
    assert "at_risk" not in goals
    assert "on_track" not in goals
    summary = listing("validate", sample, "--lang", "zh")
    assert "  分管校长 3" in summary.splitlines()
    assert "机构：    45 个（处室 5、级部 6、班级 18、教研组 4、备课组 12）" in summary
    assert "vice_principal" not in summary
    grid = listing("grid", sample, "--lang", "zh")
    assert "  T002  郑佳晨  分管校长、组长" in grid.splitlines()
    assert header(grid, "一岗双责：7 名岗位负责人") == ["工号", "姓名", "岗位"]
    assert "级部安全员网格（safety），用途：安全，组长：孙桂婷" in grid
    teachers = listing("evaluate-teachers", sample, "--lang", "zh")
    assert teachers.splitlines()[0] == "教师年度考核（teacher-2023），2023-2024学年，参评49名教师"
    assert teachers.splitlines()[1].split() == [
        "名次", "工号", "姓名", "师德", "教学", "教研", "出勤", "业绩", "加减分", "得分", "等次",
    ]  # fmt: skip
    classes = listing("evaluate-classes", sample, "--lang", "zh")
    assert classes.splitlines()[1].split()[:3] == ["名次", "编号", "名称"]


def test_at_the_year_s_end_a_goal_shows_its_outcome_not_a_pace(sample: Path) -> None:
    zh = listing("goals-at-year-end", sample, "--lang", "zh")
    statuses = {line.split()[-1] for line in zh.splitlines()[6:] if "%" in line}
    assert statuses == {"完成", "基本完成", "未完成"}
    top = next(line for line in zh.splitlines() if line.startswith("提质增效"))
    assert top.split()[-3:] == ["99.4%", "100%", "基本完成"]  # not 有风险: the year is over
    en = listing("goals-at-year-end", sample, "--lang", "en")
    assert next(x for x in en.splitlines() if x.startswith("提质增效")).split()[-1] == "mostly"


def test_the_projects_and_the_records_in_chinese(sample: Path) -> None:
    projects = listing("projects", sample, "--lang", "zh")
    assert projects.splitlines()[:3] == ["待认领（1）", "  尚无处室认领", "    P07 课后服务提质"]
    assert "［5W2H 方案缺：为什么做、何时做、在哪里做、怎么" in projects
    assert "工作闭环：已认领 6 个项目，其中 1 个已闭环（17%）" in projects
    records = listing("records", sample, "--lang", "zh")
    assert "荣誉 56 项，活动 29 次，检查 24 次，事故 0 起" in records
    assert "  类型      记录  天数  合格" in records.splitlines()
    assert "事故按严重程度：无" in records


def test_the_explanation_is_chinese_and_takes_a_name(sample: Path) -> None:
    by_name = listing("explain", sample, "--lang", "zh")
    args = ["--lang", "zh", "evaluate", str(sample), "--scheme", "teacher-2023"]
    assert ok(*args, "--explain", "T003") == by_name
    lines = by_name.splitlines()
    assert lines[:3] == [
        "孙桂婷（T003）— 教师年度考核（teacher-2023），2023-2024学年",
        "得分 87.43，名次 1（共 49），等次：优秀",
        "计分：保留 2 位小数，四舍五入；缺少的数值不计入所在维度",
    ]
    # 师德考核得分 comes from T003's ballots (worked out from ballots.csv in
    # test_raters_and_gains too): 95.20 × 0.3 + 96.17 × 0.3 + 94.00 × 0.2 + 96.00 × 0.2 = 95.41
    assert "【师德】83.41 分，权重 20/100，按权重平均；过程性 80.00，结果性 88.53" in lines
    assert (
        "    师德考核得分：95.41（民主测评：同事 7 票，去掉1个最高分和1个最低分后平均 95.20"
        "（权重 0.3）；学生 8 票，去掉1个最高分和1个最低分后平均 96.17（权重 0.3）；家长 5 票，"
        "中位数 94.00（权重 0.2）；领导 3 票，平均 96.00（权重 0.2））→ 88.53 分，"
        "按线性换算（60→0 分，100→100 分）"
    ) in lines
    assert (
        "    学业增值（合格率变化）：-0.6（基线 96.6（教师年度考核（2022-2023）的“学业水平"
        "（合格率%）”），本期 96.0，增值 -0.6）→ 80.00 分，按分档（≥-3→60、≥-1→80、≥1→90、"
        "≥3→100）"
    ) in lines
    assert "    缺勤天数：0（录入）→ 100.00 分，从 100 分起每次扣 10 分（越少越好）" in lines
    assert (
        "    青蓝结对成效：7（录入）→ 70.00 分，按线性换算（0→0 分，10→100 分）［已去掉］" in lines
    )
    assert "加分 +1.50：荣誉加分，沂源县骨干教师（县级荣誉称号，记录 H034）" in lines
    assert "加权总分：84.43" in lines
    assert lines[-1] == "最终得分：87.43（0 至 105 分）"


def test_a_quota_move_is_told_in_plain_chinese(tmp_path: Path) -> None:
    folder = tmp_path / "sample-school"
    copy_sample(folder)
    schemes = folder / "schemes.toml"
    text = schemes.read_text(encoding="utf-8")
    schemes.write_text(text.replace("quota = 0.2\n", "quota = 0.05\n", 1), encoding="utf-8")
    session = schoolwork.open(folder, installed=False)
    _, evaluation = session.evaluate("teacher-2023")
    moved = next(r for r in evaluation.results if r.moves)
    assert moved.rank == 3
    out = ok(
        "--lang", "zh", "evaluate", str(folder), "--scheme", "teacher-2023", "--explain", "T016"
    )
    assert (
        "“优秀”名额为2人（参评49人的5%，不足一个的部分不计），名次3未进入，等次调整为“良好”"
        in out.splitlines()
    )


def test_the_explanation_as_json_in_either_language(sample: Path, tmp_path: Path) -> None:
    args = ["evaluate", str(sample), "--scheme", "teacher-2023", "--explain", "孙桂婷"]
    zh = ok("--lang", "zh", *args, "--format", "json")
    assert ok("--lang", "en", *args, "--format", "json") == zh  # data: one for both languages
    data = json.loads(zh)
    assert (data["scheme"], data["period"], data["subjects"]) == ("teacher-2023", "2023-2024", 49)
    assert data["subject"] == {"id": "T003", "name": "孙桂婷", "kind": "teacher"}
    assert (data["score"], data["band"], data["rank"]) == ("87.43", "优秀", "1")
    assert [d["id"] for d in data["dimensions"]][:2] == ["ethics", "teaching"]
    assert data["adjustments"][0]["record"] == "H034"
    target = tmp_path / "t003.json"
    assert ok("--lang", "zh", *args, "-o", str(target)).strip() == f"已写入 {target}"
    assert json.loads(target.read_text(encoding="utf-8")) == data


def test_an_unknown_or_shared_subject_is_refused_in_the_run_s_language(sample: Path) -> None:
    args = ["evaluate", str(sample), "--scheme", "teacher-2023", "--explain", "孙桂亭"]
    zh = run("--lang", "zh", *args)
    assert zh.exit_code == 2
    assert zh.stderr == (
        "错误：考核方案 'teacher-2023' 的结果中没有对象 '孙桂亭'；是否想找 '孙桂婷'？\n"
    )
    en = run("--lang", "en", *args)
    assert en.stderr == (
        "error: no subject '孙桂亭' in the evaluation of 'teacher-2023'; did you mean '孙桂婷'?\n"
    )
    session = schoolwork.open(sample, installed=False)
    _, evaluation = session.evaluate("teacher-2023")
    first, second, *rest = evaluation.results
    twin = attrs.evolve(second, subject=attrs.evolve(second.subject, name=first.subject.name))
    shared = attrs.evolve(evaluation, results=(first, twin, *rest))
    with pytest.raises(schoolwork.UnknownIdError) as caught:
        subject_result(shared, "孙桂婷", "zh")
    assert str(caught.value) == "'孙桂婷' 是 2 个对象的名字（T003、T037）；请改用 id"
    assert subject_result(shared, "T037", "zh") is twin


def test_unknown_ids_and_years_are_refused_in_chinese_with_the_closest(sample: Path) -> None:
    scheme = run("--lang", "zh", "evaluate", str(sample), "--scheme", "teacher-2024")
    assert scheme.exit_code == 2
    assert scheme.stderr == (
        "错误：没有考核方案 'teacher-2024'（已有：teacher-2023、class-2023、teacher-2022）；"
        "是否想找 'teacher-2023'？\n"
    )
    year = run("--lang", "zh", "evaluate", str(sample), "--scheme", "class-2023", "--year", "2024")
    assert year.exit_code == 2
    assert year.stderr == "错误：学年 '2024'：应为形如 2023-2024 的学年\n"
    grid = run("--lang", "zh", "grid", str(sample), "--grid", "safty")
    assert grid.exit_code == 2
    assert grid.stderr == (
        "错误：没有网格 'safty'（已有：safety、class-safety、office-safety、publicity）；"
        "是否想找 'safety'？\n"
    )
    demo = run("--lang", "zh", "demo", str(sample.parent / "out"), "--school", "smaple")
    assert demo.exit_code == 2
    assert demo.stderr.startswith("错误：没有插件提供的工作区 'smaple'（已有：")
    assert demo.stderr.endswith("；是否想找 'sample'？\n")
    reversed_days = run(
        "--lang", "zh", "calendar", str(sample), "--from", "2024-03-01", "--to", "2024-02-01"
    )
    assert reversed_days.exit_code == 2
    assert reversed_days.stderr == "错误：--to 2024-02-01 早于 --from 2024-03-01\n"


def test_the_messages_of_init_in_chinese(tmp_path: Path) -> None:
    target = tmp_path / "new"
    out = ok("--lang", "zh", "init", str(target))
    assert out.splitlines() == [
        f"已写入 {target / 'school.toml'}",
        f"下一步：schoolwork validate {target}",
    ]
    again = run("--lang", "zh", "init", "--sample", str(target))
    assert again.exit_code == 2
    assert again.stderr == f"错误：{target} 不是空文件夹；请换一个新文件夹，或加 --force\n"
    assert ok("--lang", "zh", "validate", str(target)).splitlines()[-1] == "通过：没有发现问题"


# --- help ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--lang", "zh"], {}),
        ([], {"SCHOOLWORK_LANG": "zh"}),
        ([], {"LANG": "zh_CN.UTF-8"}),
    ],
    ids=["option", "env", "locale"],
)
def test_help_follows_the_run_s_language(args: list[str], env: dict[str, str]) -> None:
    top = ok(*args, "--help", env=env)
    assert top.splitlines()[0] == "用法：schoolwork [选项] 命令 [参数]..."
    assert "规划、分配、考核并总结学校的各项工作。" in top
    assert "  -h, --help        显示本帮助并退出。" in top.splitlines()
    assert "命令：" in top.splitlines()
    assert "  report    为 DIRECTORY 中的工作区写出学年工作总结" in top.splitlines()
    evaluate = ok(*args, "evaluate", "--help", env=env)
    assert "  --scheme TEXT      要评估的考核方案的 id。［必填］" in evaluate.splitlines()
    assert "选项：" in evaluate.splitlines()
    assert max(width(line) for line in [*top.splitlines(), *evaluate.splitlines()]) <= 80
    for english in ("Usage", "Options", "Show this message", "[required]", "Commands"):
        assert english not in top + evaluate


CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_HELP = ("Usage", "Options", "Show this message", "[required]", "Commands", "[default:")


def every_command(
    group: click.Group, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """``group`` and every command and sub-command under it, each with its path of names."""
    yield path, group
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from every_command(command, (*path, name))
        else:
            yield (*path, name), command


COMMANDS = list(every_command(cli))


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=[" ".join(p) or "schoolwork" for p, _ in COMMANDS]
)
def test_every_command_has_its_help_in_chinese(
    path: tuple[str, ...], command: click.Command
) -> None:
    out = ok("--lang", "zh", *path, "--help")
    lines = out.splitlines()
    assert lines[0].startswith(f"用法：{' '.join(('schoolwork', *path))} [选项]"), out
    # The command's own words: Chinese, and shown instead of the docstring.
    assert isinstance(command, LocalCommand | LocalGroup), f"{path}: plain click, English help"
    assert command.help_zh is not None
    assert CJK.search(command.help_zh)
    said = inspect.cleandoc(command.help_zh).splitlines()[0]
    assert f"  {said[:12]}" in out, out
    # Every option but -h/--help (its words are the formatter's) carries its own Chinese.
    ctx = click.Context(command, info_name=path[-1] if path else "schoolwork", obj={"lang": "zh"})
    helper = command.get_help_option(ctx)
    for param in command.get_params(ctx):
        if isinstance(param, click.Argument) or param is helper:
            continue
        assert isinstance(param, LocalOption), f"{path} {param.opts}: no Chinese help"
        assert param.help_zh is not None
        assert CJK.search(param.help_zh), (path, param.opts)
        record = param.get_help_record(ctx)
        assert record is not None
        at = next(i for i, line in enumerate(lines) if line.strip().startswith(record[0]))
        shown = " ".join(lines[at : at + 2]).replace(record[0], "", 1)
        assert CJK.search(shown.split("  -")[0]), (record, out)
    if isinstance(command, click.Group):
        assert "命令：" in lines
        for name in command.commands:
            row = next(line for line in lines if line.startswith(f"  {name} "))
            assert CJK.search(row), row
    assert max(width(line) for line in lines) <= 80, out
    for english in ENGLISH_HELP:
        assert english not in out, (english, out)


def test_help_in_english_is_click_s() -> None:
    top = ok("--lang", "en", "--help")
    assert top.splitlines()[0] == "Usage: schoolwork [OPTIONS] COMMAND [ARGS]..."
    assert "  report    Write the annual work summary of the workspace in DIRECTORY." in top
    evaluate = ok("evaluate", "--help")
    assert "The id of the scheme to evaluate.  [required]" in evaluate
    assert "[default:\n                               bureau]" in ok("report", "--help")
    assert "［默认：bureau］" in ok("--lang", "zh", "report", "--help")


# --- mistakes on the command line --------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "usage", "message"),
    [
        (["evaluate"], "schoolwork evaluate", "缺少参数 'DIRECTORY'"),
        (["evaluate", "{ws}"], "schoolwork evaluate", "缺少选项 '--scheme'"),
        (["evalute"], "schoolwork", "没有命令 'evalute'（是否想用 evaluate、validate？）"),
        (
            ["goals", "{ws}", "--asof", "2024-01-01"],
            "schoolwork goals",
            "没有选项 '--asof'（是否想用 --as-of？）",
        ),
        (
            ["goals", "{ws}", "--as-of", "2024-3-1"],
            "schoolwork goals",
            "'--as-of' 的值无效：应为 YYYY-MM-DD 形式的日期，如 2024-03-01，实为 '2024-3-1'",
        ),
        (
            ["report", "{ws}", "-o", "r.md", "--edition", "county"],
            "schoolwork report",
            "'--edition' 的值无效：'county' 不是可选值（internal、bureau）之一",
        ),
        (["goals", "{ws}", "extra"], "schoolwork goals", "多余的参数（extra）"),
        (["evaluate", "{ws}", "--scheme"], "schoolwork evaluate", "选项 '--scheme' 需要一个值"),
        ([], "schoolwork", "缺少命令"),
        (["roster", "imprt"], "schoolwork roster", "没有命令 'imprt'（是否想用 import？）"),
        (
            ["slips", "{ws}", "--scheme", "teacher-2023", "-o", "s.docx", "--lang", "fr"],
            "schoolwork slips",
            "'--lang' 的值无效：'fr' 不是可选值（zh、en）之一",
        ),
        (
            ["roster", "export", "{ws}"],
            "schoolwork roster export",
            "缺少选项 '-o' / '--output'",
        ),
    ],
    ids=[
        "argument", "option", "command", "unknown-option", "date", "choice", "extra", "value",
        "none", "sub-command", "command-s-choice", "sub-command-s-option",
    ],
)  # fmt: skip
def test_usage_errors_are_told_in_chinese(
    sample: Path, args: list[str], usage: str, message: str
) -> None:
    result = run("--lang", "zh", *(a.replace("{ws}", str(sample)) for a in args))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"用法：{usage} [选项]")
    assert lines[1] == f"运行 “{usage} -h” 查看帮助。"
    assert lines[-1] == f"错误：{message}"


def test_usage_errors_in_english_stay_click_s(sample: Path) -> None:
    result = run("--lang", "en", "evaluate", str(sample))
    assert result.exit_code == 2
    assert "Error: Missing option '--scheme'." in result.stderr
    assert "Usage: schoolwork evaluate [OPTIONS] DIRECTORY" in result.stderr


# --- the layout of a table ----------------------------------------------------------------------


def test_lines_break_where_chinese_allows() -> None:
    assert wrap("规范办学，班级常规达标", 10) == ["规范办学，", "班级常规达", "标"]
    # （ ends no line and ） starts none
    assert wrap("（第二学期）达标", 6) == ["（第二", "学期）", "达标"]
    assert wrap("  四年级：规范办学", 10) == ["  四年级：", "  规范办学"]  # the tree's indent kept
    assert wrap("2023-2024/第二学期", 10) == ["2023-2024/", "第二学期"]
    assert wrap("a very long-word", 6) == ["a very", "long-w", "ord"]  # a word too long is cut
    assert wrap("短", 10) == ["短"]


def test_a_table_narrows_where_it_costs_the_fewest_lines() -> None:
    rows = [("一个很长很长的目标标题，需要换行才能放下", "有风险"), ("短标题", "进度正常")]
    widths, gap = fit_widths([("目标", "状态"), *rows], 30)
    assert widths[1] == 8  # the status is never broken; the title wraps
    assert sum(widths) + gap <= 30
    text = format_fitted(("目标", "状态"), rows, 30)
    assert max(width(line) for line in text.splitlines()) <= 30
    assert text.splitlines()[1].endswith("有风险")
    narrow, one = fit_widths([("a", "b"), ("1234", "5678")], 9)
    assert (narrow, one) == ([4, 4], 1)  # a gap of one before any wrapping
    whole = format_fitted(("目标", "状态"), rows, None)
    assert len(whole.splitlines()) == 3  # no width: rows stay whole


def test_the_listings_take_a_language_and_keep_their_english_defaults(sample: Path) -> None:
    session = schoolwork.open(sample, installed=False)
    ws = session.workspace
    assert listings.safety_duty_table(ws).rows[1][2] == "vice_principal, group_leader"
    assert listings.safety_duty_table(ws, "zh").rows[1][2] == "分管校长、组长"
    zh = listings.goal_table(ws, None, None, lang="zh").table
    assert zh.columns == ("目标", "责任方", "期间", "达成度", "时间进度", "状态")
    with pytest.raises(schoolwork.UnknownIdError) as caught:
        listings.goal_table(ws, plan_id="plan-2032", lang="zh")
    assert str(caught.value) == "没有规划 'plan-2032'（已有：plan-2023）；是否想找 'plan-2023'？"
    scheme, evaluation = session.evaluate("class-2023")
    table = listings.score_table(scheme, evaluation, "zh")
    assert table.columns[3:] == ("常规管理", "文明班级", "活动与成绩", "得分", "等次")
    assert Decimal(table.rows[0][-2]) == evaluation.results[0].score


def test_vetoes_and_what_they_removed_are_told_in_chinese(tmp_path: Path) -> None:
    folder = tmp_path / "sample-school"
    copy_sample(folder)
    with (folder / "records" / "incidents.csv").open("a", encoding="utf-8") as incidents:
        incidents.write("X1,T003,2024-03-01,serious,ethics,体罚学生,invented\n")
    args = ["--lang", "zh", "evaluate", str(folder), "--scheme", "teacher-2023"]
    lines = ok(*args, "--explain", "孙桂婷").splitlines()
    assert "    因一票否决“师德考核不合格”，本维度计 0 分" in lines
    assert (
        "加分 +0.00：荣誉加分，沂源县骨干教师（县级荣誉称号，记录 H034）"
        "（应计 1.5 分，因一票否决不计）" in lines
    )
    assert "一票否决“师德一票否决”（记录 X1）：不得评为“优秀”，取消评优资格、不计加分" in lines
    assert "一票否决“师德考核不合格”（记录 X1）：定为“不合格”，“师德”计0分" in lines
    assert "因一票否决“师德考核不合格”，等次由“合格”调整为“不合格”" in lines
    table = ok(*args)
    assert table.splitlines()[1].split()[-1] == "一票否决"
