"""A school workspace: a folder of files loaded into one typed :class:`Workspace`.

Each *part* of a workspace lives in its own file, named by the part and written in TOML or JSON
(``school.toml`` or ``school.json``). Only ``school`` is required. Loading collects every
problem of every file before failing; validation then checks what types cannot (references,
cycles, dates) and reports all of it the same way.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from schoolwork import converter, record_files
from schoolwork.atomic import write_text
from schoolwork.calendar import SchoolCalendar
from schoolwork.evaluation.scheme import Scheme
from schoolwork.goals import DevelopmentPlan, Goal
from schoolwork.grid import Grid
from schoolwork.organisation import Person, School, Unit
from schoolwork.problems import Problem, WorkspaceError
from schoolwork.projects import Project, SourceDocument
from schoolwork.records import Activity, Honour, Incident, Inspection

if TYPE_CHECKING:
    from schoolwork.plugins import PluginHost

FORMATS = ("toml", "json")


@attrs.frozen
class SchoolDocument:
    """What ``school.toml`` holds: the school, its calendar, its unit tree and its people."""

    school: School
    calendar: SchoolCalendar = SchoolCalendar()
    units: tuple[Unit, ...] = ()
    people: tuple[Person, ...] = ()


@attrs.frozen
class Part:
    """One file of a workspace: its name without extension and the document it holds."""

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


PARTS: tuple[Part, ...] = (
    Part("school", SchoolDocument, required=True),
    Part("goals", GoalsDocument),
    Part("grids", GridsDocument),
    Part("projects", ProjectsDocument),
    Part("schemes", SchemesDocument),
)
"""Every part a workspace may have, in the order they are loaded and written."""


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
    honours: tuple[Honour, ...] = ()
    activities: tuple[Activity, ...] = ()
    inspections: tuple[Inspection, ...] = ()
    incidents: tuple[Incident, ...] = ()

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


@attrs.frozen
class LoadedWorkspace:
    """A workspace and the files it was read from, so that problems can name them."""

    workspace: Workspace
    root: Path
    files: Mapping[str, Path]
    record_rows: Mapping[str, tuple[int, ...]] = attrs.field(factory=dict)
    plugin_schemes: tuple[Scheme, ...] = ()  # schemes plugins provide for this workspace

    def row(self, stem: str, index: int) -> str:
        """Where the ``index``-th record of ``stem`` stands in its file: ``row 5``."""
        numbers = self.record_rows.get(stem)
        return f"row {numbers[index]}" if numbers else f"row {index + 2}"

    def file(self, stem: str) -> str:
        """The file that holds part ``stem``, as problems name it."""
        if stem in self.files:
            return str(self.files[stem])
        if stem in {spec.stem for spec in record_files.FILES}:
            return str(self.root / record_files.RECORDS_DIR / f"{stem}.csv")
        return str(self.root / f"{stem}.toml")


def read(root: Path) -> LoadedWorkspace:
    """Read every part of the workspace in ``root``; raise with every problem found in them.

    This checks types and keys only; :func:`load` also validates.
    """
    loaded, problems = _read(root)
    if problems or loaded is None:
        raise WorkspaceError(problems)
    return loaded


def _read(root: Path) -> tuple[LoadedWorkspace | None, list[Problem]]:
    """The workspace as far as it can be read, and the problems of reading it.

    Records whose rows are bad are read without those rows, so that the rest can still be
    checked; any other bad file leaves nothing to check.
    """
    if not root.is_dir():
        found = "a file" if root.exists() else "nothing"
        raise WorkspaceError([Problem(str(root), "", "a workspace folder", found)])
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    files: dict[str, Path] = {}
    for part in PARTS:
        candidates = [root / f"{part.stem}.{fmt}" for fmt in FORMATS]
        present = [path for path in candidates if path.is_file()]
        if len(present) > 1:
            names = " and ".join(p.name for p in present)
            problems.append(Problem(str(root), "", f"one {part.stem} file", f"both {names}"))
            continue
        if not present:
            if part.required:
                expected = f"a file {part.stem}.toml (or {part.stem}.json)"
                problems.append(Problem(str(root), "", expected, "no such file"))
            continue
        path = present[0]
        files[part.stem] = path
        try:
            document = _read_document(path, part.document)
        except WorkspaceError as exc:
            problems.extend(exc.problems)
            continue
        values.update({f.name: getattr(document, f.name) for f in attrs.fields(part.document)})
    if problems:
        return None, problems
    records = record_files.read(root)
    values.update(records.values)
    files.update(records.files)
    loaded = LoadedWorkspace(Workspace(**values), root, files, records.rows)
    return loaded, records.problems


def load(root: Path, host: PluginHost | None = None) -> LoadedWorkspace:
    """Read and validate the workspace in ``root``; raise with every problem if it is not sound.

    With a plugin ``host``, the plugins' ``schoolwork_checks`` run beside the core's checks.
    """
    from schoolwork.checks import check  # checks import the models; import late to stay acyclic

    loaded, problems = _read(root)
    if loaded is None:
        raise WorkspaceError(problems)
    if host is not None:
        # Values files may belong to a plugin's scheme; checks need to know those schemes.
        provided = host.call("schoolwork_schemes", workspace=loaded.workspace)
        schemes = tuple(s for _, found in provided for s in found if isinstance(s, Scheme))
        loaded = attrs.evolve(loaded, plugin_schemes=schemes)
    problems += check(loaded)
    if host is not None:
        problems += [p for _, found in host.call("schoolwork_checks", loaded=loaded) for p in found]
    if problems:
        raise WorkspaceError(problems)
    return loaded


def _read_document(path: Path, document: type[Any]) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        found = f"a byte that is not UTF-8 at offset {exc.start}"
        raise WorkspaceError([Problem(str(path), "", "UTF-8 text", found)]) from None
    data = converter.loads(text, converter.format_of(path), file=str(path))
    if not isinstance(data, dict):
        raise WorkspaceError(
            [Problem(str(path), "", "a table at the top level", type(data).__name__)]
        )
    return converter.structure(data, document, file=str(path))


def documents(workspace: Workspace) -> Iterator[tuple[Part, Any]]:
    """Each part's document built from ``workspace``; optional parts only when not empty."""
    for part in PARTS:
        names = [f.name for f in attrs.fields(part.document)]
        document = part.document(**{name: getattr(workspace, name) for name in names})
        if part.required or document != part.document(**_empty_values(part.document)):
            yield part, document


def _empty_values(document: type[Any]) -> dict[str, Any]:
    return {f.name: f.default for f in attrs.fields(document) if f.default is not attrs.NOTHING}


def save(workspace: Workspace, root: Path, fmt: str = "toml") -> list[Path]:
    """Write ``workspace`` into ``root`` as one file per part; return the files written.

    Records are written as CSV under ``records/`` whatever ``fmt`` is. Each file is written
    atomically. Files of parts that ``workspace`` leaves empty are not written (and not removed
    if present).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    written = []
    for part, document in documents(workspace):
        path = root / f"{part.stem}.{fmt}"
        write_text(path, converter.dumps(document, fmt))
        written.append(path)
    return written + record_files.save(workspace, root)
