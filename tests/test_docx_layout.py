"""The Word report as Chinese schools send a summary up (GB/T 9704), read from its XML.

A4 and its margins, a PAGE field, East Asian fonts with fallbacks, the first-line indent, the
落款, sized tables, the school's Markdown in full, a school's own template, and equal bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

from schoolwork.cli import cli
from schoolwork.errors import WorkspaceError
from schoolwork.job import Session, open_workspace
from schoolwork.reports.layout import Layout
from schoolwork.reports.model import PartKind, Report, Section, Table, Text
from schoolwork.reports.widths import display_width, signature_indents
from schoolwork.sample import copy_sample

docx = pytest.importorskip("docx")
from schoolwork.reports.docx import render_docx  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
YEAR = "2023-2024"

SCHOOL_TEXT = """\
### 读书节的三个环节

学校举办**读书创作节**，开展*经典诵读*和~~旧稿~~课本剧展演，见[活动报道](https://example.edu.cn/news/42)。

1. 经典诵读
2. 课本剧展演
   - 低年级
3. 读书笔记

| 年级 | 参与人数 |
| --- | --- |
| 一年级 | 320 |
| 二年级 | 305 |

> 书香校园，润泽童心。

`schoolwork` 生成的数字与台账一致。
"""


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("docx") / "school"
    copy_sample(folder)
    (folder / "texts" / "2023-2024" / "highlights.md").write_text(
        (folder / "texts" / "2023-2024" / "highlights.md").read_text(encoding="utf-8")
        + "\n## 书润童心\n\n"
        + SCHOOL_TEXT,
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def session(sample: Path) -> Session:
    return open_workspace(sample)


@pytest.fixture(scope="module")
def report(session: Session) -> Report:
    return session.report(YEAR)


@pytest.fixture(scope="module")
def data(session: Session, report: Report) -> bytes:
    return session.render(report, "docx")


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def style_of(data: bytes, style_id: str) -> str:
    styles = part(data, "word/styles.xml")
    found = re.search(rf'<w:style [^>]*w:styleId="{style_id}".*?</w:style>', styles, re.S)
    assert found, style_id
    return found.group(0)


def test_the_page_is_a4_with_the_standards_margins(data: bytes) -> None:
    document = part(data, "word/document.xml")
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in document
    margins = re.search(r"<w:pgMar ([^>]*)/>", document)
    assert margins
    found = dict(re.findall(r'w:(\w+)="(\d+)"', margins.group(1)))
    twips_per_mm = 1440 / 25.4
    for side, mm in (("top", 37), ("bottom", 35), ("left", 28), ("right", 26)):
        assert abs(int(found[side]) / twips_per_mm - mm) < 0.1, side


def test_every_page_is_numbered_with_a_page_field_between_dashes(data: bytes) -> None:
    footer = part(data, "word/footer1.xml")
    assert '<w:instrText xml:space="preserve"> PAGE </w:instrText>' in footer
    assert footer.count("<w:fldChar ") == 3  # begin, separate, end
    texts = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", footer)
    assert texts == ["— ", "1", " —"]
    assert 'w:footerReference w:type="default"' in part(data, "word/document.xml")


@pytest.mark.parametrize(
    ("style", "font"),
    [
        ("Normal", "仿宋_GB2312"),
        ("Title", "方正小标宋简体"),
        ("Heading1", "黑体"),
        ("Heading2", "楷体_GB2312"),
        ("Heading3", "仿宋_GB2312"),
    ],
)
def test_each_style_names_its_chinese_font_without_theme_fonts(
    data: bytes, style: str, font: str
) -> None:
    xml = style_of(data, style)
    assert f'w:eastAsia="{font}"' in xml
    assert 'w:ascii="Times New Roman"' in xml
    assert "Theme=" not in xml  # a theme font would win over the one named


def test_the_font_table_gives_each_font_a_fallback_word_has(data: bytes) -> None:
    fonts = part(data, "word/fontTable.xml")
    for font, fallback in (
        ("仿宋_GB2312", "仿宋"),
        ("楷体_GB2312", "楷体"),
        ("方正小标宋简体", "宋体"),
    ):
        assert re.search(rf'<w:font w:name="{font}"><w:altName w:val="{fallback}"/>', fonts)


def test_body_text_is_sanhao_on_a_fixed_line_with_a_two_character_indent(data: bytes) -> None:
    normal = style_of(data, "Normal")
    assert '<w:sz w:val="32"/>' in normal  # 16 pt, 三号
    spacing = re.search(r"<w:spacing ([^>]*)/>", normal)
    assert spacing
    assert dict(re.findall(r'w:(\w+)="(\w+)"', spacing.group(1))) == {
        "before": "0",
        "after": "0",
        "line": "560",  # a fixed 28 pt line
        "lineRule": "exact",
    }
    assert '<w:ind w:firstLineChars="200" w:firstLine="640"/>' in normal
    assert '<w:jc w:val="both"/>' in normal
    for heading in ("Heading1", "Heading2"):
        assert '<w:ind w:firstLineChars="200" w:firstLine="640"/>' in style_of(data, heading)


def test_the_title_has_no_rule_and_no_colour(data: bytes) -> None:
    title = style_of(data, "Title")
    assert "<w:pBdr>" not in title
    assert '<w:color w:val="000000"/>' in title
    assert '<w:sz w:val="44"/>' in title  # 22 pt, 二号
    document = docx.Document(io.BytesIO(data))
    assert [p.text for p in document.paragraphs[:2]] == [
        "2023-2024学年工作总结",
        "沂源县第二实验小学",
    ]


def test_the_signature_closes_the_document_right_aligned_with_the_calendars_date(
    data: bytes,
) -> None:
    document = docx.Document(io.BytesIO(data))
    last = document.paragraphs[-2:]
    # the last day of the year's last semester (school.toml: 2024-07-05)
    assert [p.text for p in last] == ["沂源县第二实验小学", "2024年7月5日"]
    indents = [p._p.pPr.find(f"{W}ind").get(f"{W}rightChars") for p in last]
    # the name two characters from the edge; the date starts two characters right of it
    name, when = display_width("沂源县第二实验小学"), display_width("2024年7月5日")
    assert indents == ["200", str(round((name - when) * 100))]
    for paragraph in last:
        assert paragraph.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    assert document.paragraphs[-3].text == ""  # a blank line above it
    # kept with the text it closes: the last paragraph, the blank line and the name
    assert [p.paragraph_format.keep_with_next for p in document.paragraphs[-4:]] == [
        True,
        True,
        True,
        False,
    ]


def test_no_generator_line_unless_asked(report: Report) -> None:
    plain = docx.Document(io.BytesIO(render_docx(report)))
    assert not any("由 schoolwork 生成" in p.text for p in plain.paragraphs)
    assert plain.paragraphs[-1].text == "　　　　年　　月　　日"  # no date known: filled by hand
    credited = docx.Document(io.BytesIO(render_docx(report, Layout(credit=True))))
    assert credited.paragraphs[-1].text == "由 schoolwork 生成"


def test_table_columns_are_sized_so_the_goal_column_does_not_wrap(data: bytes) -> None:
    document = docx.Document(io.BytesIO(data))
    goals = next(t for t in document.tables if t.rows[0].cells[0].text == "目标")
    grid = [int(c.get(f"{W}w")) for c in goals._tbl.tblGrid.findall(f"{W}gridCol")]
    text_width = (210 - 28 - 26) / 25.4 * 1440
    assert abs(sum(grid) - text_width) < len(grid) + 1
    longest = max(display_width(r.cells[0].text) for r in goals.rows)
    assert grid[0] >= longest * 10.5 * 20  # one line of 五号 holds the longest goal
    assert grid[0] == max(grid)
    layout = goals._tbl.tblPr.find(f"{W}tblLayout")
    assert layout.get(f"{W}type") == "fixed"
    first_row = goals.rows[0]._tr
    assert first_row.trPr.find(f"{W}tblHeader") is not None  # repeated on every page
    assert goals.rows[1]._tr.trPr.find(f"{W}tblHeader") is None


def test_tables_are_set_small_and_captioned_above(data: bytes) -> None:
    table_text = style_of(data, "TableText")
    assert 'w:eastAsia="宋体"' in table_text
    assert '<w:sz w:val="21"/>' in table_text  # 10.5 pt, 五号
    document = docx.Document(io.BytesIO(data))
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption" and p.text]
    assert captions[0] == "图1\u3000目标达成情况"
    assert captions[1].startswith("表1\u3000")
    assert len(document.inline_shapes) == 1  # charts of fewer than four bars are left out


def test_the_schools_markdown_keeps_headings_tables_links_and_lists(data: bytes) -> None:
    document = docx.Document(io.BytesIO(data))
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    heading = paragraphs[texts.index("读书节的三个环节")]
    assert heading.style.name == "Heading 3"
    link_paragraph = next(p for p in paragraphs if p.text.startswith("学校举办"))
    runs = {r.text: r for r in link_paragraph.runs}
    assert runs["读书创作节"].bold
    assert runs["经典诵读"].italic
    assert runs["旧稿"].font.strike
    hyperlink = link_paragraph._p.find(f"{W}hyperlink")
    assert hyperlink is not None
    assert "".join(t.text for t in hyperlink.iter(f"{W}t")) == "活动报道"
    rel = document.part.rels[hyperlink.get(f"{R}id")]
    assert rel.target_ref == "https://example.edu.cn/news/42"
    assert rel.is_external
    # printed, the link still says where it goes
    assert "活动报道（https://example.edu.cn/news/42）" in link_paragraph.text
    assert "1. 经典诵读" in texts
    assert "2. 课本剧展演" in texts
    assert "3. 读书笔记" in texts  # numbering goes on after a nested list
    assert "◦ 低年级" in texts
    assert "书香校园，润泽童心。" in texts
    assert paragraphs[texts.index("书香校园，润泽童心。")].style.name == "Quote"
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "年级")
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["年级", "参与人数"],
        ["一年级", "320"],
        ["二年级", "305"],
    ]
    assert all(r.bold for r in table.rows[0].cells[0].paragraphs[0].runs)


def test_school_text_cannot_inject_word_markup(report: Report) -> None:
    section = Section("x", "注入", PartKind.PROBLEMS, (Text("<w:p>原样</w:p> & <b>粗</b>"),))
    data = render_docx(attrs.evolve(report, sections=(section,)))
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert "<w:p>原样</w:p> & <b>粗</b>" in texts


def test_the_same_report_gives_the_same_bytes(
    session: Session, report: Report, data: bytes
) -> None:
    assert session.render(session.report(YEAR), "docx") == data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    core = part(data, "docProps/core.xml")
    assert "2000-01-01T00:00:00Z" in core


def test_scores_workbook_is_byte_identical_between_runs(
    runner: CliRunner, sample: Path, tmp_path: Path
) -> None:
    pytest.importorskip("openpyxl")
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for target in (first, second):
        result = runner.invoke(cli, ["export", str(sample), "--year", YEAR, "-o", str(target)])
        assert result.exit_code == 0, result.output
    dates = re.findall(r"\d{4}-\d\d-\d\dT[\d:]+Z", part(first.read_bytes(), "docProps/core.xml"))
    assert set(dates) == {"2000-01-01T00:00:00Z"}  # no clock in the file: runs a second apart agree
    assert first.read_bytes() == second.read_bytes()


# -- a school's own Word template ---------------------------------------------------------


def school_template(folder: Path) -> Path:
    """A county's format: its own Normal font and size, a header, and a line of sample body."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = docx.shared.Pt(14)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(f"{W}eastAsia", "华文仿宋")
    document.sections[0].header.paragraphs[0].text = "沂源县教育和体育局 学校工作总结"
    document.sections[0].left_margin = docx.shared.Mm(30)
    document.add_paragraph("（模板示例正文，生成时删除）")
    (folder / "templates").mkdir(exist_ok=True)
    target = folder / "templates" / "report.docx"
    document.save(str(target))
    return target


def test_a_schools_word_template_gives_its_styles_header_and_page(tmp_path: Path) -> None:
    folder = tmp_path / "school"
    copy_sample(folder)
    template = school_template(folder)
    before = template.read_bytes()
    session = open_workspace(folder)
    data = session.render(session.report(YEAR), "docx")
    document = docx.Document(io.BytesIO(data))
    assert document.sections[0].header.paragraphs[0].text == "沂源县教育和体育局 学校工作总结"
    assert abs(document.sections[0].left_margin.mm - 30) < 0.1
    normal = style_of(data, "Normal")
    assert 'w:eastAsia="华文仿宋"' in normal
    assert '<w:sz w:val="28"/>' in normal
    texts = [p.text for p in document.paragraphs]
    assert "（模板示例正文，生成时删除）" not in texts
    assert texts[0] == "2023-2024学年工作总结"
    assert "一、重点工作开展情况及特色亮点" in texts
    assert document.styles["Table Text"] is not None  # a style it lacked is added
    assert template.read_bytes() == before  # the template is never written to


def test_a_template_that_is_not_a_word_file_is_a_located_problem(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "school"
    copy_sample(folder)
    (folder / "templates").mkdir()
    (folder / "templates" / "report.docx").write_text("not a document", encoding="utf-8")
    target = tmp_path / "r.docx"
    args = ["report", str(folder), "--format", "docx", "-o", str(target)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert (
        "templates/report.docx: expected a Word document (.docx) saved by Word or WPS, found "
        "File is not a zip file" in result.output
    )
    assert not target.exists()


def test_a_template_that_cannot_be_read_is_a_problem_not_skipped(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "school"
    copy_sample(folder)
    (folder / "templates" / "report.docx").mkdir(parents=True)
    target = tmp_path / "r.docx"
    result = runner.invoke(cli, ["report", str(folder), "--format", "docx", "-o", str(target)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "templates/report.docx: expected a file that can be read, found Is a directory" in (
        result.output
    )
    assert not target.exists()


def test_a_templates_file_in_place_of_the_folder_is_a_problem(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "school"
    copy_sample(folder)
    (folder / "templates").write_text("", encoding="utf-8")
    result = runner.invoke(
        cli, ["report", str(folder), "--format", "docx", "-o", str(tmp_path / "r.docx")]
    )
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "templates: expected a folder of templates (report.html, report.docx), found a file" in (
        result.output
    )


def test_a_problem_reads_in_chinese_too(tmp_path: Path) -> None:
    folder = tmp_path / "school"
    copy_sample(folder)
    (folder / "templates").mkdir()
    (folder / "templates" / "report.docx").write_bytes(b"PK\x03\x04broken")
    session = open_workspace(folder)
    with pytest.raises(WorkspaceError) as caught:
        session.render(session.report(YEAR), "docx")
    (problem,) = caught.value.problems
    assert problem.file == "templates/report.docx"
    assert problem.text("zh").startswith(
        "templates/report.docx：应为用 Word 或 WPS 保存的 Word 文档（.docx），实为 "
    )


@pytest.mark.parametrize(
    ("school", "when", "indents"),
    [
        ("沂源县第二实验小学", "2024年7月5日", (2.0, 2.7)),
        ("某小学", "2024年12月31日", (2 + (3 + 8 * 0.55) + 2 - 3, 2.0)),  # the date is longer
    ],
)
def test_the_signature_follows_the_standard(
    school: str, when: str, indents: tuple[float, float]
) -> None:
    assert signature_indents(school, when) == pytest.approx(indents)


def test_a_table_without_rows_still_renders(report: Report) -> None:
    section = Section("t", "空表", PartKind.PROBLEMS, (Table(("甲", "乙"), (), caption="空"),))
    document = docx.Document(io.BytesIO(render_docx(attrs.evolve(report, sections=(section,)))))
    assert [c.text for c in document.tables[0].rows[0].cells] == ["甲", "乙"]
