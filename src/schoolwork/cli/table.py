"""Tables and long lines laid out for the terminal's width, counted in display columns.

A Chinese character takes two columns (``schoolwork.terminal.width``), so a table is measured
as the terminal shows it, not by ``len``. A table that is too wide first loses one space of
each gap; if that is not enough, its cells wrap, narrowing first the column that costs the
fewest extra lines, so a long title wraps before a short status does. Lines break where
Chinese allows (between characters, never before 。，、）and the like, never after （“) and
after spaces and slashes in other text; a word longer than its column is cut.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence

from schoolwork.terminal import width

DEFAULT_WIDTH = 80
"""The width of output that does not go to a terminal (a pipe, a file, a test)."""
MIN_COLUMN = 4
"""The narrowest a column is made, unless its widest cell is narrower."""
SHORT = 8
"""A column whose every cell is at most this wide (四个汉字, a status) is never broken."""

# Chinese line breaking (避头尾): these never start a line, those never end one.
_NO_START = set("，。、；：？！）》」』】〕…—·%‰,.;:?!)]}'\"”’")
_NO_END = set("（《「『【〔“‘([{")


def output_width() -> int:
    """The width to lay output out for: ``COLUMNS`` when set, else the terminal's width when
    the output is a terminal, else :data:`DEFAULT_WIDTH`."""
    given = os.environ.get("COLUMNS", "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    if sys.stdout.isatty():
        return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    return DEFAULT_WIDTH


def _is_wide(char: str) -> bool:
    return width(char) == 2


def _units(text: str) -> list[str]:
    """``text`` cut at every place a line may break; joined again they give ``text``."""
    units: list[str] = []
    for char in text:
        if units and _may_break(units[-1][-1], char):
            units.append(char)
        elif units:
            units[-1] += char
        else:
            units.append(char)
    return units


def _may_break(before: str, after: str) -> bool:
    if after in _NO_START or before in _NO_END:
        return False
    if before == " " and after != " ":
        return True
    if before in "/," and after != " ":
        return True
    return _is_wide(before) or _is_wide(after)


def _cut(unit: str, room: int) -> tuple[str, str]:
    """The longest head of ``unit`` that fits in ``room`` columns (at least one character)."""
    used = 0
    for i, char in enumerate(unit):
        used += width(char)
        if used > room:
            return unit[: max(i, 1)], unit[max(i, 1) :]
    return unit, ""


def wrap(text: str, columns: int) -> list[str]:
    """``text`` in lines of at most ``columns`` display columns (see the module's rules).

    Leading spaces (a tree's indentation) are repeated on every line while they leave room
    for text; spaces at the end of a line are dropped.
    """
    if width(text) <= columns:
        return [text]
    body = text.lstrip(" ")
    indent = " " * (len(text) - len(body))
    if len(indent) > columns // 2:
        indent = ""
    room = max(columns - len(indent), 1)
    lines: list[str] = []
    line, used = "", 0
    for unit in _units(body):
        size = width(unit)
        if used + width(unit.rstrip(" ")) > room and line:
            lines.append(line.rstrip(" "))
            unit = unit.lstrip(" ")
            line, used = "", 0
            size = width(unit)
        while size > room:  # a word wider than the column: cut it
            head, unit = _cut(unit, room - used)
            lines.append((line + head).rstrip(" "))
            line, used, size = "", 0, width(unit)
        line += unit
        used += size
    if line.strip(" ") or not lines:
        lines.append(line.rstrip(" "))
    return [indent + one for one in lines]


def _floor(cells: Sequence[str]) -> int:
    """The narrowest a column (header first) is made: its header and its longest word, or all
    of it when every cell is short."""
    natural = max((width(cell) for cell in cells), default=0)
    if natural <= SHORT:
        return natural
    longest = max((width(u.strip(" ")) for cell in cells for u in _units(cell)), default=0)
    return min(natural, max(longest, width(cells[0]), MIN_COLUMN))


def fit_widths(table: Sequence[Sequence[str]], room: int) -> tuple[list[int], int]:
    """Column widths and the gap that lay ``table`` (header first) out in ``room`` columns.

    The natural widths with gaps of two, else of one; else gaps of two and the columns
    narrowed one column at a time, always where it adds the fewest lines per column saved
    (the wider column on a tie), never below a column's header or its longest unbreakable
    word.
    """
    count = len(table[0])
    columns = [[row[i] for row in table] for i in range(count)]
    natural = [max(width(cell) for cell in cells) for cells in columns]
    for gap in (2, 1):
        if sum(natural) + gap * (count - 1) <= room:
            return natural, gap
    gap = 2
    floors = [_floor(cells) for cells in columns]
    widths = list(natural)
    cache: dict[tuple[int, int], list[int]] = {}

    def heights(i: int, w: int) -> list[int]:
        if (i, w) not in cache:
            cache[i, w] = [len(wrap(cell, w)) for cell in columns[i]]
        return cache[i, w]

    while (excess := sum(widths) + gap * (count - 1) - room) > 0:
        current = [heights(i, widths[i]) for i in range(count)]
        rows = range(len(table))
        others = [
            [max((current[j][r] for j in range(count) if j != i), default=1) for r in rows]
            for i in range(count)
        ]
        now = sum(max(column[r] for column in current) for r in rows)
        best: tuple[float, int, int, int] | None = None
        for i in range(count):
            for w in range(widths[i] - 1, max(floors[i], widths[i] - excess) - 1, -1):
                shrunk = heights(i, w)
                added = sum(max(shrunk[r], others[i][r]) for r in rows) - now
                key = (added / (widths[i] - w), -widths[i], i, w)
                if best is None or key < best:
                    best = key
        if best is None:
            break  # every column at its floor: the table stays wider than the room
        widths[best[2]] = best[3]
    return widths, gap


def format_fitted(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    room: int | None,
    indent: str = "",
) -> str:
    """``columns`` and ``rows`` as aligned lines within ``room`` columns (``None``: rows whole),
    wrapped cells continuing on the lines below their row."""
    table = [list(columns), *(list(row) for row in rows)]
    if room is None:
        widths, gap = [max(width(row[i]) for row in table) for i in range(len(columns))], 2
    else:
        widths, gap = fit_widths(table, room - width(indent))
    lines = []
    for row in table:
        wrapped = [wrap(cell, w) for cell, w in zip(row, widths, strict=True)]
        for n in range(max(len(cell) for cell in wrapped)):
            parts = [cell[n] if n < len(cell) else "" for cell in wrapped]
            padded = [p + " " * (w - width(p)) for p, w in zip(parts, widths, strict=True)]
            lines.append(indent + (" " * gap).join(padded).rstrip())
    return "\n".join(lines)


def wrap_line(text: str, room: int, hang: int = 0) -> str:
    """One line of prose in ``room`` columns, its continuation lines indented by ``hang``."""
    if width(text) <= room:
        return text
    first, *rest = wrap(text, room)
    tail = wrap(text[len(first) :].lstrip(" "), room - hang) if rest else []
    return "\n".join([first, *(" " * hang + line for line in tail)])
