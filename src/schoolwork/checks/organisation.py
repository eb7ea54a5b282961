"""Checks of the school's unit tree and its people."""

from __future__ import annotations

from collections.abc import Iterable

from schoolwork.checks.ids import duplicate_ids
from schoolwork.checks.references import Directory, unit_kind
from schoolwork.errors import Problem, a
from schoolwork.labels import label
from schoolwork.organisation import ROLE_UNIT_KINDS, RoleKind, UnitKind
from schoolwork.workspace import LoadedWorkspace

# Where each kind of unit may hang; a kind missing here may hang anywhere.
_PARENT_KINDS: dict[UnitKind, frozenset[UnitKind]] = {
    UnitKind.CLASS: frozenset({UnitKind.GRADE}),
    UnitKind.PREP_GROUP: frozenset({UnitKind.RESEARCH_GROUP, UnitKind.GRADE}),
}

PERSON = ("a person", "人员")
UNIT = ("a unit", "单位")


def kinds_named(kinds: Iterable[UnitKind]) -> tuple[str, str]:
    """``("grade or research_group", "级部或教研组")``: unit kinds as problems name them."""
    ordered = sorted(kinds, key=lambda k: k.value)
    return " or ".join(k.value for k in ordered), "或".join(label(k, "zh") for k in ordered)


def check_ids(loaded: LoadedWorkspace) -> Iterable[Problem]:
    ws, file = loaded.workspace, loaded.file("school")
    yield from duplicate_ids(file, "units", ws.units, ("unit", "单位"))
    yield from duplicate_ids(file, "people", ws.people, ("person", "人员"))
    for index, unit in enumerate(ws.units):
        if unit.id == ws.school.id:
            yield Problem(
                file,
                f"units[{index}].id",
                "an id other than the school's",
                repr(unit.id),
                expected_zh="与学校编号不同的编号",
            )


def check_unit_references(loaded: LoadedWorkspace) -> Iterable[Problem]:
    ws, file = loaded.workspace, loaded.file("school")
    directory = Directory(ws)
    units = {u.id: u for u in ws.units}
    people = {p.id: p for p in ws.people}
    for index, unit in enumerate(ws.units):
        here = f"units[{index}]"
        if unit.parent is not None:
            parent = units.get(unit.parent)
            if parent is None:
                yield directory.wrong(file, f"{here}.parent", unit.parent, UNIT, units)
            elif unit.kind in _PARENT_KINDS and parent.kind not in _PARENT_KINDS[unit.kind]:
                kinds, kinds_zh = kinds_named(_PARENT_KINDS[unit.kind])
                yield Problem(
                    file,
                    f"{here}.parent",
                    f"{a(kinds)} for {unit_kind(unit.kind)}",
                    f"{unit.parent!r}, {unit_kind(parent.kind)}, not {a(kinds)}",
                    expected_zh=f"{kinds_zh}（{label(unit.kind, 'zh')}须挂在{kinds_zh}之下，"
                    f"{unit.parent} 是{label(parent.kind, 'zh')}）",
                )
        elif unit.kind in _PARENT_KINDS:
            kinds, kinds_zh = kinds_named(_PARENT_KINDS[unit.kind])
            yield Problem(
                file,
                f"{here}.parent",
                f"{a(kinds)} for {unit_kind(unit.kind)}",
                "nothing",
                expected_zh=f"{kinds_zh}（{label(unit.kind, 'zh')}须挂在{kinds_zh}之下）",
            )
        for key in ("leader", "supervisor"):
            person_id = getattr(unit, key)
            if person_id is None:
                continue
            person = people.get(person_id)
            if person is None:
                yield directory.wrong(file, f"{here}.{key}", person_id, PERSON, people)
            elif not person.active:
                yield left(file, f"{here}.{key}", person_id)


def left(file: str, path: str, person_id: str) -> Problem:
    """The problem of a reference to someone who has left the school."""
    return Problem(
        file,
        path,
        "a person still at the school",
        f"{person_id!r}, who left",
        expected_zh="仍在岗的人员",
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
                    expected_zh="最终归于学校的上级链（不能循环）",
                )
                break
            path.append(current)
            current = parents[current]
        settled.update(path)


def check_people(loaded: LoadedWorkspace) -> Iterable[Problem]:
    ws, file = loaded.workspace, loaded.file("school")
    directory = Directory(ws)
    units = {u.id: u for u in ws.units}
    people = {p.id for p in ws.people}
    for index, person in enumerate(ws.people):
        here = f"people[{index}]"
        for u_index, unit_id in enumerate(person.units):
            if unit_id not in units:
                yield directory.wrong(file, f"{here}.units[{u_index}]", unit_id, UNIT, units)
        for r_index, role in enumerate(person.roles):
            at = f"{here}.roles[{r_index}]"
            kinds = ROLE_UNIT_KINDS.get(role.kind)
            if kinds is not None:
                names, names_zh = kinds_named(kinds)
                if role.unit is None:
                    post = label(role.kind, "zh")
                    yield Problem(
                        file,
                        f"{at}.unit",
                        f"the {names} this post is held in",
                        "nothing",
                        expected_zh=f"{post}所在的{names_zh}",
                    )
                elif role.unit not in units or units[role.unit].kind not in kinds:
                    accepted = [u.id for u in ws.units if u.kind in kinds]
                    wanted = (a(names), names_zh)
                    yield directory.wrong(file, f"{at}.unit", role.unit, wanted, accepted)
            elif role.unit is not None and role.unit not in units:
                yield directory.wrong(file, f"{at}.unit", role.unit, UNIT, units)
            if role.kind is RoleKind.VICE_PRINCIPAL and not role.area:
                yield Problem(
                    file,
                    f"{at}.area",
                    "the area this vice principal is in charge of",
                    "nothing",
                    expected_zh="该分管校长分管的领域（如 教学、德育与安全）",
                )
        if person.mentor is not None:
            if person.mentor == person.id:
                yield Problem(
                    file,
                    f"{here}.mentor",
                    "another person",
                    "the person themself",
                    expected_zh="另一位人员（不能是本人）",
                )
            elif person.mentor not in people:
                yield directory.wrong(file, f"{here}.mentor", person.mentor, PERSON, people)
