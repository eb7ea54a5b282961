"""Reading an Excel workbook (.xlsx) as rows of text, the way a CSV file is read.

Values (``values/<scheme>.xlsx``) and a staff roster come in as workbooks. Each sheet becomes
rows of cell text, numbered as Excel numbers them (row 1 first, column A first), so that
problems name the same places a school sees. A number is given in its shortest decimal form
(Excel keeps binary floats: a cell showing 85.3 gives ``85.3``), a whole number without a
point (a 工号 typed as 1001 gives ``1001``).

Two kinds of cell look right on screen but cannot be read faithfully, and are marked for the
reader to refuse: a formula whose result was never saved (written by a program, not by Excel
or WPS, it has no value to read), and a number shown as a percentage (Excel keeps 85.3 % as
0.853). The file is read with :func:`schoolwork.sources.read_bytes`, so a folder, a link to
nothing or an oversized file is refused as any other file is; a file that is not a workbook is
a problem naming it. openpyxl comes with the ``reports`` extra.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import attrs

from schoolwork import sources
from schoolwork.errors import Problem, WorkspaceError

FORMULA = "a formula whose result was never saved"
PERCENT = "a percentage"

_INSTALL = "pip install 'schoolwork[reports]'"
_SAVE_AS = "另存为 › Excel 工作簿 (*.xlsx)"


@attrs.frozen
class OddCell:
    """A cell whose text is not what it shows: its kind (:data:`FORMULA` or :data:`PERCENT`)
    and what the file holds there, as a problem quotes it (``'=B5*2'``, ``0.853 (0.0%)``)."""

    kind: str
    found: str


@attrs.frozen
class SheetText:
    """One worksheet as rows of cell text; ``odd`` marks cells whose text is not what they show,
    by (row number, column index from 0)."""

    name: str
    rows: tuple[tuple[str, ...], ...]
    odd: dict[tuple[int, int], OddCell] = attrs.field(factory=dict)

    def cell(self, row: int, column: int) -> str:
        """The text of the cell at ``row`` (from 1) and ``column`` (from 0); empty if none."""
        if row < 1 or row > len(self.rows):
            return ""
        cells = self.rows[row - 1]
        return cells[column] if column < len(cells) else ""


def read_sheets(path: Path) -> list[SheetText]:
    """Every worksheet of the workbook at ``path``, in the workbook's order.

    Raises :class:`~schoolwork.WorkspaceError` naming the file when it cannot be read, is not
    a workbook, or openpyxl (the ``reports`` extra) is missing.
    """
    data = sources.read_bytes(path)
    try:
        import openpyxl  # the reports extra; only workbooks need it
    except ImportError:
        raise WorkspaceError(
            [
                Problem(
                    str(path),
                    "",
                    f"the reports extra installed to read .xlsx ({_INSTALL})",
                    "openpyxl missing",
                    expected_zh=f"已安装 reports 扩展以读取 .xlsx（{_INSTALL}）",
                )
            ]
        ) from None
    # Read twice: once for what the cells show (the results Excel saved), once to tell a
    # formula without a saved result from an empty cell.
    shown = _load(openpyxl, data, path, data_only=True)
    written = _load(openpyxl, data, path, data_only=False)
    try:
        return [
            _sheet(values, formulas)
            for values, formulas in zip(shown.worksheets, written.worksheets, strict=True)
        ]
    finally:
        shown.close()
        written.close()


def _load(openpyxl: Any, data: bytes, path: Path, *, data_only: bool) -> Any:
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise WorkspaceError(
            [
                Problem(
                    str(path),
                    "",
                    f"an .xlsx workbook (in Excel or WPS: {_SAVE_AS})",
                    f"{type(exc).__name__}: {exc}",
                    expected_zh=f".xlsx 工作簿（在 Excel 或 WPS 中：{_SAVE_AS}）",
                )
            ]
        ) from None


def _sheet(values: Any, formulas: Any) -> SheetText:
    rows: list[tuple[str, ...]] = []
    odd: dict[tuple[int, int], OddCell] = {}
    for number, (shown, written) in enumerate(
        zip(values.iter_rows(), formulas.iter_rows(), strict=False), start=1
    ):
        texts = []
        for index, cell in enumerate(shown):
            value = getattr(cell, "value", None)
            formula = getattr(written[index], "value", None) if index < len(written) else None
            shown_as = str(getattr(cell, "number_format", "") or "")
            if value is None and isinstance(formula, str) and formula.startswith("="):
                odd[number, index] = OddCell(FORMULA, repr(formula))
            elif _is_number(value) and "%" in shown_as:
                odd[number, index] = OddCell(PERCENT, f"{cell_text(value)} ({shown_as})")
            texts.append(cell_text(value))
        while texts and not texts[-1]:
            texts.pop()
        rows.append(tuple(texts))
    while rows and not rows[-1]:
        rows.pop()
    return SheetText(str(values.title), tuple(rows), odd)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def cell_text(value: object) -> str:
    """A cell's value as text: numbers in their shortest decimal form, dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def odd_cell_expectation(kind: str) -> tuple[str, str]:
    """What a cell marked ``kind`` should have been instead, in English and Chinese."""
    if kind == PERCENT:
        return (
            "a plain number, not a percentage (type 85.3 for 85.3 %, in a cell not formatted "
            "as 百分比)",
            "普通数字，不是百分比（85.3% 请填 85.3，单元格格式不要设为百分比）",
        )
    return (
        "a value, not a formula without a saved result (open the file in Excel or WPS and "
        "save it, or type the value)",
        "数值，而不是没有保存计算结果的公式（请用 Excel 或 WPS 打开并保存，或直接填写数值）",
    )


def key_row(sheet: SheetText, keys: frozenset[str], *, within: int = 10) -> int | None:
    """The first row (from 1) among the first ``within`` whose cell holds one of ``keys``.

    Rows above it are titles and column labels for people, not data.
    """
    for number, cells in enumerate(sheet.rows[:within], start=1):
        if any(cell.strip() in keys for cell in cells):
            return number
    return None
