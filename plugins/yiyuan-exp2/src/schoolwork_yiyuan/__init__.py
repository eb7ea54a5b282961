"""沂源县第二实验小学 (seed 000): its teacher scheme, its steady-work rule, its report sections.

Every hook acts only on this school's workspace (school id ``yiyuan-exp2``), so installing the
plugin changes nothing for any other school.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from importlib.resources import files
from pathlib import Path

from schoolwork import converter, hookimpl
from schoolwork.reports.model import Report, Section
from schoolwork.results import Adjustment, Subject, SubjectResult
from schoolwork.scheme import Part, Scheme
from schoolwork.workspace import SchemesDocument, Workspace
from schoolwork_yiyuan import sections

SCHOOL_ID = "yiyuan-exp2"
PROCESS_BOUNDS = (Decimal("0.55"), Decimal("0.70"))
"""The share of process in every dimension that the school set itself (§三)."""

STEADY_BONUS = Decimal("1.5")
STEADY_FLOOR = Decimal(60)


def workspace_path() -> Path:
    """The folder of the school's bundled workspace."""
    return Path(str(files(__name__) / "workspace"))


def teacher_scheme() -> Scheme:
    """The school's teacher scheme, read from the TOML file beside this module."""
    text = (files(__name__) / "teacher_scheme.toml").read_text(encoding="utf-8")
    data = converter.loads(text, "toml", file="teacher_scheme.toml")
    document = converter.structure(data, SchemesDocument, file="teacher_scheme.toml")
    return document.schemes[0]


@hookimpl
def schoolwork_workspaces() -> Mapping[str, Path]:
    return {SCHOOL_ID: workspace_path()}


@hookimpl
def schoolwork_schemes(workspace: Workspace) -> Iterable[Scheme] | None:
    if workspace.school.id != SCHOOL_ID:
        return None
    return [teacher_scheme()]


def is_steady(result: SubjectResult) -> bool:
    """不让老实人吃亏: no absence, no lateness, and every process indicator at 60 points or more."""
    process = [
        i
        for d in result.dimensions
        for i, spec in zip(d.indicators, _indicators(d.id), strict=True)
        if spec.part is Part.PROCESS
    ]
    values = {i.id: i.value for i in process}
    if values.get("absences") != 0 or values.get("late") != 0:
        return False
    return all(i.points is not None and i.points >= STEADY_FLOOR for i in process)


def _indicators(dimension_id: str):  # type: ignore[no-untyped-def]
    return teacher_scheme().dimension(dimension_id).indicators


@hookimpl
def schoolwork_adjust_result(
    scheme: Scheme, subject: Subject, result: SubjectResult
) -> list[Adjustment] | None:
    if scheme.id != "yiyuan-teacher-2023" or not is_steady(result):
        return None
    return [
        Adjustment(STEADY_BONUS, "不让老实人吃亏：全勤且过程性指标均达60分", rule="steady-work")
    ]


@hookimpl
def schoolwork_report_sections(report: Report, workspace: Workspace) -> list[Section] | None:
    if workspace.school.id != SCHOOL_ID:
        return None
    return sections.all_sections(workspace, report.year)
