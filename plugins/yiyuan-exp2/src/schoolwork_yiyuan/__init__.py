"""沂源县第二实验小学 (seed 000): its teacher scheme, its steady-work rule, its report sections.

The plugin serves this school only (``schoolwork_schools``): for any other school none of its
hooks is called, so installing the plugin changes nothing for any other school.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import cache
from importlib.resources import files
from pathlib import Path

from schoolwork import (
    Adjustment,
    Evaluation,
    Part,
    Report,
    Scheme,
    Section,
    SubjectResult,
    Workspace,
    hookimpl,
    read_schemes,
)
from schoolwork_yiyuan import sections

SCHOOL_ID = "yiyuan-exp2"
schoolwork_schools = [SCHOOL_ID]
"""The schools this plugin serves."""

TEACHER_SCHEME = "yiyuan-teacher-2023"
PROCESS_BOUNDS = (Decimal("0.55"), Decimal("0.70"))
"""The share of process in every dimension that the school set itself (§三)."""

STEADY_BONUS = Decimal("1.5")
STEADY_FLOOR = Decimal(60)


def workspace_path() -> Path:
    """The folder of the school's bundled workspace."""
    return Path(str(files(__name__) / "workspace"))


def scheme_path() -> Path:
    """The TOML file, beside this module, that holds the school's teacher scheme."""
    return Path(str(files(__name__) / "teacher_scheme.toml"))


@cache
def teacher_scheme() -> Scheme:
    """The school's teacher scheme, read from :func:`scheme_path` once per process."""
    (scheme,) = read_schemes(scheme_path())
    return scheme


@hookimpl
def schoolwork_workspaces() -> Mapping[str, Path]:
    return {SCHOOL_ID: workspace_path()}


@hookimpl
def schoolwork_schemes() -> Sequence[Scheme]:
    return [teacher_scheme()]


def is_steady(result: SubjectResult) -> bool:
    """不让老实人吃亏: no absence, no lateness, and every process indicator at 60 points or more.

    Which indicators are process ones is carried by each indicator score (``part``).
    """
    process = [i for d in result.dimensions for i in d.indicators if i.part is Part.PROCESS]
    values = {i.id: i.value for i in process}
    if values.get("absences") != 0 or values.get("late") != 0:
        return False
    return all(i.points is not None and i.points >= STEADY_FLOOR for i in process)


@hookimpl
def schoolwork_adjust_result(scheme: Scheme, result: SubjectResult) -> list[Adjustment] | None:
    if scheme.id != TEACHER_SCHEME or not is_steady(result):
        return None
    return [
        Adjustment(STEADY_BONUS, "不让老实人吃亏：全勤且过程性指标均达60分", rule="steady-work")
    ]


@hookimpl
def schoolwork_report_sections(
    report: Report, workspace: Workspace, evaluations: Sequence[tuple[Scheme, Evaluation]]
) -> list[Section]:
    return sections.all_sections(workspace, report.year, evaluations)
