"""Checks of records: well-formed unique ids, and every person and unit they name exists.

Problems name the row of the record in its CSV file, as the spreadsheet numbers it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

from schoolwork.checks.ids import ID_SYNTAX, ID_SYNTAX_ZH, is_id
from schoolwork.checks.organisation import PERSON, UNIT
from schoolwork.checks.references import Directory
from schoolwork.errors import Problem, describe
from schoolwork.organisation import UnitKind
from schoolwork.records import RecipientKind
from schoolwork.workspace import LoadedWorkspace


class _Sheet:
    """Makes problems for one record file, placed by row and column."""

    def __init__(self, loaded: LoadedWorkspace, stem: str) -> None:
        self.loaded, self.stem, self.file = loaded, stem, loaded.file(stem)
        self.directory = Directory(loaded.workspace)

    def where(self, index: int, column: str) -> str:
        return f"{self.loaded.row(self.stem, index)}, column {column}"

    def problem(
        self, index: int, column: str, expected: str, found: str, expected_zh: str
    ) -> Problem:
        return Problem(
            self.file, self.where(index, column), expected, found, expected_zh=expected_zh
        )

    def wrong(
        self,
        index: int,
        column: str,
        ref: str,
        wanted: tuple[str, str],
        known: Collection[str],
        purpose: tuple[str, str] = ("", ""),
    ) -> Problem:
        """A reference in ``column`` that names nothing, or something other than ``wanted``."""
        where = self.where(index, column)
        return self.directory.wrong(self.file, where, ref, wanted, known, purpose)


def check_records(loaded: LoadedWorkspace) -> Iterable[Problem]:
    ws = loaded.workspace
    for record_kind in loaded.kinds:
        if "id" in record_kind.columns:
            records = ws.records.kind(record_kind.name)
            yield from _ids(_Sheet(loaded, record_kind.file), records, record_kind.name)
    people = {p.id for p in ws.people}
    units = {u.id: u for u in ws.units}
    classes = {u.id for u in ws.units if u.kind is UnitKind.CLASS}
    sheet = _Sheet(loaded, "honours")
    for index, honour in enumerate(ws.honours):
        kind, ref = honour.recipient.kind, honour.recipient.ref
        if kind is RecipientKind.PERSON and ref not in people:
            if ref is None:
                yield sheet.problem(
                    index,
                    "recipient",
                    "the id of a person for a person's honour",
                    "nothing",
                    expected_zh="获奖教师的编号",
                )
            else:
                purpose = ("a person's honour", "教师荣誉")
                yield sheet.wrong(index, "recipient", ref, PERSON, people, purpose)
        elif kind is RecipientKind.CLASS and ref not in classes:
            if ref is None:
                yield sheet.problem(
                    index,
                    "recipient",
                    "the id of a class for a class's honour",
                    "nothing",
                    expected_zh="获奖班级的编号",
                )
            else:
                purpose = ("a class's honour", "班级荣誉")
                yield sheet.wrong(index, "recipient", ref, ("a class", "班级"), classes, purpose)
        elif kind is RecipientKind.GROUP and ref is not None and ref not in units:
            purpose = ("a group's honour", "团队荣誉")
            yield sheet.wrong(index, "recipient", ref, UNIT, units, purpose)
        elif kind is RecipientKind.STUDENT and not honour.recipient.name:
            yield sheet.problem(
                index, "recipient_name", "the student's name", "nothing", expected_zh="学生姓名"
            )
    sheet = _Sheet(loaded, "activities")
    for index, activity in enumerate(ws.activities):
        if activity.unit is not None and activity.unit not in units:
            yield sheet.wrong(index, "unit", activity.unit, UNIT, units)
        for participant in activity.participants:
            if participant not in people and participant not in units:
                yield sheet.problem(
                    index,
                    "participants",
                    "ids of people or units, separated by ;",
                    f"{describe(participant)}, which no entry has",
                    expected_zh="人员或单位的编号，以 ; 分隔",
                )
    sheet = _Sheet(loaded, "inspections")
    for index, inspection in enumerate(ws.inspections):
        if inspection.unit not in units:
            yield sheet.wrong(index, "unit", inspection.unit, UNIT, units)
        if inspection.inspector is not None and inspection.inspector not in people:
            yield sheet.wrong(index, "inspector", inspection.inspector, PERSON, people)
    sheet = _Sheet(loaded, "incidents")
    for index, incident in enumerate(ws.incidents):
        if incident.person not in people:
            yield sheet.wrong(index, "person", incident.person, PERSON, people)


def _ids(sheet: _Sheet, records: tuple[object, ...], what: str) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for index, record in enumerate(records):
        record_id: str = getattr(record, "id")  # noqa: B009 - every record kind has an id
        if not is_id(record_id):
            yield sheet.problem(index, "id", ID_SYNTAX, describe(record_id), ID_SYNTAX_ZH)
        if record_id in first:
            found = f"{record_id!r}, the id of {sheet.loaded.row(sheet.stem, first[record_id])} too"
            yield sheet.problem(
                index, "id", f"an id no other {what} has", found, "与其他记录都不相同的编号"
            )
        first.setdefault(record_id, index)
