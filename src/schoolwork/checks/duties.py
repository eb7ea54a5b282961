"""Checks of grids and projects: owners for every cell, legal project states, complete plans."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from schoolwork.checks.organisation import duplicate_ids
from schoolwork.errors import Problem, a, describe
from schoolwork.organisation import Person, Unit, UnitKind
from schoolwork.plans import Plan5W2H
from schoolwork.projects import ProjectState
from schoolwork.workspace import LoadedWorkspace


def _unknown(value: object) -> str:
    return f"{describe(value)}, which no entry has"


def _not_an_office(unit_id: str, units: Mapping[str, Unit]) -> str:
    """Why ``unit_id`` is no office: no unit has it, or the unit is a grade, a class, …"""
    unit = units.get(unit_id)
    return _unknown(unit_id) if unit is None else f"{describe(unit_id)}, {a(unit.kind.value)}"


def check_grids(loaded: LoadedWorkspace) -> Iterable[Problem]:
    ws, file = loaded.workspace, loaded.file("grids")
    people = {p.id: p for p in ws.people}
    yield from duplicate_ids(file, "grids", ws.grids, "grid")
    for g_index, grid in enumerate(ws.grids):
        here = f"grids[{g_index}]"
        yield from _person(file, f"{here}.leader", grid.leader, people)
        yield from duplicate_ids(file, f"{here}.duties", grid.duties, "duty of the grid")
        duties = {d.id: d.name for d in grid.duties}
        for c_index, cell in enumerate(grid.cells):
            at = f"{here}.cells[{c_index}]"
            if cell.scope not in grid.scopes:
                yield Problem(
                    file,
                    f"{at}.scope",
                    "one of the grid's scopes: " + ", ".join(grid.scopes),
                    repr(cell.scope),
                )
            if cell.duty not in duties:
                yield Problem(
                    file,
                    f"{at}.duty",
                    "one of the grid's duties: " + ", ".join(duties),
                    repr(cell.duty),
                )
            yield from _person(file, f"{at}.owner", cell.owner, people)
            if cell.backup is not None:
                yield from _person(file, f"{at}.backup", cell.backup, people)
                if cell.backup == cell.owner:
                    yield Problem(
                        file, f"{at}.backup", "someone other than the owner", repr(cell.backup)
                    )
        for scope, duty in grid.gaps():
            yield Problem(
                file,
                f"{here}.cells",
                f"an owner for {scope} / {duties[duty]} (分工到人)",
                "nothing",
            )
        for (scope, duty), owners in grid.double_owners().items():
            found = "several: " + ", ".join(owners)
            yield Problem(
                file, f"{here}.cells", f"one owner for {scope} / {duties.get(duty, duty)}", found
            )
        for person, count in grid.overloads().items():
            expected = f"at most {grid.load_limit} cells for one person (load_limit)"
            yield Problem(file, f"{here}.cells", expected, f"{count} for {person}")


def _person(
    file: str, path: str, person_id: str, people: Mapping[str, Person]
) -> Iterator[Problem]:
    person = people.get(person_id)
    if person is None:
        yield Problem(file, path, "the id of a person", _unknown(person_id))
    elif not person.active:
        yield Problem(file, path, "a person still at the school", f"{person_id!r}, who left")


def check_projects(loaded: LoadedWorkspace) -> Iterable[Problem]:
    ws, file = loaded.workspace, loaded.file("projects")
    people = {p.id: p for p in ws.people}
    units = {u.id: u for u in ws.units}
    offices = {u.id for u in ws.units if u.kind is UnitKind.OFFICE}
    sources = {s.id for s in ws.sources}
    yield from duplicate_ids(file, "sources", ws.sources, "source document")
    yield from duplicate_ids(file, "projects", ws.projects, "project")
    for index, project in enumerate(ws.projects):
        here = f"projects[{index}]"
        if project.source is not None and project.source not in sources:
            yield Problem(
                file, f"{here}.source", "the id of a source document", _unknown(project.source)
            )
        claimed = project.state is not ProjectState.UNCLAIMED
        if claimed and project.lead is None:
            yield Problem(
                file,
                f"{here}.lead",
                f"the office that claimed this {project.state.value} project",
                "nothing",
            )
        if project.lead is not None and project.lead not in offices:
            found = _not_an_office(project.lead, units)
            yield Problem(file, f"{here}.lead", "the id of an office", found)
        for c_index, office in enumerate(project.collaborators):
            if office not in offices:
                yield Problem(
                    file,
                    f"{here}.collaborators[{c_index}]",
                    "the id of an office",
                    _not_an_office(office, units),
                )
        planned = project.state in (
            ProjectState.PLANNED,
            ProjectState.IN_PROGRESS,
            ProjectState.CLOSED,
        )
        if planned and project.plan is None:
            yield Problem(
                file, f"{here}.plan", f"a 5W2H plan for a {project.state.value} project", "nothing"
            )
        if project.plan is not None:
            yield from _plan(file, f"{here}.plan", project.plan, people, sources, planned)
        if project.state is ProjectState.CLOSED and project.review is None:
            yield Problem(
                file, f"{here}.review", "a review (outcome, lessons) to close the loop", "nothing"
            )


def _plan(
    file: str,
    here: str,
    plan: Plan5W2H,
    people: Mapping[str, Person],
    sources: set[str],
    required: bool,
) -> Iterator[Problem]:
    if required and plan.missing():
        yield Problem(file, here, "a complete 5W2H plan", "missing " + ", ".join(plan.missing()))
    if plan.owner is not None:
        yield from _person(file, f"{here}.owner", plan.owner, people)
    for p_index, person in enumerate(plan.participants):
        if person not in people:
            yield Problem(
                file, f"{here}.participants[{p_index}]", "the id of a person", _unknown(person)
            )
    if plan.source is not None and plan.source not in sources:
        yield Problem(file, f"{here}.source", "the id of a source document", _unknown(plan.source))
    if plan.when is not None and plan.when.problem() is not None:
        yield Problem(
            file, f"{here}.when", str(plan.when.problem()), "a schedule that cannot be used"
        )
