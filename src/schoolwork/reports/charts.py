"""Charts drawn with matplotlib (the ``reports`` extra), with a Chinese font that it ships.

The font is Noto Sans CJK SC from the ``mplfonts`` package, registered with matplotlib by file,
so charts show Chinese the same on every machine. Output is made deterministic: no dates in
the metadata, fixed ids in SVG.
"""

from __future__ import annotations

import io
from functools import cache
from importlib.resources import files
from typing import Any

from schoolwork.reports.model import Chart

FONT_FILE = "fonts/NotoSansCJKsc-Regular.otf"


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
            "axes.unicode_minus": False,
            "svg.hashsalt": "schoolwork",
            "svg.fonttype": "path",  # glyphs as outlines: the SVG needs no font to show Chinese
        }
    )
    return pyplot


def _figure(chart: Chart) -> Any:
    pyplot = _setup()
    figure, axes = pyplot.subplots(figsize=(6.4, 3.2), dpi=150)
    count = len(chart.series)
    width = 0.8 / max(count, 1)
    positions = range(len(chart.labels))
    for index, series in enumerate(chart.series):
        offsets = [p + (index - (count - 1) / 2) * width for p in positions]
        values = [float(v) for v in series.values]  # drawing only; the numbers stay exact elsewhere
        draw = axes.barh if chart.horizontal else axes.bar
        bars = draw(offsets, values, width, label=series.name, color=f"C{index}")
        axes.bar_label(bars, labels=[f"{v:f}" for v in series.values], fontsize=8)
    if chart.horizontal:
        axes.set_yticks(list(positions), chart.labels)
    else:
        axes.set_xticks(list(positions), chart.labels)
    axes.set_title(chart.title)
    axes.spines[["top", "right"]].set_visible(False)
    if count > 1:
        axes.legend()
    figure.tight_layout()
    return figure


def png(chart: Chart) -> bytes:
    """The chart as PNG bytes."""
    figure = _figure(chart)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    _setup().close(figure)
    return buffer.getvalue()


def svg(chart: Chart) -> str:
    """The chart as an SVG document (text), ready to inline in HTML."""
    figure = _figure(chart)
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    _setup().close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg") :]
