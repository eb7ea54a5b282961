"""桓台县第二小学 (seed 003): the 四有 teacher scheme, reading cadences, homework control,
文明班级 checks and the 1+1+X after-school model.

Every hook acts only on this school's workspace (school id ``huantai-2``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from importlib.resources import files
from pathlib import Path

from schoolwork import hookimpl
from schoolwork.errors import Problem
from schoolwork.organisation import UnitKind
from schoolwork.records import RecordBook
from schoolwork.reports.model import Report, Section
from schoolwork.results import Subject
from schoolwork.scheme import Scheme
from schoolwork.workspace import LoadedWorkspace, Workspace
from schoolwork_huantai import homework, sections

SCHOOL_ID = "huantai-2"

CADENCES: dict[str, int] = {
    "读书笔记": 16,  # 每周一页读书笔记: 16 weeks in the spring term
    "精品反思": 4,  # 每月一篇精品反思
    "精品案例": 1,  # 每学期一份精品案例
    "读书反思": 2,  # 每季度一次读书反思
}
"""How many of each reading record every teacher owes in the spring term of 2021 (seed 003 §四)."""


def workspace_path() -> Path:
    """The folder of the school's bundled workspace."""
    return Path(str(files(__name__) / "workspace"))


def reading_done(records: RecordBook) -> dict[str, int]:
    """How many of each reading cadence a teacher's records show."""
    return {kind: sum(1 for a in records.activities if a.type == kind) for kind in CADENCES}


def reading_completeness(records: RecordBook) -> Decimal:
    """The share, in percent, of the reading cadences a teacher completed."""
    done = reading_done(records)
    owed = sum(CADENCES.values())
    return (Decimal(100) * sum(min(done[k], n) for k, n in CADENCES.items()) / owed).quantize(
        Decimal("0.1")
    )


@hookimpl
def schoolwork_workspaces() -> Mapping[str, Path]:
    return {SCHOOL_ID: workspace_path()}


@hookimpl
def schoolwork_indicator_values(
    scheme: Scheme, subject: Subject, records: RecordBook
) -> Mapping[str, Decimal] | None:
    if scheme.id != "huantai-teacher-2021":
        return None
    return {"reading": reading_completeness(records)}


@hookimpl
def schoolwork_checks(loaded: LoadedWorkspace) -> Iterable[Problem]:
    if loaded.workspace.school.id != SCHOOL_ID:
        return []
    grades = {u.id for u in loaded.workspace.units if u.kind is UnitKind.GRADE}
    return homework.read(loaded.root, grades)[1]


@hookimpl
def schoolwork_report_sections(
    report: Report, workspace: Workspace, root: Path
) -> list[Section] | None:
    if workspace.school.id != SCHOOL_ID:
        return None
    return sections.all_sections(workspace, report.year, root)
