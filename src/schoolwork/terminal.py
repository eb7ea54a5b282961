"""Tables for the terminal, aligned for Chinese: East Asian wide characters take two columns."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def width(text: str) -> int:
    """How many terminal columns ``text`` takes."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_table(columns: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "") -> str:
    """``columns`` and ``rows`` as aligned lines, two spaces between columns."""
    table = [list(columns), *(list(row) for row in rows)]
    widths = [max(width(row[i]) for row in table) for i in range(len(columns))]
    lines = []
    for row in table:
        cells = [cell + " " * (w - width(cell)) for cell, w in zip(row, widths, strict=True)]
        lines.append(indent + "  ".join(cells).rstrip())
    return "\n".join(lines)
