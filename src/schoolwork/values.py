"""Raw indicator values given as input: one CSV file per scheme, ``values/<scheme id>.csv``.

The first column, ``subject``, holds subject ids; every other column is an indicator id of the
scheme. An empty cell is a missing value. Files may carry a byte-order mark, as Excel and WPS
write them. Every bad cell is reported by file, row (as a spreadsheet numbers it, the header
being row 1) and column.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path

import attrs

from schoolwork import sources
from schoolwork.errors import Problem, WorkspaceError
from schoolwork.scheme import Scheme

SUBJECT_COLUMN = "subject"

Values = dict[str, dict[str, Decimal | None]]
"""Values by subject id, then by indicator id; ``None`` is a missing value."""


@attrs.frozen
class ValueRow:
    """One subject's raw values, in the order of its table's indicators."""

    subject: str
    values: tuple[Decimal | None, ...]


@attrs.frozen
class ValueTable:
    """Raw values as a spreadsheet holds them: indicator ids as columns, a row per subject.

    This is the form values take in JSON or TOML; :meth:`as_mapping` gives what the engine reads.
    """

    indicators: tuple[str, ...]
    rows: tuple[ValueRow, ...] = ()

    def as_mapping(self) -> Values:
        """Values by subject, then by indicator."""
        return {
            row.subject: dict(zip(self.indicators, row.values, strict=True)) for row in self.rows
        }

    @classmethod
    def from_mapping(cls, table: Values, indicators: Iterable[str]) -> ValueTable:
        """The table of ``table`` with columns ``indicators`` (missing cells become ``None``)."""
        columns = tuple(indicators)
        rows = tuple(
            ValueRow(subject, tuple(values.get(i) for i in columns))
            for subject, values in table.items()
        )
        return cls(columns, rows)


VALUES_DIR = "values"
SUFFIXES = (".csv", ".xlsx")


def read_scheme_values(root: Path, scheme: Scheme, subjects: Iterable[str]) -> Values | None:
    """The values file of ``scheme`` in ``root``, or ``None`` if the workspace has none."""
    found = values_files(root, scheme.id)
    if len(found) > 1:
        names = " and ".join(p.name for p in found)
        raise WorkspaceError(
            [
                Problem(
                    str(root / VALUES_DIR),
                    "",
                    "one values file per scheme",
                    f"both {names}",
                    expected_zh="每个方案只有一个原始数据文件",
                )
            ]
        )
    return read_values(found[0], scheme, subjects) if found else None


def values_files(root: Path, scheme_id: str) -> list[Path]:
    """The values files of ``scheme_id`` in the workspace ``root`` (CSV or Excel; one at most).

    Anything at a file's path counts, a folder or a broken link too, so that reading it says
    what is wrong instead of the values silently going missing.
    """
    folder = root / VALUES_DIR
    if not sources.is_folder(folder):  # told once by the workspace's reading, not per scheme
        return []
    paths = (folder / f"{scheme_id}{suffix}" for suffix in SUFFIXES)
    return [path for path in paths if sources.exists(path)]


def read_values(path: Path, scheme: Scheme, subjects: Iterable[str] | None = None) -> Values:
    """The values in ``path`` (.csv or .xlsx) for ``scheme``; raise with every bad cell if any.

    ``subjects``, when given, are the ids a row may name; other ids are problems. Only this
    file's own problems are raised: a fault of the scheme is the scheme's checks' to report.
    """
    if path.suffix.lower() == ".xlsx":
        try:
            import openpyxl  # noqa: F401  (the reports extra)
        except ImportError:
            expected = (
                "the reports extra installed to read .xlsx (pip install 'schoolwork[reports]')"
            )
            expected_zh = "已安装 reports 扩展以读取 .xlsx（pip install 'schoolwork[reports]'）"
            raise WorkspaceError(
                [Problem(str(path), "", expected, "openpyxl missing", expected_zh=expected_zh)]
            ) from None
        return read_values_xlsx(path, scheme, subjects)
    text = sources.text(sources.read_bytes(path), str(path), sheet=True)
    return parse_values(text, str(path), scheme, subjects)


def parse_values(
    text: str, file: str, scheme: Scheme, subjects: Iterable[str] | None = None
) -> Values:
    """Parse CSV ``text`` (named ``file`` in problems) into a table of values."""
    return values_from_rows(sources.sheet_rows(text, file), file, scheme, subjects)


def values_from_rows(
    rows: list[list[str]], file: str, scheme: Scheme, subjects: Iterable[str] | None = None
) -> Values:
    """Values from a spreadsheet's rows (cells as text, header first); every bad cell named."""
    if not any(cell.strip() for row in rows for cell in row):
        raise WorkspaceError(
            [
                Problem(
                    file,
                    "row 1",
                    f"a header row starting with {SUBJECT_COLUMN!r}",
                    "an empty file",
                    expected_zh=f"以 {SUBJECT_COLUMN} 开头的表头行",
                )
            ]
        )
    header = [cell.strip() for cell in rows[0]]
    allowed = None if subjects is None else set(subjects)
    problems = _header_problems(header, file, scheme)
    table: Values = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # spreadsheets leave blank rows at the end
        subject = row[0].strip() if row else ""
        if allowed is not None and subject not in allowed:
            hint, hint_zh = sources.suggestion(subject, allowed, cutoff=sources.ID_CUTOFF)
            problems.append(
                Problem(
                    file,
                    f"row {number}, column {SUBJECT_COLUMN}",
                    "the id of a subject of the scheme" + hint,
                    repr(subject),
                    expected_zh="方案考核对象的 id" + hint_zh,
                )
            )
        if subject in table:
            problems.append(
                Problem(
                    file,
                    f"row {number}, column {SUBJECT_COLUMN}",
                    "a subject listed once",
                    repr(subject),
                    expected_zh="每个考核对象只列一次",
                )
            )
        if len(row) > len(header):
            problems.append(
                Problem(
                    file,
                    f"row {number}",
                    f"{len(header)} cells like the header",
                    f"{len(row)}",
                    expected_zh=f"与表头一样的 {len(header)} 个单元格",
                )
            )
        values: dict[str, Decimal | None] = {}
        for name, cell in zip(header[1:], row[1:], strict=False):
            text_value = cell.strip()
            if not text_value:
                values[name] = None
                continue
            try:
                number_value = Decimal(text_value)
            except InvalidOperation:
                number_value = None
            if number_value is None or not number_value.is_finite():
                problems.append(
                    Problem(
                        file,
                        f"row {number}, column {name}",
                        "a number or an empty cell",
                        repr(text_value),
                        expected_zh="数字或空单元格",
                    )
                )
                continue
            values[name] = number_value
        table[subject] = values
    if problems:
        raise WorkspaceError(problems)
    return table


def _header_problems(header: list[str], file: str, scheme: Scheme) -> list[Problem]:
    """The header's problems: ``subject`` first, then indicators of the scheme, each once."""
    indicators = list(dict.fromkeys(i.id for d in scheme.dimensions for i in d.indicators))
    problems: list[Problem] = []
    first = header[0] if header else ""
    if first != SUBJECT_COLUMN:
        hint, hint_zh = sources.suggestion(first, [SUBJECT_COLUMN])
        problems.append(
            Problem(
                file,
                f"row 1, column {sources.column_name(header, 0)}",
                f"the column {SUBJECT_COLUMN!r} first{hint}",
                repr(first),
                expected_zh=f"第一列为 {SUBJECT_COLUMN}{hint_zh}",
            )
        )
    unused = [i for i in indicators if i not in header]
    listed = ", ".join(indicators)
    for index, name in enumerate(header[1:], start=1):
        where = f"row 1, column {sources.column_name(header, index)}"
        if name not in indicators:
            hint, hint_zh = sources.suggestion(name, unused)
            problems.append(
                Problem(
                    file,
                    where,
                    f"an indicator of scheme {scheme.id!r} ({listed}){hint}",
                    repr(name),
                    expected_zh=f"方案 {scheme.id} 的指标（{'、'.join(indicators)}）{hint_zh}",
                )
            )
        elif header.index(name) < index:
            # The second column would silently replace the first one's values.
            problems.append(
                Problem(
                    file,
                    where,
                    "each indicator in one column",
                    f"columns {header.index(name) + 1} and {index + 1} both named {name!r}",
                    expected_zh="每个指标只占一列",
                )
            )
    return problems


def read_values_xlsx(path: Path, scheme: Scheme, subjects: Iterable[str] | None = None) -> Values:
    """Values from the first sheet of the workbook at ``path``; every bad cell is a problem.

    Excel keeps numbers as binary floats; each is read through its shortest decimal form, so a
    cell showing 85.3 gives exactly 85.3.
    """
    from openpyxl import load_workbook  # the reports extra; only .xlsx values need it

    data = sources.read_bytes(path)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise WorkspaceError(
            [
                Problem(
                    str(path),
                    "",
                    "an .xlsx workbook",
                    f"{type(exc).__name__}: {exc}",
                    expected_zh=".xlsx 工作簿",
                )
            ]
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return values_from_rows(rows, str(path), scheme, subjects)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    return str(value)
