"""Excel workbooks (openpyxl, the ``reports`` extra): score sheets out, indicator values in.

Score sheets have one sheet per scheme, one row per subject, a column per dimension, then the
total, adjustments, final score, band and rank; numbers are real numbers with the scheme's
decimal places. Values come in from the first sheet of a workbook laid out like the CSV values
file, with the same row-and-column problems.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from schoolwork.labels import Lang, label
from schoolwork.reports.docx import reproducible_zip
from schoolwork.results import Evaluation
from schoolwork.scheme import Scheme

_FIXED_TIME = datetime(2000, 1, 1)
_SHEET_NAME_LIMIT = 31  # Excel's own limit


def score_sheets(results: Sequence[tuple[Scheme, Evaluation]], lang: Lang = "zh") -> bytes:
    """A workbook with a sheet per evaluated scheme, as the bytes of an .xlsx file."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    if results:
        workbook.remove(workbook.active)
    else:  # a workbook needs a sheet; say why it holds no scores
        workbook.active.title = label("sheet.none", lang)
        workbook.active["A1"] = label("sheet.none", lang)
    for scheme, evaluation in results:
        sheet = workbook.create_sheet(_sheet_name(scheme, workbook.sheetnames))
        header = [
            label("column.position", lang),
            "id",
            label("column.name", lang),
            *(d.name for d in scheme.dimensions),
            "weighted" if lang == "en" else "加权总分",
            "adjustments" if lang == "en" else "加减分",
            label("column.score", lang),
            label("column.band", lang),
            "veto" if lang == "en" else "一票否决",
        ]
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center")
        number_format = "0" if scheme.places == 0 else "0." + "0" * scheme.places
        for result in evaluation.results:
            adjustments = sum((a.applied or Decimal(0) for a in result.adjustments), Decimal(0))
            row: list[Any] = [
                result.rank,
                result.subject.id,
                result.subject.name,
                *(d.score for d in result.dimensions),
                result.weighted,
                adjustments,
                result.score,
                result.band or "",
                ",".join(v.rule for v in result.vetoes),
            ]
            sheet.append(row)
            for cell in sheet[sheet.max_row][3 : 3 + len(scheme.dimensions) + 3]:
                cell.number_format = number_format
        sheet.freeze_panes = "D2"
        for column, width in zip("ABC", (6, 10, 12), strict=True):
            sheet.column_dimensions[column].width = width
    workbook.properties.created = workbook.properties.modified = _FIXED_TIME
    workbook.properties.creator = "schoolwork"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return reproducible_zip(buffer.getvalue())


def _sheet_name(scheme: Scheme, taken: Iterable[str]) -> str:
    name = scheme.id[:_SHEET_NAME_LIMIT]
    for bad in "[]:*?/\\":
        name = name.replace(bad, "_")
    taken = set(taken)
    candidate, number = name, 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate, number = name[: _SHEET_NAME_LIMIT - len(suffix)] + suffix, number + 1
    return candidate
