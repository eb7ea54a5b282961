"""桓台县第二小学 (seed 003): the 四有 teacher scheme, reading cadences, homework control,
文明班级 checks and the 1+1+X after-school model.

The plugin serves this school only (``schoolwork_schools``): for any other school none of its
hooks is called.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from importlib.resources import files
from pathlib import Path

from schoolwork import (
    LoadedWorkspace,
    Problem,
    RecordBook,
    RecordKind,
    Report,
    Scheme,
    Section,
    Workspace,
    hookimpl,
)
from schoolwork_huantai import homework, sections
from schoolwork_huantai.reading import CADENCES, reading_completeness, reading_done

SCHOOL_ID = "huantai-2"
schoolwork_schools = [SCHOOL_ID]
"""The schools this plugin serves."""

TEACHER_SCHEME = "huantai-teacher-2021"
"""The scheme whose 读书富脑 indicator the plugin computes."""

__all__ = [
    "CADENCES",
    "SCHOOL_ID",
    "TEACHER_SCHEME",
    "homework",
    "reading_completeness",
    "reading_done",
    "schoolwork_schools",
    "sections",
    "workspace_path",
]


def workspace_path() -> Path:
    """The folder of the school's bundled workspace."""
    return Path(str(files(__name__) / "workspace"))


@hookimpl
def schoolwork_workspaces() -> Mapping[str, Path]:
    return {SCHOOL_ID: workspace_path()}


@hookimpl
def schoolwork_record_kinds() -> Sequence[RecordKind]:
    return [homework.KIND]


@hookimpl
def schoolwork_indicator_values(
    scheme: Scheme, records: RecordBook
) -> Mapping[str, Decimal] | None:
    if scheme.id != TEACHER_SCHEME:
        return None
    return {"reading": reading_completeness(records)}


@hookimpl
def schoolwork_checks(loaded: LoadedWorkspace) -> Iterable[Problem]:
    return list(homework.problems(loaded))


@hookimpl
def schoolwork_report_sections(report: Report, workspace: Workspace) -> list[Section]:
    return sections.all_sections(workspace, report.year)
