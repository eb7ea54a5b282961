"""Who a scheme evaluates, and which records belong to whom."""

from __future__ import annotations

from datetime import date

import attrs

from schoolwork.calendar import SchoolCalendar, parse_school_year_name
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


def period_span(period: str, calendar: SchoolCalendar) -> tuple[date, date]:
    """The first and last day of the school year ``period``.

    The calendar's dates win; a year it does not list runs from 1 September to 31 August.
    """
    for year in calendar.years:
        if year.name == period:
            return year.start, year.end
    span = parse_school_year_name(period)
    if span is None:
        raise ValueError(f"period {period!r} is not a school year such as '2023-2024'")
    return date(span[0], 9, 1), date(span[1], 8, 31)


RECORD_KINDS = {
    "honour": Honour,
    "activity": Activity,
    "inspection": Inspection,
    "incident": Incident,
}
"""The record kinds a scheme may name, with their models."""


@attrs.frozen
class RecordBook:
    """Records, of every kind, that an evaluation may read."""

    honours: tuple[Honour, ...] = ()
    activities: tuple[Activity, ...] = ()
    inspections: tuple[Inspection, ...] = ()
    incidents: tuple[Incident, ...] = ()

    @classmethod
    def of_workspace(cls, workspace: Workspace) -> RecordBook:
        """The records a workspace holds (none, for parts it does not have)."""
        return cls(
            honours=getattr(workspace, "honours", ()),
            activities=getattr(workspace, "activities", ()),
            inspections=getattr(workspace, "inspections", ()),
            incidents=getattr(workspace, "incidents", ()),
        )

    def kind(self, name: str) -> tuple[object, ...]:
        """The records of one kind by its singular name (``honour``, ``incident``, …)."""
        return {
            "honour": self.honours,
            "activity": self.activities,
            "inspection": self.inspections,
            "incident": self.incidents,
        }[name]

    def of(self, subject: Subject, start: date, end: date) -> RecordBook:
        """The records that belong to ``subject`` and are dated from ``start`` to ``end``."""

        def within(day: date) -> bool:
            return start <= day <= end

        return RecordBook(
            honours=tuple(h for h in self.honours if within(h.date) and _honours(subject, h)),
            activities=tuple(
                a
                for a in self.activities
                if within(a.date) and (subject.id in a.participants or a.unit == subject.id)
            ),
            inspections=tuple(
                i for i in self.inspections if within(i.date) and i.unit == subject.id
            ),
            incidents=tuple(i for i in self.incidents if within(i.date) and i.person == subject.id),
        )


def _honours(subject: Subject, honour: Honour) -> bool:
    recipient = honour.recipient
    if subject.kind is SubjectKind.SCHOOL:
        return recipient.kind is RecipientKind.SCHOOL
    return recipient.kind is not RecipientKind.SCHOOL and recipient.ref == subject.id
