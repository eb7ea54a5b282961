"""The report as a Word document (python-docx, the ``reports`` extra).

Headings are Word's own heading styles and tables are real tables, so the county bureau can
edit the document. Every style names an East Asian font (宋体 for text, 黑体 for headings) in
``w:eastAsia``, which is what Word and WPS read to show Chinese; the Latin font stays
Times New Roman. The file is reproducible: fixed document dates and zip entry times.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import Any

from markdown_it import MarkdownIt

from schoolwork.labels import label
from schoolwork.reports import charts
from schoolwork.reports.markdown import chart_table
from schoolwork.reports.model import Block, Chart, PartKind, Report, Table, Text
from schoolwork.reports.numbering import part_heading, section_heading

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
_MARKDOWN = MarkdownIt("commonmark", {"html": False})
_FIXED_TIME = datetime(2000, 1, 1)


def _fonts(style: Any, east_asian: str, size: float | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    style.font.name = LATIN_FONT
    if size is not None:
        style.font.size = Pt(size)
    style.font.color.rgb = RGBColor(0, 0, 0)
    r_pr = style.element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.append(r_fonts)
    r_fonts.set(qn("w:eastAsia"), east_asian)
    r_fonts.set(qn("w:ascii"), LATIN_FONT)
    r_fonts.set(qn("w:hAnsi"), LATIN_FONT)


def _text(document: Any, markdown: str) -> None:
    """Paragraphs and lists of a Markdown text, with bold and italic runs."""
    tokens = _MARKDOWN.parse(markdown)
    list_style: str | None = None
    for index, token in enumerate(tokens):
        if token.type == "bullet_list_open":
            list_style = "List Bullet"
        elif token.type == "ordered_list_open":
            list_style = "List Number"
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_style = None
        elif token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            paragraph = document.add_paragraph(style=list_style)
            bold = italic = False
            for child in token.children or []:
                if child.type == "strong_open":
                    bold = True
                elif child.type == "strong_close":
                    bold = False
                elif child.type == "em_open":
                    italic = True
                elif child.type == "em_close":
                    italic = False
                elif child.type in ("text", "code_inline"):
                    run = paragraph.add_run(child.content)
                    run.bold, run.italic = bold, italic
                elif child.type in ("softbreak", "hardbreak"):
                    paragraph.add_run("\n")


NOTE_COLOUR = "7C2D12"
NOTE_BORDER = "B45309"
NOTE_FILL = "FFF7ED"


def _sample_note(document: Any, head: str, rest: str) -> None:
    """The sample-data note: one boxed, shaded paragraph under the title, its lead in bold."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.space_after = Pt(12)
    for text, bold in ((head, True), (rest, False)):
        if text:
            run = paragraph.add_run(text)
            run.bold = bold
            run.font.size = Pt(10.5)
            run.font.color.rgb = RGBColor.from_string(NOTE_COLOUR)
    p_pr = paragraph._p.get_or_add_pPr()
    borders = p_pr.makeelement(qn("w:pBdr"), {})
    for side in ("top", "left", "bottom", "right"):
        attributes = {qn("w:val"): "single", qn("w:sz"): "8", qn("w:space"): "4"}
        attributes[qn("w:color")] = NOTE_BORDER
        borders.append(borders.makeelement(qn(f"w:{side}"), attributes))
    shading = p_pr.makeelement(
        qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): NOTE_FILL}
    )
    # CT_PPr keeps its children in schema order: pBdr and shd come before spacing (w:spacing).
    spacing = p_pr.find(qn("w:spacing"))
    if spacing is not None:
        spacing.addprevious(borders)
        spacing.addprevious(shading)
    else:
        p_pr.append(borders)
        p_pr.append(shading)


def _table(document: Any, table: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    grid.style = "Table Grid"
    for column, text in enumerate(table.columns):
        cell = grid.rows[0].cells[column]
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row_index, row in enumerate(table.rows, start=1):
        for column, text in enumerate(row):
            grid.rows[row_index].cells[column].text = text
    for row in grid.rows:
        for cell in row.cells[1:]:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if table.caption:
        caption = document.add_paragraph(table.caption, style="Caption")
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _chart(document: Any, chart: Chart) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    if not charts.available():
        _table(document, chart_table(chart))
        return
    document.add_picture(io.BytesIO(charts.png(chart)), width=Cm(15))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _block(document: Any, block: Block) -> None:
    if isinstance(block, Text):
        _text(document, block.markdown)
    elif isinstance(block, Table):
        _table(document, block)
    else:
        _chart(document, block)


def render_docx(report: Report) -> bytes:
    """The whole report as the bytes of a .docx file."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = Document()
    styles = document.styles
    _fonts(styles["Normal"], BODY_FONT, 12)
    _fonts(styles["Title"], HEADING_FONT, 22)
    for level, size in ((1, 16), (2, 14), (3, 12)):
        _fonts(styles[f"Heading {level}"], HEADING_FONT, size)
    _fonts(styles["Caption"], BODY_FONT, 9)
    lang = report.lang
    document.add_heading(report.title, level=0).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(report.school).alignment = WD_ALIGN_PARAGRAPH.CENTER
    if report.sample_note:
        _sample_note(document, *report.sample_note_head)
    for p_index, part in enumerate(PartKind, start=1):
        found = report.part(part)
        if not found:
            continue
        document.add_heading(part_heading(p_index, label(part, lang), lang), level=1)
        for s_index, section in enumerate(found, start=1):
            document.add_heading(section_heading(p_index, s_index, section.title, lang), level=2)
            for block in section.blocks:
                _block(document, block)
    properties = document.core_properties
    properties.title = f"{report.school} {report.title}"
    properties.author = report.school
    properties.created = properties.modified = _FIXED_TIME
    properties.last_modified_by = "schoolwork"
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_zip(buffer.getvalue())


def reproducible_zip(data: bytes) -> bytes:
    """The same zip archive with every entry dated 1980-01-01: equal content, equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
