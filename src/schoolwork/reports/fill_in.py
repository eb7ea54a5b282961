"""The fill-in workbook of a scheme (数据填报表): what ``schoolwork template`` writes.

An office fills in a scheme's raw values in Excel or WPS instead of a CSV file with English ids.
The workbook has two sheets:

- **填报**: row 1 names the columns for people (工号, 姓名, then each indicator's Chinese name),
  row 2, hidden, holds the keys the values reader goes by (``subject``, ``name``, then the
  indicator ids), and from row 3 one row per subject: its id and name in grey (not to be
  edited), then an empty cell per indicator, or the value the workspace already holds. Each
  indicator's cells accept only a number in its range (:func:`input_bounds`), with a Chinese
  prompt and error message. The header is frozen and printed on every page.
- **说明**: how to fill it in and where to put it, and a table of the indicators with their
  rules in words and their ranges; indicators the records, ballots (民主测评) or a plugin
  give are listed as not to be filled. A value-added indicator (``gain``) asks for its current
  value, in its own column or the column it names, never for the gain itself.

Read back by :func:`schoolwork.values.read_values_xlsx`, which finds the hidden key row and
names columns by their Chinese labels in problems. The same workspace gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from schoolwork.checks.bounds import input_bounds
from schoolwork.labels import Lang, label
from schoolwork.reports import xlsx
from schoolwork.reports.notes import number
from schoolwork.results import Subject
from schoolwork.scheme import Direction, Indicator, Missing, RuleKind, Scheme
from schoolwork.values import NAME_COLUMN, SUBJECT_COLUMN, VALUES_DIR, Values

HUNDRED = Decimal(100)
LABEL_ROW, KEY_ROW, FIRST_ROW = 1, 2, 3
"""The rows of the 填报 sheet: labels for people, keys for the reader, then the subjects."""

_WORDS: dict[str, tuple[str, str]] = {
    "sheet": ("填报", "Values"),
    "notes": ("说明", "Instructions"),
    "title": (
        "{school}{scheme}（{period}）原始数据填报说明",
        "{school}: raw values of {scheme} ({period})",
    ),
    "sheet.title": ("{scheme}（{period}）原始数据", "{scheme} ({period}): raw values"),
    "step.1": (
        "本工作簿用于填报“{scheme}”（方案编号 {id}）各项指标的原始数据：“填报”表每行是一个"
        "考核对象（共{count}），每列是一项指标。",
        "This workbook takes the raw values of “{scheme}” (scheme {id}): on the sheet "
        "“Values” each row is a subject ({count} in all), each column an indicator.",
    ),
    "step.2": (
        "填原始数据（检查得分、次数、百分率等），不是考核得分；只填数字，不带单位，"
        "百分率 85.3% 填 85.3。不知道的留空：{missing}。",
        "Type raw values (marks, counts, rates), not points; numbers only, without units; "
        "85.3 % is typed 85.3. Leave a cell empty when the value is unknown: {missing}.",
    ),
    "missing.exclude": ("空格不计入该维度", "an empty cell is left out of its dimension"),
    "missing.zero": ("空格按0分计", "an empty cell scores 0"),
    "step.3": (
        "灰色的“{id_header}”“{name_header}”两列和第1行表头不要修改；隐藏的第2行是程序读取用的"
        "指标编号，不要删除。可以排序，不要增删考核对象。",
        "Leave the grey columns “{id_header}” and “{name_header}” and the header in row 1 as "
        "they are; the hidden row 2 holds the ids the program reads, do not delete it. Sorting "
        "is fine; do not add or remove subjects.",
    ),
    "step.4": (
        "每个单元格只接受下表“可填范围”内的数字，选中单元格时会显示提示。",
        "Each cell takes only a number in the range below; selecting a cell shows it.",
    ),
    "step.5": (
        "填好后保存为 .xlsx，放入工作区的 {folder} 文件夹，文件名为 {file}；同一方案的 {csv} "
        "要删除或移走（两个文件同时存在时会报错）。",
        "Save it as .xlsx in the workspace's {folder} folder as {file}; remove or move {csv} "
        "of the same scheme (both at once are refused).",
    ),
    "step.6": (
        "运行 schoolwork validate 或 schoolwork evaluate 检查；有问题时会指出工作表、行和列。",
        "Run schoolwork validate or schoolwork evaluate: a problem names its sheet, row and "
        "column.",
    ),
    "column.dimension": ("维度", "Dimension"),
    "column.indicator": ("指标", "Indicator"),
    "column.key": ("指标编号", "Id"),
    "column.rule": ("计分规则", "Rule"),
    "column.range": ("可填范围", "Range"),
    "given": ("以下指标不需填写，由程序计算：", "Not to be filled in; the program finds them:"),
    "given.records": ("由{kind}记录统计", "counted from the {kind} records"),
    "given.plugin": ("由插件 {plugin} 提供", "given by plugin {plugin}"),
    "given.ballots": (
        "由民主测评选票（records/ballots.csv）计算",
        "combined from the ballots of records/ballots.csv (民主测评)",
    ),
    "given.gain": (
        "增值：本表“{current}”一栏减去 {baseline} 的值",
        "a gain: this sheet's “{current}” less {baseline}",
    ),
    "current": ("{name}（本期值）", "{name} (current value)"),
    "gain": (
        "填本期值；程序减去 {baseline} 的值得增值，再计分：{rule}",
        "the current value; the program subtracts {baseline}, then scores the gain: {rule}",
    ),
    "range": ("{low}～{high}", "{low} to {high}"),
    "prompt": ("填 {low}～{high} 的数字，不知道就留空", "A number from {low} to {high}, or empty"),
    "error.title": ("数值超出范围", "Out of range"),
    "error": (
        "“{name}”应为 {low}～{high} 之间的数字（可以留空）。",
        "“{name}” takes a number from {low} to {high} (or nothing).",
    ),
    "linear.higher": (
        "{floor}及以下得0分，{ceiling}及以上得满分，之间按比例",
        "0 at or below {floor}, full marks from {ceiling}, straight between",
    ),
    "linear.lower": (
        "{floor}及以下得满分，{ceiling}及以上得0分，之间按比例",
        "full marks at or below {floor}, 0 from {ceiling}, straight between",
    ),
    "step.higher": ("达到{at}得{points}分", "{points} from {at}"),
    "step.lower": ("不超过{at}得{points}分", "{points} at most {at}"),
    "count.higher": ("每个{each}分，最多{cap}分", "{each} each, at most {cap}"),
    "count.lower": ("满分{cap}分，每个扣{each}分", "{cap} less {each} each"),
    "ratio.higher": ("实际值÷{target}×100，最多{cap}分", "value ÷ {target} × 100, at most {cap}"),
    "ratio.lower": ("{target}÷实际值×100，最多{cap}分", "{target} ÷ value × 100, at most {cap}"),
}


_RECORD_KINDS = {"honour": "荣誉", "activity": "活动", "inspection": "检查", "incident": "事件"}


def _words(key: str, lang: Lang, **values: object) -> str:
    zh, en = _WORDS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def to_fill(scheme: Scheme, given: Mapping[str, str]) -> list[Indicator]:
    """The scheme's indicators whose values are typed in, each once, in the scheme's order:
    those without a record source that no plugin gives (``given``), not scored by ballots,
    and not a gain whose current value is another indicator's column (that one is asked)."""
    found: dict[str, Indicator] = {}
    for dimension in scheme.dimensions:
        for indicator in dimension.indicators:
            if indicator.source is None and indicator.id not in given and _typed(indicator):
                found.setdefault(indicator.id, indicator)
    return list(found.values())


def _typed(indicator: Indicator) -> bool:
    if indicator.raters is not None:
        return False
    return indicator.gain is None or indicator.gain.current in (None, indicator.id)


def column_name(indicator: Indicator, lang: Lang) -> str:
    """The column's label: the indicator's name, or for a gain the name of its current value
    (the column holds the value the gain is taken from, not the gain)."""
    if indicator.gain is None:
        return indicator.name
    return _words("current", lang, name=indicator.name)


def rule_words(indicator: Indicator, lang: Lang) -> str:
    """The rule that turns the indicator's value into points, in a short phrase."""
    rule = indicator.points
    way = "lower" if indicator.direction is Direction.LOWER else "higher"
    cap = number(rule.cap if rule.cap is not None else HUNDRED)
    if rule.rule is RuleKind.LINEAR:
        return _words(
            f"linear.{way}",
            lang,
            floor=number(rule.floor or Decimal(0)),
            ceiling=number(rule.ceiling or Decimal(0)),
        )
    if rule.rule is RuleKind.THRESHOLDS:
        steps = [
            _words(f"step.{way}", lang, at=number(s.at), points=number(s.points))
            for s in rule.steps
        ]
        return ("；" if lang == "zh" else "; ").join(steps)
    if rule.rule is RuleKind.COUNT:
        return _words(f"count.{way}", lang, each=number(rule.each or Decimal(0)), cap=cap)
    return _words(f"ratio.{way}", lang, target=number(rule.target or Decimal(0)), cap=cap)


def values_workbook(
    scheme: Scheme,
    subjects: Sequence[Subject],
    *,
    school: str = "",
    given: Mapping[str, str] | None = None,
    values: Values | None = None,
    lang: Lang = "zh",
) -> bytes:
    """The fill-in workbook of ``scheme`` for ``subjects``, as the bytes of an .xlsx file.

    ``given`` maps the ids of indicators a plugin gives to the plugin's name (they are listed,
    not asked for); ``values`` are the workspace's values, written into the cells.
    """
    from openpyxl import Workbook

    given = dict(given or {})
    indicators = to_fill(scheme, given)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _words("sheet", lang)
    _fill_sheet(sheet, scheme, subjects, indicators, values or {}, lang)
    notes = workbook.create_sheet(_words("notes", lang))
    _instructions(notes, scheme, len(subjects), indicators, given, school, lang)
    return xlsx.workbook_bytes(workbook)


def _fill_sheet(
    sheet: Any,
    scheme: Scheme,
    subjects: Sequence[Subject],
    indicators: Sequence[Indicator],
    values: Values,
    lang: Lang,
) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    id_header, name_header = xlsx.subject_headers(scheme.subject, lang)
    names = [column_name(i, lang) for i in indicators]
    sheet.append([id_header, name_header, *names])
    sheet.append([SUBJECT_COLUMN, NAME_COLUMN, *(i.id for i in indicators)])
    for subject in subjects:
        given = values.get(subject.id, {})
        sheet.append([subject.id, subject.name, *(given.get(i.id) for i in indicators)])
    columns = 2 + len(indicators)
    xlsx.style_header(sheet, columns, LABEL_ROW)
    sheet.row_dimensions[KEY_ROW].hidden = True
    sheet.row_dimensions[LABEL_ROW].height = 32
    xlsx.rule_cells(sheet, columns, first_row=FIRST_ROW)
    grey = PatternFill("solid", fgColor=xlsx.GREY_FILL)
    for row in sheet.iter_rows(min_row=FIRST_ROW, max_col=2):
        for cell in row:
            cell.fill = grey
            cell.font = Font(color=xlsx.GREY_TEXT)
    last = FIRST_ROW + len(subjects) - 1
    for index, indicator in enumerate(indicators, start=3):
        letter = get_column_letter(index)
        low, high = (number(n) for n in input_bounds(indicator))
        check = DataValidation(
            type="decimal",
            operator="between",
            formula1=low,
            formula2=high,
            allow_blank=True,
            showInputMessage=True,
            showErrorMessage=True,
            errorStyle="stop",
            promptTitle=column_name(indicator, lang)[:32],
            prompt=_words("prompt", lang, low=low, high=high)[:255],
            errorTitle=_words("error.title", lang),
            error=_words("error", lang, name=column_name(indicator, lang), low=low, high=high)[
                :255
            ],
        )
        if subjects:
            check.add(f"{letter}{FIRST_ROW}:{letter}{last}")
            sheet.add_data_validation(check)
    shown = [
        [id_header, name_header, *names],
        *([s.id, s.name] for s in subjects),
    ]
    xlsx.fit_columns(sheet, shown, least=10)
    for index in range(3, columns + 1):  # room for a number, and a header of two lines
        letter = get_column_letter(index)
        width = sheet.column_dimensions[letter].width
        sheet.column_dimensions[letter].width = max(10, min(width, 16))
    sheet.freeze_panes = f"C{FIRST_ROW}"
    xlsx.print_setup(
        sheet,
        title=_words("sheet.title", lang, scheme=scheme.name, period=scheme.period),
        title_rows=f"{LABEL_ROW}:{KEY_ROW}",
        landscape=len(indicators) > 6,
        lang=lang,
    )


def _instructions(
    sheet: Any,
    scheme: Scheme,
    count: int,
    indicators: Sequence[Indicator],
    given: Mapping[str, str],
    school: str,
    lang: Lang,
) -> None:
    from openpyxl.styles import Alignment, Font

    id_header, name_header = xlsx.subject_headers(scheme.subject, lang)
    missing = "missing.zero" if scheme.missing is Missing.ZERO else "missing.exclude"
    steps = [
        _words(
            "step.1",
            lang,
            scheme=scheme.name,
            id=scheme.id,
            count=label(f"count.{scheme.subject.value}", lang, count=count),
        ),
        _words("step.2", lang, missing=_words(missing, lang)),
        _words("step.3", lang, id_header=id_header, name_header=name_header),
        _words("step.4", lang),
        _words(
            "step.5",
            lang,
            folder=VALUES_DIR,
            file=f"{scheme.id}.xlsx",
            csv=f"{scheme.id}.csv",
        ),
        _words("step.6", lang),
    ]
    title = _words("title", lang, school=school, scheme=scheme.name, period=scheme.period)
    rows: list[list[Any]] = [[title], []]
    rows += [[f"{n}. {text}"] for n, text in enumerate(steps, start=1)]
    rows.append([])
    header_at = len(rows) + 1
    rows.append(
        [
            _words(key, lang)
            for key in (
                "column.dimension",
                "column.indicator",
                "column.key",
                "column.rule",
                "column.range",
            )
        ]
    )
    wanted = {i.id for i in indicators}
    for dimension in scheme.dimensions:
        for indicator in dimension.indicators:
            if indicator.id not in wanted:
                continue
            low, high = (number(n) for n in input_bounds(indicator))
            rule = rule_words(indicator, lang)
            if indicator.gain is not None:
                rule = _words("gain", lang, baseline=indicator.gain.baseline, rule=rule)
            rows.append(
                [
                    dimension.name,
                    column_name(indicator, lang),
                    indicator.id,
                    rule,
                    _words("range", lang, low=low, high=high),
                ]
            )
    table_end = len(rows)
    computed = _computed(scheme, given, lang)
    if computed:
        rows += [[], [_words("given", lang)]]
        rows += [[f"{name}：{how}" if lang == "zh" else f"{name}: {how}"] for name, how in computed]
    for row in rows:
        sheet.append(row)
    sheet["A1"].font = Font(bold=True, size=14)
    widths = {"A": 12, "B": 20, "C": 18, "D": 44, "E": 12}
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = wrap
    page = sum(widths.values()) - 4
    for number_ in (1, *range(3, header_at - 1)):
        _paragraph(sheet, number_, page)
    for number_ in range(table_end + 2, len(rows) + 1):
        _paragraph(sheet, number_, page)
    sheet.row_dimensions[1].height = 24
    xlsx.style_header(sheet, 5, header_at)
    xlsx.rule_cells(sheet, 5, first_row=header_at + 1)
    for cell_row in sheet.iter_rows(min_row=header_at + 1, max_row=table_end, max_col=5):
        lines = max(-(-xlsx.display_width(c.value or "") // widths["D"]) for c in cell_row[3:4])
        if lines > 1:
            sheet.row_dimensions[cell_row[0].row].height = 16 * lines + 2
    xlsx.print_setup(sheet, title=title, title_rows=None, landscape=False, lang=lang)


def _paragraph(sheet: Any, row: int, width: int) -> None:
    value = sheet.cell(row=row, column=1).value
    if value is None:
        return
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
    lines = -(-xlsx.display_width(value) // width)
    sheet.row_dimensions[row].height = 16 * max(lines, 1) + 2


def _computed(scheme: Scheme, given: Mapping[str, str], lang: Lang) -> list[tuple[str, str]]:
    names = {i.id: i.name for d in scheme.dimensions for i in d.indicators}
    found: dict[str, tuple[str, str]] = {}
    for dimension in scheme.dimensions:
        for indicator in dimension.indicators:
            gain = indicator.gain
            if indicator.source is not None:
                kind = indicator.source.kind
                name = _RECORD_KINDS.get(kind, kind) if lang == "zh" else kind
                how = _words("given.records", lang, kind=name)
            elif indicator.id in given:
                how = _words("given.plugin", lang, plugin=given[indicator.id])
            elif indicator.raters is not None:
                how = _words("given.ballots", lang)
            elif gain is not None and gain.current not in (None, indicator.id):
                current = names.get(gain.current or "", gain.current)
                how = _words("given.gain", lang, current=current, baseline=gain.baseline)
            else:
                continue
            found.setdefault(indicator.id, (indicator.name, how))
    return list(found.values())
