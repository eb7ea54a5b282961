"""Score slips as one self-contained HTML file: one A4 page per subject when printed.

The page is the summary's (:data:`schoolwork.reports.html.STYLE`: A4 with the margins of
GB/T 9704, the page number, the title in 小标宋 and the fonts' fallbacks); the slip adds what a
form needs: its table and sentences in 宋体 at 9 and 10.5 pt, bold rows for dimensions and
totals, the rule's words left-aligned, and a page break before every slip but the first. On
screen the slips follow one another, parted by a rule.
"""

from __future__ import annotations

from html import escape

from schoolwork.reports.html import STYLE, TABLE_FONTS
from schoolwork.reports.slips import RULE_COLUMN, Line, Slip, SlipBook, column_chars

SLIP_STYLE = f"""
.slip p {{ text-indent: 0; margin: 0 0 0.8mm; font: 10.5pt/1.4 {TABLE_FONTS}; }}
.slip header {{ margin-bottom: 3mm; }}
.slip h1 {{ line-height: 28pt; }}
.slip header .school {{ font: 12pt/1.6 {TABLE_FONTS}; }}
.slip .sample-note {{ font: 9pt/1.45 {TABLE_FONTS}; margin-top: 2mm; padding: 1mm 3mm; }}
.slip .who, .slip .result, .slip .sign {{ font-size: 12pt; white-space: pre-wrap; }}
.slip .result {{ font-weight: bold; margin-bottom: 2mm; }}
.slip table {{ font: 9pt/1.15 {TABLE_FONTS}; margin-bottom: 2mm; }}
.slip th, .slip td {{ padding: 0.2mm 1mm; }}
.slip td.rule {{ text-align: left; }}
.slip tr.dimension, .slip tr.total, .slip tr.final {{ font-weight: bold; }}
.slip .sign {{ margin-top: 2mm; }}
@media screen {{ .slip + .slip {{ border-top: 1px dashed #888; margin-top: 12mm;
  padding-top: 12mm; }} }}
@media print {{ .slip + .slip {{ break-before: page; page-break-before: always; }} }}
""".strip()


def render_slips_html(book: SlipBook) -> str:
    """Every slip of ``book`` in one HTML document, a printed page each."""
    html_lang = "zh-CN" if book.lang == "zh" else "en"
    title = book.slips[0].title if book.slips else book.scheme
    group = _colgroup(book)
    body = "\n".join(_slip(book, slip, group) for slip in book.slips)
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(book.school)} {escape(title)}</title>\n"
        f"<style>\n{STYLE}\n{SLIP_STYLE}\n</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _colgroup(book: SlipBook) -> str:
    """The columns' widths as shares of the line: the Word slip's, the rule taking the rest."""
    chars = [c + 0.8 for c in column_chars(book)]  # each cell's padding, in characters
    line = 156 / (9 * 0.3528)  # the A4 text block in characters of 9 pt
    chars[RULE_COLUMN] = max(line - sum(chars), 10.0)
    total = sum(chars)
    cols = "".join(f'<col style="width:{100 * c / total:.1f}%">' for c in chars)
    return f"<colgroup>{cols}</colgroup>"


def _slip(book: SlipBook, slip: Slip, group: str) -> str:
    note = ""
    if book.sample_note:
        head, rest = book.sample_note_head
        lead = f"<strong>{escape(head)}</strong>" if head else ""
        note = f'<p class="sample-note" role="note">{lead}{escape(rest)}</p>'
    head = "".join(f"<th>{escape(c)}</th>" for c in book.columns)
    rows = "\n".join(_row(line) for line in slip.lines)
    said = "".join(
        f'<p class="{kind}">{escape(text)}</p>'
        for kind, texts in (
            ("standing", (slip.standing,)),
            ("decision", slip.decisions),
            ("appeal", slip.appeals),
            ("note", slip.notes),
        )
        for text in texts
    )
    return (
        f'<section class="slip" id="slip-{escape(slip.subject_id)}">\n'
        f"<header><h1>{escape(slip.title)}</h1>"
        f'<p class="school">{escape(book.subtitle)}</p>{note}</header>\n'
        f'<p class="who">{escape(slip.who)}</p>\n<p class="result">{escape(slip.result)}</p>\n'
        f"<table>{group}<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody></table>\n"
        f'{said}\n<p class="sign">{escape(slip.sign)}</p>\n</section>'
    )


def _row(line: Line) -> str:
    cells = "".join(
        f'<td class="rule">{escape(text)}</td>'
        if column == RULE_COLUMN
        else f"<td>{escape(text)}</td>"
        for column, text in enumerate(line.cells)
    )
    return f'<tr class="{line.kind.value}">{cells}</tr>'
