"""Building a school year's report: the frame, then every plugin's sections, the core's first."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from schoolwork.errors import PluginError
from schoolwork.labels import Lang, label
from schoolwork.plugins import PluginHost, returns
from schoolwork.reports.model import PartKind, Report, Section
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
) -> Report:
    """The annual summary of ``year``: the sections of every plugin of ``host``, merged in order.

    The core's sections are a built-in plugin's; a plugin's section replaces one of the same
    id, goes after the one it names, or is added at the end of its part.
    """
    workspace = loaded.workspace
    report = Report(
        title=label("report.title", lang, year=year),
        school=workspace.school.name,
        year=year,
        lang=lang,
        sections=(),
        sample_note=workspace.school.sample_note,
    )
    frame = report
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
        report = _merge(report, added, answer.plugin)
    return report


def _by_part(found: Sequence[Section]) -> list[Section]:
    return [s for part in PartKind for s in found if s.part is part]


def _merge(report: Report, added: Sequence[Section], plugin: str) -> Report:
    """Replace sections of the same id; put others after ``after`` or at the end of their part."""
    current = list(report.sections)
    for section in added:
        ids = [s.id for s in current]
        if section.id in ids and section.after is None:
            current[ids.index(section.id)] = section
            continue
        if section.id in ids:
            current.pop(ids.index(section.id))
            ids = [s.id for s in current]
        if section.after is not None:
            if section.after not in ids:
                error = (
                    f"section {section.id!r} is to follow {section.after!r}, which the report lacks"
                )
                raise PluginError(plugin, HOOK, error)
            anchor = current[ids.index(section.after)]
            current.insert(ids.index(section.after) + 1, attrs.evolve(section, part=anchor.part))
        else:
            current.append(section)
    return attrs.evolve(report, sections=tuple(_by_part(current)))
