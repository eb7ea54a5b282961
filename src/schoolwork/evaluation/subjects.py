"""Who a scheme evaluates, and which records belong to whom."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from schoolwork.evaluation.results import Subject
from schoolwork.evaluation.scheme import SubjectKind
from schoolwork.organisation import RoleKind, UnitKind
from schoolwork.records import Activity, Honour, Incident, Inspection, RecipientKind
from schoolwork.workspace import Workspace

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
            if p.active and any(role.kind in TEACHING_ROLES for role in p.roles)
        )
    if kind is SubjectKind.SCHOOL:
        return (Subject(workspace.school.id, workspace.school.name, kind),)
    unit_kind = _UNIT_KINDS[kind]
    return tuple(Subject(u.id, u.name, kind) for u in workspace.units if u.kind is unit_kind)


RECORD_KINDS = {
    "honour": Honour,
    "activity": Activity,
    "inspection": Inspection,
    "incident": Incident,
}
"""The record kinds a scheme may name, with their models."""

_FIELDS = {
    "honour": "honours",
    "activity": "activities",
    "inspection": "inspections",
    "incident": "incidents",
}


@attrs.frozen
class RecordBook:
    """Records, of every kind, that an evaluation may read."""

    honours: tuple[Honour, ...] = ()
    activities: tuple[Activity, ...] = ()
    inspections: tuple[Inspection, ...] = ()
    incidents: tuple[Incident, ...] = ()

    @classmethod
    def of_workspace(cls, workspace: Workspace) -> RecordBook:
        """The records a workspace holds."""
        return cls(
            workspace.honours, workspace.activities, workspace.inspections, workspace.incidents
        )

    def kind(self, name: str) -> tuple[object, ...]:
        """The records of one kind by its singular name (``honour``, ``incident``, …)."""
        records: tuple[object, ...] = getattr(self, _FIELDS[name])
        return records

    def of(self, subject: Subject, start: date, end: date) -> RecordBook:
        """The records that belong to ``subject`` and are dated from ``start`` to ``end``."""
        return self.by_subject((subject,), start, end)[subject.id]

    def by_subject(
        self, subjects: Iterable[Subject], start: date, end: date
    ) -> dict[str, RecordBook]:
        """Each subject's records dated from ``start`` to ``end``, sorted out in one pass.

        An honour belongs to its recipient (the school's honours to a school subject); an
        activity to its participants and its unit; an inspection to the unit inspected; an
        incident to its person.
        """
        subjects = tuple(subjects)
        schools = [s.id for s in subjects if s.kind is SubjectKind.SCHOOL]
        others = {s.id for s in subjects if s.kind is not SubjectKind.SCHOOL}
        found: dict[str, tuple[list[Any], list[Any], list[Any], list[Any]]] = {
            s.id: ([], [], [], []) for s in subjects
        }

        def file(slot: int, record: Any, owners: Iterable[str | None]) -> None:
            for owner in set(owners):
                if owner in found:
                    found[owner][slot].append(record)

        for honour in self.honours:
            if start <= honour.date <= end:
                if honour.recipient.kind is RecipientKind.SCHOOL:
                    file(0, honour, schools)
                elif honour.recipient.ref in others:
                    file(0, honour, (honour.recipient.ref,))
        for activity in self.activities:
            if start <= activity.date <= end:
                file(1, activity, (*activity.participants, activity.unit))
        for inspection in self.inspections:
            if start <= inspection.date <= end:
                file(2, inspection, (inspection.unit,))
        for incident in self.incidents:
            if start <= incident.date <= end:
                file(3, incident, (incident.person,))
        return {
            subject_id: RecordBook(tuple(h), tuple(a), tuple(i), tuple(x))
            for subject_id, (h, a, i, x) in found.items()
        }
