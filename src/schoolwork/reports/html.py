"""The report as one self-contained HTML file, laid out for A4 as a Chinese school's summary.

Styles are inline; charts are inline SVG whose glyphs are outlines, so the file needs nothing
else to show Chinese. Printed (or typeset to PDF), a page has the margins of GB/T 9704, the
title in 小标宋, the body in 仿宋 三号 with two characters of first-line indent, headings 一、
in 黑体 and （一） in 楷体, the page number as ``— 1 —``, and the 落款 at the end; each font
falls back to one the machine has (Noto Serif CJK SC on Linux). School-written Markdown is
rendered with raw HTML disabled, so a text file cannot inject markup.

A school's own ``templates/report.html`` (a Jinja2 template, the ``reports`` extra) replaces
the built-in layout; it gets the pieces described in :func:`page_context`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from importlib.resources import files
from typing import Any

from markdown_it import MarkdownIt

from schoolwork.errors import Problem, WorkspaceError
from schoolwork.labels import label
from schoolwork.reports import charts
from schoolwork.reports.layout import Layout
from schoolwork.reports.model import Block, Chart, PartKind, Report, Table, Text
from schoolwork.reports.numbering import caption, part_heading, section_heading, signing_date
from schoolwork.reports.widths import column_widths, signature_indents

_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
TEXT_WIDTH_CHARS = 156 / (10.5 * 0.3528)  # the A4 text block in characters of 五号

TITLE_FONTS = (
    '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", '
    '"Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif'
)
BODY_FONTS = (
    '"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", '
    '"Noto Serif CJK SC", "Source Han Serif SC", serif'
)
HEADING_FONTS = (
    '"黑体", "SimHei", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC", '
    '"Microsoft YaHei", sans-serif'
)
SUBHEADING_FONTS = (
    '"楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", '
    '"Noto Serif CJK SC", "Source Han Serif SC", serif'
)
TABLE_FONTS = '"宋体", "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif'

STYLE = f"""
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm;
  @bottom-center {{ content: "— " counter(page) " —"; font: 14pt {TABLE_FONTS}; }}
}}
html {{ font-size: 16pt; }}
body {{
  font-family: {BODY_FONTS};
  line-height: 28pt; color: #000; max-width: 156mm; margin: 0 auto; padding: 12mm 0;
  text-align: justify;
}}
header {{ text-align: center; margin-bottom: 28pt; }}
h1 {{ font: normal 22pt/36pt {TITLE_FONTS}; margin: 0; }}
.school {{ font-family: {SUBHEADING_FONTS}; text-indent: 0; margin: 0; text-align: center; }}
.sample-note {{
  text-indent: 0; text-align: left; margin: 4mm 0 0; padding: 2mm 4mm; font: 10.5pt/1.6
  {TABLE_FONTS}; border: 1px solid #b45309; border-left-width: 4px; background: #fff7ed;
  color: #7c2d12;
}}
nav {{ border: 1px solid #ccc; padding: 2mm 6mm; margin-bottom: 8mm; font-size: 12pt;
  line-height: 1.8; }}
nav ol {{ margin: 0; padding-left: 6mm; }}
h2, h3, h4, h5, h6 {{ font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em;
  line-height: 28pt; }}
h2 {{ font-family: {HEADING_FONTS}; }}
h3 {{ font-family: {SUBHEADING_FONTS}; }}
h4 {{ font-weight: bold; }}
h5 {{ font-weight: normal; }}
p {{ text-indent: 2em; margin: 0; }}
li > p, blockquote p {{ text-indent: 0; }}
ul, ol {{ margin: 0; padding-left: 4em; }}
blockquote {{ margin: 0 0 0 2em; font-family: {SUBHEADING_FONTS}; }}
pre {{ font: 10.5pt/1.5 "Courier New", monospace; margin: 2mm 0; white-space: pre-wrap; }}
a {{ color: #1f4e9a; }}
table {{ border-collapse: collapse; width: 100%; margin: 0 0 4mm; table-layout: fixed;
  font: 10.5pt/1.5 {TABLE_FONTS}; }}
th, td {{ border: 1px solid #000; padding: 1mm 1.5mm; text-align: center; text-indent: 0;
  word-break: normal; overflow-wrap: anywhere; }}
th {{ font-weight: bold; }}
td:first-child {{ text-align: left; }}
caption {{ caption-side: top; font: 12pt/1.6 {HEADING_FONTS}; padding: 2mm 0 1mm; }}
figure {{ margin: 2mm 0 4mm; text-align: center; text-indent: 0; }}
figure svg {{ max-width: 100%; height: auto; }}
figcaption {{ font: 12pt/1.6 {HEADING_FONTS}; }}
thead {{ display: table-header-group; }}
tr, figure, h2, h3, h4, caption {{ break-inside: avoid; page-break-inside: avoid; }}
h2, h3, h4 {{ break-after: avoid; page-break-after: avoid; }}
.signature {{ margin-top: 28pt; text-align: right; break-inside: avoid; page-break-inside: avoid;
  break-before: avoid; page-break-before: avoid; }}
.signature p {{ text-indent: 0; }}
footer {{ margin-top: 10mm; font: 9pt {TABLE_FONTS}; color: #555; text-align: center; }}
@media print {{
  nav {{ display: none; }}
  body {{ padding: 0; max-width: none; }}
  a[href^="http"]::after {{ content: "（" attr(href) "）"; }}
}}
""".strip()


def _colgroup(rows: Sequence[Sequence[str]]) -> str:
    widths = column_widths(rows, TEXT_WIDTH_CHARS)
    total = sum(widths)
    cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in widths)
    return f"<colgroup>{cols}</colgroup>"


class _Numbers:
    """Numbers tables and figures in order, as captions name them."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.tables = 0
        self.figures = 0

    def table(self, table: Table) -> str:
        head = "".join(f"<th>{escape(c)}</th>" for c in table.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in table.rows
        )
        title = ""
        if table.caption:
            self.tables += 1
            title = f"<caption>{escape(caption('table', self.tables, table.caption, self.lang))}"
            title += "</caption>"
        group = _colgroup([table.columns, *table.rows])
        return f"<table>{title}{group}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def chart(self, chart: Chart, tables: Sequence[Table]) -> str:
        if not charts.drawn(chart) or not charts.available():
            return ""  # its table shows the numbers: a few bars would only repeat them
        self.figures += 1
        title = escape(caption("figure", self.figures, chart.title, self.lang))
        drawing = charts.svg(chart, tables)
        return f'<figure class="chart">{drawing}<figcaption>{title}</figcaption></figure>'

    def blocks(self, blocks: Sequence[Block]) -> str:
        tables = [b for b in blocks if isinstance(b, Table)]
        out = []
        for block in blocks:
            if isinstance(block, Text):
                out.append(school_markdown(block.markdown))
            elif isinstance(block, Table):
                out.append(self.table(block))
            else:
                out.append(self.chart(block, tables))
        return "\n".join(o for o in out if o)


def school_markdown(markdown: str) -> str:
    """The school's Markdown as HTML, its headings under the section's: ``#`` to ``###`` become
    ``<h4>`` and deeper ones ``<h5>``, as Word makes them Heading 3 and 4."""
    tokens = _MARKDOWN.parse(markdown)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = "h4" if int(token.tag[1:]) <= 3 else "h5"
    return str(_MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {}))


def page_context(report: Report, layout: Layout | None = None) -> dict[str, Any]:
    """What a page is made of, as a school's template gets it.

    - ``report``: the :class:`~schoolwork.Report` itself; ``title``, ``school``, ``year``,
      ``lang`` (``zh`` or ``en``) and ``html_lang`` (``zh-CN`` or ``en``);
    - ``style``: the built-in style sheet, to include and then override;
    - ``sample_note``: the sample-data note as HTML, or empty;
    - ``contents``: the heading of the contents (目录);
    - ``parts``: each part with ``id``, ``heading`` (``一、…``) and ``sections``, each with
      ``id``, ``heading`` (``（一）…``), ``source`` and ``body``, its blocks as HTML;
    - ``signature``: the 落款, ``school`` and ``date`` (``2024年7月5日``), and their right
      margins ``school_indent`` and ``date_indent`` (``2em``) as GB/T 9704 sets them;
    - ``credit``: 由 schoolwork 生成 when the layout asks for it, else empty.

    HTML pieces are marked safe; everything else is escaped by the template.
    """
    layout = layout or Layout()
    lang = report.lang
    numbers = _Numbers(lang)
    parts = []
    for p_index, part in enumerate(PartKind, start=1):
        found = report.part(part)
        if not found:
            continue
        sections = [
            {
                "id": section.id,
                "heading": section_heading(p_index, s_index, section.title, lang),
                "source": section.source,
                "body": numbers.blocks(section.blocks),
            }
            for s_index, section in enumerate(found, start=1)
        ]
        heading = part_heading(p_index, label(part, lang), lang)
        parts.append({"id": part.value, "heading": heading, "sections": sections})
    head, rest = report.sample_note_head
    lead = f"<strong>{escape(head)}</strong>" if head else ""
    note = (
        f'<p class="sample-note" role="note">{lead}{escape(rest)}</p>' if report.sample_note else ""
    )
    return {
        "report": report,
        "title": report.title,
        "school": report.school,
        "year": report.year,
        "lang": lang,
        "html_lang": "zh-CN" if lang == "zh" else "en",
        "style": STYLE,
        "sample_note": note,
        "contents": label("report.contents", lang),
        "parts": parts,
        "signature": _signature(report.school, signing_date(layout.signed, lang)),
        "credit": label("report.generated_by", lang) if layout.credit else "",
    }


def _signature(school: str, when: str) -> dict[str, str]:
    name, day = signature_indents(school, when)
    return {
        "school": school,
        "date": when,
        "school_indent": f"{name:g}em",
        "date_indent": f"{day:g}em",
    }


def _built_in(page: Mapping[str, Any]) -> str:
    """The built-in layout; ``templates/report.html`` in the package is the same as Jinja2."""
    nav = "".join(
        f'<li><a href="#part-{p["id"]}">{escape(p["heading"])}</a></li>' for p in page["parts"]
    )
    body = []
    for part in page["parts"]:
        body.append(f'<section class="part" id="part-{part["id"]}">')
        body.append(f"<h2>{escape(part['heading'])}</h2>")
        for section in part["sections"]:
            body.append(
                f'<section class="section" id="section-{escape(section["id"])}" '
                f'data-source="{escape(section["source"])}">'
            )
            body.append(f"<h3>{escape(section['heading'])}</h3>")
            if section["body"]:
                body.append(section["body"])
            body.append("</section>")
        body.append("</section>")
    signature = page["signature"]
    credit = f"<footer>{escape(page['credit'])}</footer>\n" if page["credit"] else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{page["html_lang"]}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(page['school'])} {escape(page['title'])}</title>\n"
        f"<style>\n{page['style']}\n</style>\n</head>\n<body>\n"
        f"<header><h1>{escape(page['title'])}</h1>"
        f'<p class="school">{escape(page["school"])}</p>{page["sample_note"]}</header>\n'
        f"<nav><strong>{escape(page['contents'])}</strong><ol>{nav}</ol></nav>\n"
        + "\n".join(body)
        + '\n<div class="signature">'
        f'<p class="school-name" style="margin-right: {signature["school_indent"]}">'
        f"{escape(signature['school'])}</p>"
        f'<p class="date" style="margin-right: {signature["date_indent"]}">'
        f"{escape(signature['date'])}</p></div>\n" + credit + "</body>\n</html>\n"
    )


def default_template() -> str:
    """The built-in layout as a Jinja2 template: a start for a school's ``report.html``."""
    return (files("schoolwork.reports") / "templates" / "report.html").read_text("utf-8")


def render_html(report: Report, layout: Layout | None = None) -> str:
    """The whole report as an HTML document, in the school's template when ``layout`` has one."""
    layout = layout or Layout()
    page = page_context(report, layout)
    template = layout.html_template()
    if template is None:
        return _built_in(page)
    name, text = template
    return render_template(name, text, page)


def render_template(name: str, text: str, page: Mapping[str, Any]) -> str:
    """``text``, the Jinja2 template called ``name``, filled with ``page``; a template that
    does not parse or names a piece the page lacks is a problem at its line."""
    import jinja2
    from markupsafe import Markup

    environment = jinja2.Environment(
        autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True
    )
    safe = dict(page)
    safe["style"] = Markup(page["style"])
    safe["sample_note"] = Markup(page["sample_note"])
    safe["parts"] = [
        {**p, "sections": [{**s, "body": Markup(s["body"])} for s in p["sections"]]}
        for p in page["parts"]
    ]
    try:
        return str(environment.from_string(text).render(safe))
    except jinja2.TemplateSyntaxError as exc:
        where, found = f"line {exc.lineno}", exc.message or str(exc)
        expected, expected_zh = "a Jinja2 template", "有效的 Jinja2 模板"
    except jinja2.UndefinedError as exc:
        where, found = "", exc.message or str(exc)
        expected = "only the pieces schoolwork gives a template (see docs/reports.md)"
        expected_zh = "只使用 schoolwork 提供给模板的内容（见 docs/reports.md）"
    raise WorkspaceError([Problem(name, where, expected, found, expected_zh=expected_zh)])
