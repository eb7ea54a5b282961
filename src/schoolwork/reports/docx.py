"""The report as a Word document (python-docx, the ``reports`` extra), laid out as Chinese
schools send a work summary up: the conventions of 党政机关公文格式 (GB/T 9704) as far as a
summary uses them.

- A4 with the standard's margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), and the page
  number as ``— 1 —`` centred under the text (a PAGE field, so Word counts the pages).
- The title in 方正小标宋简体 二号, the body in 仿宋_GB2312 三号 (16 pt) on a fixed 28 pt line
  with a first-line indent of two characters; headings 一、 in 黑体 and （一） in 楷体_GB2312.
  Each font is named in ``w:eastAsia``, which Word and WPS read for Chinese, and the font table
  gives each a fallback that every Chinese Windows has (仿宋, 楷体, 宋体); LibreOffice finds
  its own substitute. Latin letters and digits are in Times New Roman.
- Tables in 宋体 五号 with columns sized to their contents, the header row repeated on every
  page; a table's caption above it (表1), a chart's below it (图1).
- The 落款 at the end: the school's name and the date, right-aligned.

A school that keeps ``templates/report.docx`` in its workspace gets its own document instead:
its styles, page setup, header and footer are used as they are, and only the body is written.
The file is reproducible: fixed document dates and zip entry times.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from schoolwork.errors import Problem, WorkspaceError
from schoolwork.labels import Lang, label
from schoolwork.reports import charts
from schoolwork.reports.layout import Layout
from schoolwork.reports.model import Block, Chart, PartKind, Report, Table, Text
from schoolwork.reports.numbering import caption, part_heading, section_heading, signing_date
from schoolwork.reports.widths import column_widths, signature_indents

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"
FALLBACKS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", SUBHEADING_FONT: "楷体"}
"""What Word shows when a font is missing (``w:altName`` in the font table)."""

BODY_SIZE = 16.0  # 三号
LINE = 28.0  # fixed line pitch: 22 lines on the A4 text block, as the standard asks
TABLE_SIZE = 10.5  # 五号
TEXT_WIDTH_MM = 210 - 28 - 26
KEEP_TOGETHER = 12  # rows of a table that is kept on one page
CHART_WIDTH_MM = 150

TABLE_TEXT = "Table Text"
CODE = "Code"
_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
_FIXED_TIME = datetime(2000, 1, 1)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NOTE_COLOUR = "7C2D12"
_NOTE_BORDER = "B45309"
_NOTE_FILL = "FFF7ED"


def _qn(tag: str) -> str:
    prefix, name = tag.split(":")
    assert prefix == "w"
    return f"{{{_W}}}{name}"


def _child(parent: Any, tag: str, before: Sequence[str] = ()) -> Any:
    """``parent``'s child ``tag``, added if missing; in front of the first of ``before`` found,
    since Word refuses a document whose elements break the schema's order."""
    found = parent.find(_qn(tag))
    if found is None:
        found = parent.makeelement(_qn(tag), {})
        for name in before:
            anchor = parent.find(_qn(name))
            if anchor is not None:
                anchor.addprevious(found)
                break
        else:
            parent.append(found)
    return found


# Children of w:rPr and w:pPr that come after the ones set here, in schema order.
_AFTER_FONTS = ("w:b", "w:bCs", "w:i", "w:color", "w:spacing", "w:kern", "w:sz", "w:szCs")
_AFTER_IND = ("w:contextualSpacing", "w:jc", "w:textAlignment", "w:outlineLvl", "w:rPr")


def _fonts(element: Any, east_asian: str) -> None:
    """Name ``east_asian`` for Chinese and Times New Roman for the rest, without theme fonts
    (a theme font would win over the named one)."""
    r_pr = _child(element, "w:rPr")
    fonts = r_pr.find(_qn("w:rFonts"))
    if fonts is not None:
        r_pr.remove(fonts)
    fonts = r_pr.makeelement(_qn("w:rFonts"), {})
    r_pr.insert(0, fonts)
    for key in ("ascii", "hAnsi", "cs"):
        fonts.set(_qn(f"w:{key}"), LATIN_FONT)
    fonts.set(_qn("w:eastAsia"), east_asian)


def _style(
    document: Any,
    name: str,
    east_asian: str,
    size: float,
    *,
    bold: bool = False,
    indent: float = 2,
    align: str = "both",
    line: float | None = LINE,
    keep: bool = False,
    outline: int | None = None,
    around: tuple[float, float] = (0, 0),
) -> None:
    """Define paragraph style ``name`` from scratch: font, size, indent (in characters),
    alignment and a fixed line pitch; no colours, borders or spacing of the template's."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    styles = document.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
    element = style.element
    for old in (element.find(_qn("w:pPr")), element.find(_qn("w:rPr"))):
        if old is not None:
            element.remove(old)
    _fonts(element, east_asian)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    paragraph = style.paragraph_format
    paragraph.space_before, paragraph.space_after = Pt(around[0]), Pt(around[1])
    if line is not None:
        paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.line_spacing = Pt(line)
    else:  # single spacing, not the body's fixed pitch, which would clip a picture or a cell
        paragraph.line_spacing = 1.0
    paragraph.keep_with_next = keep
    paragraph.widow_control = True
    p_pr = element.get_or_add_pPr()
    _indent(p_pr, indent, size)
    _child(p_pr, "w:jc", before=_AFTER_IND[2:]).set(_qn("w:val"), align)
    if outline is not None:
        _child(p_pr, "w:outlineLvl", before=("w:rPr",)).set(_qn("w:val"), str(outline))


def _indent(p_pr: Any, chars: float, size: float, *, left: float = 0) -> None:
    """A first-line indent of ``chars`` characters (and ``left`` of them for the whole
    paragraph), in characters for Word and WPS and in twips for readers that ignore those."""
    ind = _child(p_pr, "w:ind", before=_AFTER_IND)
    for key in list(ind.attrib):
        del ind.attrib[key]
    if left:
        ind.set(_qn("w:leftChars"), str(round(left * 100)))
        ind.set(_qn("w:left"), str(round(left * size * 20)))
    if chars:
        ind.set(_qn("w:firstLineChars"), str(round(chars * 100)))
        ind.set(_qn("w:firstLine"), str(round(chars * size * 20)))
    else:
        ind.set(_qn("w:firstLineChars"), "0")
        ind.set(_qn("w:firstLine"), "0")


# Every paragraph style the report uses, as the 公文 layout defines it.
STYLES: dict[str, dict[str, Any]] = {
    "Normal": {"east_asian": BODY_FONT, "size": BODY_SIZE},
    "Title": {"east_asian": TITLE_FONT, "size": 22, "indent": 0, "align": "center", "line": 36},
    "Subtitle": {"east_asian": SUBHEADING_FONT, "size": BODY_SIZE, "indent": 0, "align": "center"},
    "Heading 1": {"east_asian": HEADING_FONT, "size": BODY_SIZE, "keep": True, "outline": 0},
    "Heading 2": {"east_asian": SUBHEADING_FONT, "size": BODY_SIZE, "keep": True, "outline": 1},
    "Heading 3": {
        "east_asian": BODY_FONT,
        "size": BODY_SIZE,
        "bold": True,
        "keep": True,
        "outline": 2,
    },
    "Heading 4": {"east_asian": BODY_FONT, "size": BODY_SIZE, "keep": True, "outline": 3},
    "Quote": {"east_asian": SUBHEADING_FONT, "size": BODY_SIZE},
    "Caption": {
        "east_asian": HEADING_FONT,
        "size": 12,
        "indent": 0,
        "align": "center",
        "line": None,
        "around": (3, 6),
        "keep": True,
    },
    TABLE_TEXT: {
        "east_asian": TABLE_FONT,
        "size": TABLE_SIZE,
        "indent": 0,
        "align": "center",
        "line": None,
    },
    CODE: {
        "east_asian": TABLE_FONT,
        "size": TABLE_SIZE,
        "indent": 0,
        "align": "left",
        "line": None,
    },
    "Footer": {"east_asian": TABLE_FONT, "size": 14, "indent": 0, "align": "center", "line": None},
}


def _house_style(document: Any) -> None:
    """The 公文 styles, replacing python-docx's template (its blue, ruled Title among them)."""
    for name, settings in STYLES.items():
        _style(document, name, **settings)


def _font_table(document: Any) -> None:
    """Give each 公文 font a fallback in the font table, which Word uses when it is missing."""
    from lxml import etree

    part = next(p for p in document.part.package.parts if str(p.partname).endswith("fontTable.xml"))
    root = etree.fromstring(part.blob)
    for name, fallback in FALLBACKS.items():
        font = etree.SubElement(root, _qn("w:font"), {_qn("w:name"): name})
        etree.SubElement(font, _qn("w:altName"), {_qn("w:val"): fallback})
        etree.SubElement(font, _qn("w:charset"), {_qn("w:val"): "86"})  # GB2312
        etree.SubElement(font, _qn("w:family"), {_qn("w:val"): "modern"})
        etree.SubElement(font, _qn("w:pitch"), {_qn("w:val"): "fixed"})
    # python-docx keeps parts it does not model as bytes, with no setter: replace them here.
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page(document: Any) -> None:
    """A4 with the standard's margins, and the page number centred below the text."""
    from docx.shared import Mm, Twips

    section = document.sections[0]
    section.page_width, section.page_height = Twips(11906), Twips(16838)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(24)
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.add_run("— ")
    _field(footer, "PAGE", "1")
    footer.add_run(" —")


def _field(paragraph: Any, instruction: str, shown: str) -> None:
    """A Word field (``PAGE``) as begin, instruction, separator, its last value and end."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, shown)):
        run = paragraph.add_run()
        if kind is not None:
            run._r.append(run._r.makeelement(_qn("w:fldChar"), {_qn("w:fldCharType"): kind}))
        elif text == instruction:
            instr = run._r.makeelement(_qn("w:instrText"), {})
            instr.text = f" {instruction} "
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run._r.append(instr)
        else:
            run.text = text
    end = paragraph.add_run()
    end._r.append(end._r.makeelement(_qn("w:fldChar"), {_qn("w:fldCharType"): "end"}))


def _base(layout: Layout) -> tuple[Any, bool]:
    """The document to write into, and whether it is the school's own template."""
    from docx import Document

    template = layout.docx_template()
    if template is None:
        return Document(), False
    name, data = template
    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a file that is no .docx
        raise WorkspaceError(
            [
                Problem(
                    name,
                    "",
                    "a Word document (.docx) saved by Word or WPS",
                    str(exc) or type(exc).__name__,
                    expected_zh="用 Word 或 WPS 保存的 Word 文档（.docx）",
                )
            ]
        ) from None
    body = document.element.body
    for element in list(body):
        if element.tag != _qn("w:sectPr"):  # the last section's page setup stays the school's
            body.remove(element)
    present = {s.name for s in document.styles}
    for style, settings in STYLES.items():
        if style not in present:  # a style the school's template lacks is defined as ours
            _style(document, style, **settings)
    return document, True


# -- tables ---------------------------------------------------------------------------------


Filler = Callable[[Any], None]
"""Writes one cell's content into its (empty) paragraph."""


def _plain_filler(text: str, bold: bool = False) -> Filler:
    def fill(paragraph: Any) -> None:
        run = paragraph.add_run(text)
        run.bold = bold or None

    return fill


class _Writer:
    """Writes a report's blocks into a document, numbering tables and figures as it goes."""

    def __init__(self, document: Any, lang: Lang) -> None:
        self.document = document
        self.lang = lang
        self.tables = 0
        self.figures = 0

    # -- blocks ---------------------------------------------------------------------------

    def table(self, table: Table) -> None:
        if table.caption:
            self.tables += 1
            self.paragraph(caption("table", self.tables, table.caption, self.lang), "Caption")
        header = [_plain_filler(c, bold=True) for c in table.columns]
        body = [[_plain_filler(c) for c in row] for row in table.rows]
        self.grid([list(table.columns), *table.rows], [header, *body])

    def grid(self, texts: Sequence[Sequence[str]], cells: Sequence[Sequence[Filler]]) -> None:
        """A table of ``cells`` (the header row first), sized by ``texts``, their plain text."""
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        columns = max(len(r) for r in texts)
        per_char = TABLE_SIZE * 0.3528  # mm per character of 五号
        widths = column_widths(texts, TEXT_WIDTH_MM / per_char)
        grid = self.document.add_table(rows=len(cells), cols=columns)
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid.autofit = False
        _borders(grid)
        _fixed(grid, [round(w * per_char * 56.7) for w in widths])  # mm to twips
        for index, row in enumerate(grid.rows):
            _row_props(row, header=index == 0)
            for column, cell in enumerate(row.cells):
                paragraph = cell.paragraphs[0]
                paragraph.style = self.document.styles[TABLE_TEXT]
                if column == 0 and index > 0:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
                if column < len(cells[index]):
                    cells[index][column](paragraph)
                if index == 0:
                    for run in paragraph.runs:
                        run.bold = True
                paragraph.paragraph_format.space_before = Pt(1)
                paragraph.paragraph_format.space_after = Pt(1)
                # a short table stays on one page: each row keeps with the next
                together = len(cells) <= KEEP_TOGETHER and index < len(cells) - 1
                paragraph.paragraph_format.keep_with_next = together
        # a table needs a paragraph after it (two tables in a row would merge): a small one
        self.document.add_paragraph(style=self.document.styles[TABLE_TEXT])

    def chart(self, chart: Chart, tables: Sequence[Table]) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm

        if not charts.drawn(chart) or not charts.available():
            return  # its table shows the numbers: a few bars would only repeat them
        self.document.add_picture(io.BytesIO(charts.png(chart, tables)), width=Mm(CHART_WIDTH_MM))
        picture = self.document.paragraphs[-1]
        picture.style = self.document.styles["Caption"]
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.keep_with_next = True
        self.figures += 1
        below = self.paragraph(caption("figure", self.figures, chart.title, self.lang), "Caption")
        below.paragraph_format.keep_with_next = False

    def paragraph(self, text: str, style: str = "Normal") -> Any:
        return self.document.add_paragraph(text, style=self.document.styles[style])

    def blocks(self, blocks: Sequence[Block]) -> None:
        tables = [b for b in blocks if isinstance(b, Table)]
        for block in blocks:
            if isinstance(block, Text):
                _MarkdownWriter(self).write(block.markdown)
            elif isinstance(block, Table):
                self.table(block)
            else:
                self.chart(block, tables)


def _borders(grid: Any) -> None:
    """Single lines around every cell, set on the table itself so no table style is needed."""
    tbl_pr = grid._tbl.tblPr
    borders = tbl_pr.makeelement(_qn("w:tblBorders"), {})
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        attributes = {_qn("w:val"): "single", _qn("w:sz"): "4", _qn("w:space"): "0"}
        attributes[_qn("w:color")] = "000000"
        borders.append(borders.makeelement(_qn(f"w:{side}"), attributes))
    anchor = None
    for name in ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"):
        anchor = tbl_pr.find(_qn(name))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        tbl_pr.append(borders)


def _fixed(grid: Any, widths: Sequence[int]) -> None:
    """Column widths in twips, fixed so Word and LibreOffice do not re-balance them."""
    tbl_pr = grid._tbl.tblPr
    width = _child(tbl_pr, "w:tblW", before=("w:jc", "w:tblBorders", "w:tblLayout", "w:tblLook"))
    width.set(_qn("w:w"), str(sum(widths)))
    width.set(_qn("w:type"), "dxa")
    layout = _child(tbl_pr, "w:tblLayout", before=("w:tblCellMar", "w:tblLook"))
    layout.set(_qn("w:type"), "fixed")
    for column, twips in zip(grid._tbl.tblGrid.findall(_qn("w:gridCol")), widths, strict=True):
        column.set(_qn("w:w"), str(twips))
    for row in grid.rows:
        for cell, twips in zip(row.cells, widths, strict=True):
            tc_w = _child(cell._tc.get_or_add_tcPr(), "w:tcW")
            tc_w.set(_qn("w:w"), str(twips))
            tc_w.set(_qn("w:type"), "dxa")


def _row_props(row: Any, *, header: bool) -> None:
    """Rows never split across pages; the header row repeats at the top of each page."""
    tr_pr = row._tr.get_or_add_trPr()
    _child(tr_pr, "w:cantSplit")
    if header:
        _child(tr_pr, "w:tblHeader")


# -- the school's Markdown ----------------------------------------------------------------


def _cjk(char: str) -> bool:
    return bool(char) and ord(char) > 0x2E80


class _MarkdownWriter:
    """Walks markdown-it's tokens into Word: headings, paragraphs, lists, quotes, code, tables,
    and inline bold, italic, strikethrough, code and links (their text, then the address)."""

    def __init__(self, writer: _Writer) -> None:
        self.writer = writer
        self.document = writer.document
        self.lists: list[list[int]] = []  # per open list: [next number] or [] for bullets
        self.quote = 0
        self.item_started = False

    def write(self, markdown: str) -> None:
        tokens = _MARKDOWN.parse(markdown)
        index = 0
        while index < len(tokens):
            index = self.token(tokens, index)

    def token(self, tokens: list[Token], index: int) -> int:
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            level = int(token.tag[1:])
            style = "Heading 3" if level <= 3 else "Heading 4"
            self.inline(
                self.document.add_paragraph(style=self.document.styles[style]), tokens[index + 1]
            )
            return index + 3
        if kind == "paragraph_open":
            paragraph = self.block_paragraph()
            self.inline(paragraph, tokens[index + 1])
            return index + 3
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(str(token.attrGet("start") or 1))
            self.lists.append([start] if kind == "ordered_list_open" else [])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            self.item_started = True
        elif kind == "blockquote_open":
            self.quote += 1
        elif kind == "blockquote_close":
            self.quote -= 1
        elif kind in ("fence", "code_block"):
            for line in token.content.rstrip("\n").split("\n"):
                self.document.add_paragraph(line, style=self.document.styles[CODE])
        elif kind == "table_open":
            return self.table(tokens, index)
        return index + 1

    def block_paragraph(self) -> Any:
        style = "Quote" if self.quote else "Normal"
        paragraph = self.document.add_paragraph(style=self.document.styles[style])
        depth = len(self.lists)
        if depth:
            p_pr = paragraph._p.get_or_add_pPr()
            size = BODY_SIZE
            if self.item_started:
                numbers = self.lists[-1]
                if numbers:
                    prefix = f"{numbers[0]}. "
                    numbers[0] += 1
                else:
                    prefix = "• " if depth == 1 else "◦ "
                paragraph.add_run(prefix)
                self.item_started = False
                _indent(p_pr, 2, size, left=2 * (depth - 1))
            else:  # a second paragraph of an item lines up under the item's text
                _indent(p_pr, 0, size, left=2 * depth)
        elif self.quote:
            _indent(paragraph._p.get_or_add_pPr(), 2, BODY_SIZE, left=2 * self.quote)
        return paragraph

    def table(self, tokens: list[Token], index: int) -> int:
        rows: list[list[Token]] = []
        while tokens[index].type != "table_close":
            token = tokens[index]
            if token.type == "tr_open":
                rows.append([])
            elif token.type == "inline":
                rows[-1].append(token)
            index += 1
        texts = [[_inline_text(cell) for cell in row] for row in rows]
        cells = [[self.filler(cell) for cell in row] for row in rows]
        self.writer.grid(texts, cells)
        return index + 1

    def filler(self, token: Token) -> Filler:
        def fill(paragraph: Any) -> None:
            self.inline(paragraph, token)

        return fill

    def inline(self, paragraph: Any, token: Token) -> None:
        """The runs of one inline token: text with its emphasis, links with their address."""
        bold = italic = strike = False
        link: Any = None
        link_text: list[str] = []
        href = ""
        children = token.children or []
        for position, child in enumerate(children):
            kind = child.type
            if kind == "strong_open":
                bold = True
            elif kind == "strong_close":
                bold = False
            elif kind == "em_open":
                italic = True
            elif kind == "em_close":
                italic = False
            elif kind == "s_open":
                strike = True
            elif kind == "s_close":
                strike = False
            elif kind == "link_open":
                href = str(child.attrGet("href") or "")
                link = _hyperlink(paragraph, href)
                link_text = []
            elif kind == "link_close":
                if href and "".join(link_text) != href and not href.startswith("#"):
                    paragraph.add_run(f"（{href}）" if self._chinese(link_text) else f" ({href})")
                link = None
            elif kind in ("text", "code_inline", "image", "softbreak", "hardbreak"):
                text = child.content
                if kind == "image":
                    source = str(child.attrGet("src") or "")
                    text = f"{child.content}（{source}）" if source else child.content
                elif kind == "softbreak":
                    before = children[position - 1].content[-1:] if position else ""
                    after = (
                        children[position + 1].content[:1] if position + 1 < len(children) else ""
                    )
                    text = "" if _cjk(before) or _cjk(after) else " "
                if kind == "hardbreak":
                    run = (link if link is not None else paragraph).add_run()
                    run.add_break()
                    continue
                if not text:
                    continue
                run = link.add_run(text) if link is not None else paragraph.add_run(text)
                if link is not None:
                    link_text.append(text)
                run.bold = bold or None
                run.italic = italic or None
                if strike:
                    run.font.strike = True
                if kind == "code_inline":
                    run.font.name = "Courier New"

    @staticmethod
    def _chinese(texts: Sequence[str]) -> bool:
        return any(_cjk(c) for c in "".join(texts))


def _inline_text(token: Token) -> str:
    return "".join(c.content for c in token.children or [] if c.type in ("text", "code_inline"))


class _Link:
    """A ``w:hyperlink`` to an address, to which runs are added like to a paragraph."""

    def __init__(self, element: Any, paragraph: Any) -> None:
        self.element = element
        self.paragraph = paragraph

    def add_run(self, text: str = "") -> Any:
        from docx.shared import RGBColor
        from docx.text.run import Run

        r = self.element.makeelement(_qn("w:r"), {})
        self.element.append(r)
        run = Run(r, self.paragraph)
        if text:
            run.text = text
        run.font.underline = True
        run.font.color.rgb = RGBColor(0x1F, 0x4E, 0x9A)
        return run


def _hyperlink(paragraph: Any, href: str) -> _Link:
    from docx.opc.constants import RELATIONSHIP_TYPE

    element = paragraph._p.makeelement(_qn("w:hyperlink"), {})
    if href.startswith("#"):
        element.set(_qn("w:anchor"), href[1:])
    elif href:
        rel = paragraph.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        element.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id", rel)
    paragraph._p.append(element)
    return _Link(element, paragraph)


# -- the document -------------------------------------------------------------------------


def _sample_note(document: Any, head: str, rest: str) -> None:
    """The sample-data note: one boxed, shaded paragraph under the title, its lead in bold."""
    from docx.shared import Pt, RGBColor

    paragraph = document.add_paragraph(style=document.styles[TABLE_TEXT])
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.space_after = Pt(12)
    paragraph.alignment = 0  # left
    for text, bold in ((head, True), (rest, False)):
        if text:
            run = paragraph.add_run(text)
            run.bold = bold
            run.font.size = Pt(10.5)
            run.font.color.rgb = RGBColor.from_string(_NOTE_COLOUR)
    p_pr = paragraph._p.get_or_add_pPr()
    borders = p_pr.makeelement(_qn("w:pBdr"), {})
    for side in ("top", "left", "bottom", "right"):
        attributes = {_qn("w:val"): "single", _qn("w:sz"): "8", _qn("w:space"): "4"}
        attributes[_qn("w:color")] = _NOTE_BORDER
        borders.append(borders.makeelement(_qn(f"w:{side}"), attributes))
    shading = p_pr.makeelement(
        _qn("w:shd"), {_qn("w:val"): "clear", _qn("w:color"): "auto", _qn("w:fill"): _NOTE_FILL}
    )
    # CT_PPr keeps its children in schema order: pBdr and shd come before spacing and after.
    anchor = None
    for name in ("w:spacing", "w:ind", "w:jc"):
        anchor = p_pr.find(_qn(name))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(borders)
        anchor.addprevious(shading)
    else:
        p_pr.append(borders)
        p_pr.append(shading)


def _signature(document: Any, school: str, signed: date | None, lang: Lang) -> None:
    """The 落款: a blank line, then the school's name over the date, right-aligned."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    when = signing_date(signed, lang)
    if document.paragraphs:  # the 落款 never stands on a page without the text it closes
        document.paragraphs[-1].paragraph_format.keep_with_next = True
    document.add_paragraph(style=document.styles["Normal"]).paragraph_format.keep_with_next = True
    indents = signature_indents(school, when)
    for text, chars in zip((school, when), indents, strict=True):
        paragraph = document.add_paragraph(text, style=document.styles["Normal"])
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.keep_with_next = text == school
        ind = _child(paragraph._p.get_or_add_pPr(), "w:ind", before=_AFTER_IND)
        ind.set(_qn("w:firstLineChars"), "0")
        ind.set(_qn("w:firstLine"), "0")
        ind.set(_qn("w:rightChars"), str(round(chars * 100)))
        ind.set(_qn("w:right"), str(round(chars * BODY_SIZE * 20)))


def render_docx(report: Report, layout: Layout | None = None) -> bytes:
    """The whole report as the bytes of a .docx file, in ``layout`` (default: the built-in
    公文 layout, signed without a date)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    layout = layout or Layout()
    document, own = _base(layout)
    if not own:
        _house_style(document)
        _font_table(document)
        _page(document)
    lang = report.lang
    document.add_paragraph(report.title, style=document.styles["Title"])
    document.add_paragraph(report.school, style=document.styles["Subtitle"])
    if report.sample_note:
        _sample_note(document, *report.sample_note_head)
    writer = _Writer(document, lang)
    for p_index, part in enumerate(PartKind, start=1):
        found = report.part(part)
        if not found:
            continue
        heading = part_heading(p_index, label(part, lang), lang)
        document.add_paragraph(heading, style=document.styles["Heading 1"])
        for s_index, section in enumerate(found, start=1):
            title = section_heading(p_index, s_index, section.title, lang)
            document.add_paragraph(title, style=document.styles["Heading 2"])
            writer.blocks(section.blocks)
    _signature(document, report.school, layout.signed, lang)
    if layout.credit:
        credit = document.add_paragraph(label("report.generated_by", lang))
        credit.style = document.styles[TABLE_TEXT]
        credit.alignment = WD_ALIGN_PARAGRAPH.CENTER
    properties = document.core_properties
    properties.title = f"{report.school} {report.title}"
    properties.author = report.school
    properties.created = properties.modified = _FIXED_TIME
    properties.last_modified_by = report.school
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


# -- For other documents in this layout ----------------------------------------------------
# Public helpers, added for the score slips (schoolwork.reports.slip_docx): they put together
# the pieces above for a document other than the summary and change nothing of its layout.


def new_document() -> Any:
    """An empty Word document in the built-in 公文 layout: the styles of :data:`STYLES` with
    their fonts and fallbacks, A4 with the standard's margins, and the page number."""
    from docx import Document

    document = Document()
    _house_style(document)
    _font_table(document)
    _page(document)
    return document


def add_form_table(
    document: Any, cells: Sequence[Sequence[Filler]], widths_mm: Sequence[float]
) -> Any:
    """A table in the summary's table layout (single borders, fixed column widths, the first
    row repeated on every page, rows never split, cells in ``Table Text``), each cell written
    by its filler; the python-docx table.

    For a form of many rows (score slips: thousands of cells in a booklet), the rows are built
    as XML directly; python-docx's own calls cost about a millisecond a cell.
    """
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.text.paragraph import Paragraph

    table = document.add_table(rows=0, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table)
    twips = [round(mm * 56.7) for mm in widths_mm]  # mm to twips
    _fixed(table, twips)
    style_id = document.styles[TABLE_TEXT].style_id
    for index, row in enumerate(cells):
        tr = OxmlElement("w:tr")
        tr_pr = OxmlElement("w:trPr")
        tr_pr.append(OxmlElement("w:cantSplit"))
        if index == 0:
            tr_pr.append(OxmlElement("w:tblHeader"))
        tr.append(tr_pr)
        for width, fill in zip(twips, row, strict=True):
            tc = OxmlElement("w:tc")
            tc_pr = OxmlElement("w:tcPr")
            tc_pr.append(OxmlElement("w:tcW", {_qn("w:w"): str(width), _qn("w:type"): "dxa"}))
            tc.append(tc_pr)
            p = OxmlElement("w:p")
            p_pr = OxmlElement("w:pPr")
            p_pr.append(OxmlElement("w:pStyle", {_qn("w:val"): style_id}))
            p.append(p_pr)
            tc.append(p)
            tr.append(tc)
            fill(Paragraph(p, table))
        table._tbl.append(tr)
    # a table needs a paragraph after it (two tables in a row would merge): a small one
    document.add_paragraph(style=document.styles[TABLE_TEXT])
    return table


def add_sample_note(document: Any, head: str, rest: str) -> None:
    """The boxed sample-data note that the summary prints under its title."""
    _sample_note(document, head, rest)


def document_bytes(document: Any, title: str, author: str) -> bytes:
    """``document`` as the bytes of a .docx file, reproducible as the summary's: fixed
    document dates and zip entry times."""
    properties = document.core_properties
    properties.title = title
    properties.author = author
    properties.created = properties.modified = _FIXED_TIME
    properties.last_modified_by = author
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_zip(buffer.getvalue())
