"""Building a school year's report: the frame, then every plugin's sections, the core's first.

The year must be one of the calendar's, and the school's texts for it must read cleanly: both
are checked before any plugin is called, so a problem is reported as the workspace's, by file
and place, never as a plugin's failure.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date

import attrs

from schoolwork.calendar import period_span
from schoolwork.errors import PluginError, Problem, WorkspaceError
from schoolwork.evaluation.appeals import NAME as APPEALS
from schoolwork.evaluation.appeals import AppealOutcome
from schoolwork.labels import Lang, label
from schoolwork.plugins import PluginHost, returns
from schoolwork.reports import texts
from schoolwork.reports.appeals import appeals_sections
from schoolwork.reports.model import Edition, PartKind, Report, Section
from schoolwork.reports.outcomes import judged_on
from schoolwork.results import Evaluation
from schoolwork.scheme import Scheme
from schoolwork.workspace import LoadedWorkspace

_SECTIONS = returns(Section)
HOOK = "schoolwork_report_sections"


def build_report(
    loaded: LoadedWorkspace,
    year: str,
    evaluations: Sequence[tuple[Scheme, Evaluation]],
    host: PluginHost,
    *,
    lang: Lang = "zh",
    edition: Edition | str = Edition.BUREAU,
    today: date | None = None,
    appeals: Mapping[str, Sequence[AppealOutcome]] | None = None,
) -> Report:
    """The annual summary of ``year`` in ``edition``: every plugin's sections, merged in order.

    The core's sections are a built-in plugin's; a plugin's section replaces one of the same
    id, goes after the one it names, or is added at the end of its part. Sections of the other
    edition are left out as they come, so one of each edition may share an id. A year the
    calendar lacks, or a school text that cannot be used, raises
    :class:`~schoolwork.WorkspaceError`. Goals are judged at the year's last day, or at
    ``today`` (default: the clock's) while the year runs. ``appeals`` are the appeals of each
    scheme by its id, with what they changed (:meth:`schoolwork.Session.appeals`): listed after
    the scheme's results in the internal edition, counted in the bureau's.
    """
    workspace = loaded.workspace
    edition = Edition(edition)
    _check_year(loaded, year)
    _, problems = texts.read_texts(loaded.root, year, workspace.calendar)
    if problems:
        raise WorkspaceError(problems)
    _, end = period_span(year, workspace.calendar)
    title = "report.title_internal" if edition is Edition.INTERNAL else "report.title"
    report = Report(
        title=label(title, lang, year=year),
        school=workspace.school.name,
        year=year,
        lang=lang,
        sections=(),
        sample_note=workspace.school.sample_note,
        edition=edition,
        as_of=judged_on(end, today or date.today()),
    )
    frame = report
    left_out: set[str] = set()
    for answer in host.call(
        HOOK,
        _SECTIONS,
        report=frame,
        workspace=workspace,
        root=loaded.root,
        evaluations=evaluations,
    ):
        added = answer.value
        if not answer.builtin:
            added = [attrs.evolve(s, source=f"plugin:{answer.plugin}") for s in added]
        left_out |= {s.id for s in added if not s.belongs_to(edition)}
        kept = [s for s in added if s.belongs_to(edition)]
        report = _merge(report, kept, answer.plugin, left_out)
    # Appeals go after their scheme's sections, wherever a plugin has put those.
    added = list(appeals_sections([s for s, _ in evaluations], appeals or {}, lang))
    present = {s.id for s in report.sections}
    kept = [s for s in added if s.belongs_to(edition) and s.after in present]
    return _merge(report, kept, APPEALS, left_out)


def _check_year(loaded: LoadedWorkspace, year: str) -> None:
    """A summary is of a year the calendar holds: another year has no dates, no semesters and
    no texts, and a report of it would be empty rather than wrong."""
    years = [y.name for y in loaded.workspace.calendar.years]
    if year in years:
        return
    raise WorkspaceError(
        [
            Problem(
                loaded.file("school"),
                "calendar.years",
                f"the school year {year} asked for, as a [[calendar.years]] entry",
                ", ".join(years) or "no school year",
                expected_zh=f"所要求的学年 {year}（在校历 [[calendar.years]] 中）",
            )
        ]
    )


def _by_part(found: Sequence[Section]) -> list[Section]:
    return [s for part in PartKind for s in found if s.part is part]


def _merge(
    report: Report, added: Sequence[Section], plugin: str, left_out: Collection[str] = ()
) -> Report:
    """Replace sections of the same id; put others after ``after`` or at the end of their part.

    A section to follow one that this edition ``left_out`` goes at the end of its part.
    """
    current = list(report.sections)
    for section in added:
        ids = [s.id for s in current]
        if section.id in ids and section.after is None:
            current[ids.index(section.id)] = section
            continue
        if section.id in ids:
            current.pop(ids.index(section.id))
            ids = [s.id for s in current]
        if section.after is not None and section.after not in ids:
            if section.after not in left_out:
                error = (
                    f"section {section.id!r} is to follow {section.after!r}, which the report lacks"
                )
                raise PluginError(plugin, HOOK, error)
            current.append(section)
        elif section.after is not None:
            anchor = current[ids.index(section.after)]
            current.insert(ids.index(section.after) + 1, attrs.evolve(section, part=anchor.part))
        else:
            current.append(section)
    return attrs.evolve(report, sections=tuple(_by_part(current)))
