"""Every hook a schoolwork plugin can implement, each documented where it is defined.

A plugin is a module (or object) with functions named after these hooks and marked with
:data:`schoolwork.hookimpl`; it is found through the ``schoolwork`` entry-point group::

    [project.entry-points.schoolwork]
    my_school = "my_school_plugin"

A plugin implements only the hooks it needs, and only the arguments it uses: pluggy passes
arguments by name. Hooks are called once per run, per evaluation or per subject, never per
value. schoolwork's own features (the workspace's schemes, the core checks, counted indicator
values, the report's sections, the renderers, the sample school) are plugins of these same
hooks, listed by ``schoolwork plugins --all``.

A plugin that serves only some schools says so with a module attribute,
``schoolwork_schools = ["my-school"]``; for any other school none of its hooks is called.

``docs/plugins.md`` shows an example of each hook.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from schoolwork.errors import Problem
    from schoolwork.records import RecordBook, RecordKind
    from schoolwork.reports.model import Report, Section
    from schoolwork.reports.renderers import ReportRenderer, ScoresRenderer
    from schoolwork.results import (
        Adjustment,
        Evaluation,
        IndicatorValue,
        Subject,
        SubjectResult,
        Veto,
    )
    from schoolwork.scheme import Scheme
    from schoolwork.workspace import LoadedWorkspace, Workspace

hookspec = pluggy.HookspecMarker("schoolwork")


@hookspec
def schoolwork_record_kinds() -> Iterable[RecordKind] | None:
    """Declare kinds of record the plugin owns, each kept as ``records/<file>.csv``.

    The core reads each file, checks every cell against the model's types and reports bad
    cells by row and column, exactly as it does for honours or incidents; the records reach
    ``Workspace.records``, schemes can count them (``source = { kind = NAME }``) and veto on
    them, and hooks receive them in ``records``. A kind name or file that is already taken is
    an error naming the plugin. Called once per run, before the workspace is read.
    """


@hookspec
def schoolwork_schemes(workspace: Workspace) -> Iterable[Scheme] | None:
    """Provide evaluation schemes; the workspace's own ``schemes.toml`` is provided this way too.

    Return schemes built in Python (or read from the plugin's files with
    :func:`schoolwork.read_schemes`). Called once per run; a scheme whose id is already
    taken is a problem naming the plugin, and every scheme passes the same checks as the
    workspace's own before any evaluation uses it.

    :param workspace: the workspace being worked on.
    """


@hookspec
def schoolwork_indicator_values(
    scheme: Scheme, subject: Subject, records: RecordBook, workspace: Workspace | None
) -> Mapping[str, Decimal | int | IndicatorValue | None] | None:
    """Compute raw indicator values for one subject, usually from its records.

    Called once per subject. Return a mapping from indicator id to raw value (``None`` for
    missing, or an :class:`~schoolwork.IndicatorValue` to say how it was found); values a
    plugin returns replace values from input files and are shown as coming from the plugin in
    explanations. Naming an indicator the scheme lacks, or one another plugin also gives, is
    an error. Indicators declared with a record ``source`` are counted this way by the core.

    :param scheme: the scheme being evaluated.
    :param subject: the teacher, class, grade, office or school.
    :param records: only this subject's records inside the scheme's period.
    :param workspace: the whole workspace, for anything else the plugin needs; ``None`` when
        the evaluation was called without one, as unit tests and the fairness kit may.
    """


@hookspec
def schoolwork_adjust_result(
    scheme: Scheme, subject: Subject, result: SubjectResult, records: RecordBook
) -> Iterable[Adjustment | Veto] | None:
    """Add or remove points, or veto, after a subject's weighted total is known.

    Return :class:`~schoolwork.Adjustment` objects (positive points are bonus and count against
    the scheme's ``bonus_cap``; negative points are deductions) and :class:`~schoolwork.Veto`
    objects. Each is attributed to the plugin in the explanation, whatever ``source`` it
    carries. A veto removes every bonus point.

    :param scheme: the scheme being evaluated.
    :param subject: the subject whose result this is.
    :param result: the subject's result so far: dimensions, weighted total, the scheme's own
        bonus points and vetoes; rank and band are not known yet.
    :param records: only this subject's records inside the scheme's period.
    """


@hookspec(firstresult=True)
def schoolwork_assign_bands(
    scheme: Scheme, results: Sequence[SubjectResult]
) -> Mapping[str, str | None] | None:
    """Override banding: return the band name (or ``None``) for subject ids whose band changes.

    Called once per evaluation, after the scheme's own bands, vetoes and quotas have been
    applied. The first plugin that returns a mapping wins. Every change is recorded as a band
    move attributed to the plugin; a band the scheme does not declare is an error.

    :param scheme: the scheme being evaluated.
    :param results: every subject's result, carrying the scheme's bands and ranks.
    """


@hookspec
def schoolwork_checks(loaded: LoadedWorkspace) -> Iterable[Problem] | None:
    """Add workspace validation rules: return the problems found in ``loaded``.

    Problems are reported by ``schoolwork validate``, by :func:`schoolwork.open` and by every
    command that loads a workspace, beside the core's own, and make it exit 2.

    :param loaded: the workspace as read, with its files (``loaded.file("school")``), the
        row of each record (``loaded.row("homework", 3)``) and every scheme it can evaluate.
    """


@hookspec
def schoolwork_report_sections(
    report: Report,
    workspace: Workspace,
    root: Path,
    evaluations: Sequence[tuple[Scheme, Evaluation]],
) -> Iterable[Section] | None:
    """Add, replace or move sections of the annual summary report.

    Return :class:`~schoolwork.Section` objects. The core's sections come first; then, plugin
    by plugin, a section whose id is already in the report replaces it in place; one with
    ``after`` set goes right after the section with that id (moving it there if it already
    exists); any other is added at the end of its part. Sections appear in every format and
    are marked as the plugin's.

    The report is built as one edition, ``report.edition``: ``bureau`` (上报版, sent to the
    county bureau: aggregates only, no teacher's name beside a score) or ``internal``
    (校内公示版). A section says which it belongs to with ``edition``: ``"both"`` (the default),
    ``"internal"`` or ``"bureau"``; a section of the other edition is dropped before it is
    merged, so a plugin may return one of each under the same id (names in one, counts in the
    other). A section whose ``after`` names a section the edition dropped goes at the end of
    its part.

    :param report: the report's frame: title, school, year, language, edition, and ``as_of``,
        the day its goals are judged at.
    :param workspace: the workspace the report is built from.
    :param root: its folder, for texts of the school's own that the workspace keeps.
    :param evaluations: every scheme of the year with its evaluation.
    """


@hookspec
def schoolwork_renderers() -> Iterable[ReportRenderer | ScoresRenderer] | None:
    """Offer output formats: report renderers (Markdown, HTML, Word) and score renderers
    (Excel, CSV, JSON, a terminal table) are provided this way.

    A renderer whose name the core also uses replaces the core's; two plugins offering the
    same name is an error naming both. Called once per run.
    """


@hookspec
def schoolwork_workspaces() -> Mapping[str, Path] | None:
    """Offer workspaces that ship with the plugin, by name: ``{"my-school": folder}``.

    ``schoolwork demo --school NAME`` and :func:`schoolwork.demo` run the main job on a copy
    of the named workspace; the core offers the sample school as ``sample``. A name offered
    twice is an error naming both plugins.
    """
