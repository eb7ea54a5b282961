"""Building a school year's report from a workspace, its evaluations and its plugins."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from schoolwork.calendar import period_span
from schoolwork.evaluation.assess import assess, available_schemes
from schoolwork.evaluation.results import Evaluation
from schoolwork.evaluation.scheme import Scheme
from schoolwork.evaluation.subjects import RecordBook
from schoolwork.labels import Lang, label
from schoolwork.plugins import PluginError, PluginHost
from schoolwork.reports import sections, texts
from schoolwork.reports.model import PartKind, Report, Section
from schoolwork.workspace import LoadedWorkspace


def evaluate_year(
    loaded: LoadedWorkspace, year: str, host: PluginHost | None
) -> list[tuple[Scheme, Evaluation]]:
    """Every scheme of the workspace and its plugins whose period is ``year``, evaluated."""
    found = []
    for source in available_schemes(loaded, host):
        if source.scheme.period == year:
            found.append(assess(loaded, source.scheme.id, host))
    return found


def build_report(
    loaded: LoadedWorkspace,
    year: str,
    *,
    lang: Lang = "zh",
    host: PluginHost | None = None,
    evaluations: Sequence[tuple[Scheme, Evaluation]] | None = None,
) -> Report:
    """The annual summary of ``year``: generated sections, the school's texts, plugins' sections."""
    workspace = loaded.workspace
    start, end = period_span(year, workspace.calendar)
    records = RecordBook.of_workspace(workspace)
    if evaluations is None:
        evaluations = evaluate_year(loaded, year, host)
    tallies: list[Section] = [
        *sections.goals(workspace, year, end, lang),
        *sections.duties(workspace, lang),
        *sections.honours(records, start, end, lang),
        *sections.activities(records, start, end, lang),
        *sections.evaluations(evaluations, lang),
    ]
    school_texts = list(texts.text_sections(loaded.root, lang))
    # The highlights part: the school's summary, the school in numbers, the school's own
    # sections, then the tallies drawn from records and evaluations. Other parts are the
    # school's own words.
    lead = [s for s in school_texts if s.id == f"{PartKind.HIGHLIGHTS.value}-summary"]
    ordered = [*lead, *sections.overview(workspace, lang)]
    ordered += [s for s in school_texts if s not in lead]
    ordered += tallies
    report = Report(
        title=label("report.title", lang, year=year),
        school=workspace.school.name,
        year=year,
        lang=lang,
        sections=tuple(_by_part(ordered)),
    )
    if host is not None:
        for plugin, added in host.call(
            "schoolwork_report_sections", report=report, workspace=workspace, root=loaded.root
        ):
            report = _merge(
                report, [attrs.evolve(s, source=f"plugin:{plugin}") for s in added], plugin
            )
    return report


def _by_part(found: Sequence[Section]) -> list[Section]:
    return [s for part in PartKind for s in found if s.part is part]


def _merge(report: Report, added: Sequence[Section], plugin: str) -> Report:
    """Replace sections of the same id; put others after ``after`` or at the end of their part."""
    current = list(report.sections)
    for section in added:
        if not isinstance(section, Section):
            raise PluginError(
                plugin,
                "schoolwork_report_sections",
                TypeError(f"expected Section, got {type(section).__name__}"),
            )
        ids = [s.id for s in current]
        if section.id in ids and section.after is None:
            current[ids.index(section.id)] = section
            continue
        if section.id in ids:
            current.pop(ids.index(section.id))
            ids = [s.id for s in current]
        if section.after is not None:
            if section.after not in ids:
                error = KeyError(
                    f"section {section.id!r} is to follow {section.after!r}, which the report lacks"
                )
                raise PluginError(plugin, "schoolwork_report_sections", error)
            anchor = current[ids.index(section.after)]
            current.insert(ids.index(section.after) + 1, attrs.evolve(section, part=anchor.part))
        else:
            current.append(section)
    return attrs.evolve(report, sections=tuple(_by_part(current)))
