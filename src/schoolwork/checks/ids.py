"""The syntax of an id, checked wherever a workspace declares one.

An id is what other entries, other files and the command line refer to, so it must survive
being typed, quoted and copied between Excel, WPS and a terminal: letters (Chinese ones
included), digits, ``_``, ``-`` and ``.``, starting with a letter or a digit, at most
:data:`MAX_ID_LENGTH` characters. A space, a control character or any other punctuation is
refused: ``"T001 "`` would otherwise be a different person from ``"T001"`` that nobody can see.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from schoolwork.errors import Problem, describe
from schoolwork.workspace import LoadedWorkspace

MAX_ID_LENGTH = 64
"""The longest id accepted, in characters."""

# \w is Unicode-aware: it takes every script's letters and digits, and _; [^\W_] drops the _.
_ID = re.compile(r"[^\W_][\w.-]*")

ID_SYNTAX = (
    f"an id of letters, digits, _, - or . (starting with a letter or a digit, "
    f"at most {MAX_ID_LENGTH} characters, no spaces)"
)
ID_SYNTAX_ZH = (
    f"由字母（含汉字）、数字、_、- 或 . 组成的编号（以字母或数字开头，"
    f"不超过 {MAX_ID_LENGTH} 个字符，不含空格）"
)


def is_id(text: str) -> bool:
    """Whether ``text`` is a well-formed id."""
    return len(text) <= MAX_ID_LENGTH and _ID.fullmatch(text) is not None


def id_problem(file: str, path: str, value: str) -> Problem | None:
    """The problem of an id declared at ``path`` in ``file``, or ``None`` if it is well formed."""
    if is_id(value):
        return None
    return Problem(file, path, ID_SYNTAX, describe(value), expected_zh=ID_SYNTAX_ZH)


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


def duplicate_ids(
    file: str, key: str, items: Sequence[_HasId], what: tuple[str, str]
) -> Iterator[Problem]:
    """A problem for every item whose id an earlier item of ``items`` already has; ``what``
    names an item in English and Chinese (``("unit", "单位")``)."""
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.id in first:
            yield Problem(
                file,
                f"{key}[{index}].id",
                f"an id no other {what[0]} has",
                f"{item.id!r}, the id of {key}[{first[item.id]}] too",
                expected_zh=f"与其他{what[1]}都不相同的编号",
            )
        else:
            first[item.id] = index


def ids_of(file: str, key: str, items: Sequence[_HasId]) -> Iterator[Problem]:
    """The problem of each malformed id among ``items``, listed at ``key`` in ``file``."""
    for index, item in enumerate(items):
        problem = id_problem(file, f"{key}[{index}].id", item.id)
        if problem is not None:
            yield problem


def check_id_syntax(loaded: LoadedWorkspace) -> Iterable[Problem]:
    """Every id the workspace's TOML or JSON files declare (records are checked with their
    rows, schemes with their schemes)."""
    ws = loaded.workspace
    school = loaded.file("school")
    problem = id_problem(school, "school.id", ws.school.id)
    if problem is not None:
        yield problem
    yield from ids_of(school, "units", ws.units)
    yield from ids_of(school, "people", ws.people)
    goals = loaded.file("goals")
    yield from ids_of(goals, "plans", ws.plans)
    yield from ids_of(goals, "goals", ws.goals)
    for index, goal in enumerate(ws.goals):
        yield from ids_of(goals, f"goals[{index}].indicators", goal.indicators)
    grids = loaded.file("grids")
    yield from ids_of(grids, "grids", ws.grids)
    for index, grid in enumerate(ws.grids):
        yield from ids_of(grids, f"grids[{index}].duties", grid.duties)
    projects = loaded.file("projects")
    yield from ids_of(projects, "sources", ws.sources)
    yield from ids_of(projects, "projects", ws.projects)
