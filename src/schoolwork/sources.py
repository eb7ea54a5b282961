"""Reading a workspace's files safely: from a path to its bytes, its text, a sheet's rows.

Whatever is at a workspace path is read or refused with a problem naming it: a folder, a link
that loops or leads nowhere, a pipe or a device, a file schoolwork may not read, a file over
:data:`MAX_FILE_BYTES`. Only a path with nothing at all is absent, so nothing that is there is
ever skipped as if it were not.

Text is UTF-8, with or without a byte-order mark. Anything else is refused at the line (in a
sheet: the row and column) of its first byte that is not UTF-8, with how to save it as UTF-8;
GBK and GB18030, as Chinese Excel saves "CSV (逗号分隔)", are named as such but not guessed at,
since almost any bytes decode as GB18030 and a guess would turn a damaged file into wrong text.

Sheets (CSV) are read as RFC 4180 writes them: a cell that opens with a quote ends at its
closing quote. A quote left open would swallow every row after it, so it is refused where it
opens, as is a cell over :data:`MAX_CELL_CHARS`. TOML and JSON nest at most :data:`MAX_DEPTH`
levels. The limits and the encodings are documented in docs/workspace-format.md.
"""

from __future__ import annotations

import bisect
import codecs
import csv
import difflib
import errno
import io
import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

from schoolwork.errors import Problem, WorkspaceError

MAX_FILE_BYTES = 32 * 1024 * 1024
"""The largest file read (32 MiB); a workspace's files are a few hundred KiB at most."""

MAX_CELL_CHARS = 131_072
"""The longest cell of a sheet (Python's csv limit; Excel's own is 32,767 characters)."""

MAX_DEPTH = 32
"""The deepest nesting of tables and lists in a TOML or JSON file (the deepest real one is 11)."""

_EXCEL_HINT = (
    "in Excel: 另存为 › CSV UTF-8(逗号分隔); in WPS or any other program: "
    "open it in Notepad (记事本), 另存为, 编码 UTF-8"
)
_EXCEL_HINT_ZH = (
    "Excel：另存为 › “CSV UTF-8(逗号分隔)”；WPS 等其他软件：用记事本打开，另存为，编码选 UTF-8"
)
_TEXT_HINT = "save it as UTF-8, e.g. in Notepad (记事本): 另存为, 编码 UTF-8"
_TEXT_HINT_ZH = "请另存为 UTF-8，例如用记事本打开，另存为，编码选 UTF-8"

# The message CPython's csv gives when the text ends inside a quoted cell (strict mode only);
# csv has no error codes, and this one must be told from the errors that have a position.
_OPEN_AT_END = "unexpected end of data"


def exists(path: Path) -> bool:
    """Whether anything is at ``path``: a file, a folder, or a link, even one leading nowhere.

    A path that cannot even be looked at (its folder may not be read) counts as there, so that
    reading it reports why instead of skipping it.
    """
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return True
    return True


def is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder (or a link to one) whose files can be listed."""
    try:
        with os.scandir(path):
            return True
    except OSError:
        return False


def folder_problems(path: Path, holds: str, holds_zh: str) -> list[Problem]:
    """Nothing if ``path`` is absent or a folder that can be listed; else what is wrong with it.

    ``holds`` says what the folder is for: ``"CSV files of records"``.
    """
    if not exists(path):
        return []
    expected, expected_zh = f"a folder of {holds}", f"存放{holds_zh}的文件夹"
    if not path.is_dir():
        found = _what_is_at(path)
        return [Problem(str(path), "", expected, found, expected_zh=expected_zh)]
    try:
        with os.scandir(path):
            pass
    except OSError as exc:
        found = _os_error(path, exc)
        return [Problem(str(path), "", expected, found, expected_zh=expected_zh)]
    return []


def read_bytes(path: Path) -> bytes:
    """The bytes of the regular file at ``path``, following links; raise naming what is wrong.

    The file is opened before it is looked at, so that a pipe never blocks and a file swapped
    in between is still the one checked.
    """
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _unreadable(path, _os_error(path, exc)) from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise _unreadable(path, _not_a_file(status.st_mode))
        if status.st_size > MAX_FILE_BYTES:
            raise _too_large(path, status.st_size)
        with open(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _unreadable(path, _os_error(path, exc)) from None
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:  # it grew since it was looked at
        raise _too_large(path, len(data))
    return data


def _too_large(path: Path, size: int) -> WorkspaceError:
    return WorkspaceError(
        [
            Problem(
                str(path),
                "",
                f"a file of at most {MAX_FILE_BYTES:,} bytes (32 MiB)",
                f"{size:,} bytes",
                expected_zh=f"不超过 {MAX_FILE_BYTES:,} 字节（32 MiB）的文件",
            )
        ]
    )


def _unreadable(path: Path, found: str) -> WorkspaceError:
    return WorkspaceError(
        [Problem(str(path), "", "a file schoolwork can read", found, expected_zh="可读取的文件")]
    )


def _what_is_at(path: Path) -> str:
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return _os_error(path, exc)
    return "a file" if stat.S_ISREG(mode) else _not_a_file(mode)


def _not_a_file(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe, not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    return "a device, not a file"


def _os_error(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a link that loops back on itself"
    if isinstance(exc, FileNotFoundError) and path.is_symlink():
        return f"a link to {os.readlink(path)}, which does not exist"
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "a folder"
    if isinstance(exc, PermissionError):
        what = "a folder" if path.is_dir() else "a file"
        return f"{what} schoolwork may not read (permission denied)"
    return exc.strerror or type(exc).__name__


def text(data: bytes, file: str, *, sheet: bool = False) -> str:
    """``data`` decoded as UTF-8, a byte-order mark dropped; raise naming the first bad byte.

    The place is a line, or in a ``sheet`` the row and column as a spreadsheet shows them.
    """
    hint, hint_zh = (_EXCEL_HINT, _EXCEL_HINT_ZH) if sheet else (_TEXT_HINT, _TEXT_HINT_ZH)
    expected, expected_zh = f"UTF-8 text ({hint})", f"UTF-8 编码的文本（{hint_zh}）"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        found = "UTF-16 text (Excel's 'Unicode 文本')"
        raise WorkspaceError([Problem(file, "line 1", expected, found, expected_zh=expected_zh)])
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
    line = body.count(b"\n", 0, bad) + 1
    found = f"the byte 0x{body[bad]:02X}, which is not UTF-8"
    place = f"line {line}"
    if sheet:
        row, column = _sheet_place(body[:bad].decode("utf-8"))
        place = f"row {row}, column {column}"
        if row != line:  # a cell of several lines before it
            found += f", on line {line}"
    if _decodes(body, "gb18030"):
        found += " (the file looks saved as GBK/GB18030)"
    raise WorkspaceError([Problem(file, place, expected, found, expected_zh=expected_zh)])


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _sheet_place(before: str) -> tuple[int, str]:
    """The row and column of a sheet where the text after ``before`` starts."""
    # A plain character appended lands in the cell the next byte would have been in.
    try:
        rows = list(csv.reader(io.StringIO(before + "?", newline="")))
    except csv.Error:  # a cell over the limit before it: the row is still known from lines
        return before.count("\n") + 1, "1"
    header = rows[0] if len(rows) > 1 else []
    return len(rows), column_name(header, len(rows[-1]) - 1)


def column_name(header: Sequence[str], index: int) -> str:
    """A column as problems name it: its header, or its position (from 1) if it has none."""
    name = header[index].strip() if index < len(header) else ""
    return name or str(index + 1)


def sheet_rows(text: str, file: str) -> list[list[str]]:
    """The rows of CSV ``text``, header first, a blank line an empty row (as spreadsheets count).

    A quote left open, text after a closing quote, or a cell over :data:`MAX_CELL_CHARS` is
    refused with its row, line and column; nothing after it is read.
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    start = 1  # the line the next row starts on
    try:
        for cells in reader:
            rows.append(cells)
            start = reader.line_num + 1
    except csv.Error as exc:
        problem = _broken_cell(text, file, rows, start, reader.line_num, str(exc))
        raise WorkspaceError([problem]) from None
    for number, cells in enumerate(rows, start=1):
        # Another library may have raised csv's own limit for the whole process.
        if max(map(len, cells), default=0) > MAX_CELL_CHARS:
            index = next(i for i, cell in enumerate(cells) if len(cell) > MAX_CELL_CHARS)
            header = rows[0] if number > 1 else []
            place = f"row {number}, column {column_name(header, index)}"
            found = f"a cell of {len(cells[index]):,} characters"
            raise WorkspaceError([_long_cell(file, place, found)])
    return rows


def _long_cell(file: str, place: str, found: str) -> Problem:
    return Problem(
        file,
        place,
        f"a cell of at most {MAX_CELL_CHARS:,} characters",
        found,
        expected_zh=f"不超过 {MAX_CELL_CHARS:,} 个字符的单元格",
    )


def _broken_cell(
    text: str, file: str, rows: list[list[str]], start: int, end: int, message: str
) -> Problem:
    lines = io.StringIO(text, newline="").readlines()
    record = "".join(lines[start - 1 : end])
    if message == _OPEN_AT_END:
        index = len(_first_row(record)) - 1
    else:
        # The shortest start of the row that fails fails at the cell to blame.
        failing = bisect.bisect_left(range(len(record) + 1), True, key=lambda k: _fails(record[:k]))
        index = max(len(_first_row(record[: failing - 1])) - 1, 0)
    header = rows[0] if rows else []
    place = f"row {len(rows) + 1}, column {column_name(header, index)}"
    span = f"line {start}" if end <= start else f"lines {start} to {end}"
    if message == _OPEN_AT_END:
        return Problem(
            file,
            place,
            'a cell that opens with a quote (") to close with one',
            f"a quote opened on line {start} and left open to the end of the file",
            expected_zh='以引号（"）开头、也以引号结束的单元格',
        )
    if "field limit" in message:
        found = f"a longer cell on {span}"
        if end > start:
            found += " (is a quote left open?)"
        return _long_cell(file, place, found)
    return Problem(
        file,
        place,
        'a cell that opens with a quote (") to end at its closing quote '
        '(a quote inside it is written twice: "")',
        f"text after the closing quote on line {end}",
        expected_zh='以引号（"）开头、到结束引号为止的单元格（单元格内的引号要写两遍：""）',
    )


def _first_row(text: str) -> list[str]:
    try:
        return next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error:  # only locating a fault already found: the first column will do
        return []


def _fails(text: str) -> bool:
    """Whether strict csv fails inside ``text``; ending inside a quote is not failing here."""
    try:
        for _ in csv.reader(io.StringIO(text, newline=""), strict=True):
            pass
    except csv.Error as exc:
        return str(exc) != _OPEN_AT_END
    return False


def nesting_problem(data: object, file: str) -> Problem | None:
    """The first place in parsed TOML or JSON ``data`` nested over :data:`MAX_DEPTH` levels."""
    # Only tables and lists are walked, and a place is spelled out only for the one too deep:
    # every school's files pass through here.
    stack: list[tuple[object, int, tuple[str | int, ...]]] = [(data, 1, ())]
    while stack:
        value, depth, segments = stack.pop()
        if depth > MAX_DEPTH:
            return too_deep(file, _spelled(segments))
        items: Iterable[tuple[str | int, object]] = ()
        if isinstance(value, dict):
            items = value.items()
        elif isinstance(value, list):
            items = enumerate(value)
        stack.extend(
            (item, depth + 1, (*segments, key))
            for key, item in items
            if isinstance(item, dict | list)
        )
    return None


def _spelled(segments: tuple[str | int, ...]) -> str:
    """``goals[2].indicators`` for ``("goals", 2, "indicators")``."""
    path = ""
    for segment in segments:
        if isinstance(segment, int):
            path += f"[{segment}]"
        else:
            path = f"{path}.{segment}" if path else segment
    return path


def too_deep(file: str, path: str = "") -> Problem:
    """The problem of a file nested deeper than :data:`MAX_DEPTH` (at ``path`` if known)."""
    return Problem(
        file,
        path,
        f"tables and lists nested at most {MAX_DEPTH} levels deep",
        "deeper nesting",
        expected_zh=f"表与列表的嵌套不超过 {MAX_DEPTH} 层",
    )


ID_CUTOFF = 0.8
"""How close a misspelt id must be to a known one to be suggested (difflib's ratio)."""


def suggestion(word: str, choices: Iterable[str], *, cutoff: float = 0.6) -> tuple[str, str]:
    """`` (did you mean 'date'?)`` in English and Chinese for the choice closest to ``word``;
    empty when none is close. Ids of one pattern (``class-1-1``, ``class-9-9``) are all alike,
    so they want a higher ``cutoff`` than names do, or every wrong id gets a wrong suggestion.
    """
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    if not close:
        return "", ""
    return f" (did you mean {close[0]!r}?)", f"（是不是 {close[0]}？）"


def empty_file(file: str, holds: str, holds_zh: str) -> Problem:
    """The problem of a file with nothing in it (or only spaces and a byte-order mark)."""
    return Problem(file, "", holds, "an empty file", expected_zh=holds_zh)
