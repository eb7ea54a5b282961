"""Every hook a schoolwork plugin can implement, each documented where it is defined.

A plugin is a module (or object) with functions named after these hooks and marked with
:data:`schoolwork.hookimpl`; it is found through the ``schoolwork`` entry-point group::

    [project.entry-points.schoolwork]
    my_school = "my_school_plugin"

A plugin implements only the hooks it needs, and only the arguments it uses: pluggy passes
arguments by name. Hooks are called once per subject or per evaluation, never per value.
``docs/plugins.md`` shows an example of each hook.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from schoolwork.evaluation.results import Adjustment, Subject, SubjectResult, Veto
    from schoolwork.evaluation.scheme import Scheme
    from schoolwork.evaluation.subjects import RecordBook
    from schoolwork.problems import Problem
    from schoolwork.reports.model import Report, Section
    from schoolwork.workspace import LoadedWorkspace, Workspace

hookspec = pluggy.HookspecMarker("schoolwork")


@hookspec
def schoolwork_schemes(workspace: Workspace) -> Iterable[Scheme] | None:
    """Provide evaluation schemes in addition to those in the workspace's ``schemes.toml``.

    Return schemes built in Python (or loaded from the plugin's own files). A scheme whose id
    is already taken is an error that names the plugin. Schemes from plugins are checked like
    those from files before any evaluation uses them.

    :param workspace: the workspace being worked on.
    """


@hookspec
def schoolwork_indicator_values(
    scheme: Scheme, subject: Subject, records: RecordBook, workspace: Workspace
) -> Mapping[str, Decimal | None] | None:
    """Compute raw indicator values for one subject, usually from its records.

    Called once per subject. Return a mapping from indicator id to raw value (``None`` for
    missing); values a plugin returns replace values from input files and are shown as coming
    from the plugin in explanations. Naming an indicator the scheme lacks is an error.

    :param scheme: the scheme being evaluated.
    :param subject: the teacher, class, grade, office or school.
    :param records: only this subject's records inside the scheme's period.
    :param workspace: the whole workspace, for anything else the plugin needs.
    """


@hookspec
def schoolwork_adjust_result(
    scheme: Scheme, subject: Subject, result: SubjectResult, records: RecordBook
) -> Iterable[Adjustment | Veto] | None:
    """Add or remove points, or veto, after a subject's weighted total is known.

    Return :class:`~schoolwork.evaluation.results.Adjustment` objects (positive points are
    bonus and count against the scheme's ``bonus_cap``; negative points are deductions) and
    :class:`~schoolwork.evaluation.results.Veto` objects. Each is attributed to the plugin in
    the explanation, whatever ``source`` it carries. A veto removes every bonus point.

    :param result: the subject's result so far: dimensions, weighted total, the scheme's own
        bonus points and vetoes; rank and band are not known yet.
    """


@hookspec(firstresult=True)
def schoolwork_assign_bands(
    scheme: Scheme, results: Sequence[SubjectResult]
) -> Mapping[str, str | None] | None:
    """Override banding: return the band name (or ``None``) for subject ids whose band changes.

    Called once per evaluation, after the scheme's own bands, vetoes and quotas have been
    applied; ``results`` carry those bands and ranks. The first plugin that returns a mapping
    wins. Every change is recorded as a band move attributed to the plugin; a band the scheme
    does not declare is an error.
    """


@hookspec
def schoolwork_checks(loaded: LoadedWorkspace) -> Iterable[Problem] | None:
    """Add workspace validation rules: return the problems found in ``loaded``.

    Problems are reported by ``schoolwork validate`` and by every command that loads a
    workspace, beside the core's own, and make it exit 2.
    """


@hookspec
def schoolwork_report_sections(
    report: Report, workspace: Workspace, root: Path
) -> Iterable[Section] | None:
    """Add, replace or move sections of the annual summary report.

    Return :class:`~schoolwork.reports.model.Section` objects. A section whose id is already in
    the report replaces it in place; one with ``after`` set goes right after the section with
    that id (moving it there if it already exists); any other is added at the end of its part.
    Sections appear in every format (Markdown, HTML, Word) and are marked as the plugin's.

    :param report: the report so far, with the core's sections and the school's own texts.
    :param workspace: the workspace the report is built from.
    :param root: its folder, for files of the plugin's own that the workspace keeps.
    """


@hookspec
def schoolwork_workspaces() -> Mapping[str, Path] | None:
    """Offer workspaces that ship with the plugin, by name: ``{"my-school": folder}``.

    ``schoolwork demo --school NAME`` runs the main job on a copy of the named workspace.
    A name offered twice is an error naming both plugins.
    """
