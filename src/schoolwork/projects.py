"""Project claiming (项目认领制): offices claim the work that upper-level documents bring.

A project comes from a source document (issuer, number, date, title). An office claims it as
lead, with collaborating offices, instead of receiving it; it plans the work with a complete
5W2H plan, carries it out, and closes it with a review of the outcome and what was learned —
the closed loop (工作闭环). Only these moves are allowed::

    unclaimed → claimed → planned → in_progress → closed
                claimed → unclaimed (released)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum

import attrs

from schoolwork.errors import TransitionError
from schoolwork.plans import Plan5W2H


@attrs.frozen
class SourceDocument:
    """An upper-level document (文件精神) that projects come from."""

    id: str
    issuer: str
    number: str  # 文号, e.g. 沂教体发〔2023〕12号
    date: date
    title: str


class ProjectState(StrEnum):
    """Where a project stands."""

    UNCLAIMED = "unclaimed"
    CLAIMED = "claimed"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


TRANSITIONS: dict[ProjectState, frozenset[ProjectState]] = {
    ProjectState.UNCLAIMED: frozenset({ProjectState.CLAIMED}),
    ProjectState.CLAIMED: frozenset({ProjectState.PLANNED, ProjectState.UNCLAIMED}),
    ProjectState.PLANNED: frozenset({ProjectState.IN_PROGRESS}),
    ProjectState.IN_PROGRESS: frozenset({ProjectState.CLOSED}),
    ProjectState.CLOSED: frozenset(),
}


@attrs.frozen
class Review:
    """How a project ended: its outcome and what was learned."""

    outcome: str
    lessons: str


@attrs.frozen
class Project:
    """A claimed (or not yet claimed) piece of work."""

    id: str
    title: str
    source: str | None = None
    state: ProjectState = ProjectState.UNCLAIMED
    lead: str | None = None  # the office that claimed it
    collaborators: tuple[str, ...] = ()
    plan: Plan5W2H | None = None
    review: Review | None = None


def _move(project: Project, target: ProjectState) -> None:
    if target not in TRANSITIONS[project.state]:
        allowed = (
            ", ".join(sorted(s.value for s in TRANSITIONS[project.state])) or "none (it is closed)"
        )
        raise TransitionError(
            f"project {project.id} cannot go from {project.state.value} to {target.value}; "
            f"allowed: {allowed}"
        )


def claim(project: Project, office: str, collaborators: Sequence[str] = ()) -> Project:
    """``office`` claims ``project`` as lead, with ``collaborators``."""
    _move(project, ProjectState.CLAIMED)
    return attrs.evolve(
        project, state=ProjectState.CLAIMED, lead=office, collaborators=tuple(collaborators)
    )


def release(project: Project) -> Project:
    """The lead office gives a claimed project back."""
    _move(project, ProjectState.UNCLAIMED)
    return attrs.evolve(project, state=ProjectState.UNCLAIMED, lead=None, collaborators=())


def plan(project: Project, plan: Plan5W2H) -> Project:
    """Attach a complete 5W2H plan; an incomplete one is refused, naming what it lacks."""
    _move(project, ProjectState.PLANNED)
    missing = plan.missing()
    if missing:
        raise TransitionError(
            f"project {project.id} needs a complete 5W2H plan; missing: {', '.join(missing)}"
        )
    return attrs.evolve(project, state=ProjectState.PLANNED, plan=plan)


def start(project: Project) -> Project:
    """Begin carrying out a planned project."""
    _move(project, ProjectState.IN_PROGRESS)
    return attrs.evolve(project, state=ProjectState.IN_PROGRESS)


def close(project: Project, review: Review) -> Project:
    """Close the loop: a project closes only with a review of its outcome and lessons."""
    _move(project, ProjectState.CLOSED)
    lacking = [name for name in ("outcome", "lessons") if not getattr(review, name).strip()]
    if lacking:
        raise TransitionError(
            f"project {project.id} closes only with a review; missing: {', '.join(lacking)}"
        )
    return attrs.evolve(project, state=ProjectState.CLOSED, review=review)
