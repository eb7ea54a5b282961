"""Validation of a loaded workspace: the checks that types alone cannot make.

A check is a function from a :class:`~schoolwork.workspace.LoadedWorkspace` to the problems it
finds. Every check runs, so a school sees all of its problems at once. The module is a built-in
plugin of ``schoolwork_checks``, called first, so the core's problems are listed first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from schoolwork.checks import (
    appeals,
    ballots,
    calendar,
    duties,
    goals,
    ids,
    organisation,
    records,
    schemes,
)
from schoolwork.errors import Problem
from schoolwork.plugins import hookimpl
from schoolwork.workspace import LoadedWorkspace

Check = Callable[[LoadedWorkspace], Iterable[Problem]]

CHECKS: tuple[Check, ...] = (
    ids.check_id_syntax,
    organisation.check_ids,
    organisation.check_unit_references,
    organisation.check_unit_tree,
    organisation.check_people,
    calendar.check_calendar,
    goals.check_goals,
    records.check_records,
    duties.check_grids,
    duties.check_projects,
    schemes.check_schemes,
    schemes.check_values,
    ballots.check_baselines,
    ballots.check_ballots,
    appeals.check_appeals,
)
"""The core's checks, in the order their problems are listed."""


def check(loaded: LoadedWorkspace) -> list[Problem]:
    """Every problem that the core's checks find in ``loaded``."""
    return [problem for rule in CHECKS for problem in rule(loaded)]


@hookimpl(tryfirst=True)
def schoolwork_checks(loaded: LoadedWorkspace) -> list[Problem]:
    return check(loaded)
