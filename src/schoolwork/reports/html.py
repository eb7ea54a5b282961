"""The report as one self-contained HTML file that prints well on A4.

Styles are inline; charts are inline SVG whose glyphs are outlines, so the file needs nothing
else to show Chinese. Without the ``reports`` extra, charts appear as tables of their numbers.
School-written Markdown is rendered with raw HTML disabled, so a text file cannot inject markup.
"""

from __future__ import annotations

from html import escape

from markdown_it import MarkdownIt

from schoolwork.labels import label
from schoolwork.reports import charts
from schoolwork.reports.markdown import chart_table
from schoolwork.reports.model import Block, Chart, PartKind, Report, Table, Text
from schoolwork.reports.numbering import part_heading, section_heading

_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")

STYLE = """
@page { size: A4; margin: 20mm 18mm 22mm; }
html { font-size: 11pt; }
body {
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
    "SimSun", sans-serif;
  line-height: 1.7; color: #111; max-width: 174mm; margin: 0 auto; padding: 8mm 0;
}
header { text-align: center; margin-bottom: 8mm; }
h1 { font-size: 20pt; margin: 0 0 2mm; }
.school { font-size: 13pt; margin: 0; }
.sample-note {
  text-indent: 0; text-align: left; margin: 5mm 0 0; padding: 2mm 4mm; font-size: 10.5pt;
  border: 1px solid #b45309; border-left-width: 4px; background: #fff7ed; color: #7c2d12;
}
nav { border: 1px solid #ccc; padding: 3mm 6mm; margin-bottom: 8mm; }
nav ol { margin: 0; padding-left: 6mm; }
h2 { font-size: 15pt; border-bottom: 2px solid #333; padding-bottom: 1mm; margin-top: 10mm; }
h3 { font-size: 12.5pt; margin: 6mm 0 2mm; }
p { text-indent: 2em; margin: 0 0 2mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 1mm; font-size: 10pt; }
th, td { border: 1px solid #777; padding: 1mm 2mm; text-align: center; }
th { background: #eee; }
td:first-child, th:first-child { text-align: left; }
caption { caption-side: bottom; font-size: 9pt; color: #555; padding-top: 1mm; }
figure { margin: 3mm 0; text-align: center; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #555; }
table, figure, h3 { break-inside: avoid; page-break-inside: avoid; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
footer { margin-top: 10mm; font-size: 9pt; color: #777; text-align: center; }
@media print { nav { break-after: page; } body { padding: 0; } }
""".strip()


def _table(table: Table) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in table.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in table.rows
    )
    caption = f"<caption>{escape(table.caption)}</caption>" if table.caption else ""
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _chart(chart: Chart) -> str:
    if not charts.available():
        return _table(chart_table(chart))
    caption = f"<figcaption>{escape(chart.title)}</figcaption>"
    return f'<figure class="chart">{charts.svg(chart)}{caption}</figure>'


def _block(block: Block) -> str:
    if isinstance(block, Text):
        return str(_MARKDOWN.render(block.markdown))
    if isinstance(block, Table):
        return _table(block)
    return _chart(block)


def render_html(report: Report) -> str:
    """The whole report as an HTML document."""
    lang = report.lang
    parts = [(i, part, report.part(part)) for i, part in enumerate(PartKind, start=1)]
    parts = [(i, part, found) for i, part, found in parts if found]
    nav = "".join(
        f'<li><a href="#part-{part.value}">'
        f"{escape(part_heading(i, label(part, lang), lang))}</a></li>"
        for i, part, _ in parts
    )
    body = []
    for p_index, part, found in parts:
        body.append(f'<section class="part" id="part-{part.value}">')
        body.append(f"<h2>{escape(part_heading(p_index, label(part, lang), lang))}</h2>")
        for s_index, section in enumerate(found, start=1):
            body.append(
                f'<section class="section" id="section-{escape(section.id)}" '
                f'data-source="{escape(section.source)}">'
            )
            body.append(
                f"<h3>{escape(section_heading(p_index, s_index, section.title, lang))}</h3>"
            )
            body.extend(_block(block) for block in section.blocks)
            body.append("</section>")
        body.append("</section>")
    html_lang = "zh-CN" if lang == "zh" else "en"
    head, rest = report.sample_note_head
    lead = f"<strong>{escape(head)}</strong>" if head else ""
    note = (
        f'<p class="sample-note" role="note">{lead}{escape(rest)}</p>' if report.sample_note else ""
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(report.school)} {escape(report.title)}</title>\n"
        f"<style>\n{STYLE}\n</style>\n</head>\n<body>\n"
        f"<header><h1>{escape(report.title)}</h1>"
        f'<p class="school">{escape(report.school)}</p>{note}</header>\n'
        f"<nav><strong>{escape(label('report.contents', lang))}</strong><ol>{nav}</ol></nav>\n"
        + "\n".join(body)
        + f"\n<footer>{escape(label('report.generated_by', lang))}</footer>\n</body>\n</html>\n"
    )
