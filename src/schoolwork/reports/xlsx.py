"""Score sheets as an Excel workbook (openpyxl, the ``reports`` extra), and what every workbook
schoolwork writes shares: a look, a page set up for printing, and the same bytes every run.

One sheet per scheme, named for people (教师年度考核2023-2024), one row per subject in rank
order: rank, 工号 or 编号, name, a column per dimension headed with its share of the total
(师德（20%）), then the weighted total, adjustments, final score, band, vetoes and band moves in
words. Numbers are real numbers shown with the scheme's decimal places. The header row is
frozen, filtered and repeated on every printed page; pages are A4 landscape, one page wide,
numbered. A last sheet, 说明, says what the columns mean and how each scheme scores: its
dimensions and weights, bands and quotas, bonuses and vetoes.

A workbook's bytes depend on its content only: the document dates are fixed (openpyxl's own
save would write the time of saving) and every zip entry carries the same date.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from schoolwork.labels import Lang
from schoolwork.reports import notes
from schoolwork.reports.docx import reproducible_zip
from schoolwork.results import Evaluation, SubjectResult
from schoolwork.scheme import Scheme, SubjectKind

FIXED_TIME = datetime(2000, 1, 1)
"""The created and modified dates of every workbook, as of every Word file: no clock inside."""

SHEET_NAME_LIMIT = 31  # Excel's own limit
_NOT_IN_SHEET_NAMES = "[]:*?/\\"

HEADER_FILL = "DDEBF7"
GREY_FILL = "F2F2F2"
GREY_TEXT = "595959"
WIDEST_COLUMN = 40

# key → (zh, en): the words of the workbooks; kept here, beside the only code that uses them.
_WORDS: dict[str, tuple[str, str]] = {
    "id.teacher": ("工号", "Staff ID"),
    "id.other": ("编号", "ID"),
    "name.teacher": ("姓名", "Name"),
    "name.class": ("班级", "Class"),
    "name.grade": ("级部", "Grade"),
    "name.office": ("处室", "Office"),
    "name.school": ("学校", "School"),
    "rank": ("名次", "Rank"),
    "weighted": ("加权总分", "Weighted total"),
    "adjustments": ("加减分", "Adjustments"),
    "score": ("最终得分", "Score"),
    "band": ("等次", "Band"),
    "veto": ("一票否决", "Veto"),
    "remark": ("备注", "Remark"),
    "moved": ("由“{from_band}”调整为“{to_band}”", "moved from “{from_band}” to “{to_band}”"),
    "share": ("{name}（{share}）", "{name} ({share})"),
    "sheet": ("{name}{period}", "{name} {period}"),
    "notes": ("说明", "Notes"),
    "notes.title": ("考核结果说明", "About these score sheets"),
    "notes.columns": ("各列含义", "The columns"),
    "notes.dimension": (
        "维度得分（0～100），表头括号内为其在总分中的权重",
        "Dimension scores (0 to 100); the header gives each one's share of the total",
    ),
    "notes.weighted": (
        "各维度得分按权重加权平均（Σ 维度得分 × 权重 ÷ 权重之和）",
        "the dimension scores weighted by their shares (Σ score × weight ÷ Σ weights)",
    ),
    "notes.adjustments": ("荣誉加分等加减分之和（已计上限）", "bonus and other points, capped"),
    "notes.score": (
        "加权总分 + 加减分，按方案的小数位数舍入",
        "weighted total + adjustments, rounded to the scheme's places",
    ),
    "places": ("保留{places}位小数（{rounding}）", "to {places} decimal places ({rounding})"),
    "notes.band": ("按最终得分、名额和一票否决确定的等次", "set by the score, quotas and vetoes"),
    "notes.rank": ("按最终得分排名，同分规则见各方案", "by final score; ties as each scheme says"),
    "ties": ("同分时{breakers}{ties}", "on equal scores {breakers}{ties}"),
    "notes.remark": ("等次因名额、一票否决等调整的情况", "band moves by quota or veto"),
    "notes.scheme": ("{name}（{period}）", "{name} ({period})"),
    "notes.dimensions": ("维度", "Dimension"),
    "notes.weight": ("权重", "Weight"),
    "notes.indicators": ("指标", "Indicators"),
    "notes.bands": ("等次", "Band"),
    "notes.min": ("最低分", "From"),
    "notes.quota": ("名额", "Quota"),
    "notes.none": ("本学年无考核方案。", "No scheme is for this year."),
    "notes.page": ("第 &P 页，共 &N 页", "Page &P of &N"),
    "rounding.half_up": ("四舍五入", "half up"),
    "rounding.other": ("舍入方式：{mode}", "rounding {mode}"),
    "ties.competition": ("名次并列，其后名次顺延", "equal ranks, then a gap"),
    "ties.modified": ("名次并列，取并列者的最后一名", "equal ranks at the last of them"),
    "ties.dense": ("名次并列，其后名次连续", "equal ranks, no gap"),
    "ties.fractional": ("取并列名次的平均数", "the mean of the tied ranks"),
    "ties.ordinal": ("按编号先后", "by id"),
    "ties.breakers": ("先比{names}得分，仍同分的", "first by {names}, then "),
}


def words(key: str, lang: Lang, **values: object) -> str:
    """The workbook's word for ``key`` in ``lang``, filled with ``values``."""
    zh, en = _WORDS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def subject_headers(kind: SubjectKind, lang: Lang) -> tuple[str, str]:
    """The headers of the id and name columns for subjects of ``kind``: 工号 and 姓名."""
    if kind is SubjectKind.TEACHER:
        return words("id.teacher", lang), words("name.teacher", lang)
    return words("id.other", lang), words(f"name.{kind.value}", lang)


def score_sheets(results: Sequence[tuple[Scheme, Evaluation]], lang: Lang = "zh") -> bytes:
    """A workbook with a sheet per evaluated scheme and a 说明 sheet, as an .xlsx file's bytes."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for scheme, evaluation in results:
        name = sheet_name(words("sheet", lang, name=scheme.name, period=scheme.period))
        sheet = workbook.create_sheet(unique_sheet_name(name, workbook.sheetnames))
        _scores(sheet, scheme, evaluation, lang)
    notes_sheet = workbook.create_sheet(
        unique_sheet_name(words("notes", lang), workbook.sheetnames)
    )
    _notes(notes_sheet, results, lang)
    return workbook_bytes(workbook)


def _scores(sheet: Any, scheme: Scheme, evaluation: Evaluation, lang: Lang) -> None:
    from openpyxl.styles import Alignment

    total = sum((d.weight for d in scheme.dimensions), Decimal(0))
    id_header, name_header = subject_headers(scheme.subject, lang)
    header = [
        words("rank", lang),
        id_header,
        name_header,
        *(
            words("share", lang, name=d.name, share=notes.percent(d.weight / total))
            for d in scheme.dimensions
        ),
        words("weighted", lang),
        words("adjustments", lang),
        words("score", lang),
        words("band", lang),
        words("veto", lang),
        words("remark", lang),
    ]
    sheet.append(header)
    veto_names = {v.id: v.name for v in scheme.vetoes}
    scores = "0" if scheme.places == 0 else "0." + "0" * scheme.places
    centred = Alignment(horizontal="center")
    whole_ranks = all(r.rank == r.rank.to_integral_value() for r in evaluation.results)
    for result in evaluation.results:
        sheet.append(
            [
                result.rank,
                result.subject.id,
                result.subject.name,
                *(d.score for d in result.dimensions),
                result.weighted,
                sum((a.applied or Decimal(0) for a in result.adjustments), Decimal(0)),
                result.score,
                result.band or "",
                "、".join(dict.fromkeys(veto_names.get(v.rule, v.rule) for v in result.vetoes)),
                _remark(result, lang),
            ]
        )
        row = sheet[sheet.max_row]
        row[0].number_format = "0" if whole_ranks else "0.0"
        for cell in (row[0], row[len(header) - 3]):  # rank and band, short and read down
            cell.alignment = centred
        for cell in row[3 : 3 + len(scheme.dimensions) + 3]:
            cell.number_format = scores
    style_header(sheet, len(header))
    rule_cells(sheet, len(header), first_row=2)
    last = sheet.cell(row=sheet.max_row, column=len(header)).coordinate
    sheet.auto_filter.ref = f"A1:{last}"
    sheet.freeze_panes = "D2"
    fit_columns(sheet, [list(map(_shown, row)) for row in sheet.iter_rows(values_only=True)])
    print_setup(
        sheet,
        title=words("notes.scheme", lang, name=scheme.name, period=scheme.period),
        title_rows="1:1",
        landscape=True,
        lang=lang,
    )


def _remark(result: SubjectResult, lang: Lang) -> str:
    moved = [
        words("moved", lang, from_band=m.from_band or "—", to_band=m.to_band or "—")
        for m in result.moves
        if m.from_band != m.to_band
    ]
    return ("；" if lang == "zh" else "; ").join(moved)


def _shown(value: object) -> str:
    if isinstance(value, Decimal):
        return notes.number(value)
    return "" if value is None else str(value)


def _notes(sheet: Any, results: Sequence[tuple[Scheme, Evaluation]], lang: Lang) -> None:
    """What the columns mean, and each scheme's rules: dimensions, weights, bands, quotas."""
    from openpyxl.styles import Alignment, Font

    rows: list[list[Any]] = [[words("notes.title", lang)], []]
    bold = {1}
    if not results:
        rows.append([words("notes.none", lang)])
    else:
        rows.append([words("notes.columns", lang)])
        bold.add(len(rows))
        rows += [
            [words("rank", lang), words("notes.rank", lang)],
            [words("weighted", lang), words("notes.weighted", lang)],
            [words("adjustments", lang), words("notes.adjustments", lang)],
            [words("score", lang), words("notes.score", lang)],
            [words("band", lang), words("notes.band", lang)],
            [words("remark", lang), words("notes.remark", lang)],
        ]
    for scheme, evaluation in results:
        rows.append([])
        rows.append([words("notes.scheme", lang, name=scheme.name, period=scheme.period)])
        bold.add(len(rows))
        paragraph = notes.scheme_note(scheme, len(evaluation.results), lang).markdown
        rows.append([paragraph.replace("**", "")])
        rounding = (
            words("rounding.half_up", lang)
            if scheme.rounding.value == "half_up"
            else words("rounding.other", lang, mode=scheme.rounding.value)
        )
        rows.append([words("rank", lang), _ties(scheme, lang)])
        rows.append(
            [words("score", lang), words("places", lang, places=scheme.places, rounding=rounding)]
        )
        rows.append(
            [
                words("notes.dimensions", lang),
                words("notes.weight", lang),
                words("notes.indicators", lang),
            ]
        )
        bold.add(len(rows))
        total = sum((d.weight for d in scheme.dimensions), Decimal(0))
        for dimension in scheme.dimensions:
            indicators = ("、" if lang == "zh" else ", ").join(i.name for i in dimension.indicators)
            rows.append([dimension.name, notes.percent(dimension.weight / total), indicators])
        if scheme.bands:
            rows.append(
                [words("notes.bands", lang), words("notes.min", lang), words("notes.quota", lang)]
            )
            bold.add(len(rows))
            for band in scheme.bands:
                quota = notes.percent(band.quota) if band.quota is not None else "—"
                rows.append([band.name, notes.number(band.min_score), quota])
    for row in rows:
        sheet.append(row)
    for number in bold:
        for cell in sheet[number]:
            cell.font = Font(bold=True, size=14 if number == 1 else 11)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = wrap
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 12
    sheet.column_dimensions["C"].width = 60
    # A paragraph spans the page, and a column's meaning spans B and C; both wrap.
    for row in sheet.iter_rows():
        filled = [c for c in row if c.value is not None]
        if len(filled) == 1 and display_width(filled[0].value) > 30:
            _merged(sheet, row[0].row, 1, filled[0].value, 88)
        elif len(filled) == 2 and row[0].value is not None and row[1].value is not None:
            _merged(sheet, row[0].row, 2, row[1].value, 72)
    print_setup(
        sheet, title=words("notes.title", lang), title_rows=None, landscape=False, lang=lang
    )


def _merged(sheet: Any, row: int, first: int, text: object, width: int) -> None:
    """Merge the cells of ``row`` from column ``first`` to C, tall enough for ``text``."""
    sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=3)
    lines = -(-display_width(text) // width)
    if lines > 1:
        sheet.row_dimensions[row].height = 16 * lines + 2


def _ties(scheme: Scheme, lang: Lang) -> str:
    names = {d.id: d.name for d in scheme.dimensions}
    breakers = ""
    if scheme.ranking.tie_breakers:
        listed = ("、" if lang == "zh" else ", ").join(
            names.get(b, b) for b in scheme.ranking.tie_breakers
        )
        breakers = words("ties.breakers", lang, names=listed)
    ties = words(f"ties.{scheme.ranking.ties.value}", lang)
    return words("ties", lang, breakers=breakers, ties=ties)


def table_workbook(rows: Sequence[Sequence[str]], title: str, *, frozen: str = "C2") -> bytes:
    """One sheet named ``title`` holding ``rows`` (a header, then text), ready to fill in and
    print: the header styled and filtered, ``frozen`` the first cell that scrolls, A4."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name(title)
    for row in rows:
        sheet.append(list(row))
    columns = max((len(row) for row in rows), default=1)
    style_header(sheet, columns)
    rule_cells(sheet, columns, first_row=2)
    wrap = Alignment(wrap_text=True, vertical="top")
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = wrap
    last = sheet.cell(row=max(sheet.max_row, 1), column=columns).coordinate
    sheet.auto_filter.ref = f"A1:{last}"
    sheet.freeze_panes = frozen
    fit_columns(sheet, rows, least=8)
    print_setup(sheet, title=title, title_rows="1:1", landscape=columns > 6, lang="zh")
    return workbook_bytes(workbook)


# -- what every workbook shares ---------------------------------------------------------------


def sheet_name(name: str) -> str:
    """``name`` as Excel allows a sheet's name: at most 31 characters, none of ``[]:*?/\\``."""
    for bad in _NOT_IN_SHEET_NAMES:
        name = name.replace(bad, "_")
    return name.strip("'")[:SHEET_NAME_LIMIT] or "_"


def unique_sheet_name(name: str, taken: Iterable[str]) -> str:
    """``name``, or with （2）, （3）… so that no two sheets share it (Excel ignores case)."""
    used = {t.lower() for t in taken}
    candidate, number = name, 2
    while candidate.lower() in used:
        suffix = f"（{number}）"
        candidate, number = name[: SHEET_NAME_LIMIT - len(suffix)] + suffix, number + 1
    return candidate


def display_width(text: object) -> int:
    """The columns ``text`` takes in a monospace view: a CJK character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in str(text))


def fit_columns(sheet: Any, rows: Sequence[Sequence[str]], *, least: int = 6) -> None:
    """Each column as wide as its widest cell (a header wraps past :data:`WIDEST_COLUMN`)."""
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in rows:
        for index, text in enumerate(row):
            widths[index] = max(widths.get(index, least), display_width(text) + 2)
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(width, WIDEST_COLUMN)


def style_header(sheet: Any, columns: int, row: int = 1) -> None:
    """Bold, shaded, centred and wrapped header cells with thin borders."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="808080")
    for cell in sheet[row][:columns]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)


def rule_cells(sheet: Any, columns: int, *, first_row: int) -> None:
    """Thin borders round every cell from ``first_row`` down, so a printed table has its lines."""
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for row in sheet.iter_rows(min_row=first_row, max_col=columns):
        for cell in row:
            cell.border = border


def print_setup(
    sheet: Any, *, title: str, title_rows: str | None, landscape: bool, lang: Lang
) -> None:
    """A4, one page wide, the header rows on every page, the title above and page numbers below."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.75
    if title_rows is not None:
        sheet.print_title_rows = title_rows
    sheet.oddHeader.center.text = title.replace("&", "&&")
    sheet.oddFooter.center.text = words("notes.page", lang)


def workbook_bytes(workbook: Any) -> bytes:
    """The .xlsx bytes of ``workbook``: fixed document dates, fixed zip dates, nothing else
    that changes from one run to the next."""
    from openpyxl.writer.excel import ExcelWriter

    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    workbook.properties.creator = workbook.properties.lastModifiedBy = "schoolwork"
    buffer = io.BytesIO()
    # ExcelWriter, not Workbook.save: save() stamps the time of saving as dcterms:modified.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return reproducible_zip(buffer.getvalue())


__all__ = [
    "FIXED_TIME",
    "display_width",
    "fit_columns",
    "print_setup",
    "rule_cells",
    "score_sheets",
    "sheet_name",
    "style_header",
    "subject_headers",
    "table_workbook",
    "unique_sheet_name",
    "words",
    "workbook_bytes",
]
