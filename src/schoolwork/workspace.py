"""A school workspace: a folder of files loaded into one typed :class:`Workspace`.

Each part of a workspace lives in its own file, named by the part and written in TOML or JSON
(``school.toml`` or ``school.json``); records are CSV files under ``records/``. Only ``school``
is required. Reading collects every problem of every file before failing; validation (in
:mod:`schoolwork.checks`, run by the job) then checks what types cannot (references, cycles,
dates) and reports all of it the same way.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from schoolwork import converter, record_files, sources
from schoolwork.atomic import staged
from schoolwork.calendar import SchoolCalendar
from schoolwork.errors import Problem, WorkspaceError
from schoolwork.goals import DevelopmentPlan, Goal
from schoolwork.grid import Grid
from schoolwork.organisation import Person, RoleKind, School, Unit, UnitKind
from schoolwork.plugins import hookimpl
from schoolwork.projects import Project, SourceDocument
from schoolwork.records import (
    CORE_KINDS,
    Activity,
    Honour,
    Incident,
    Inspection,
    RecordBook,
    RecordKind,
)
from schoolwork.results import Subject
from schoolwork.scheme import Scheme, SchemeSource, SubjectKind
from schoolwork.values import VALUES_DIR, ValuesCache

FORMATS = ("toml", "json")


@attrs.frozen
class SchoolDocument:
    """What ``school.toml`` holds: the school, its calendar, its unit tree and its people."""

    school: School
    calendar: SchoolCalendar = SchoolCalendar()
    units: tuple[Unit, ...] = ()
    people: tuple[Person, ...] = ()


@attrs.frozen
class WorkspaceFile:
    """One TOML or JSON file of a workspace: its name without extension and what it holds."""

    stem: str
    document: type[Any]
    required: bool = False


@attrs.frozen
class SchemesDocument:
    """What ``schemes.toml`` holds: the school's evaluation schemes."""

    schemes: tuple[Scheme, ...] = ()


@attrs.frozen
class GoalsDocument:
    """What ``goals.toml`` holds: development plans and the goals decomposed from them."""

    plans: tuple[DevelopmentPlan, ...] = ()
    goals: tuple[Goal, ...] = ()


@attrs.frozen
class GridsDocument:
    """What ``grids.toml`` holds: the responsibility grids (网格)."""

    grids: tuple[Grid, ...] = ()


@attrs.frozen
class ProjectsDocument:
    """What ``projects.toml`` holds: source documents and the projects they brought."""

    sources: tuple[SourceDocument, ...] = ()
    projects: tuple[Project, ...] = ()


WORKSPACE_FILES: tuple[WorkspaceFile, ...] = (
    WorkspaceFile("school", SchoolDocument, required=True),
    WorkspaceFile("goals", GoalsDocument),
    WorkspaceFile("grids", GridsDocument),
    WorkspaceFile("projects", ProjectsDocument),
    WorkspaceFile("schemes", SchemesDocument),
)
"""Every TOML or JSON file a workspace may have, in the order they are read and written."""


@attrs.frozen
class Workspace:
    """Everything known about one school, gathered from the workspace's files."""

    school: School
    calendar: SchoolCalendar = SchoolCalendar()
    units: tuple[Unit, ...] = ()
    people: tuple[Person, ...] = ()
    plans: tuple[DevelopmentPlan, ...] = ()
    goals: tuple[Goal, ...] = ()
    grids: tuple[Grid, ...] = ()
    sources: tuple[SourceDocument, ...] = ()
    projects: tuple[Project, ...] = ()
    schemes: tuple[Scheme, ...] = ()
    records: RecordBook = RecordBook()

    @property
    def honours(self) -> tuple[Honour, ...]:
        return self.records.honours

    @property
    def activities(self) -> tuple[Activity, ...]:
        return self.records.activities

    @property
    def inspections(self) -> tuple[Inspection, ...]:
        return self.records.inspections

    @property
    def incidents(self) -> tuple[Incident, ...]:
        return self.records.incidents

    def subjects(self, kind: SubjectKind) -> tuple[Subject, ...]:
        """Every subject of ``kind``: active teachers, or the units of that kind, or the school."""
        return subjects_for(kind, self)

    def unit(self, unit_id: str) -> Unit:
        """The unit with ``unit_id``; ``KeyError`` if there is none."""
        for unit in self.units:
            if unit.id == unit_id:
                return unit
        raise KeyError(f"no unit {unit_id!r}")

    def person(self, person_id: str) -> Person:
        """The person with ``person_id``; ``KeyError`` if there is none."""
        for person in self.people:
            if person.id == person_id:
                return person
        raise KeyError(f"no person {person_id!r}")

    def scheme(self, scheme_id: str) -> Scheme:
        """The scheme with ``scheme_id``; ``KeyError`` naming the known ones otherwise."""
        for scheme in self.schemes:
            if scheme.id == scheme_id:
                return scheme
        known = ", ".join(s.id for s in self.schemes) or "none"
        raise KeyError(f"no scheme {scheme_id!r} (known: {known})")

    def children(self, unit_id: str | None) -> tuple[Unit, ...]:
        """The units directly under ``unit_id`` (``None`` or the school's id: the top level)."""
        parent = None if unit_id == self.school.id else unit_id
        return tuple(u for u in self.units if u.parent == parent)

    def ancestors(self, unit_id: str) -> Iterator[str]:
        """The ids above ``unit_id``, nearest first, ending with the school's id.

        Stops at a unit already seen, so a tree with a cycle (reported by validation) still ends.
        """
        parents = {u.id: u.parent for u in self.units}
        seen = {unit_id}
        current = parents.get(unit_id)
        while current is not None and current not in seen:
            yield current
            seen.add(current)
            current = parents.get(current)
        yield self.school.id

    def is_within(self, unit_id: str, container_id: str) -> bool:
        """Whether ``unit_id`` is ``container_id`` or under it; all units are within the school."""
        return unit_id == container_id or container_id in self.ancestors(unit_id)


# Posts that make a person a teacher for a teacher scheme.
TEACHING_ROLES = frozenset(
    {RoleKind.TEACHER, RoleKind.HEAD_TEACHER, RoleKind.GRADE_DIRECTOR, RoleKind.GROUP_LEADER}
)

_UNIT_KINDS = {
    SubjectKind.CLASS: UnitKind.CLASS,
    SubjectKind.GRADE: UnitKind.GRADE,
    SubjectKind.OFFICE: UnitKind.OFFICE,
}


def subjects_for(kind: SubjectKind, workspace: Workspace) -> tuple[Subject, ...]:
    """Every subject of ``kind`` in ``workspace``: active teachers, or units of that kind."""
    if kind is SubjectKind.TEACHER:
        return tuple(
            Subject(p.id, p.name, kind)
            for p in workspace.people
            if p.active and not TEACHING_ROLES.isdisjoint([role.kind for role in p.roles])
        )
    if kind is SubjectKind.SCHOOL:
        return (Subject(workspace.school.id, workspace.school.name, kind),)
    unit_kind = _UNIT_KINDS[kind]
    return tuple(Subject(u.id, u.name, kind) for u in workspace.units if u.kind is unit_kind)


@attrs.frozen
class LoadedWorkspace:
    """A workspace and the files it was read from, so that problems can name them.

    ``kinds`` are the record kinds it was read with (the core's and the plugins'); ``schemes``
    every scheme it can evaluate, the workspace's and the plugins', each with its origin.
    """

    workspace: Workspace
    root: Path
    files: Mapping[str, Path]
    record_rows: Mapping[str, tuple[int, ...]] = attrs.field(factory=dict)
    kinds: tuple[RecordKind, ...] = CORE_KINDS
    schemes: tuple[SchemeSource, ...] = ()
    # The values files as the checks parsed them, for evaluating without parsing them again.
    values: ValuesCache = attrs.field(factory=ValuesCache, eq=False, repr=False)

    def row(self, file: str, index: int) -> str:
        """Where the ``index``-th record of records file ``file`` stands in it: ``row 5``."""
        numbers = self.record_rows.get(file)
        return f"row {numbers[index]}" if numbers else f"row {index + 2}"

    def file(self, stem: str) -> str:
        """The file that holds part or records file ``stem``, as problems name it."""
        if stem in self.files:
            return str(self.files[stem])
        for kind in self.kinds:
            if kind.file == stem:
                return str(record_files.path_of(self.root, kind))
        return str(self.root / f"{stem}.toml")

    def kind(self, name: str) -> RecordKind:
        """The record kind called ``name``; ``KeyError`` naming the known ones otherwise."""
        for kind in self.kinds:
            if kind.name == name:
                return kind
        known = ", ".join(k.name for k in self.kinds)
        raise KeyError(f"no record kind {name!r} (known: {known})")


def read(root: Path, kinds: Sequence[RecordKind] = CORE_KINDS) -> LoadedWorkspace:
    """Read every file of the workspace in ``root``; raise with every problem found in them.

    This checks types and keys only; :func:`schoolwork.open` also validates.
    """
    loaded, problems = read_all(root, kinds)
    if problems or loaded is None:
        raise WorkspaceError(problems)
    return loaded


def read_documents(root: Path) -> tuple[dict[str, Any], dict[str, Path], list[Problem]]:
    """The TOML or JSON files of ``root``: their fields, the files, and their problems.

    A file is absent only if nothing at all is at its path: a folder, a link or a file that
    cannot be read in its place is a problem naming it (see :mod:`schoolwork.sources`).
    """
    if not sources.exists(root):
        raise WorkspaceError(
            [Problem(str(root), "", "a workspace folder", "nothing", expected_zh="工作区文件夹")]
        )
    unusable = sources.folder_problems(root, "workspace files", "工作区文件")
    if unusable:
        raise WorkspaceError(unusable)
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    files: dict[str, Path] = {}
    for part in WORKSPACE_FILES:
        candidates = [root / f"{part.stem}.{fmt}" for fmt in FORMATS]
        present = [path for path in candidates if sources.exists(path)]
        if len(present) > 1:
            names = " and ".join(p.name for p in present)
            problems.append(
                Problem(
                    str(root),
                    "",
                    f"one {part.stem} file",
                    f"both {names}",
                    expected_zh=f"只有一个 {part.stem} 文件",
                )
            )
            continue
        if not present:
            if part.required:
                expected = f"a file {part.stem}.toml (or {part.stem}.json)"
                expected_zh = f"文件 {part.stem}.toml（或 {part.stem}.json）"
                problems.append(
                    Problem(str(root), "", expected, "no such file", expected_zh=expected_zh)
                )
            continue
        path = present[0]
        files[part.stem] = path
        try:
            document = _read_document(path, part.document, required=part.required)
        except WorkspaceError as exc:
            problems.extend(exc.problems)
            continue
        values.update({f.name: getattr(document, f.name) for f in attrs.fields(part.document)})
    return values, files, problems


def read_all(
    root: Path, kinds: Sequence[RecordKind] = CORE_KINDS
) -> tuple[LoadedWorkspace | None, list[Problem]]:
    """The workspace as far as it can be read, and the problems of reading it.

    Records whose rows are bad are read without those rows, so that the rest can still be
    checked; any other bad file leaves nothing to check.
    """
    values, files, problems = read_documents(root)
    if problems:
        # Records do not need the other files: their problems are told in the same pass.
        return None, problems + sheet_problems(root, kinds)
    return with_records(values, files, root, kinds)


def sheet_problems(root: Path, kinds: Sequence[RecordKind] = CORE_KINDS) -> list[Problem]:
    """The problems of reading the record files of ``root`` and of its values folder, for when
    the rest of the workspace cannot be read."""
    return record_files.read(root, kinds).problems + _values_folder_problems(root)


def with_records(
    values: Mapping[str, Any], files: Mapping[str, Path], root: Path, kinds: Sequence[RecordKind]
) -> tuple[LoadedWorkspace, list[Problem]]:
    """The workspace of ``values`` (from :func:`read_documents`) with its records read."""
    records = record_files.read(root, kinds)
    workspace = Workspace(**values, records=records.book)
    loaded = LoadedWorkspace(
        workspace, root, {**files, **records.files}, records.rows, tuple(kinds)
    )
    return loaded, records.problems + _values_folder_problems(root)


def _values_folder_problems(root: Path) -> list[Problem]:
    # Values are read when a scheme is evaluated; a folder that is not one is told once, here.
    return sources.folder_problems(root / VALUES_DIR, "values files", "指标原始数据文件")


def _read_document(path: Path, document: type[Any], *, required: bool = True) -> Any:
    file = str(path)
    text = sources.text(sources.read_bytes(path), file)
    if not text.strip():
        raise WorkspaceError([_empty(file, document, required=required)])
    try:
        data = converter.loads(text, converter.format_of(path), file=file)
    except RecursionError:  # nested deeper than the parser's stack, far over the limit
        raise WorkspaceError([sources.too_deep(file)]) from None
    if not isinstance(data, dict):
        raise WorkspaceError(
            [
                Problem(
                    file,
                    "",
                    "a table at the top level",
                    type(data).__name__,
                    expected_zh="最外层是一个表",
                )
            ]
        )
    too_deep = sources.nesting_problem(data, file)
    if too_deep is not None:
        raise WorkspaceError([too_deep])
    return converter.structure(data, document, file=file)


def _empty(file: str, document: type[Any], *, required: bool) -> Problem:
    keys = ", ".join(f.name for f in attrs.fields(document))
    keys_zh = "、".join(f.name for f in attrs.fields(document))
    if required:
        return sources.empty_file(file, f"the keys {keys}", f"包含 {keys_zh} 等内容的文件")
    return sources.empty_file(
        file,
        f"the keys {keys} (or no such file, if there are none)",
        f"包含 {keys_zh} 等内容的文件（若没有这些内容，删掉此文件）",
    )


def read_schemes(path: str | Path) -> tuple[Scheme, ...]:
    """The schemes of a TOML or JSON file written like ``schemes.toml`` (``[[schemes]]``).

    For a plugin that keeps its scheme in a file of its own: a mistake in it raises
    :class:`~schoolwork.WorkspaceError` naming the file and the path inside it.
    """
    document: SchemesDocument = _read_document(Path(path), SchemesDocument)
    return document.schemes


def documents(workspace: Workspace) -> Iterator[tuple[WorkspaceFile, Any]]:
    """Each file's document built from ``workspace``; optional files only when not empty."""
    for part in WORKSPACE_FILES:
        names = [f.name for f in attrs.fields(part.document)]
        document = part.document(**{name: getattr(workspace, name) for name in names})
        if part.required or document != part.document(**_empty_values(part.document)):
            yield part, document


def _empty_values(document: type[Any]) -> dict[str, Any]:
    return {f.name: f.default for f in attrs.fields(document) if f.default is not attrs.NOTHING}


def save(
    workspace: Workspace, root: Path, fmt: str = "toml", kinds: Sequence[RecordKind] = CORE_KINDS
) -> list[Path]:
    """Write ``workspace`` into ``root`` as one file per part; return the files written.

    Records are written as CSV under ``records/`` whatever ``fmt`` is. The files land together
    or not at all (:func:`schoolwork.atomic.staged`): a failure on any of them (a folder in the
    way, a full disk) leaves every file under ``root`` as it was. Files of parts that
    ``workspace`` leaves empty are not written (and not removed if present).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    files = {
        Path(f"{part.stem}.{fmt}"): converter.dumps(document, fmt).encode("utf-8")
        for part, document in documents(workspace)
    }
    files.update(record_files.sheets(workspace.records, kinds))
    with staged(root) as stage:
        return [stage.write(name, data) for name, data in files.items()]


@hookimpl(tryfirst=True)
def schoolwork_schemes(workspace: Workspace) -> tuple[Scheme, ...]:
    """The workspace's own schemes (``schemes.toml``), first among every plugin's."""
    return workspace.schemes
