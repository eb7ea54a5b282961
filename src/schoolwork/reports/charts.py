"""Charts drawn with matplotlib (the ``reports`` extra), with a Chinese font that it ships.

The font is Noto Sans CJK SC from the ``mplfonts`` package, registered with matplotlib by file,
so charts show Chinese the same on every machine. Output is made deterministic: no dates in
the metadata, fixed ids in SVG.

A chart draws numbers that a table of its section shows (see :class:`~schoolwork.reports.model.
Chart`), so the table decides how the chart reads: :func:`look` finds the rows the bars stand
for and takes from them the bar labels as the table prints them (``66.7%``, never
``66.6700``), the axis titles (the table's column headers), and a colour per bar from the row's
status. Bars keep the table's order, top to bottom. The chart has no title of its own: the
document's caption under it names it once.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from importlib.resources import files
from typing import Any

import attrs

from schoolwork.goals import GoalStatus
from schoolwork.labels import LANGS, label
from schoolwork.reports.model import Chart, Table

FONT_FILE = "fonts/NotoSansCJKsc-Regular.otf"

MIN_BARS = 4
"""A chart of fewer bars is not drawn: its table, a few rows long, already shows everything."""

BAR = "#4472C4"
GREEN, AMBER, RED, GREY = "#2E7D32", "#E69F00", "#C62828", "#9E9E9E"
_EMPTY = ("", "—", "-")

# Status words as the report's tables print them, in both languages; the pace statuses come
# from the labels, so a reworded label keeps its colour.
STATUS_COLOURS: dict[str, str] = {
    **{label(GoalStatus.ON_TRACK, lang): GREEN for lang in LANGS},
    **{label(GoalStatus.AT_RISK, lang): AMBER for lang in LANGS},
    **{label(GoalStatus.OFF_TRACK, lang): RED for lang in LANGS},
    **{label(GoalStatus.NO_DATA, lang): GREY for lang in LANGS},
    # year-end wording
    "完成": GREEN,
    "已完成": GREEN,
    "达成": GREEN,
    "基本完成": AMBER,
    "未完成": RED,
    "Completed": GREEN,
    "Achieved": GREEN,
    "Mostly completed": AMBER,
    "Not completed": RED,
}
STATUS_HEADERS = frozenset(
    label(key, lang) for key in ("column.status", "column.state") for lang in LANGS
)


@attrs.frozen
class Look:
    """How one chart reads, taken from the table whose numbers it draws.

    :param texts: the label of each bar (of a one-series chart) as its table cell prints it.
    :param percent: the values are percentages: the value axis runs to 100 and says ``%``.
    :param value_axis: the value axis's title.
    :param category_axis: the category axis's title (the table's column of the bar names).
    :param statuses: each bar's status as its row prints it; empty when the table has none.
    """

    texts: tuple[str, ...] = ()
    percent: bool = False
    value_axis: str = ""
    category_axis: str = ""
    statuses: tuple[str, ...] = ()

    @property
    def colours(self) -> tuple[str, ...]:
        """One colour per bar, from its status; empty for bars of one colour."""
        return tuple(STATUS_COLOURS.get(s, BAR) for s in self.statuses)


def drawn(chart: Chart) -> bool:
    """Whether ``chart`` is worth drawing: enough bars to show more than its table does."""
    return len(chart.labels) >= MIN_BARS and any(s.values for s in chart.series)


def _plain(cell: str) -> str:
    return cell.strip().strip("\u3000")


def look(chart: Chart, tables: Sequence[Table]) -> Look:
    """The look of ``chart`` from the first of ``tables`` that holds its numbers."""
    if len(chart.series) != 1:
        return Look()
    series = chart.series[0]
    for table in tables:
        if series.name not in table.columns:
            continue
        column = table.columns.index(series.name)
        rows = [r for r in table.rows if _plain(r[column]) not in _EMPTY]
        if len(rows) != len(chart.labels):
            continue
        texts = tuple(_plain(r[column]) for r in rows)
        percent = all(t.endswith("%") for t in texts)
        names = [c for c in range(len(table.columns)) if _names_bars(rows, c, chart.labels)]
        status = [c for c, h in enumerate(table.columns) if h in STATUS_HEADERS]
        return Look(
            texts,
            percent,
            _with_unit(series.name, percent),
            table.columns[names[0]] if names else "",
            tuple(_plain(r[status[0]]) for r in rows) if status else (),
        )
    return Look(value_axis=series.name)


def _names_bars(rows: Sequence[tuple[str, ...]], column: int, labels: Sequence[str]) -> bool:
    return [_plain(r[column]) for r in rows] == [_plain(x) for x in labels]


def _with_unit(name: str, percent: bool) -> str:
    if not percent:
        return name
    return f"{name}（%）" if any(ord(c) > 0x2E80 for c in name) else f"{name} (%)"


def _shown(value: Decimal) -> str:
    """A bar's number when no table cell gives it: whole numbers whole, others to one place."""
    if value == value.to_integral_value():
        return f"{value:.0f}"
    return f"{value:.1f}"


def available() -> bool:
    """Whether matplotlib and the CJK font are installed."""
    try:
        _setup()
    except ImportError:
        return False
    return True


@cache
def _setup() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager, pyplot

    font = files("mplfonts") / FONT_FILE
    font_manager.fontManager.addfont(str(font))
    name = font_manager.FontProperties(fname=str(font)).get_name()
    matplotlib.rcParams.update(
        {
            "font.family": [name],
            "font.size": 9,
            "axes.unicode_minus": False,
            "svg.hashsalt": "schoolwork",
            "svg.fonttype": "path",  # glyphs as outlines: the SVG needs no font to show Chinese
        }
    )
    return pyplot


def _figure(chart: Chart, found: Look) -> Any:
    pyplot = _setup()
    from matplotlib.patches import Patch

    count = len(chart.series)
    bars = len(chart.labels)
    size = (6.4, max(2.4, 0.26 * bars + 0.9)) if chart.horizontal else (6.4, 3.2)
    figure, axes = pyplot.subplots(figsize=size, dpi=150, layout="constrained")
    width = 0.8 / max(count, 1)
    positions = range(bars)
    draw = axes.barh if chart.horizontal else axes.bar
    for index, series in enumerate(chart.series):
        offsets = [p + (index - (count - 1) / 2) * width for p in positions]
        values = [float(v) for v in series.values]  # drawing only; the numbers stay exact elsewhere
        colour: Any = list(found.colours) if found.colours else (BAR if count == 1 else f"C{index}")
        drawn_bars = draw(offsets, values, width, label=series.name, color=colour)
        texts = found.texts if count == 1 and found.texts else [_shown(v) for v in series.values]
        axes.bar_label(drawn_bars, labels=list(texts), fontsize=8, padding=2)
    value_axis, category_axis = found.value_axis, found.category_axis
    if chart.horizontal:
        axes.set_yticks(list(positions), chart.labels)
        axes.invert_yaxis()  # the first row of the table is the top bar
        axes.set_xlabel(value_axis)
        axes.set_ylabel(category_axis)
    else:
        axes.set_xticks(list(positions), chart.labels)
        axes.set_ylabel(value_axis)
        axes.set_xlabel(category_axis)
    if found.percent:
        top = max([100.0, *(float(v) for s in chart.series for v in s.values)])
        (axes.set_xlim if chart.horizontal else axes.set_ylim)(0, top * 1.12)
    else:
        axes.margins(**{"x" if chart.horizontal else "y": 0.12})
    axes.spines[["top", "right"]].set_visible(False)
    if found.statuses:
        shown = dict.fromkeys(zip(found.statuses, found.colours, strict=True))
        handles = [Patch(color=colour, label=status) for status, colour in shown]
        if len(handles) > 1:  # above the bars, where it hides none of them
            figure.legend(
                handles=handles, loc="outside upper center", ncol=len(handles), frameon=False
            )
    elif count > 1:
        figure.legend(loc="outside upper center", ncol=count, frameon=False)
    return figure


def png(chart: Chart, tables: Sequence[Table] = ()) -> bytes:
    """The chart as PNG bytes, read the way ``tables`` (its section's) print its numbers."""
    figure = _figure(chart, look(chart, tables))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    _setup().close(figure)
    return buffer.getvalue()


def svg(chart: Chart, tables: Sequence[Table] = ()) -> str:
    """The chart as an SVG document (text), ready to inline in HTML."""
    figure = _figure(chart, look(chart, tables))
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    _setup().close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg") :]
