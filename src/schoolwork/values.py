"""Raw indicator values given as input: one file per scheme, ``values/<scheme id>.csv`` or
``values/<scheme id>.xlsx`` (never both).

The first column, ``subject``, holds subject ids; every other column is an indicator id of the
scheme. An empty cell is a missing value. CSV files may carry a byte-order mark, as Excel and
WPS write them. Every bad cell is reported by file, row (as a spreadsheet numbers it, the header
being row 1) and column; in a workbook also by sheet, with the column named as its label row
shows it (the fill-in workbook ``schoolwork template`` writes: labels above a hidden key row).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path

import attrs

from schoolwork import sources, workbooks
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
    found = _one_values_file(root, scheme)
    return None if found is None else read_values(found, scheme, subjects)


def _one_values_file(root: Path, scheme: Scheme) -> Path | None:
    """The values file of ``scheme`` in ``root``; ``None`` if there is none, a problem if there
    are two."""
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
    return found[0] if found else None


@attrs.define(eq=False, repr=False)
class ValuesCache:
    """Values files already parsed, so that opening a workspace (whose checks read every values
    file) and evaluating it parse each file once.

    An entry serves only the same file with the same bytes, read for the same scheme's
    indicators and the same subjects; a file changed since is parsed again. Only files that
    parse without a problem are kept, one entry per file: a file with problems is read (and
    told) every time. The tables handed out are shared: read them, never change them.
    """

    _entries: dict[Path, tuple[bytes, tuple[str, ...], frozenset[str], Values]] = attrs.field(
        factory=dict
    )

    def read(self, root: Path, scheme: Scheme, subjects: Iterable[str]) -> Values | None:
        """As :func:`read_scheme_values`, from the cache when the file is unchanged."""
        path = _one_values_file(root, scheme)
        if path is None:
            return None
        allowed = frozenset(subjects)
        columns = tuple(i.id for d in scheme.dimensions for i in d.indicators)
        data = sources.read_bytes(path)
        digest = hashlib.blake2b(data, digest_size=16).digest()
        cached = self._entries.get(path)
        if cached is not None and cached[:3] == (digest, columns, allowed):
            return cached[3]
        if path.suffix.lower() == ".xlsx":
            values = read_values_xlsx(path, scheme, allowed)
            # openpyxl reads the file itself: keep the table only if the file did not change
            # meanwhile, so that a digest never stands for other bytes than those parsed.
            after = hashlib.blake2b(sources.read_bytes(path), digest_size=16).digest()
            if after != digest:
                return values
        else:
            values = parse_values(
                sources.text(data, str(path), sheet=True), str(path), scheme, allowed
            )
        self._entries[path] = (digest, columns, allowed, values)
        return values


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
        return read_values_xlsx(path, scheme, subjects)
    text = sources.text(sources.read_bytes(path), str(path), sheet=True)
    return parse_values(text, str(path), scheme, subjects)


def parse_values(
    text: str, file: str, scheme: Scheme, subjects: Iterable[str] | None = None
) -> Values:
    """Parse CSV ``text`` (named ``file`` in problems) into a table of values."""
    return values_from_rows(sources.sheet_rows(text, file), file, scheme, subjects)


@attrs.frozen
class SheetLayout:
    """Where a sheet's header and cells stand, for a workbook laid out for people.

    ``place`` opens every place a problem names (``sheet 填报, ``); ``first_row`` is the number
    of the key row (``subject`` and indicator ids), the rows above it being titles; ``labels``
    name the columns as people see them (the row above the key row), ``ignored`` are keys of
    columns for people only (the subjects' names), and ``odd`` marks cells that cannot be read
    as shown (:mod:`schoolwork.workbooks`), by (row number, column index).
    """

    place: str = ""
    first_row: int = 1
    labels: tuple[str, ...] = ()
    ignored: frozenset[str] = frozenset()
    odd: Mapping[tuple[int, int], workbooks.OddCell] = attrs.field(factory=dict)

    def column(self, header: Sequence[str], index: int) -> str:
        """A column as problems name it: its label, else its key, else its position."""
        label = self.labels[index].strip() if index < len(self.labels) else ""
        return label or sources.column_name(header, index)


_PLAIN = SheetLayout()

# Cells written alike are read as one shared Decimal (Decimals never change): a table of
# values repeats the same few hundred numbers, and one object each, rather than one a cell,
# keeps a large file's memory small, and each number's hash (by which the engine finds the
# points it already worked out) is computed once. The table is the process's, not a file's:
# a county's schools write the same numbers, and the engine keeps the explanation row of a
# value object it has seen (engine._rows), so the next school's values find their rows made.
# The limit bounds the table when numbers do not repeat; 0 shares nothing.
_SHARED_NUMBERS = 65536
_NUMBERS: dict[str, Decimal] = {}


def values_from_rows(
    rows: Sequence[Sequence[str]],
    file: str,
    scheme: Scheme,
    subjects: Iterable[str] | None = None,
    *,
    layout: SheetLayout = _PLAIN,
) -> Values:
    """Values from a spreadsheet's rows (cells as text, header first); every bad cell named.

    ``layout`` says where the rows stand in a workbook; a CSV file's rows start at row 1.
    """
    first, at = layout.first_row, layout.place
    if not any(cell.strip() for row in rows for cell in row):
        raise WorkspaceError(
            [
                Problem(
                    file,
                    f"{at}row {first}",
                    f"a header row starting with {SUBJECT_COLUMN!r}",
                    "an empty file" if not at else "an empty sheet",
                    expected_zh=f"以 {SUBJECT_COLUMN} 开头的表头行",
                )
            ]
        )
    header = [cell.strip() for cell in rows[0]]
    allowed = None if subjects is None else set(subjects)
    numbers = _NUMBERS if _SHARED_NUMBERS else {}  # by the text of their cells
    problems = _header_problems(header, file, scheme, layout)
    table: Values = {}
    subject_column = layout.column(header, 0) if layout.labels else SUBJECT_COLUMN
    ignored, odd_cells = layout.ignored, layout.odd
    for number, row in enumerate(rows[1:], start=first + 1):
        if not any(cell.strip() for cell in row):
            continue  # spreadsheets leave blank rows at the end
        subject = row[0].strip() if row else ""
        if allowed is not None and subject not in allowed:
            hint, hint_zh = sources.suggestion(subject, allowed, cutoff=sources.ID_CUTOFF)
            problems.append(
                Problem(
                    file,
                    f"{at}row {number}, column {subject_column}",
                    "the id of a subject of the scheme" + hint,
                    repr(subject),
                    expected_zh="方案考核对象的 id" + hint_zh,
                )
            )
        if subject in table:
            problems.append(
                Problem(
                    file,
                    f"{at}row {number}, column {subject_column}",
                    "a subject listed once",
                    repr(subject),
                    expected_zh="每个考核对象只列一次",
                )
            )
        if len(row) > len(header):
            problems.append(
                Problem(
                    file,
                    f"{at}row {number}",
                    f"{len(header)} cells like the header",
                    f"{len(row)}",
                    expected_zh=f"与表头一样的 {len(header)} 个单元格",
                )
            )
        values: dict[str, Decimal | None] = {}
        for index, (name, cell) in enumerate(zip(header[1:], row[1:], strict=False), start=1):
            if name in ignored:
                continue
            # Where a cell is, only for a cell with a problem: this loop runs for every cell.
            odd = odd_cells.get((number, index)) if odd_cells else None
            if odd is not None:
                expected, expected_zh = workbooks.odd_cell_expectation(odd.kind)
                where = _place(layout, header, number, index)
                problems.append(Problem(file, where, expected, odd.found, expected_zh=expected_zh))
                continue
            text_value = cell.strip()
            if not text_value:
                values[name] = None
                continue
            number_value = numbers.get(text_value)
            if number_value is not None:
                values[name] = number_value
                continue
            try:
                number_value = Decimal(text_value)
            except InvalidOperation:
                number_value = None
            if number_value is None or not number_value.is_finite():
                problems.append(
                    Problem(
                        file,
                        _place(layout, header, number, index),
                        "a number or an empty cell",
                        repr(text_value),
                        expected_zh="数字或空单元格",
                    )
                )
                continue
            if len(numbers) < _SHARED_NUMBERS:
                numbers[text_value] = number_value
            values[name] = number_value
        table[subject] = values
    if problems:
        raise WorkspaceError(problems)
    return table


def _place(layout: SheetLayout, header: list[str], number: int, index: int) -> str:
    """Where cell ``index`` of row ``number`` is: by its header in a CSV file, by the
    column's letter and label in a workbook."""
    at = layout.place
    return f"{at}row {number}, column {layout.column(header, index) if at else header[index]}"


def _header_problems(
    header: list[str], file: str, scheme: Scheme, layout: SheetLayout = _PLAIN
) -> list[Problem]:
    """The header's problems: ``subject`` first, then indicators of the scheme, each once."""
    indicators = list(dict.fromkeys(i.id for d in scheme.dimensions for i in d.indicators))
    problems: list[Problem] = []
    first = header[0] if header else ""
    row = f"{layout.place}row {layout.first_row}"
    if first != SUBJECT_COLUMN:
        hint, hint_zh = sources.suggestion(first, [SUBJECT_COLUMN])
        problems.append(
            Problem(
                file,
                f"{row}, column {sources.column_name(header, 0)}",
                f"the column {SUBJECT_COLUMN!r} first{hint}",
                repr(first),
                expected_zh=f"第一列为 {SUBJECT_COLUMN}{hint_zh}",
            )
        )
    unused = [i for i in indicators if i not in header]
    listed = ", ".join(indicators)
    for index, name in enumerate(header[1:], start=1):
        if name in layout.ignored:
            continue
        where = f"{row}, column {sources.column_name(header, index)}"
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


NAME_COLUMN = "name"
"""The key of a workbook's column of subjects' names: for people to read, never read back."""

WORKBOOK_KEYS = frozenset({SUBJECT_COLUMN})
"""What marks the key row of a values workbook: its first cell."""


def read_values_xlsx(path: Path, scheme: Scheme, subjects: Iterable[str] | None = None) -> Values:
    """Values from a workbook at ``path``; every bad cell is a problem naming sheet, row and
    column.

    The sheet read is the first whose key row (``subject``, then indicator ids) stands in its
    first ten rows; rows above the key row are titles and labels, as ``schoolwork template``
    writes them, and name the columns in problems. A column keyed ``name`` holds the
    subjects' names for people and is not read. Without any key row, the first sheet is read
    from row 1, which says what is wrong with its header.
    """
    sheets = workbooks.read_sheets(path)
    file = str(path)
    for sheet in sheets:
        found = workbooks.key_row(sheet, WORKBOOK_KEYS)
        if found is not None and sheet.cell(found, 0).strip() == SUBJECT_COLUMN:
            break
    else:
        sheet, found = sheets[0], 1
    labels = sheet.rows[found - 2] if found > 1 else ()
    indicators = {i.id for d in scheme.dimensions for i in d.indicators}
    layout = SheetLayout(
        place=f"sheet {sheet.name}, ",
        first_row=found,
        labels=tuple(labels),
        ignored=frozenset({NAME_COLUMN} - indicators),
        odd=sheet.odd,
    )
    header, *data = sheet.rows[found - 1 :] or [()]
    # A workbook keeps no empty cells at a row's end; as in a CSV file, a column the header
    # names holds an empty cell (a missing value) in every row that does not fill it.
    rows = [header, *(row + ("",) * (len(header) - len(row)) for row in data)]
    return values_from_rows(rows, file, scheme, subjects, layout=layout)
