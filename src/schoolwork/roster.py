"""A staff roster (教职工花名册) from a spreadsheet, into ``school.toml``'s ``[[people]]``.

A school keeps its staff list in Excel; retyping it as TOML is where ids and names go wrong.
A roster is an .xlsx workbook or a CSV file with a header row and one row per person:

============  ===========  ===========================================================
column        also         holds
============  ===========  ===========================================================
``工号``      ``id``       the staff id (required)
``姓名``      ``name``     the name (required)
``岗位``      ``roles``    posts, separated by 、 or ; : ``班主任（四年级七班）、教师``
``部门``      ``units``    units by name or id, separated the same way
``学科``      ``subject``  the subject taught
``在岗``      ``active``   是 or 否 (also true/false, 1/0)
============  ===========  ===========================================================

Rows above the header (a title such as 2024年教职工花名册) are skipped. A post is a role's
Chinese name or its id (``head_teacher``), with the unit it is held in (by name or id) or, for a
vice principal, the area in charge, in brackets; a post that needs a unit and has none takes
the one unit of the right kind in the row's 部门.

Importing adds people whose id is new and updates those whose id is known: a filled cell
states that field whole (every post, every unit), an empty cell or a missing column leaves it
as it is, and people the roster does not list are left alone. Every bad cell is a problem
naming the file, (sheet,) row and column; a staff id listed twice is refused, and so is a new
person who shares a name with someone else, unless the school says they are two people.
``school.toml`` is edited, not rewritten: the tables of people who change are replaced and new
ones are added at the end, and everything else, comments included, stays as it was
(:func:`school_text`).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import tomli_w

from schoolwork import converter, sources, workbooks
from schoolwork.errors import Problem, WorkspaceError
from schoolwork.labels import Lang, label
from schoolwork.organisation import ROLE_UNIT_KINDS, Person, Role, RoleKind, Unit
from schoolwork.workspace import SchoolDocument, Workspace

SUFFIXES = (".xlsx", ".csv")


@attrs.frozen
class Column:
    """A roster column: the field it fills, its Chinese and English headers, its meaning."""

    field: str
    zh: str
    en: str
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("id", "工号", "id", required=True),
    Column("name", "姓名", "name", required=True),
    Column("roles", "岗位", "roles"),
    Column("units", "部门", "units"),
    Column("subject", "学科", "subject"),
    Column("active", "在岗", "active"),
)
HEADERS = {name: column for column in COLUMNS for name in (column.zh, column.en)}
_ID_HEADERS = frozenset({COLUMNS[0].zh, COLUMNS[0].en})

# Other names schools give a post, beside each role's own label and id.
ROLE_NAMES: dict[str, RoleKind] = {
    "校长": RoleKind.PRINCIPAL,
    "书记": RoleKind.PARTY_SECRETARY,
    "副校长": RoleKind.VICE_PRINCIPAL,
    "分管校长": RoleKind.VICE_PRINCIPAL,
    "处室主任": RoleKind.OFFICE_DIRECTOR,
    "级部主任": RoleKind.GRADE_DIRECTOR,
    "班主任": RoleKind.HEAD_TEACHER,
    "组长": RoleKind.GROUP_LEADER,
    "教师": RoleKind.TEACHER,
    "职工": RoleKind.STAFF,
    "教研组长": RoleKind.GROUP_LEADER,
    "备课组长": RoleKind.GROUP_LEADER,
    "年级主任": RoleKind.GRADE_DIRECTOR,
    "主任": RoleKind.OFFICE_DIRECTOR,
    "任课教师": RoleKind.TEACHER,
    "工勤": RoleKind.STAFF,
}
YES = frozenset({"是", "在岗", "true", "yes", "1", "y"})
NO = frozenset({"否", "离职", "离岗", "false", "no", "0", "n"})

_SEPARATORS = "、,，;；"
# A post: a name, then what it is held in, in brackets of either width.
_POST = re.compile(r"\s*([^（(）)]+?)\s*(?:[（(]\s*([^）)]*?)\s*[）)])?\s*$")


@attrs.frozen
class RosterRow:
    """One person's row: where it stands and its cells by field (only the columns present)."""

    number: int
    cells: Mapping[str, str]


@attrs.frozen
class Roster:
    """A roster as read: its file, the place prefix of its sheet, its columns, its rows."""

    file: str
    place: str
    headers: Mapping[str, str]  # field → the header as the file writes it
    rows: tuple[RosterRow, ...]

    def where(self, row: int, field: str | None = None) -> str:
        """A place in the roster as problems name it: ``sheet 名单, row 4, column 岗位``."""
        if field is None:
            return f"{self.place}row {row}"
        return f"{self.place}row {row}, column {self.headers[field]}"


@attrs.frozen
class Change:
    """What the import does to one person: ``add`` or ``update``, and each field that changes
    as (field, before, after), in the roster's notation."""

    action: str
    id: str
    name: str
    fields: tuple[tuple[str, str, str], ...]


@attrs.frozen
class RosterPlan:
    """The people after the import, and what changed."""

    people: tuple[Person, ...]
    changes: tuple[Change, ...]
    unchanged: int


# -- reading -----------------------------------------------------------------------------------


def read_roster(path: Path) -> Roster:
    """The roster at ``path`` (.xlsx or .csv), its header checked; raise naming every problem."""
    file = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise WorkspaceError(
            [
                Problem(
                    file,
                    "",
                    "a roster saved as .xlsx or .csv",
                    repr(path.suffix or path.name),
                    expected_zh="另存为 .xlsx 或 .csv 的花名册",
                )
            ]
        )
    place = ""
    odd: Mapping[tuple[int, int], workbooks.OddCell] = {}
    if suffix == ".csv":
        text = sources.text(sources.read_bytes(path), file, sheet=True)
        rows: Sequence[Sequence[str]] = sources.sheet_rows(text, file)
        first = _header_row(rows)
    else:
        sheets = workbooks.read_sheets(path)
        sheet = next((s for s in sheets if workbooks.key_row(s, _ID_HEADERS)), sheets[0])
        rows, place, odd = sheet.rows, f"sheet {sheet.name}, ", sheet.odd
        first = workbooks.key_row(sheet, _ID_HEADERS) or _header_row(rows)
    if not rows or not any(cell.strip() for row in rows for cell in row):
        raise WorkspaceError(
            [
                Problem(
                    file,
                    f"{place}row 1",
                    "a header row with 工号 and 姓名 (or id and name), then a row per person",
                    "an empty file" if not place else "an empty sheet",
                    expected_zh="含“工号”“姓名”的表头行，其下每人一行",
                )
            ]
        )
    header = [cell.strip() for cell in rows[first - 1]]
    fields, problems = _columns(header, file, f"{place}row {first}")
    headers = {field: header[index] for index, field in fields.items()}
    found = []
    for number, row in enumerate(rows[first:], start=first + 1):
        if not any(cell.strip() for cell in row):
            continue
        cells = {
            field: row[index].strip() if index < len(row) else "" for index, field in fields.items()
        }
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            problems.append(
                Problem(
                    file,
                    f"{place}row {number}",
                    f"{len(header)} cells like the header",
                    str(len(row)),
                    expected_zh=f"与表头一样的 {len(header)} 个单元格",
                )
            )
        for index, field in fields.items():
            cell = odd.get((number, index))
            if cell is not None and cell.kind == workbooks.FORMULA:
                expected, expected_zh = workbooks.odd_cell_expectation(cell.kind)
                where = f"{place}row {number}, column {headers[field]}"
                problems.append(Problem(file, where, expected, cell.found, expected_zh=expected_zh))
        found.append(RosterRow(number, cells))
    if problems:
        raise WorkspaceError(problems)
    return Roster(file, place, headers, tuple(found))


def _header_row(rows: Sequence[Sequence[str]]) -> int:
    """The row holding 工号 (or id) among the first ten, else the first row with anything."""
    for number, row in enumerate(rows[:10], start=1):
        if any(cell.strip() in _ID_HEADERS for cell in row):
            return number
    return next((n for n, row in enumerate(rows, start=1) if any(c.strip() for c in row)), 1)


def _columns(header: Sequence[str], file: str, row: str) -> tuple[dict[int, str], list[Problem]]:
    """The field of each column by index, and the header's problems."""
    fields: dict[int, str] = {}
    problems: list[Problem] = []
    known = "、".join(f"{c.zh}（{c.en}）" for c in COLUMNS)
    known_en = ", ".join(f"{c.zh} ({c.en})" for c in COLUMNS)
    seen: dict[str, int] = {}
    for index, name in enumerate(header):
        if not name:
            continue
        where = f"{row}, column {sources.column_name(header, index)}"
        column = HEADERS.get(name)
        if column is None:
            hint, hint_zh = sources.suggestion(name, HEADERS)
            problems.append(
                Problem(
                    file,
                    where,
                    f"a roster column: {known_en}{hint}",
                    repr(name),
                    expected_zh=f"花名册的列：{known}{hint_zh}",
                )
            )
            continue
        if column.field in seen:
            problems.append(
                Problem(
                    file,
                    where,
                    "each column once",
                    f"columns {seen[column.field] + 1} and {index + 1} both {column.zh}",
                    expected_zh="每一列只出现一次",
                )
            )
            continue
        seen[column.field] = index
        fields[index] = column.field
    for column in COLUMNS:
        if column.required and column.field not in seen:
            problems.append(
                Problem(
                    file,
                    row,
                    f"a column {column.zh} (or {column.en})",
                    "none",
                    expected_zh=f"“{column.zh}”列（或 {column.en}）",
                )
            )
    return fields, problems


# -- merging into the people -------------------------------------------------------------------


def plan_import(roster: Roster, workspace: Workspace, *, same_name: bool = False) -> RosterPlan:
    """The people of ``workspace`` with ``roster`` imported; raise naming every bad cell.

    ``same_name`` says that a new person who shares a name with another is a second person.
    """
    units = _UnitIndex(workspace.units)
    problems: list[Problem] = []
    people = list(workspace.people)
    index = {person.id: i for i, person in enumerate(people)}
    seen: dict[str, int] = {}
    names: dict[str, str] = {p.name: p.id for p in workspace.people}
    changes: list[Change] = []
    touched: set[str] = set()
    for row in roster.rows:
        parsed = _person_fields(row, roster, units, problems)
        person_id = row.cells.get("id", "")
        if not person_id or (person_id not in index and "name" not in parsed):
            # Every row names its person; a new one needs a name too (a known one keeps its).
            field = "name" if person_id else "id"
            problems.append(
                Problem(
                    roster.file,
                    roster.where(row.number, field),
                    "a staff id" if field == "id" else f"the name of the new person {person_id}",
                    "an empty cell",
                    expected_zh="工号" if field == "id" else f"新增人员 {person_id} 的姓名",
                )
            )
            continue
        if person_id in seen:
            problems.append(
                Problem(
                    roster.file,
                    roster.where(row.number, "id"),
                    f"a staff id listed once (also on row {seen[person_id]})",
                    repr(person_id),
                    expected_zh=f"每个工号只出现一次（第 {seen[person_id]} 行也是它）",
                )
            )
            continue
        seen[person_id] = row.number
        name = parsed.get("name")
        if person_id not in index and isinstance(name, str):
            other = names.get(name)
            if other is not None and other != person_id and not same_name:
                problems.append(
                    Problem(
                        roster.file,
                        roster.where(row.number, "name"),
                        f"a name no one else has ({other} is {name} too; if they are two "
                        "people, import with --same-name)",
                        repr(name),
                        expected_zh=f"与他人不重名的姓名（{other} 也叫{name}；"
                        "确是两个人时，导入时加 --same-name）",
                    )
                )
                continue
            names[name] = person_id
        if person_id in index:
            before = people[index[person_id]]
            after = attrs.evolve(before, **parsed)
            if after != before:
                people[index[person_id]] = after
                changes.append(_change("update", before, after, units))
            touched.add(person_id)
        else:
            after = Person(id=person_id, **parsed)
            index[person_id] = len(people)
            people.append(after)
            changes.append(_change("add", None, after, units))
    if problems:
        raise WorkspaceError(problems)
    unchanged = len(touched) - sum(c.action == "update" for c in changes)
    return RosterPlan(tuple(people), tuple(changes), unchanged)


class _UnitIndex:
    """The school's units by id and by name, for cells that may give either.

    A name two units share, or one that is another unit's id, is no way to name a unit: such
    a unit is found, and written, by its id only.
    """

    def __init__(self, units: Iterable[Unit]) -> None:
        self.units = tuple(units)
        self.by_key = {u.id: u for u in self.units}
        names = Counter(u.name for u in self.units)
        for unit in self.units:
            if names[unit.name] == 1 and unit.name not in self.by_key:
                self.by_key[unit.name] = unit

    def find(self, text: str) -> Unit | None:
        return self.by_key.get(text)

    def hint(self, text: str) -> tuple[str, str]:
        return sources.suggestion(text, self.by_key)

    def name(self, unit_id: str) -> str:
        """How a roster names the unit: its name where that names it alone, else its id."""
        unit = self.by_key.get(unit_id)
        if unit is None or self.by_key.get(unit.name) is not unit:
            return unit_id
        return unit.name


def _split(text: str) -> list[str]:
    """Items of a cell separated by 、 , ; (full or half width), brackets kept whole."""
    items, depth, current = [], 0, ""
    for char in text:
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth = max(depth - 1, 0)
        if char in _SEPARATORS and depth == 0:
            items.append(current.strip())
            current = ""
        else:
            current += char
    items.append(current.strip())
    return [item for item in items if item]


def _person_fields(
    row: RosterRow, roster: Roster, units: _UnitIndex, problems: list[Problem]
) -> dict[str, Any]:
    """The fields a row states (its non-empty cells), each checked; problems are collected."""
    fields: dict[str, Any] = {}
    cells = row.cells
    if cells.get("name"):
        fields["name"] = cells["name"]
    if cells.get("subject"):
        fields["subject"] = cells["subject"]
    row_units: list[str] = []
    if cells.get("units"):
        for item in _split(cells["units"]):
            unit = units.find(item)
            if unit is None:
                hint, hint_zh = units.hint(item)
                problems.append(
                    Problem(
                        roster.file,
                        roster.where(row.number, "units"),
                        "a unit of the school, by name or id" + hint,
                        repr(item),
                        expected_zh="学校的部门（名称或 id）" + hint_zh,
                    )
                )
            elif unit.id not in row_units:
                row_units.append(unit.id)
        fields["units"] = tuple(row_units)
    if cells.get("roles"):
        roles = [
            _role(item, row, roster, units, row_units, problems) for item in _split(cells["roles"])
        ]
        fields["roles"] = tuple(r for r in roles if r is not None)
    if cells.get("active"):
        answer = cells["active"].lower()
        if answer in YES or answer in NO:
            fields["active"] = answer in YES
        else:
            problems.append(
                Problem(
                    roster.file,
                    roster.where(row.number, "active"),
                    "是 or 否 (true or false)",
                    repr(cells["active"]),
                    expected_zh="“是”或“否”",
                )
            )
    return fields


def role_kind(text: str) -> RoleKind | None:
    """The role a post's name means: its label (班主任), its id (head_teacher), a synonym."""
    for kind in RoleKind:
        if text in (kind.value, label(kind, "zh"), label(kind, "en")):
            return kind
    return ROLE_NAMES.get(text)


def _role(
    item: str,
    row: RosterRow,
    roster: Roster,
    units: _UnitIndex,
    row_units: Sequence[str],
    problems: list[Problem],
) -> Role | None:
    where = roster.where(row.number, "roles")
    match = _POST.match(item)
    kind = role_kind(match.group(1)) if match else None
    if match is None or kind is None:
        names = "、".join(dict.fromkeys([label(k, "zh") for k in RoleKind] + list(ROLE_NAMES)))
        ids = ", ".join(k.value for k in RoleKind)
        hint, hint_zh = sources.suggestion(
            match.group(1) if match else item,
            [label(k, "zh") for k in RoleKind] + list(ROLE_NAMES) + [k.value for k in RoleKind],
        )
        problems.append(
            Problem(
                roster.file,
                where,
                f"a post: {ids}, or its Chinese name{hint}",
                repr(item),
                expected_zh=f"岗位：{names}{hint_zh}",
            )
        )
        return None
    within = match.group(2) or ""
    post = label(kind, "zh")
    if kind is RoleKind.VICE_PRINCIPAL:
        if not within:
            problems.append(
                Problem(
                    roster.file,
                    where,
                    "a vice principal's area in brackets, e.g. 副校长（教学）",
                    repr(item),
                    expected_zh="副校长在括号中写分管领域，如“副校长（教学）”",
                )
            )
            return None
        return Role(kind, area=within)
    allowed = ROLE_UNIT_KINDS.get(kind)
    if allowed is None:
        if within:
            problems.append(
                Problem(
                    roster.file,
                    where,
                    f"{kind.value} without a unit in brackets",
                    repr(item),
                    expected_zh=f"“{post}”不带括号中的部门",
                )
            )
            return None
        return Role(kind)
    kinds = "、".join(label(k, "zh") for k in sorted(allowed))
    kinds_en = " or ".join(k.value for k in sorted(allowed))
    if not within:
        fitting = [u for u in row_units if units.find(u) and units.by_key[u].kind in allowed]
        if len(fitting) == 1:
            return Role(kind, unit=fitting[0])
        problems.append(
            Problem(
                roster.file,
                where,
                f"the {kinds_en} the post is held in, in brackets, e.g. {post}（…）",
                repr(item),
                expected_zh=f"括号中写明岗位所在的{kinds}，如“{post}（…）”",
            )
        )
        return None
    unit = units.find(within)
    if unit is None or unit.kind not in allowed:
        hint, hint_zh = sources.suggestion(
            within, [u.name for u in units.units if u.kind in allowed]
        )
        found = repr(within) if unit is None else f"{within!r}, a {unit.kind.value}"
        problems.append(
            Problem(
                roster.file,
                where,
                f"{a_or_an(kinds_en)} of the school for {kind.value}{hint}",
                found,
                expected_zh=f"“{post}”所在的{kinds}（名称或 id）{hint_zh}",
            )
        )
        return None
    return Role(kind, unit=unit.id)


def a_or_an(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


# -- what changes, in words --------------------------------------------------------------------


def _change(action: str, before: Person | None, after: Person, units: _UnitIndex) -> Change:
    fields = []
    for field in ("name", "roles", "units", "subject", "active"):
        old = _shown(field, before, units) if before is not None else ""
        new = _shown(field, after, units)
        if old != new:
            fields.append((field, old, new))
    return Change(action, after.id, after.name, tuple(fields))


def _shown(field: str, person: Person, units: _UnitIndex) -> str:
    """A field as the roster writes it (the zh notation), for the list of changes."""
    if field == "roles":
        return "、".join(post(role, units.name) for role in person.roles)
    if field == "units":
        return "、".join(units.name(u) for u in person.units)
    if field == "active":
        return "是" if person.active else "否"
    value = getattr(person, field)
    return "" if value is None else str(value)


def post(role: Role, unit_name: Any = str) -> str:
    """A post as a roster cell writes it: 班主任（四年级七班）, 副校长（教学）, 教师."""
    name = label(role.kind, "zh")
    within = role.area if role.unit is None else unit_name(role.unit)
    return f"{name}（{within}）" if within else name


def roster_rows(workspace: Workspace, lang: Lang = "zh") -> list[list[str]]:
    """The people of ``workspace`` as a roster: the header, then a row per person, in the
    notation :func:`plan_import` reads, so that importing them back changes nothing."""
    units = _UnitIndex(workspace.units)
    rows = [[field_name(c.field, lang) for c in COLUMNS]]
    for person in workspace.people:
        rows.append(
            [person.id, person.name]
            + [_shown(field, person, units) for field in ("roles", "units", "subject", "active")]
        )
    return rows


def roster_csv(workspace: Workspace, lang: Lang = "zh") -> bytes:
    """The roster of ``workspace`` as CSV, UTF-8 with the byte-order mark Excel looks for."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(roster_rows(workspace, lang))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def field_name(field: str, lang: Lang) -> str:
    """The roster column of ``field``: 岗位, or roles in English."""
    column = next(c for c in COLUMNS if c.field == field)
    return column.zh if lang == "zh" else column.en


# -- writing school.toml -----------------------------------------------------------------------

_TABLE = re.compile(r"^\s*\[")
_PEOPLE = re.compile(r"^\s*\[\[\s*people\s*\]\]\s*(#.*)?$")


def school_text(path: Path, document: SchoolDocument) -> tuple[str, bool]:
    """The text of the school file at ``path`` holding ``document``, and whether its layout
    was kept.

    A TOML file keeps every line outside the ``[[people]]`` tables that change: those are
    replaced in place and new people are added at the end. The result is read back and must
    give ``document``; a file laid out otherwise (people as an inline array, say), and a JSON
    file, are written whole in schoolwork's own layout instead, without their comments.
    """
    text = sources.text(sources.read_bytes(path), str(path))
    fmt = converter.format_of(path)
    if fmt == "toml":
        edited = _edited(text, document)
        if edited is not None and _reads_as(edited, document, str(path)):
            return edited, True
    return converter.dumps(document, fmt), False


def _reads_as(text: str, document: SchoolDocument, file: str) -> bool:
    try:
        data = converter.loads(text, "toml", file=file)
        return bool(converter.structure(data, SchoolDocument, file=file) == document)
    except (WorkspaceError, ValueError):
        return False


def _edited(text: str, document: SchoolDocument) -> str | None:
    """``text`` with its people's tables replaced where they differ, new ones appended."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if _PEOPLE.match(line)]
    try:
        data = converter.loads(text, "toml", file="school.toml")
    except WorkspaceError:
        return None
    old = data.get("people", [])
    if not isinstance(old, list) or len(starts) != len(old):
        return None
    blocks = [(start, _block_end(lines, start)) for start in starts]
    people = document.people
    for (start, end), before, after in reversed(
        list(zip(blocks, old, people[: len(old)], strict=False))
    ):
        if converter.structure(before, Person, file="school.toml") != after:
            lines[start:end] = [_table(after)]
    added = people[len(old) :]
    if added:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        lines += ["\n" + _table(person) for person in added]
    return "".join(lines)


def _block_end(lines: Sequence[str], start: int) -> int:
    """Where the table that opens at ``start`` ends: before the next table, less the blank
    lines and comments that lead into it."""
    end = next((i for i in range(start + 1, len(lines)) if _TABLE.match(lines[i])), len(lines))
    while end > start + 1 and (
        not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")
    ):
        end -= 1
    return end


def _table(person: Person) -> str:
    """A ``[[people]]`` table, one key a line, lists on one line, as the sample writes them."""
    data = converter.unstructure(person)
    return "[[people]]\n" + "".join(f"{key} = {_inline(value)}\n" for key, value in data.items())


def _inline(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_inline(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_inline(v)}" for k, v in value.items()) + " }"
    # tomli_w quotes and escapes a single value; take it back out of its one-key document.
    return str(tomli_w.dumps({"v": value})).removeprefix("v = ").rstrip("\n")
