"""Checks of records: unique ids, and every person and unit they name exists.

Problems name the row of the record in its CSV file, as the spreadsheet numbers it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from schoolwork.errors import Problem, a, describe
from schoolwork.organisation import UnitKind
from schoolwork.records import RecipientKind
from schoolwork.workspace import LoadedWorkspace


def _unknown(value: object) -> str:
    return f"{describe(value)}, which no entry has"


def _other_kind(ref: str | None, kind: UnitKind) -> str:
    """A unit that exists but is of another kind: ``'g1', a grade``."""
    return f"{describe(ref)}, {a(kind.value)}"


class _Sheet:
    """Makes problems for one record file, placed by row and column."""

    def __init__(self, loaded: LoadedWorkspace, stem: str) -> None:
        self.loaded, self.stem, self.file = loaded, stem, loaded.file(stem)

    def problem(self, index: int, column: str, expected: str, found: str) -> Problem:
        return Problem(
            self.file, f"{self.loaded.row(self.stem, index)}, column {column}", expected, found
        )


def check_records(loaded: LoadedWorkspace) -> Iterable[Problem]:
    ws = loaded.workspace
    for record_kind in loaded.kinds:
        if "id" in record_kind.columns:
            records = ws.records.kind(record_kind.name)
            yield from _unique(_Sheet(loaded, record_kind.file), records, record_kind.name)
    people = {p.id for p in ws.people}
    units = {u.id: u for u in ws.units}
    sheet = _Sheet(loaded, "honours")
    for index, honour in enumerate(ws.honours):
        kind, ref = honour.recipient.kind, honour.recipient.ref
        if kind is RecipientKind.PERSON and ref not in people:
            yield sheet.problem(
                index, "recipient", "the id of a person for a person's honour", _unknown(ref)
            )
        elif kind is RecipientKind.CLASS and (
            ref not in units or units[ref].kind is not UnitKind.CLASS
        ):
            found = _unknown(ref) if ref not in units else _other_kind(ref, units[ref].kind)
            yield sheet.problem(index, "recipient", "the id of a class for a class's honour", found)
        elif kind is RecipientKind.GROUP and ref is not None and ref not in units:
            yield sheet.problem(
                index, "recipient", "the id of a unit for a group's honour", _unknown(ref)
            )
        elif kind is RecipientKind.STUDENT and not honour.recipient.name:
            yield sheet.problem(index, "recipient_name", "the student's name", "nothing")
    sheet = _Sheet(loaded, "activities")
    for index, activity in enumerate(ws.activities):
        if activity.unit is not None and activity.unit not in units:
            yield sheet.problem(index, "unit", "the id of a unit", _unknown(activity.unit))
        for participant in activity.participants:
            if participant not in people and participant not in units:
                expected = "ids of people or units, separated by ;"
                yield sheet.problem(index, "participants", expected, _unknown(participant))
    sheet = _Sheet(loaded, "inspections")
    for index, inspection in enumerate(ws.inspections):
        if inspection.unit not in units:
            yield sheet.problem(index, "unit", "the id of a unit", _unknown(inspection.unit))
        if inspection.inspector is not None and inspection.inspector not in people:
            yield sheet.problem(
                index, "inspector", "the id of a person", _unknown(inspection.inspector)
            )
    sheet = _Sheet(loaded, "incidents")
    for index, incident in enumerate(ws.incidents):
        if incident.person not in people:
            yield sheet.problem(index, "person", "the id of a person", _unknown(incident.person))


def _unique(sheet: _Sheet, records: tuple[object, ...], what: str) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for index, record in enumerate(records):
        record_id: str = getattr(record, "id")  # noqa: B009 - every record kind has an id
        if record_id in first:
            found = f"{record_id!r}, the id of {sheet.loaded.row(sheet.stem, first[record_id])} too"
            yield sheet.problem(index, "id", f"an id no other {what} has", found)
        first.setdefault(record_id, index)
