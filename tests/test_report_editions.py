"""Two editions of the summary: the bureau's (上报版, the default: aggregates, no teacher named
beside a score) and the school's own (校内公示版: names, ranks, every subject's result)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

import schoolwork
from schoolwork import Edition, PartKind, Section, Text, hookimpl
from schoolwork.cli import cli
from schoolwork.errors import PluginError, UsageError
from schoolwork.job import open_workspace
from schoolwork.labels import Lang
from schoolwork.reports.html import render_html
from schoolwork.reports.markdown import render_markdown
from schoolwork.reports.model import Report, Table

YEAR = "2023-2024"


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> schoolwork.Session:
    folder = tmp_path_factory.mktemp("editions") / "school"
    schoolwork.init_workspace(folder, sample=True)
    return open_workspace(folder)


def names_in(school: schoolwork.Session, text: str) -> list[str]:
    return [p.name for p in school.workspace.people if p.name in text]


def docx_text(data: bytes) -> str:
    docx = pytest.importorskip("docx")
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_bureau_edition_is_the_default(school: schoolwork.Session) -> None:
    report = school.report(YEAR)
    assert report.edition is Edition.BUREAU
    assert report.title == "2023-2024学年工作总结"
    internal = school.report(YEAR, edition="internal")
    assert internal.edition is Edition.INTERNAL
    assert internal.title == "2023-2024学年工作总结（校内公示版）"


def test_the_bureau_edition_names_no_teacher_in_any_format(school: schoolwork.Session) -> None:
    report = school.report(YEAR)
    assert names_in(school, render_markdown(report)) == []
    assert names_in(school, render_html(report)) == []
    assert names_in(school, docx_text(school.render(report, "docx"))) == []
    ids = {s.id for s in report.sections}
    assert not {"ranking-teacher-2023", "ranking-class-2023"} & ids


def test_the_internal_edition_publishes_every_result(school: schoolwork.Session) -> None:
    report = school.report(YEAR, edition="internal")
    section = report.section("ranking-teacher-2023")
    assert section.title == "考核结果公示：教师年度考核"
    assert section.edition is Edition.INTERNAL
    (table,) = section.blocks
    assert isinstance(table, Table)
    assert table.columns == (
        "名次",
        "姓名",
        "师德",
        "教学",
        "教研",
        "出勤",
        "业绩",
        "加减分",
        "得分",
        "等次",
        "备注",
    )
    assert len(table.rows) == 49
    assert table.rows[0] == (
        "1",
        "孙桂婷",
        "83.41",
        "85.57",
        "81.00",
        "90.00",
        "84.00",
        "+3.00",
        "87.43",
        "优秀",
        "—",
    )
    # The same scores stand beside the names in the internal edition, and nowhere in the other.
    assert "孙桂婷" in render_markdown(report)
    assert "孙桂婷" not in render_markdown(school.report(YEAR))


@pytest.mark.parametrize(
    ("lang", "teacher", "klass"), [("zh", "姓名", "班级"), ("en", "Name", "Class")]
)
def test_the_name_column_says_what_is_named(
    school: schoolwork.Session, lang: Lang, teacher: str, klass: str
) -> None:
    report = school.report(YEAR, edition="internal", lang=lang)
    (teachers,) = report.section("ranking-teacher-2023").blocks
    (classes,) = report.section("ranking-class-2023").blocks
    assert isinstance(teachers, Table)
    assert isinstance(classes, Table)
    assert (teachers.columns[1], classes.columns[1]) == (teacher, klass)


def test_both_editions_share_the_aggregates(school: schoolwork.Session) -> None:
    bureau = school.report(YEAR).section("evaluation-teacher-2023")
    internal = school.report(YEAR, edition="internal").section("evaluation-teacher-2023")
    assert bureau == internal
    assert bureau.edition is Edition.BOTH
    assert Text("参评49名教师，平均分76.81，最高分87.43，最低分65.08。") in bureau.blocks


def test_drafts_name_post_holders_only_inside_the_school(school: schoolwork.Session) -> None:
    def grids(report: Report) -> str:
        (block,) = report.section("problems-grids").blocks
        assert isinstance(block, Text)
        return block.markdown

    bureau = grids(school.report(YEAR))
    internal = grids(school.report(YEAR, edition="internal"))
    assert "（校长兼书记、分管校长（教学）兼语文教研组组长、" in bureau
    principal = next(p.name for p in school.workspace.people if p.id == "T001")
    assert f"（{principal}：校长兼书记、" in internal
    assert names_in(school, bureau) == []


class Editions:
    """A plugin with a section for each edition under one id, and one for the school only."""

    @hookimpl
    def schoolwork_report_sections(self, report):  # type: ignore[no-untyped-def]
        return [
            Section("club", "社团", PartKind.HIGHLIGHTS, (Text("张三 95分"),), edition="internal"),
            Section("club", "社团", PartKind.HIGHLIGHTS, (Text("参与率95%"),), edition="bureau"),
            Section("names", "名单", PartKind.HIGHLIGHTS, (Text("名单"),), edition="internal"),
            Section(
                "after-names", "附", PartKind.PROBLEMS, (Text("附"),), after="names", edition="both"
            ),
        ]


def test_a_plugin_marks_its_sections_edition(schoolwork_sample_dir: Path) -> None:
    school = open_workspace(schoolwork_sample_dir, plugins={"editions": Editions()})
    bureau = school.report(YEAR)
    assert bureau.section("club").blocks == (Text("参与率95%"),)
    assert bureau.section("club").source == "plugin:editions"
    with pytest.raises(KeyError):
        bureau.section("names")
    # A section to follow one this edition leaves out goes at the end of its own part.
    assert bureau.part(PartKind.PROBLEMS)[-1].id == "after-names"
    internal = school.report(YEAR, edition="internal")
    assert internal.section("club").blocks == (Text("张三 95分"),)
    ids = [s.id for s in internal.part(PartKind.HIGHLIGHTS)]
    assert ids[ids.index("names") + 1] == "after-names"
    assert internal.section("after-names").part is PartKind.HIGHLIGHTS


class Lost:
    @hookimpl
    def schoolwork_report_sections(self, report):  # type: ignore[no-untyped-def]
        return [Section("x", "x", PartKind.HIGHLIGHTS, (Text("x"),), after="no-such-section")]


def test_following_a_section_no_edition_has_is_still_an_error(schoolwork_sample_dir: Path) -> None:
    school = open_workspace(schoolwork_sample_dir, plugins={"lost": Lost()})
    with pytest.raises(PluginError, match="'no-such-section', which the report lacks"):
        school.report(YEAR)


def test_a_report_is_one_edition_and_a_section_reads_a_string() -> None:
    with pytest.raises(UsageError, match="internal or bureau"):
        Report("t", "s", YEAR, "zh", (), edition="both")
    with pytest.raises(ValueError, match="'county' is not a valid Edition"):
        Section("a", "a", PartKind.HIGHLIGHTS, (), edition="county")
    assert Section("a", "a", PartKind.HIGHLIGHTS, (), edition="bureau").edition is Edition.BUREAU
    assert not Section("a", "a", PartKind.HIGHLIGHTS, (), edition="internal").belongs_to(
        Edition.BUREAU
    )


def test_the_command_line_takes_the_edition(schoolwork_sample_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    outputs = {}
    for edition in ("bureau", "internal"):
        out = tmp_path / f"{edition}.md"
        result = runner.invoke(
            cli, ["report", str(schoolwork_sample_dir), "--edition", edition, "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        outputs[edition] = out.read_text(encoding="utf-8")
    assert outputs["bureau"].startswith("# 2023-2024学年工作总结\n")
    assert outputs["internal"].startswith("# 2023-2024学年工作总结（校内公示版）\n")
    assert "考核结果公示" in outputs["internal"]
    assert "考核结果公示" not in outputs["bureau"]
    out = tmp_path / "county.md"
    result = runner.invoke(
        cli, ["report", str(schoolwork_sample_dir), "--edition", "county", "-o", str(out)]
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_seed_plugin_names_readers_only_inside_the_school() -> None:
    huantai = pytest.importorskip("schoolwork_huantai")
    school = schoolwork.open(
        huantai.workspace_path(), plugins={"huantai": huantai}, installed=False
    )
    bureau = school.report()
    (table,) = [b for b in bureau.section("reading").blocks if isinstance(b, Table)]
    assert table.columns == ("阅读常规", "每人应完成", "完成人数")
    assert names_in(school, render_markdown(bureau)) == []
    internal = school.report(edition="internal")
    (table,) = [b for b in internal.section("reading").blocks if isinstance(b, Table)]
    assert table.columns[-1] == "未完成"
    assert names_in(school, render_markdown(internal))
