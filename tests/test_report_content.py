"""What the summary says: parts 二 and 三 drafted from the data, texts per year, year-end
wording, the notes on the scheme and on 达成度, and a year outside the calendar refused."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

import schoolwork
from schoolwork.cli import cli
from schoolwork.goals import CheckIn, Goal, GoalIndicator
from schoolwork.job import open_workspace, plugin_host, read_workspace
from schoolwork.reports import goal_drafts
from schoolwork.reports.build import build_report
from schoolwork.reports.drafts import Context
from schoolwork.reports.markdown import render_markdown
from schoolwork.reports.model import Edition, PartKind, Report, Text

YEAR = "2023-2024"


def text_of(report: Report, section_id: str) -> str:
    return "\n\n".join(b.markdown for b in report.section(section_id).blocks if isinstance(b, Text))


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    folder = tmp_path_factory.mktemp("content") / "school"
    schoolwork.init_workspace(folder, sample=True)
    return open_workspace(folder).report(YEAR)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def report_cli(folder: Path, out: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["report", str(folder), "-o", str(out), *extra])
    return result.exit_code, result.output


# -- parts 二 and 三 from the sample's data ------------------------------------------------


def test_part_two_lists_the_goals_that_fell_short_with_their_evidence(sample_report) -> None:  # type: ignore[no-untyped-def]
    goals = text_of(sample_report, "problems-goals")
    assert goals.startswith("本学年15项目标中，完成11项，基本完成2项，未完成2项。\n\n")
    assert "- “综合教研组：双新课堂达标”达成度66.7%，未完成，其中公开课2节（目标3节）。" in goals
    assert (
        "- “四年级：规范办学，班级常规达标”达成度75.0%，未完成，"
        "其中级部检查达标次数3次（目标4次）。" in goals
    )
    assert (
        "- “教务处：加大教学管理，提高学业水平”达成度95.8%，基本完成；"
        "下级目标综合教研组（未完成）尚有差距。" in goals
    )
    # Goals that were reached are not problems.
    assert "语文教研组" not in goals


def test_part_three_answers_each_goal_with_its_step(sample_report) -> None:  # type: ignore[no-untyped-def]
    steps = text_of(sample_report, "next_steps-goals")
    assert steps.startswith(
        "下学年是三年发展规划（2023—2026）的第二年，主题为“提质增效、打造高地”，"
        "以下差距一并纳入下学年目标。"
    )
    assert "- 综合教研组补齐差距（公开课尚差1节），纳入下学年工作计划，逐月跟踪落实。" in steps
    assert (
        "- 四年级补齐差距（级部检查达标次数尚差1次），纳入下学年工作计划，逐月跟踪落实。" in steps
    )
    assert "- 教务处督促综合教研组补齐差距，按月调度。" in steps


def test_post_holders_without_a_safety_duty_are_a_problem_not_a_highlight(sample_report) -> None:  # type: ignore[no-untyped-def]
    grids = text_of(sample_report, "problems-grids")
    assert grids == (
        "一岗双责落实不到位：7名岗位负责人未承担任何安全网格职责（校长兼书记、"
        "分管校长（教学）兼语文教研组组长、分管校长（后勤与宣传）、二年级数学备课组组长、"
        "六年级数学备课组组长、英语教研组组长、综合教研组组长）。"
    )
    assert text_of(sample_report, "next_steps-grids") == (
        "将上述7名岗位负责人纳入安全网格，每人至少承担一项安全职责，落实一岗双责。"
    )
    assert "一岗双责" not in text_of(sample_report, "duties")


def test_the_unclaimed_project_and_the_incomplete_plan(sample_report) -> None:  # type: ignore[no-untyped-def]
    projects = text_of(sample_report, "problems-projects")
    assert (
        "- “课后服务提质”（落实沂源县教育和体育局《关于进一步提升课后服务质量的通知》，"
        "沂教体字〔2024〕15号）尚无处室认领。" in projects
    )
    assert (
        "- “‘一校一品’资助育人品牌”（德育处牵头）的5W2H方案缺少为什么做（Why）、何时做（When）、"
        "在哪里做（Where）、怎么做（How）、投入多少（How much）。" in projects
    )
    steps = text_of(sample_report, "next_steps-projects")
    assert "- 明确“课后服务提质”的牵头处室，认领后用5W2H制定方案。" in steps
    assert "- 德育处补齐“‘一校一品’资助育人品牌”方案中的为什么做（Why）" in steps


def test_classes_to_improve_are_named_with_where_they_lost_points(sample_report) -> None:  # type: ignore[no-untyped-def]
    assert text_of(sample_report, "problems-results") == (
        "“班级综合考核”中4个班级为“待改进”：二年级二班、二年级三班、五年级三班、四年级一班，"
        "得分在53.3至59.2分之间，失分主要在“文明班级”（平均19.5分，全体平均51.3分）。"
    )
    assert text_of(sample_report, "next_steps-results") == (
        "对“待改进”的4个班级逐项分析“文明班级”等失分项，制定整改措施，下学年跟踪复评。"
    )


def test_the_school_text_leads_and_the_drafts_follow(sample_report) -> None:  # type: ignore[no-untyped-def]
    problems = [s.id for s in sample_report.part(PartKind.PROBLEMS)]
    assert problems == [
        "problems-1",
        "problems-2",
        "problems-3",
        "problems-goals",
        "problems-grids",
        "problems-projects",
        "problems-results",
    ]
    steps = [s.id for s in sample_report.part(PartKind.NEXT_STEPS)]
    assert steps[3:] == [
        "next_steps-goals",
        "next_steps-grids",
        "next_steps-projects",
        "next_steps-results",
    ]


def test_a_school_section_under_a_drafts_title_replaces_it(schoolwork_sample_dir: Path) -> None:
    texts = schoolwork_sample_dir / "texts" / YEAR
    problems = texts / "problems.md"
    write(problems, problems.read_text(encoding="utf-8") + "\n## 目标落实\n\n我们自己的话。\n")
    report = open_workspace(schoolwork_sample_dir).report(YEAR)
    ids = [s.id for s in report.part(PartKind.PROBLEMS)]
    assert "problems-goals" not in ids
    assert report.section("problems-4").title == "目标落实"
    assert text_of(report, "problems-4") == "我们自己的话。"
    # Only the draft of that part goes: the steps are still drafted.
    assert "next_steps-goals" in [s.id for s in report.part(PartKind.NEXT_STEPS)]
    # An English title replaces it as well; another title only adds to the drafts.
    write(problems, "## Safety grids and one post, two duties\n\nOurs.\n\n## 其他\n\n另说。\n")
    report = open_workspace(schoolwork_sample_dir).report(YEAR)
    ids = [s.id for s in report.part(PartKind.PROBLEMS)]
    assert ids == [
        "problems-1",
        "problems-2",
        "problems-goals",
        "problems-projects",
        "problems-results",
    ]


def test_grid_gaps_and_double_owners_are_drafted(schoolwork_sample_dir: Path) -> None:
    """Validation refuses them, so they reach a report only through an unvalidated read."""
    grids = schoolwork_sample_dir / "grids.toml"
    gap = '    { scope = "grade-1", duty = "order", owner = "T011", backup = "T010" },\n'
    double = '    { scope = "grade-2", duty = "hazards", owner = "T014", backup = "T013" },\n'
    text = grids.read_text(encoding="utf-8")
    assert gap in text
    assert double in text
    over = '{ scope = "grade-3", duty = "order", owner = "T017"'
    text = text.replace(gap, "").replace(double, double + double.replace("T014", "T015"))
    text = text.replace(over, over.replace("T017", "T014"))  # T014: five cells, the limit 4
    grids.write_text(text, encoding="utf-8")
    loaded, problems = read_workspace(schoolwork_sample_dir)
    assert loaded is not None
    assert not problems
    host = plugin_host(installed=False)
    report = build_report(loaded, YEAR, [], host)
    drafted = text_of(report, "problems-grids")
    assert "- “级部安全员网格”有1个职责格无人负责：一年级·上下学秩序。" in drafted
    assert "- “级部安全员网格”有1个职责格由多人负责，责任不清：二年级·隐患排查。" in drafted
    assert "- “级部安全员网格”有1人承担的职责格超过上限（每人4个）。" in drafted
    steps = text_of(report, "next_steps-grids")
    assert "- 为“级部安全员网格”中无人负责的1个职责格指定责任人和B角，做到分工到人。" in steps
    assert "- 为“级部安全员网格”中多人负责的职责格明确唯一责任人，做到责任到人。" in steps
    assert "- 调整“级部安全员网格”的分工，每人承担不超过4个职责格。" in steps
    internal = text_of(build_report(loaded, YEAR, [], host, edition="internal"), "problems-grids")
    name = next(p.name for p in loaded.workspace.people if p.id == "T014")
    assert f"- “级部安全员网格”有1人承担的职责格超过上限（每人4个）：{name}。" in internal


def test_a_veto_is_drafted_without_the_teachers_name_for_the_bureau(
    schoolwork_sample_dir: Path,
) -> None:
    incidents = schoolwork_sample_dir / "records" / "incidents.csv"
    with incidents.open("a", encoding="utf-8") as file:
        file.write("I90,T010,2024-03-01,moderate,ethics,体罚学生,invented\n")
    school = open_workspace(schoolwork_sample_dir)
    name = next(p.name for p in school.workspace.people if p.id == "T010")
    bureau = text_of(school.report(YEAR), "problems-vetoes")
    assert bureau == (
        "“教师年度考核”中1名教师触发“师德一票否决”，不得评为“优秀”、取消评优资格、不计加分。"
    )
    internal = text_of(school.report(YEAR, edition="internal"), "problems-vetoes")
    assert internal == bureau[:-1] + f"：{name}。"
    assert text_of(school.report(YEAR), "next_steps-vetoes") == (
        "针对“师德一票否决”所涉问题加强教育和日常监督，从源头上防范。"
    )


# -- year-end wording and the notes -------------------------------------------------------


def test_at_the_year_end_a_goal_is_reached_mostly_or_not_never_at_risk(sample_report) -> None:  # type: ignore[no-untyped-def]
    table = sample_report.section("goals").blocks[0]
    assert table.columns[-1] == "完成情况"
    school_row = table.rows[0]
    assert school_row[2:] == ("99.4%", "基本完成")
    assert {row[-1] for row in table.rows} == {"完成", "基本完成", "未完成"}
    markdown = render_markdown(sample_report)
    for pace_word in ("有风险", "进度正常", "滞后"):
        assert pace_word not in markdown


def test_while_the_year_runs_goals_are_judged_against_the_pace(
    schoolwork_sample_dir: Path,
) -> None:
    loaded = open_workspace(schoolwork_sample_dir).loaded
    report = build_report(loaded, YEAR, [], plugin_host(installed=False), today=date(2024, 5, 1))
    assert report.as_of == date(2024, 5, 1)
    goals = report.section("goals")
    assert goals.blocks[0] == Text("以上为截至2024年5月1日的情况。")
    assert goals.blocks[1].columns[-1] == "状态"
    words = {row[-1] for row in goals.blocks[1].rows}
    assert words <= {"进度正常", "有风险", "滞后", "暂无数据"}
    assert "完成" not in words
    assert "基本完成" not in words
    drafted = text_of(report, "problems-goals")
    assert drafted.startswith("截至2024年5月1日，本学年15项目标中，滞后15项。")
    assert (
        "- “语文教研组：双新课堂达标”达成度33.3%，时间进度52.9%，滞后，其中公开课1节（目标3节）。"
        in drafted
    )
    # A semester's goal is due at the semester's end, a year's at the year's.
    steps = text_of(report, "next_steps-goals")
    assert "- 语文教研组在2024年7月5日前补齐差距（公开课尚差2节），加快进度。" in steps
    assert "- 总务处在2024年8月31日前补齐差距（设施改造项目尚差4项），加快进度。" in steps
    assert "下学年" not in steps
    assert "学年进行中，达成度对照时间进度" in text_of(report, "goals")


def test_the_year_end_day_itself_is_year_end(schoolwork_sample_dir: Path) -> None:
    loaded = open_workspace(schoolwork_sample_dir).loaded
    report = build_report(loaded, YEAR, [], plugin_host(installed=False), today=date(2024, 8, 31))
    assert report.as_of == date(2024, 8, 31)
    assert report.section("goals").blocks[0].columns[-1] == "完成情况"


def test_a_note_says_what_achievement_means(sample_report) -> None:  # type: ignore[no-untyped-def]
    note = sample_report.section("goals").blocks[-1]
    assert note.markdown.startswith("**达成度说明**：达成度是目标的完成程度。")
    assert "超额完成的部分最多计至120%。" in note.markdown
    assert note.markdown.endswith(
        "学年结束时，达成度100%及以上为“完成”，85%至100%为“基本完成”，85%以下为“未完成”。"
    )


def test_a_note_explains_each_scheme(sample_report) -> None:  # type: ignore[no-untyped-def]
    teachers = sample_report.section("evaluation-teacher-2023").blocks
    assert teachers[0] == Text(
        "**考核方案说明**：教师年度考核设5个维度，按权重计入总分：师德20%、教学35%、教研20%、"
        "出勤10%、业绩15%。每个维度内，过程性评价占60%，结果性评价占40%。“荣誉加分”合计不超过5分。"
        "等次：85分及以上为“优秀”，名额不超过参评对象的20%（本次参评49名教师，至多9人，"
        "不足一个的部分不计）；75分及以上为“良好”；60分及以上为“合格”；其余为“不合格”。"
        "一票否决：“师德一票否决”不得评为“优秀”、取消评优资格、不计加分；"
        "“师德考核不合格”定为“不合格”、“师德”计0分。"
    )
    assert teachers[1] == Text("参评49名教师，平均分76.81，最高分87.43，最低分65.08。")
    classes = sample_report.section("evaluation-class-2023").blocks[0].markdown
    assert "名额不超过参评对象的30%（本次参评18个班级，至多5个，四舍五入）" in classes


def test_english_drafts_and_notes(schoolwork_sample_dir: Path) -> None:
    report = open_workspace(schoolwork_sample_dir).report(YEAR, lang="en")
    assert report.section("problems-goals").title == "Goals"
    goals = text_of(report, "problems-goals")
    assert goals.startswith("Of the year's 15 goals: 11 reached, 2 mostly reached, 2 not reached.")
    assert (
        "“综合教研组：双新课堂达标” reached 66.7%: not reached; 公开课 2节 (target 3节)." in goals
    )
    assert text_of(report, "goals").endswith(
        "At the year's end a goal at 100% or more is reached, from 85% mostly reached, "
        "below 85% not reached."
    )


# -- texts per year, and the year itself ---------------------------------------------------


def test_another_year_does_not_borrow_this_years_texts(schoolwork_sample_dir: Path) -> None:
    school = open_workspace(schoolwork_sample_dir)
    later = render_markdown(school.report("2024-2025"))
    assert "第一年" not in later
    assert "本学年是三年发展规划（2023—2026）的第二年，年度主题为“提质增效、打造高地”" in later
    assert "网格化管理与项目认领" not in later  # a section of 2023-2024's own text
    first = render_markdown(school.report(YEAR))
    assert "本学年是三年发展规划（2023—2026）的第一年" in first
    assert "网格化管理与项目认领" in first
    write(
        schoolwork_sample_dir / "texts" / "2024-2025" / "problems.md", "## 新问题\n\n次年的话。\n"
    )
    later = school.report("2024-2025")
    assert next(s.title for s in later.part(PartKind.PROBLEMS)) == "新问题"
    assert "次年的话" not in render_markdown(school.report(YEAR))


def test_flat_texts_are_the_calendars_first_year(schoolwork_sample_dir: Path) -> None:
    texts = schoolwork_sample_dir / "texts"
    for path in (texts / YEAR).iterdir():
        shutil.move(path, texts / path.name)
    (texts / YEAR).rmdir()
    school = open_workspace(schoolwork_sample_dir)
    assert "网格化管理与项目认领" in render_markdown(school.report(YEAR))
    assert "网格化管理与项目认领" not in render_markdown(school.report("2024-2025"))


@pytest.mark.parametrize(
    ("place", "content", "message"),
    [
        (
            "texts/problems.md",
            "## 旧\n",
            "{root}/texts/problems.md: expected every text in a year's folder, such as "
            "texts/2023-2024/problems.md, once texts/ has one, found texts/problems.md beside "
            "texts/2023-2024/",
        ),
        (
            "texts/2023-2024/problem.md",
            "## 错名\n",
            "{root}/texts/2023-2024/problem.md: expected a text named after a part of the "
            "summary: highlights.md, problems.md, next_steps.md, found problem.md",
        ),
        (
            "texts/2023/problems.md",
            "## 错年\n",
            "{root}/texts/2023: expected a folder named after a school year of the calendar in "
            "school.toml (2023-2024, 2024-2025, 2025-2026), found 2023",
        ),
    ],
)
def test_a_misplaced_text_is_refused_by_name(
    schoolwork_sample_dir: Path, tmp_path: Path, place: str, content: str, message: str
) -> None:
    write(schoolwork_sample_dir / place, content)
    out = tmp_path / "r.md"
    code, output = report_cli(schoolwork_sample_dir, out, "--year", YEAR)
    assert code == 2
    assert f"error: {message.format(root=schoolwork_sample_dir)}\n" in output
    assert "Traceback" not in output
    assert not out.exists()


def test_a_text_that_is_not_utf8_is_refused_with_its_line(
    schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    path = schoolwork_sample_dir / "texts" / YEAR / "problems.md"
    path.write_bytes("## 问题\n\n第二段\n".encode() + "中文".encode("gbk"))
    out = tmp_path / "r.md"
    code, output = report_cli(schoolwork_sample_dir, out, "--year", YEAR)
    assert code == 2
    assert (
        f"error: {path}: line 4: expected UTF-8 text (save it as UTF-8, e.g. in Notepad (记事本): "
        "另存为, 编码 UTF-8), found the byte 0xD6, which is not UTF-8\n" in output
    )
    assert not out.exists()
    with pytest.raises(schoolwork.WorkspaceError) as raised:
        open_workspace(schoolwork_sample_dir).report(YEAR)
    (problem,) = raised.value.problems
    assert problem.expected_zh == (
        "UTF-8 编码的文本（请另存为 UTF-8，例如用记事本打开，另存为，编码选 UTF-8）"
    )
    assert "应为UTF-8 编码的文本" in problem.text("zh")


def test_a_year_outside_the_calendar_exits_2_and_writes_nothing(
    schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r.md"
    code, output = report_cli(schoolwork_sample_dir, out, "--year", "2030-2031")
    assert code == 2
    assert (
        f"error: {schoolwork_sample_dir / 'school.toml'}: calendar.years: expected the school "
        "year 2030-2031 asked for, as a [[calendar.years]] entry, found 2023-2024, 2024-2025, "
        "2025-2026\n" in output
    )
    assert "Traceback" not in output
    assert not out.exists()
    with pytest.raises(schoolwork.WorkspaceError) as raised:
        open_workspace(schoolwork_sample_dir).report("2030-2031")
    (problem,) = raised.value.problems
    assert (problem.path, problem.found) == ("calendar.years", "2023-2024, 2024-2025, 2025-2026")
    assert problem.expected_zh == "所要求的学年 2030-2031（在校历 [[calendar.years]] 中）"


def test_no_plugin_text_carries_a_shell_command(tmp_path: Path) -> None:
    yiyuan = pytest.importorskip("schoolwork_yiyuan")
    huantai = pytest.importorskip("schoolwork_huantai")
    for plugin, name in ((yiyuan, "yiyuan"), (huantai, "huantai")):
        school = schoolwork.open(plugin.workspace_path(), plugins={name: plugin}, installed=False)
        for edition in ("bureau", "internal"):
            report = school.report(edition=edition)
            for section in report.sections:
                if section.source.startswith("plugin:"):
                    for block in section.blocks:
                        if isinstance(block, Text):
                            assert "schoolwork " not in block.markdown, section.id
                            assert "--" not in block.markdown, section.id


def test_a_goal_behind_the_pace_as_a_whole_still_gets_a_step(schoolwork_sample) -> None:  # type: ignore[no-untyped-def]
    """The year's goal lags its pace while its spring-term sub-goal, not yet begun, does not."""
    workspace = schoolwork_sample.workspace
    child = Goal(
        "spring",
        "春季目标",
        "office-academic",
        "2023-2024/第二学期",
        parent="year",
        indicators=(
            GoalIndicator(
                "lessons", "公开课", Decimal(3), checkins=(CheckIn(date(2023, 9, 10), Decimal(0)),)
            ),
        ),
    )
    parent = Goal("year", "全年目标", "sample-school", YEAR)
    context = Context(
        attrs.evolve(workspace, goals=(parent, child)),
        YEAR,
        date(2024, 8, 31),
        date(2023, 12, 1),
        "zh",
        Edition.BUREAU,
    )
    draft = goal_drafts.goals(context)
    assert draft is not None
    (finding,) = draft.findings
    assert finding.problem == "沂源县第二实验小学“全年目标”达成度0.0%，时间进度25.1%，滞后。"
    assert finding.step == "沂源县第二实验小学对照“全年目标”逐项查找差距，加快进度，按月调度。"
