"""Checks of grids and projects: owners for every cell, legal project states, complete plans
with their references, amounts and currencies."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from decimal import Decimal

from schoolwork.checks.ids import duplicate_ids
from schoolwork.checks.organisation import PERSON, left
from schoolwork.checks.references import Directory
from schoolwork.converter import did_you_mean
from schoolwork.errors import Problem, describe
from schoolwork.organisation import Person, UnitKind
from schoolwork.plans import Plan5W2H
from schoolwork.projects import ProjectState
from schoolwork.workspace import LoadedWorkspace

CURRENCIES = ("CNY", "HKD", "MOP", "TWD", "USD", "EUR", "GBP", "JPY", "KRW", "AUD", "CAD", "SGD")
"""The ISO 4217 codes a budget may be written in (docs/workspace-format.md): the four of
Greater China and those a Chinese school meets in exchanges and purchases abroad."""

# What schools write for renminbi instead of its ISO 4217 code.
_RENMINBI = ("RMB", "人民币", "元", "¥", "￥")

ZERO = Decimal(0)
OFFICE = ("an office", "处室")


def check_grids(loaded: LoadedWorkspace) -> Iterable[Problem]:
    ws, file = loaded.workspace, loaded.file("grids")
    directory = Directory(ws)
    people = {p.id: p for p in ws.people}
    yield from duplicate_ids(file, "grids", ws.grids, ("grid", "网格"))
    for g_index, grid in enumerate(ws.grids):
        here = f"grids[{g_index}]"
        yield from _person(file, f"{here}.leader", grid.leader, people, directory)
        yield from duplicate_ids(
            file, f"{here}.duties", grid.duties, ("duty of the grid", "本网格职责")
        )
        duties = {d.id: d.name for d in grid.duties}
        for c_index, cell in enumerate(grid.cells):
            at = f"{here}.cells[{c_index}]"
            if cell.scope not in grid.scopes:
                hint, hint_zh = did_you_mean(cell.scope, grid.scopes)
                yield Problem(
                    file,
                    f"{at}.scope",
                    "one of the grid's scopes: " + ", ".join(grid.scopes) + hint,
                    repr(cell.scope),
                    expected_zh="本网格的范围之一：" + "、".join(grid.scopes) + hint_zh,
                )
            if cell.duty not in duties:
                hint, hint_zh = did_you_mean(cell.duty, duties)
                yield Problem(
                    file,
                    f"{at}.duty",
                    "one of the grid's duties: " + ", ".join(duties) + hint,
                    repr(cell.duty),
                    expected_zh="本网格的职责之一：" + "、".join(duties) + hint_zh,
                )
            yield from _person(file, f"{at}.owner", cell.owner, people, directory)
            if cell.backup is not None:
                yield from _person(file, f"{at}.backup", cell.backup, people, directory)
                if cell.backup == cell.owner:
                    yield Problem(
                        file,
                        f"{at}.backup",
                        "someone other than the owner",
                        repr(cell.backup),
                        expected_zh="负责人以外的另一人（B角）",
                    )
        for scope, duty in grid.gaps():
            yield Problem(
                file,
                f"{here}.cells",
                f"an owner for {scope} / {duties[duty]} (分工到人)",
                "nothing",
                expected_zh=f"{scope} / {duties[duty]} 的负责人（分工到人）",
            )
        for (scope, duty), owners in grid.double_owners().items():
            found = "several: " + ", ".join(owners)
            name = duties.get(duty, duty)
            yield Problem(
                file,
                f"{here}.cells",
                f"one owner for {scope} / {name}",
                found,
                expected_zh=f"{scope} / {name} 只有一位负责人",
            )
        for person, count in grid.overloads().items():
            yield Problem(
                file,
                f"{here}.cells",
                f"at most {grid.load_limit} cells for one person (load_limit)",
                f"{count} for {person}",
                expected_zh=f"每人至多 {grid.load_limit} 个职责格（load_limit）",
            )


def _person(
    file: str, path: str, person_id: str, people: Mapping[str, Person], directory: Directory
) -> Iterator[Problem]:
    person = people.get(person_id)
    if person is None:
        yield directory.wrong(file, path, person_id, PERSON, people)
    elif not person.active:
        yield left(file, path, person_id)


def check_projects(loaded: LoadedWorkspace) -> Iterable[Problem]:
    ws, file = loaded.workspace, loaded.file("projects")
    directory = Directory(ws)
    people = {p.id: p for p in ws.people}
    offices = {u.id for u in ws.units if u.kind is UnitKind.OFFICE}
    sources = {s.id for s in ws.sources}
    goals = {g.id for g in ws.goals}
    yield from duplicate_ids(file, "sources", ws.sources, ("source document", "来源文件"))
    yield from duplicate_ids(file, "projects", ws.projects, ("project", "项目"))
    for index, project in enumerate(ws.projects):
        here = f"projects[{index}]"
        if project.source is not None and project.source not in sources:
            yield _source(file, f"{here}.source", project.source, sources, directory)
        claimed = project.state is not ProjectState.UNCLAIMED
        if claimed and project.lead is None:
            yield Problem(
                file,
                f"{here}.lead",
                f"the office that claimed this {project.state.value} project",
                "nothing",
                expected_zh=f"认领该项目（状态 {project.state.value}）的牵头处室",
            )
        if project.lead is not None and project.lead not in offices:
            yield directory.wrong(file, f"{here}.lead", project.lead, OFFICE, offices)
        for c_index, office in enumerate(project.collaborators):
            if office not in offices:
                at = f"{here}.collaborators[{c_index}]"
                yield directory.wrong(file, at, office, OFFICE, offices)
        planned = project.state in (
            ProjectState.PLANNED,
            ProjectState.IN_PROGRESS,
            ProjectState.CLOSED,
        )
        if planned and project.plan is None:
            yield Problem(
                file,
                f"{here}.plan",
                f"a 5W2H plan for a {project.state.value} project",
                "nothing",
                expected_zh=f"5W2H 方案（项目状态为 {project.state.value}）",
            )
        if project.plan is not None:
            references = _References(people, sources, goals, directory)
            yield from _plan(file, f"{here}.plan", project.plan, references, planned)
        if project.state is ProjectState.CLOSED and project.review is None:
            yield Problem(
                file,
                f"{here}.review",
                "a review (outcome, lessons) to close the loop",
                "nothing",
                expected_zh="总结（outcome 成效、lessons 经验），形成工作闭环",
            )


class _References:
    """What a plan's references may name."""

    def __init__(
        self,
        people: Mapping[str, Person],
        sources: Collection[str],
        goals: Collection[str],
        directory: Directory,
    ) -> None:
        self.people, self.sources, self.goals = people, sources, goals
        self.directory = directory


def _source(
    file: str, path: str, source: str, sources: Collection[str], directory: Directory
) -> Problem:
    return directory.wrong(file, path, source, ("a source document", "来源文件"), sources)


def _plan(
    file: str, here: str, plan: Plan5W2H, refs: _References, required: bool
) -> Iterator[Problem]:
    # An unusable schedule is reported at `when`, its cause, not once more as a missing When.
    missing = [part for part in plan.missing() if part != "When" or plan.when is None]
    if required and missing:
        yield Problem(
            file,
            here,
            "a complete 5W2H plan",
            "missing " + ", ".join(missing),
            expected_zh="完整的 5W2H 方案（做什么、为什么、谁负责、何时、何地、怎么做、多少）",
        )
    if plan.owner is not None:
        yield from _person(file, f"{here}.owner", plan.owner, refs.people, refs.directory)
    for p_index, person in enumerate(plan.participants):
        if person not in refs.people:
            at = f"{here}.participants[{p_index}]"
            yield refs.directory.wrong(file, at, person, PERSON, refs.people)
    if plan.goal is not None and plan.goal not in refs.goals:
        yield refs.directory.wrong(file, f"{here}.goal", plan.goal, ("a goal", "目标"), refs.goals)
    if plan.source is not None and plan.source not in refs.sources:
        yield _source(file, f"{here}.source", plan.source, refs.sources, refs.directory)
    unusable = None if plan.when is None else plan.when.problems()
    if unusable is not None:
        yield Problem(
            file,
            f"{here}.when",
            unusable[0],
            "a schedule that cannot be used",
            expected_zh=unusable[1],
        )
    if plan.budget is not None:
        if plan.budget.amount < ZERO:
            yield Problem(
                file,
                f"{here}.budget.amount",
                "an amount of at least 0",
                str(plan.budget.amount),
                expected_zh="不小于 0 的金额",
            )
        yield from _currency(file, f"{here}.budget.currency", plan.budget.currency)
    for q_index, quantity in enumerate(plan.quantities):
        if quantity.amount < ZERO:
            yield Problem(
                file,
                f"{here}.quantities[{q_index}].amount",
                "an amount of at least 0",
                str(quantity.amount),
                expected_zh="不小于 0 的数量",
            )


def _currency(file: str, path: str, currency: str) -> Iterator[Problem]:
    if currency in CURRENCIES:
        return
    if currency.strip().upper() in _RENMINBI:
        hint, hint_zh = " (did you mean 'CNY'?)", "（是不是 'CNY'？）"
    else:
        hint, hint_zh = did_you_mean(currency.upper(), CURRENCIES)
    yield Problem(
        file,
        path,
        "an ISO 4217 currency code: " + ", ".join(CURRENCIES) + hint,
        describe(currency),
        expected_zh="ISO 4217 货币代码之一：" + "、".join(CURRENCIES) + hint_zh,
    )
