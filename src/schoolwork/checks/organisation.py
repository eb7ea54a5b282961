"""Checks of the school's unit tree and its people."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from schoolwork.errors import Problem, a, describe
from schoolwork.organisation import ROLE_UNIT_KINDS, RoleKind, UnitKind
from schoolwork.workspace import LoadedWorkspace

# Where each kind of unit may hang; a kind missing here may hang anywhere.
_PARENT_KINDS: dict[UnitKind, frozenset[UnitKind]] = {
    UnitKind.CLASS: frozenset({UnitKind.GRADE}),
    UnitKind.PREP_GROUP: frozenset({UnitKind.RESEARCH_GROUP, UnitKind.GRADE}),
}


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


def duplicate_ids(file: str, key: str, items: Sequence[_HasId], what: str) -> Iterator[Problem]:
    """A problem for every item whose id an earlier item of ``items`` already has."""
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.id in first:
            yield Problem(
                file,
                f"{key}[{index}].id",
                f"an id no other {what} has",
                f"{item.id!r}, the id of {key}[{first[item.id]}] too",
            )
        else:
            first[item.id] = index


def check_ids(loaded: LoadedWorkspace) -> Iterable[Problem]:
    ws, file = loaded.workspace, loaded.file("school")
    yield from duplicate_ids(file, "units", ws.units, "unit")
    yield from duplicate_ids(file, "people", ws.people, "person")
    for index, unit in enumerate(ws.units):
        if unit.id == ws.school.id:
            yield Problem(
                file, f"units[{index}].id", "an id other than the school's", repr(unit.id)
            )


def check_unit_references(loaded: LoadedWorkspace) -> Iterable[Problem]:
    ws, file = loaded.workspace, loaded.file("school")
    units = {u.id: u for u in ws.units}
    people = {p.id: p for p in ws.people}
    for index, unit in enumerate(ws.units):
        here = f"units[{index}]"
        if unit.parent is not None:
            parent = units.get(unit.parent)
            if parent is None:
                yield Problem(file, f"{here}.parent", "the id of a unit", _unknown(unit.parent))
            elif unit.kind in _PARENT_KINDS and parent.kind not in _PARENT_KINDS[unit.kind]:
                kinds = " or ".join(sorted(k.value for k in _PARENT_KINDS[unit.kind]))
                yield Problem(
                    file,
                    f"{here}.parent",
                    f"{a(kinds)} for {a(unit.kind.value)}",
                    f"{unit.parent!r}, {a(parent.kind.value)}",
                )
        elif unit.kind in _PARENT_KINDS:
            kinds = " or ".join(sorted(k.value for k in _PARENT_KINDS[unit.kind]))
            yield Problem(file, f"{here}.parent", f"{a(kinds)} for {a(unit.kind.value)}", "nothing")
        for key in ("leader", "supervisor"):
            person_id = getattr(unit, key)
            if person_id is None:
                continue
            person = people.get(person_id)
            if person is None:
                yield Problem(file, f"{here}.{key}", "the id of a person", _unknown(person_id))
            elif not person.active:
                yield Problem(
                    file,
                    f"{here}.{key}",
                    "a person still at the school",
                    f"{person_id!r}, who left",
                )


def check_unit_tree(loaded: LoadedWorkspace) -> Iterable[Problem]:
    ws, file = loaded.workspace, loaded.file("school")
    parents = {u.id: u.parent for u in ws.units}
    index_of = {u.id: i for i, u in reversed(list(enumerate(ws.units)))}
    settled: set[str] = set()  # units known to reach the school, or already reported
    for unit in ws.units:
        path: list[str] = []
        current: str | None = unit.id
        while current is not None and current not in settled and current in parents:
            if current in path:
                cycle = path[path.index(current) :]
                start = min(cycle, key=lambda uid: index_of[uid])
                loop = cycle[cycle.index(start) :] + cycle[: cycle.index(start)] + [start]
                yield Problem(
                    file,
                    f"units[{index_of[start]}].parent",
                    "a chain of parents that ends at the school",
                    "a cycle " + " → ".join(loop),
                )
                break
            path.append(current)
            current = parents[current]
        settled.update(path)


def check_people(loaded: LoadedWorkspace) -> Iterable[Problem]:
    ws, file = loaded.workspace, loaded.file("school")
    units = {u.id: u for u in ws.units}
    people = {p.id for p in ws.people}
    for index, person in enumerate(ws.people):
        here = f"people[{index}]"
        for u_index, unit_id in enumerate(person.units):
            if unit_id not in units:
                yield Problem(
                    file, f"{here}.units[{u_index}]", "the id of a unit", _unknown(unit_id)
                )
        for r_index, role in enumerate(person.roles):
            at = f"{here}.roles[{r_index}]"
            kinds = ROLE_UNIT_KINDS.get(role.kind)
            if kinds is not None:
                names = " or ".join(sorted(k.value for k in kinds))
                if role.unit is None:
                    yield Problem(
                        file, f"{at}.unit", f"the {names} this post is held in", "nothing"
                    )
                elif role.unit not in units:
                    yield Problem(file, f"{at}.unit", f"the id of {a(names)}", _unknown(role.unit))
                elif units[role.unit].kind not in kinds:
                    found = f"{role.unit!r}, {a(units[role.unit].kind.value)}"
                    yield Problem(file, f"{at}.unit", f"the id of {a(names)}", found)
            elif role.unit is not None and role.unit not in units:
                yield Problem(file, f"{at}.unit", "the id of a unit", _unknown(role.unit))
            if role.kind is RoleKind.VICE_PRINCIPAL and not role.area:
                yield Problem(
                    file, f"{at}.area", "the area this vice principal is in charge of", "nothing"
                )
        if person.mentor is not None:
            if person.mentor == person.id:
                yield Problem(file, f"{here}.mentor", "another person", "the person themself")
            elif person.mentor not in people:
                yield Problem(file, f"{here}.mentor", "the id of a person", _unknown(person.mentor))


def _unknown(value: object) -> str:
    return f"{describe(value)}, which no entry has"
