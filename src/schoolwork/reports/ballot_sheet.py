"""The ballot sheet (民主测评选票登记表): a workbook in which a school types its raters'
ballots, one row each, to be saved as ``records/ballots.xlsx`` and read back as records.

The sheet ``选票`` has a row of labels for people, a hidden row of the column keys the reader
finds its columns by, then a row per ballot (the ballots the workspace holds, unless left
blank). Each column is checked as it is typed where Excel can check it: the scheme, the rated
indicators and the rater groups from lists, the score within the raters' scale, the date within
the scheme's school year. The sheet ``说明`` says what each column takes, how each indicator's
groups are combined, and lists the subjects with their names, so that an id can be looked up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from schoolwork.labels import Lang, label
from schoolwork.records import Ballot
from schoolwork.reports import xlsx
from schoolwork.reports.notes import number
from schoolwork.reports.rated import combine_words
from schoolwork.results import Subject
from schoolwork.scheme import Indicator, Scheme

LABEL_ROW, KEY_ROW, FIRST_ROW = 1, 2, 3
"""The rows of the ``选票`` sheet: labels for people, keys for the reader, then the ballots."""

COLUMNS = ("id", "token", "scheme", "subject", "indicator", "group", "score", "date", "provenance")
"""The columns written, in order; ``provenance`` marks a sample's invented ballots (虚构) and
stays empty for a school's own."""

TYPED_ROWS = 2000
"""How many rows below the header the sheet's checks cover, at least."""

_WORDS: dict[str, tuple[str, str]] = {
    "sheet": ("选票", "Ballots"),
    "notes": ("说明", "Instructions"),
    "sheet.title": ("{scheme}（{period}）民主测评选票", "{scheme} ({period}): ballots"),
    "title": (
        "{school}{scheme}（{period}）民主测评选票登记说明",
        "{school}: ballots of {scheme} ({period})",
    ),
    "column.id": ("编号", "Ballot"),
    "column.token": ("测评人代号", "Rater token"),
    "column.scheme": ("考核方案", "Scheme"),
    "column.subject": ("考核对象编号", "Subject"),
    "column.indicator": ("指标编号", "Indicator"),
    "column.group": ("测评组", "Group"),
    "column.score": ("分数", "Score"),
    "column.date": ("投票日期", "Date"),
    "column.provenance": ("来源（样例用，学校的选票留空）", "Provenance (samples only)"),
    "step.1": (
        "每张选票登记一行：编号（如 B0001，每行不同）、测评人代号、考核方案、被测评对象的编号、"
        "指标编号、测评组、分数和投票日期。",
        "One row per ballot: a ballot number (such as B0001, each row its own), the rater's "
        "token, the scheme, the subject's id, the indicator, the group, the score and the date.",
    ),
    "step.2": (
        "测评人代号代替姓名（如 P01、S23），不写真实姓名；同一代号对同一对象的同一指标只能"
        "投一票。报告只列各组票数和合成结果，不列任何人的投票。",
        "A token stands for the rater (such as P01, S23), never a name; one token votes once "
        "for a subject's indicator. Reports show counts and combined scores, never who voted "
        "what.",
    ),
    "step.3": (
        "分数填 {low}～{high} 的数字；测评组、指标和方案从下拉列表中选择；日期须在 "
        "{start} 至 {end} 之间。第1行表头不要修改，隐藏的第2行是程序读取用的列名，不要删除。",
        "Scores from {low} to {high}; pick the group, the indicator and the scheme from their "
        "lists; dates from {start} to {end}. Leave the header in row 1 as it is; the hidden row "
        "2 holds the column names the program reads, do not delete it.",
    ),
    "step.4": (
        "填好后保存为 .xlsx，放入工作区的 records 文件夹，文件名为 ballots.xlsx；"
        "records/ballots.csv 要删除或移走（两个文件同时存在时会报错）。运行 schoolwork validate "
        "检查，有问题时会指出工作表、行和列。",
        "Save it as .xlsx in the workspace's records folder as ballots.xlsx; remove or move "
        "records/ballots.csv (both at once are refused). Run schoolwork validate: a problem "
        "names its sheet, row and column.",
    ),
    "rated.head": ("由民主测评打分的指标：", "Indicators scored by raters:"),
    "subjects.head": ("考核对象：", "Subjects:"),
    "prompt.score": ("填 {low}～{high} 的数字", "A number from {low} to {high}"),
    "prompt.list": ("从列表中选择", "Pick one from the list"),
    "prompt.date": ("{start} 至 {end} 之间的日期", "A date from {start} to {end}"),
    "error.title": ("不在可填范围内", "Not accepted"),
    "error.score": (
        "分数应为 {low}～{high} 之间的数字。",
        "The score is a number from {low} to {high}.",
    ),
    "error.list": ("请从列表中选择。", "Pick one from the list."),
    "error.date": ("日期应在 {start} 至 {end} 之间。", "The date is from {start} to {end}."),
}


_RATED_COLUMNS = {
    "zh": ("指标编号", "指标", "测评组", "权重", "合成方法", "最少票数"),
    "en": ("Id", "Indicator", "Group", "Weight", "Combined by", "Least ballots"),
}
_SUBJECT_COLUMNS = {"zh": ("编号", "姓名"), "en": ("Id", "Name")}


def _words(key: str, lang: Lang, **values: object) -> str:
    return _WORDS[key][0 if lang == "zh" else 1].format(**values)


def rated(scheme: Scheme) -> list[Indicator]:
    """The indicators of ``scheme`` scored by raters, in the scheme's order."""
    return [i for d in scheme.dimensions for i in d.indicators if i.raters is not None]


def ballots_workbook(
    scheme: Scheme,
    subjects: Sequence[Subject],
    period: tuple[date, date],
    *,
    ballots: Sequence[Ballot] = (),
    school: str = "",
    lang: Lang = "zh",
) -> bytes:
    """The ballot sheet of ``scheme`` (which has indicators scored by raters) for
    ``subjects``, with ``ballots`` written in, as the bytes of an .xlsx file; ``period`` is the
    first and last day of the scheme's school year."""
    from openpyxl import Workbook

    indicators = rated(scheme)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _words("sheet", lang)
    notes = workbook.create_sheet(_words("notes", lang))
    subjects_at = _instructions(notes, scheme, subjects, indicators, period, school, lang)
    _ballot_sheet(sheet, scheme, indicators, period, ballots, subjects_at, lang)
    return xlsx.workbook_bytes(workbook)


def _scale(indicators: Sequence[Indicator]) -> tuple[str, str]:
    scales = [i.raters.scale for i in indicators if i.raters is not None]
    return number(min(low for low, _ in scales)), number(max(high for _, high in scales))


def _ballot_sheet(
    sheet: Any,
    scheme: Scheme,
    indicators: Sequence[Indicator],
    period: tuple[date, date],
    ballots: Sequence[Ballot],
    subjects_at: str,
    lang: Lang,
) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet.append([_words(f"column.{c}", lang) for c in COLUMNS])
    sheet.append(list(COLUMNS))
    for ballot in ballots:
        sheet.append(
            [
                ballot.id,
                ballot.token,
                ballot.scheme,
                ballot.subject,
                ballot.indicator,
                label(ballot.group, lang),
                ballot.score,
                ballot.date,
                None if ballot.provenance is None else ballot.provenance.value,
            ]
        )
    last = FIRST_ROW + max(TYPED_ROWS, len(ballots)) - 1
    for row in sheet.iter_rows(min_row=FIRST_ROW, min_col=8, max_col=8):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    xlsx.style_header(sheet, len(COLUMNS), LABEL_ROW)
    sheet.row_dimensions[KEY_ROW].hidden = True
    xlsx.rule_cells(sheet, len(COLUMNS), first_row=FIRST_ROW)
    low, high = _scale(indicators)
    start, end = (d.isoformat() for d in period)
    groups = {g.group: None for i in indicators if i.raters for g in i.raters.groups}
    lists = {
        "C": f'"{scheme.id}"',
        "D": subjects_at,
        "E": '"' + ",".join(i.id for i in indicators) + '"',
        "F": '"' + ",".join(label(g, lang) for g in groups) + '"',
    }
    for letter, formula in lists.items():
        _check(
            sheet,
            DataValidation(type="list", formula1=formula, allow_blank=True),
            f"{letter}{FIRST_ROW}:{letter}{last}",
            _words("prompt.list", lang),
            _words("error.list", lang),
            lang,
        )
    _check(
        sheet,
        DataValidation(type="decimal", operator="between", formula1=low, formula2=high),
        f"G{FIRST_ROW}:G{last}",
        _words("prompt.score", lang, low=low, high=high),
        _words("error.score", lang, low=low, high=high),
        lang,
    )
    _check(
        sheet,
        DataValidation(
            type="date",
            operator="between",
            formula1=f"DATE({period[0].year},{period[0].month},{period[0].day})",
            formula2=f"DATE({period[1].year},{period[1].month},{period[1].day})",
        ),
        f"H{FIRST_ROW}:H{last}",
        _words("prompt.date", lang, start=start, end=end),
        _words("error.date", lang, start=start, end=end),
        lang,
    )
    # Wide enough for the labels and the longest id, group and date each column may take.
    widest = [
        _longest((b.id for b in ballots), "B00000"),
        _longest((b.token for b in ballots), "P0000"),
        scheme.id,
        _longest((b.subject for b in ballots), "T0000"),
        _longest((i.id for i in indicators), ""),
        _longest((label(g, lang) for g in groups), ""),
        high,
        "2024-08-31",
        "invented",
    ]
    shown = [[_words(f"column.{c}", lang) for c in COLUMNS], widest]
    xlsx.fit_columns(sheet, shown, least=8)
    sheet.freeze_panes = f"A{FIRST_ROW}"
    xlsx.print_setup(
        sheet,
        title=_words("sheet.title", lang, scheme=scheme.name, period=scheme.period),
        title_rows=f"{LABEL_ROW}:{KEY_ROW}",
        landscape=False,
        lang=lang,
    )


def _longest(texts: Iterable[str], least: str) -> str:
    return max((least, *texts), key=xlsx.display_width)


def _check(sheet: Any, check: Any, cells: str, prompt: str, error: str, lang: Lang) -> None:
    check.allow_blank = True
    check.showInputMessage = check.showErrorMessage = True
    check.errorStyle = "stop"
    check.prompt = prompt[:255]
    check.errorTitle = _words("error.title", lang)
    check.error = error[:255]
    check.add(cells)
    sheet.add_data_validation(check)


def _instructions(
    sheet: Any,
    scheme: Scheme,
    subjects: Sequence[Subject],
    indicators: Sequence[Indicator],
    period: tuple[date, date],
    school: str,
    lang: Lang,
) -> str:
    """Write the 说明 sheet; return the range of its subject ids, for the sheet's list."""
    from openpyxl.styles import Alignment, Font

    low, high = _scale(indicators)
    start, end = (d.isoformat() for d in period)
    sheet.append([_words("title", lang, school=school, scheme=scheme.name, period=scheme.period)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    for step in ("step.1", "step.2", "step.3", "step.4"):
        text = _words(step, lang, low=low, high=high, start=start, end=end)
        sheet.append([text])
    sheet.append([])
    sheet.append([_words("rated.head", lang)])
    head = sheet.max_row + 1
    sheet.append(list(_RATED_COLUMNS[lang]))
    xlsx.style_header(sheet, 6, head)
    for indicator, raters in ((i, i.raters) for i in indicators if i.raters is not None):
        for rule in raters.groups:
            how = combine_words(rule, lang)
            sheet.append(
                [
                    indicator.id,
                    indicator.name,
                    label(rule.group, lang),
                    number(rule.weight),
                    how,
                    rule.min_ballots,
                ]
            )
    sheet.append([])
    sheet.append([_words("subjects.head", lang)])
    first = sheet.max_row + 1
    sheet.append(list(_SUBJECT_COLUMNS[lang]))
    xlsx.style_header(sheet, 2, first)
    for subject in subjects:
        sheet.append([subject.id, subject.name])
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in range(3, 7):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        sheet.cell(row, 1).alignment = wrap
        sheet.row_dimensions[row].height = 48
    widths = (14, 22, 10, 8, 30, 10)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[chr(ord("A") + index - 1)].width = width
    xlsx.print_setup(
        sheet,
        title=_words("sheet.title", lang, scheme=scheme.name, period=scheme.period),
        title_rows=None,
        landscape=False,
        lang=lang,
    )
    name = sheet.title
    return f"'{name}'!$A${first + 1}:$A${first + max(len(subjects), 1)}"
