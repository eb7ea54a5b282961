"""Score slips as a Word document (python-docx, the ``reports`` extra): one page per subject.

Each slip starts on a new page in the summary's 公文 layout (A4 and its margins, the title in
小标宋, the page number, the fonts and their fallbacks, from :mod:`schoolwork.reports.docx`);
what a form needs differs from a summary's prose, so the slip's table and its sentences are
set in 宋体 at 9 and 10.5 pt to keep a teacher's page to one sheet. Rows of dimensions and
totals are bold; the columns of numbers are centred, the rule's words left-aligned. The file
is reproducible: the same slips, the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from schoolwork.reports.docx import (
    TABLE_TEXT,
    TEXT_WIDTH_MM,
    Filler,
    add_form_table,
    add_sample_note,
    document_bytes,
    new_document,
)
from schoolwork.reports.slips import RULE_COLUMN, Line, LineKind, Slip, SlipBook, column_chars

TABLE_PT = 9.0  # 小五: the slip's table
TEXT_PT = 10.5  # 五号: its sentences
TITLE_LINE_PT = 30.0  # the title's line: a form's, a little closer than a summary's 36
BOLD = (LineKind.DIMENSION, LineKind.TOTAL, LineKind.FINAL)
CHAR_MM = TABLE_PT * 0.3528  # one character of the table's text
CELL_MARGIN_MM = 1.0  # left and right of a cell's text: a form's, narrower than Word's 1.9
CELL_MM = 2 * CELL_MARGIN_MM + 0.4  # both margins and a little air
ROW_AIR_PT = 0.5  # above and below a cell's text: a slip's rows sit closer than a summary's


def render_slips_docx(book: SlipBook) -> bytes:
    """Every slip of ``book`` in one document, a page each."""
    writer = _Writer(new_document(), book)
    for index, slip in enumerate(book.slips):
        writer.slip(slip, first=index == 0)
    title = book.slips[0].title if book.slips else book.scheme
    return document_bytes(writer.document, f"{book.school} {title}", book.school)


class _Writer:
    """Writes slips into one document."""

    def __init__(self, document: Any, book: SlipBook) -> None:
        self.document = document
        self.book = book
        self.widths = _widths(book)
        # Styles are set by id: python-docx looks one up by name slowly, and a booklet of
        # fifty slips has thousands of paragraphs.
        self.text_style = document.styles[TABLE_TEXT].style_id
        self.title_style = document.styles["Title"].style_id

    def paragraph(self, text: str, style: str) -> Any:
        paragraph = self.document.add_paragraph()
        paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = style
        if text:
            paragraph.add_run(text)
        return paragraph

    def text(self, text: str, *, bold: bool = False, size: float = TEXT_PT) -> Any:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        paragraph = self.paragraph("", self.text_style)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.space_after = Pt(1)
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.font.size = Pt(size)
        return paragraph

    def slip(self, slip: Slip, *, first: bool) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        book = self.book
        title = self.paragraph(slip.title, self.title_style)
        if not first:
            title.paragraph_format.page_break_before = True
        title.paragraph_format.line_spacing = Pt(TITLE_LINE_PT)
        subtitle = self.text(book.subtitle, size=12)
        subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
        subtitle.paragraph_format.space_after = Pt(4)
        if book.sample_note:
            add_sample_note(self.document, *book.sample_note_head)
        self.text(slip.who, size=12)
        self.text(slip.result, bold=True, size=12).paragraph_format.space_after = Pt(3)
        cells = [
            [_cell(c, bold=True) for c in book.columns],
            *(_row(line) for line in slip.lines),
        ]
        _margins(add_form_table(self.document, cells, self.widths))
        for said in (slip.standing, *slip.decisions, *slip.appeals, *slip.notes):
            self.text(said)
        self.text(slip.sign, size=12).paragraph_format.space_before = Pt(6)


def _margins(table: Any) -> None:
    """Narrow left and right cell margins, so that most rules' words fit on one line."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        width = OxmlElement(f"w:{side}")
        width.set(qn("w:w"), str(round(CELL_MARGIN_MM * 56.7)))
        width.set(qn("w:type"), "dxa")
        margins.append(width)
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:  # the schema's order: tblCellMar comes before tblLook
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)


def _widths(book: SlipBook) -> list[float]:
    """The columns' widths in mm (:func:`~schoolwork.reports.slips.column_chars`); the rule's
    words take the rest of the line, one line for most rules."""
    widths = [n * CHAR_MM + CELL_MM for n in column_chars(book)]
    widths[RULE_COLUMN] = TEXT_WIDTH_MM - sum(w for c, w in enumerate(widths) if c != RULE_COLUMN)
    return widths


def _row(line: Line) -> Sequence[Filler]:
    bold = line.kind in BOLD
    return [
        _cell(text, bold=bold, left=column in (0, RULE_COLUMN))
        for column, text in enumerate(line.cells)
    ]


def _cell(text: str, *, bold: bool = False, left: bool = False) -> Filler:
    """A cell's text, its XML written directly: python-docx's setters cost a millisecond a
    cell, and a booklet has thousands of cells."""

    def fill(paragraph: Any) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        p = paragraph._p
        p_pr = p.get_or_add_pPr()  # it holds the style; spacing and jc follow, in that order
        air = str(round(ROW_AIR_PT * 20))
        p_pr.append(OxmlElement("w:spacing", {qn("w:before"): air, qn("w:after"): air}))
        if left:
            p_pr.append(OxmlElement("w:jc", {qn("w:val"): "left"}))
        run = OxmlElement("w:r")
        r_pr = OxmlElement("w:rPr")
        if bold:
            r_pr.append(OxmlElement("w:b"))
        r_pr.append(OxmlElement("w:sz", {qn("w:val"): str(round(TABLE_PT * 2))}))
        run.append(r_pr)
        shown = OxmlElement("w:t", {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
        shown.text = text
        run.append(shown)
        p.append(run)

    return fill
