"""The HTML report laid out for A4 like the Word one, its charts, and a school's own template."""

from __future__ import annotations

import html as html_module
import re
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

from schoolwork.cli import cli
from schoolwork.errors import MissingExtraError
from schoolwork.job import Session, open_workspace
from schoolwork.reports import charts
from schoolwork.reports.html import (
    default_template,
    page_context,
    render_html,
    render_template,
    school_markdown,
)
from schoolwork.reports.layout import Layout
from schoolwork.reports.model import Chart, PartKind, Report, Section, Series, Table, Text
from schoolwork.reports.widths import column_widths
from schoolwork.sample import copy_sample

YEAR = "2023-2024"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("html") / "school"
    copy_sample(folder)
    return folder


@pytest.fixture(scope="module")
def session(sample: Path) -> Session:
    return open_workspace(sample)


@pytest.fixture(scope="module")
def report(session: Session) -> Report:
    return session.report(YEAR)


@pytest.fixture(scope="module")
def page(session: Session, report: Report) -> str:
    return session.render(report, "html").decode("utf-8")


def test_a4_with_the_standards_margins_and_page_numbers(page: str) -> None:
    assert "@page { size: A4; margin: 37mm 26mm 35mm 28mm;" in page
    assert '@bottom-center { content: "— " counter(page) " —";' in page


def test_fonts_are_the_documents_with_fallbacks_the_machine_has(page: str) -> None:
    h1 = re.search(r"\nh1 \{ font: normal 22pt/36pt ([^;]*);", page)
    assert h1
    assert h1.group(1).startswith('"方正小标宋简体"')
    assert h1.group(1).endswith("serif")
    body = re.search(r"body \{\n  font-family: ([^;]*);", page)
    assert body
    assert body.group(1).startswith('"仿宋_GB2312"')
    assert '"Noto Serif CJK SC"' in body.group(1)
    assert re.search(r'h2 \{ font-family: "黑体"', page)
    assert re.search(r'h3 \{ font-family: "楷体_GB2312"', page)
    assert "p { text-indent: 2em; margin: 0; }" in page
    assert "line-height: 28pt" in page


def test_contents_only_on_screen_and_links_spelled_out_on_paper(page: str) -> None:
    media = page[page.index("@media print") :]
    assert "nav { display: none; }" in media
    assert 'a[href^="http"]::after { content: "（" attr(href) "）"; }' in media


def test_the_signature_ends_the_page_and_no_generator_line(page: str) -> None:
    assert page.rstrip().endswith(
        '<div class="signature"><p class="school-name" style="margin-right: 2em">沂源县第二实验小学'
        '</p><p class="date" style="margin-right: 2.7em">2024年7月5日</p></div>\n</body>\n</html>'
    )
    assert "由 schoolwork 生成" not in page
    assert "<footer>" not in page


def test_the_generator_line_when_asked(report: Report) -> None:
    assert "<footer>由 schoolwork 生成</footer>" in render_html(report, Layout(credit=True))


def test_tables_have_sized_columns_and_numbered_captions_above(page: str) -> None:
    tables = re.findall(r"<table>.*?</table>", page, re.S)
    assert all("<colgroup>" in t for t in tables)
    goals = next(t for t in tables if "<th>目标</th>" in t)
    widths = [float(w) for w in re.findall(r'<col style="width:([\d.]+)%">', goals)]
    assert widths[0] == max(widths)
    assert abs(sum(widths) - 100) < 0.5
    captions = re.findall(r"<caption>(.*?)</caption>", page)
    assert captions[0].startswith("表1\u3000")
    assert [int(re.match(r"表(\d+)", c).group(1)) for c in captions] == list(  # type: ignore[union-attr]
        range(1, len(captions) + 1)
    )
    assert "caption { caption-side: top;" in page


def test_one_chart_with_one_caption_and_no_title_of_its_own(page: str) -> None:
    figures = re.findall(r"<figure.*?</figure>", page, re.S)
    assert len(figures) == 1  # honours (two levels) and bands (three each) are tables only
    assert figures[0].endswith("<figcaption>图1\u3000目标达成情况</figcaption></figure>")


def test_the_same_report_gives_the_same_html(session: Session, report: Report, page: str) -> None:
    assert session.render(session.report(YEAR), "html").decode("utf-8") == page


# -- charts read from their table -----------------------------------------------------------

GOALS = Table(
    ("目标", "责任单位", "达成度", "状态"),
    (
        ("学校总目标", "学校", "99.4%", "有风险"),
        ("\u3000教务处目标", "教务处", "66.7%", "滞后"),
        ("\u3000德育处目标", "德育处", "—", "暂无数据"),
        ("\u3000总务处目标", "总务处", "100.0%", "进度正常"),
        ("\u3000安全目标", "安全办", "100.0%", "进度正常"),
    ),
)
BARS = Chart(
    "目标达成情况",
    ("学校", "教务处", "总务处", "安全办"),
    (Series("达成度", (Decimal("99.4"), Decimal("66.67"), Decimal(100), Decimal(100))),),
    horizontal=True,
)


def test_a_chart_reads_its_labels_axes_and_colours_from_its_table() -> None:
    look = charts.look(BARS, [GOALS])
    assert look.texts == ("99.4%", "66.7%", "100.0%", "100.0%")  # as the table prints them
    assert look.percent
    assert look.value_axis == "达成度（%）"
    assert look.category_axis == "责任单位"
    assert look.statuses == ("有风险", "滞后", "进度正常", "进度正常")
    assert look.colours == (charts.AMBER, charts.RED, charts.GREEN, charts.GREEN)


def test_a_chart_without_its_table_shows_plain_numbers() -> None:
    look = charts.look(BARS, [])
    assert look.texts == ()
    assert look.value_axis == "达成度"
    assert charts._shown(Decimal("66.6700")) == "66.7"
    assert charts._shown(Decimal("12")) == "12"


def test_a_chart_of_fewer_than_four_bars_is_not_drawn() -> None:
    three = attrs.evolve(BARS, labels=BARS.labels[:3])
    assert not charts.drawn(three)
    assert charts.drawn(BARS)


def test_a_drawn_chart_has_the_tables_order_top_down() -> None:
    pytest.importorskip("matplotlib")
    figure = charts._figure(BARS, charts.look(BARS, [GOALS]))
    axes = figure.axes[0]
    bottom, top = axes.get_ylim()
    assert bottom > top  # inverted: the first row is the top bar
    labels = [t.get_text() for t in axes.texts]
    assert labels == ["99.4%", "66.7%", "100.0%", "100.0%"]
    assert axes.get_xlabel() == "达成度（%）"
    assert axes.get_ylabel() == "责任单位"
    assert axes.get_title() == ""
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert legend == ["有风险", "滞后", "进度正常"]


def test_column_widths_cut_only_the_widest_columns() -> None:
    rows = [("目标", "状态"), ("一个很长很长很长很长很长很长很长很长很长很长的目标", "滞后")]
    narrow = column_widths(rows, 12)
    assert abs(sum(narrow) - 12) < 0.01
    assert narrow[1] == pytest.approx(3.2)  # 滞后 keeps its natural width
    wide = column_widths(rows, 60)
    assert sum(wide) == pytest.approx(60)


# -- a school's own HTML template (Jinja2, the reports extra) --------------------------------


def test_the_packaged_template_is_the_built_in_layout(report: Report) -> None:
    pytest.importorskip("jinja2")
    layout = Layout(signed=None)
    built_in = render_html(report, layout)
    templated = render_template("report.html", default_template(), page_context(report, layout))
    # Jinja2 and the standard library escape quotes differently; the text is the same
    assert html_module.unescape(templated) == html_module.unescape(built_in)


def school_template(folder: Path, text: str) -> None:
    (folder / "templates").mkdir(exist_ok=True)
    (folder / "templates" / "report.html").write_text(text, encoding="utf-8")


def test_a_schools_template_replaces_the_layout(runner: CliRunner, tmp_path: Path) -> None:
    pytest.importorskip("jinja2")
    folder = tmp_path / "school"
    copy_sample(folder)
    school_template(
        folder,
        "<html><style>{{ style }} h1 { color: red; }</style><h1>{{ school }}·{{ title }}</h1>"
        "{% for part in parts %}<h2>{{ part.heading }}</h2>"
        "{% for section in part.sections %}{{ section.body }}{% endfor %}{% endfor %}"
        "<p>{{ signature.date }}</p></html>\n",
    )
    target = tmp_path / "r.html"
    args = ["report", str(folder), "--format", "html", "-o", str(target)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<html><style>@page { size: A4;")
    assert "h1 { color: red; }</style><h1>沂源县第二实验小学·2023-2024学年工作总结</h1>" in text
    assert "<h2>二、存在问题</h2>" in text
    assert "<table>" in text  # bodies come as HTML, not escaped
    assert text.endswith("<p>2024年7月5日</p></html>\n")


@pytest.mark.parametrize(
    ("template", "where", "expected", "found"),
    [
        (
            "<h1>{{ title }</h1>\n",
            "templates/report.html: line 1",
            "a Jinja2 template",
            "unexpected '}'",
        ),
        (
            "<h1>{{ title }}</h1>\n{{ principal }}\n",
            "templates/report.html",
            "only the pieces schoolwork gives a template (see docs/reports.md)",
            "'principal' is undefined",
        ),
    ],
)
def test_a_broken_template_is_a_located_problem(
    runner: CliRunner, tmp_path: Path, template: str, where: str, expected: str, found: str
) -> None:
    pytest.importorskip("jinja2")
    folder = tmp_path / "school"
    copy_sample(folder)
    school_template(folder, template)
    target = tmp_path / "r.html"
    result = runner.invoke(cli, ["report", str(folder), "--format", "html", "-o", str(target)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"{where}: expected {expected}, found {found}" in result.output
    assert not target.exists()


def test_a_template_not_in_utf8_is_a_problem_at_its_line(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "school"
    copy_sample(folder)
    (folder / "templates").mkdir()
    (folder / "templates" / "report.html").write_bytes("<h1>\n<p>总结</p>\n".encode("gbk"))
    result = runner.invoke(
        cli, ["report", str(folder), "--format", "html", "-o", str(tmp_path / "r.html")]
    )
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "templates/report.html: line 2: expected text saved as UTF-8, found b'" in result.output


def test_a_template_without_jinja2_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "school"
    copy_sample(folder)
    school_template(folder, "<h1>{{ title }}</h1>\n")
    monkeypatch.setitem(sys.modules, "jinja2", None)  # as if the extra were not installed
    session = open_workspace(folder)
    with pytest.raises(MissingExtraError, match=r"pip install 'schoolwork\[reports\]'"):
        session.render(session.report(YEAR), "html")


def test_the_schools_headings_sit_under_the_sections() -> None:
    page = school_markdown("# 一\n\n### 三\n\n#### 四\n\n正文 [报道](https://example.edu.cn)\n")
    assert page == (
        "<h4>一</h4>\n<h4>三</h4>\n<h5>四</h5>\n"
        '<p>正文 <a href="https://example.edu.cn">报道</a></p>\n'
    )


def test_school_markdown_in_html_cannot_inject_markup(report: Report) -> None:
    section = Section("x", "注入", PartKind.PROBLEMS, (Text("<script>alert(1)</script>"),))
    page = render_html(attrs.evolve(report, sections=(section,)))
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
