"""The annual summary: model, the three renderers, plugin sections, nothing lost on failure."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

from schoolwork import hookimpl
from schoolwork.cli import cli
from schoolwork.goals import GoalStatus
from schoolwork.job import open_workspace
from schoolwork.labels import LANGS, has_label, label
from schoolwork.levels import Level
from schoolwork.organisation import RoleKind, Tier, UnitKind
from schoolwork.projects import ProjectState
from schoolwork.records import AwardRank, Provenance, RecipientKind, Severity
from schoolwork.reports.html import render_html
from schoolwork.reports.markdown import render_markdown
from schoolwork.reports.model import PartKind, Section, Table, Text
from schoolwork.reports.numbering import chinese_number

docx = pytest.importorskip("docx")
from schoolwork.reports.docx import render_docx  # noqa: E402


class ClubsPlugin:
    @hookimpl
    def schoolwork_report_sections(self, report):  # type: ignore[no-untyped-def]
        table = Table(("社团", "人数"), (("合唱", "46"), ("舞蹈", "38")))
        return [
            Section(
                "clubs",
                "社团嘉年华",
                PartKind.HIGHLIGHTS,
                (Text("**二十余个**校级社团。"), table),
                after="overview",
            ),
            Section("problems-2", "教师梯队（修订）", PartKind.PROBLEMS, (Text("骨干教师断层。"),)),
        ]


@pytest.fixture
def report(schoolwork_sample_dir: Path):  # type: ignore[no-untyped-def]
    session = open_workspace(schoolwork_sample_dir, plugins={"clubs": ClubsPlugin()})
    return session.report("2023-2024")


def test_three_parts_in_order(report) -> None:  # type: ignore[no-untyped-def]
    parts = [s.part for s in report.sections]
    assert parts == sorted(parts, key=list(PartKind).index)
    assert report.title == "2023-2024学年工作总结"
    assert [s.id for s in report.part(PartKind.HIGHLIGHTS)][:3] == [
        "highlights-summary",
        "overview",
        "clubs",
    ]
    assert {s.id for s in report.part(PartKind.HIGHLIGHTS)} >= {
        "evaluation-teacher-2023",
        "evaluation-class-2023",
    }


def test_a_plugin_section_is_placed_replaced_and_attributed(report) -> None:  # type: ignore[no-untyped-def]
    assert report.section("clubs").source == "plugin:clubs"
    replaced = report.section("problems-2")
    assert replaced.title == "教师梯队（修订）"
    assert [s.id for s in report.part(PartKind.PROBLEMS)][:3] == [
        "problems-1",
        "problems-2",
        "problems-3",
    ]


def test_the_plugin_section_appears_in_all_three_formats(report) -> None:  # type: ignore[no-untyped-def]
    markdown = render_markdown(report)
    assert "### （三）社团嘉年华" in markdown
    assert "| 合唱 | 46 |" in markdown
    html = render_html(report)
    assert 'id="section-clubs" data-source="plugin:clubs"' in html
    assert "<td>合唱</td><td>46</td>" in html
    assert "<strong>二十余个</strong>" in html
    document = docx.Document(io.BytesIO(render_docx(report)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "（三）社团嘉年华" in headings
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"合唱", "46"} <= cells


def test_html_is_one_self_contained_a4_file(report) -> None:  # type: ignore[no-untyped-def]
    html = render_html(report)
    assert html.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert "@page { size: A4;" in html
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    # the goals chart, inline; honours (2 levels) and bands (3 each) are tables only
    assert html.count("<svg") == 1
    assert html.count('<section class="part"') == 3
    assert all(t.count("<thead>") == 1 for t in re.findall(r"<table>.*?</table>", html))


def test_school_markdown_cannot_inject_html(tmp_path: Path, schoolwork_sample_dir: Path) -> None:
    (schoolwork_sample_dir / "texts" / "2023-2024" / "problems.md").write_text(
        "<script>alert(1)</script> 问题\n", encoding="utf-8"
    )
    html = render_html(open_workspace(schoolwork_sample_dir).report("2023-2024"))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_the_sample_note_goes_under_the_title_only_when_the_school_sets_one(
    schoolwork_sample_dir: Path,
) -> None:
    note = open_workspace(schoolwork_sample_dir).report("2023-2024").sample_note
    assert note.startswith("示例数据：")
    toml = schoolwork_sample_dir / "school.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(re.sub(r"(?m)^sample_note = .*\n", "", text), encoding="utf-8")
    plain = open_workspace(schoolwork_sample_dir).report("2023-2024")
    assert plain.sample_note == ""
    assert render_markdown(plain).startswith(
        "# 2023-2024学年工作总结\n\n**沂源县第二实验小学**\n\n## "
    )
    assert 'sample-note"' not in render_html(plain)
    assert "示例数据" not in render_markdown(plain) + render_html(plain)
    words = [p.text for p in docx.Document(io.BytesIO(render_docx(plain))).paragraphs]
    assert words[:3] == [
        "2023-2024学年工作总结",
        "沂源县第二实验小学",
        "一、重点工作开展情况及特色亮点",
    ]
    noted = attrs.evolve(plain, sample_note="Sample: made up")
    assert "> **Sample**: made up\n" in render_markdown(noted)
    assert "<strong>Sample</strong>: made up</p></header>" in render_html(noted)
    paragraph = docx.Document(io.BytesIO(render_docx(noted))).paragraphs[2]
    assert [(r.text, r.bold) for r in paragraph.runs] == [("Sample", True), (": made up", False)]
    bare = attrs.evolve(plain, sample_note="示例 <数据>")
    assert "> 示例 <数据>\n" in render_markdown(bare)
    assert '<p class="sample-note" role="note">示例 &lt;数据&gt;</p>' in render_html(bare)


def test_word_has_real_headings_tables_and_cjk_fonts(report) -> None:  # type: ignore[no-untyped-def]
    document = docx.Document(io.BytesIO(render_docx(report)))
    styles = [p.style.name for p in document.paragraphs]
    assert styles[0] == "Title"
    assert styles.count("Heading 1") == 3
    assert len(document.tables) >= 8
    normal = document.styles["Normal"].element.rPr.rFonts
    assert (
        normal.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        == "仿宋_GB2312"
    )
    heading = document.styles["Heading 2"].element.rPr.rFonts
    assert (
        heading.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        == "楷体_GB2312"
    )
    assert len(document.inline_shapes) == 1  # goals; charts of fewer than 4 bars are not drawn


def test_every_format_is_byte_identical_between_builds(schoolwork_sample_dir: Path) -> None:
    first = open_workspace(schoolwork_sample_dir).report("2023-2024")
    second = open_workspace(schoolwork_sample_dir).report("2023-2024")
    assert render_markdown(first) == render_markdown(second)
    assert render_html(first) == render_html(second)
    assert render_docx(first) == render_docx(second)
    with zipfile.ZipFile(io.BytesIO(render_docx(first))) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_english_labels(schoolwork_sample_dir: Path) -> None:
    report = open_workspace(schoolwork_sample_dir).report("2023-2024", lang="en")
    markdown = render_markdown(report)
    assert "# Annual work summary 2023-2024" in markdown
    assert "## 1. Key work and highlights" in markdown
    assert "### 1.2 The school" in markdown
    assert "## 2. Problems" in markdown


@pytest.mark.parametrize(
    "enum",
    [
        Level,
        AwardRank,
        RecipientKind,
        Provenance,
        Severity,
        UnitKind,
        RoleKind,
        Tier,
        PartKind,
        GoalStatus,
        ProjectState,
    ],
)
def test_every_member_has_a_label_in_every_language(enum) -> None:  # type: ignore[no-untyped-def]
    for member in enum:
        assert has_label(member), member
        for lang in LANGS:
            assert label(member, lang)


@pytest.mark.parametrize(
    ("n", "text"), [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (35, "三十五")]
)
def test_chinese_numbers(n: int, text: str) -> None:
    assert chinese_number(n) == text


# -- the command line: report, export, demo, and nothing lost -----------------------------


def test_report_command_writes_each_format(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    for fmt in ("md", "html", "docx"):
        target = tmp_path / f"r.{fmt}"
        result = runner.invoke(
            cli,
            [
                "report",
                str(schoolwork_sample_dir),
                "--year",
                "2023-2024",
                "--format",
                fmt,
                "-o",
                str(target),
            ],
        )
        assert result.exit_code == 0, result.output
        assert target.stat().st_size > 1000


def test_an_existing_output_is_replaced_only_with_force(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "r.md"
    target.write_text("the school's own edits")
    result = runner.invoke(cli, ["report", str(schoolwork_sample_dir), "-o", str(target)])
    assert result.exit_code == 2
    assert "already exist; add --force to replace them (nothing was written)" in result.output
    assert target.read_text() == "the school's own edits"
    assert (
        runner.invoke(
            cli, ["report", str(schoolwork_sample_dir), "-o", str(target), "--force"]
        ).exit_code
        == 0
    )
    assert target.read_text(encoding="utf-8").startswith("# 2023-2024学年工作总结")


def test_a_renderer_that_fails_leaves_the_old_file(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.docx"
    target.write_bytes(b"old report")

    def broken(report):  # type: ignore[no-untyped-def]
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr("schoolwork.reports.docx.render_docx", broken)
    result = runner.invoke(
        cli,
        ["report", str(schoolwork_sample_dir), "--format", "docx", "-o", str(target), "--force"],
    )
    assert result.exit_code != 0
    assert target.read_bytes() == b"old report"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".r.docx")] == []


def test_a_write_killed_midway_leaves_the_old_file(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    target = tmp_path / "r.html"
    target.write_text("old")
    real_fsync = os.fsync

    def die(fd: int) -> None:  # the data is half on disk in the temporary file when this hits
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", die)
    result = runner.invoke(
        cli,
        ["report", str(schoolwork_sample_dir), "--format", "html", "-o", str(target), "--force"],
    )
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert result.exit_code != 0
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "sample-school"]


def test_export_writes_a_sheet_per_scheme(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "scores.xlsx"
    result = runner.invoke(
        cli,
        [
            "export",
            str(schoolwork_sample_dir),
            "--scheme",
            "teacher-2023",
            "--scheme",
            "class-2023",
            "-o",
            str(target),
        ],
    )
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["教师年度考核2023-2024", "班级综合考核2023-2024", "说明"]
    sheet = workbook["教师年度考核2023-2024"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["名次", "工号", "姓名"]
    assert header[3:8] == [
        "师德（20%）",
        "教学（35%）",
        "教研（20%）",
        "出勤（10%）",
        "业绩（15%）",
    ]
    assert sheet.max_row == 1 + 49
    assert isinstance(sheet["J2"].value, float | int)  # numbers stay numbers


def test_demo_writes_the_four_files_and_refuses_to_overwrite(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "demo"
    result = runner.invoke(cli, ["demo", str(out)])
    assert result.exit_code == 0, result.output
    for name in ("report.md", "report.html", "report.docx", "scores.xlsx"):
        assert (out / name).is_file()
        assert f"wrote {out / name}" in result.output
    assert (out / "workspace" / "school.toml").is_file()
    again = runner.invoke(cli, ["demo", str(out)])
    assert again.exit_code == 2
    assert "add --force" in again.output
    assert runner.invoke(cli, ["demo", str(out), "--force"]).exit_code == 0
