"""The sections the core generates from a workspace: counts and tallies drawn from records.

Each function returns the sections it can make, or none when the workspace has nothing for it,
so a school without records gets no empty honours table. The module is a built-in plugin of
``schoolwork_report_sections``, called before any other, so plugins place their sections
among the core's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from schoolwork.calendar import period_span
from schoolwork.goals import GoalTree, achievements, depth_first
from schoolwork.grid import without_safety_duty
from schoolwork.labels import Lang, label
from schoolwork.levels import Level
from schoolwork.organisation import UnitKind
from schoolwork.plugins import hookimpl
from schoolwork.projects import ProjectState
from schoolwork.records import AwardRank, Honour, RecipientKind, RecordBook
from schoolwork.reports import texts
from schoolwork.reports.model import Block, Chart, PartKind, Report, Section, Series, Table, Text
from schoolwork.results import Evaluation
from schoolwork.scheme import Scheme
from schoolwork.workspace import Workspace

HIGHLIGHTS = PartKind.HIGHLIGHTS


def _n(value: int | Decimal) -> str:
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


def overview(workspace: Workspace, lang: Lang) -> Iterable[Section]:
    """Units by kind and staff in post."""
    units = Counter(u.kind for u in workspace.units)
    active = sum(1 for p in workspace.people if p.active)
    rows = [(label(kind, lang), str(units[kind])) for kind in UnitKind if units[kind]]
    rows.append((label("overview.people", lang), str(active)))
    table = Table((label("column.item", lang), label("column.count", lang)), tuple(rows))
    name = workspace.school.name
    if lang == "zh":
        text = f"{name}现有在岗教职工{active}人，教学班{units[UnitKind.CLASS]}个。"
    else:
        text = f"{name} has {active} staff in post and {units[UnitKind.CLASS]} classes."
    yield Section("overview", label("report.overview", lang), HIGHLIGHTS, (Text(text), table))


def _prize(honour: Honour) -> AwardRank | str:
    if honour.rank is not None:
        return honour.rank
    return "rank.placed" if honour.place is not None else "rank.title"


def honours(records: RecordBook, start: date, end: date, lang: Lang) -> Iterable[Section]:
    """Honours by level × prize, by category and recipient, and a chart by level."""
    found = sorted(
        (h for h in records.honours if start <= h.date <= end), key=lambda h: (h.date, h.id)
    )
    if not found:
        return
    # A column per prize, then placings (亚军, 第五名), then honorary titles.
    ranks: list[AwardRank | str] = [*AwardRank, "rank.placed", "rank.title"]
    by_cell = Counter((h.level, _prize(h)) for h in found)
    used_ranks = [r for r in ranks if any(by_cell[(lv, r)] for lv in Level)]
    rank_names = [label(r, lang) for r in used_ranks]
    rows = []
    for level in Level:
        counts = [by_cell[(level, r)] for r in used_ranks]
        if sum(counts):
            rows.append((label(level, lang), *map(str, counts), str(sum(counts))))
    totals = [sum(by_cell[(lv, r)] for lv in Level) for r in used_ranks]
    rows.append((label("column.total", lang), *map(str, totals), str(len(found))))
    by_level = Table(
        (label("column.level", lang), *rank_names, label("column.total", lang)),
        tuple(rows),
        caption=label("report.honours_by_level", lang),
    )
    by_category = Counter((h.category or "—", h.recipient.kind) for h in found)
    kinds = [k for k in RecipientKind if any(c[1] is k for c in by_category)]
    categories = sorted({c for c, _ in by_category})
    category_rows = tuple(
        (
            category,
            *(str(by_category[(category, k)]) for k in kinds),
            str(sum(by_category[(category, k)] for k in kinds)),
        )
        for category in categories
    )
    by_kind = Table(
        (
            label("column.category", lang),
            *(label(k, lang) for k in kinds),
            label("column.total", lang),
        ),
        category_rows,
        caption=label("report.honours_by_category", lang),
    )
    level_counts = Counter(h.level for h in found)
    chart = Chart(
        label("report.honours", lang),
        tuple(label(lv, lang) for lv in Level if level_counts[lv]),
        (
            Series(
                label("column.count", lang),
                tuple(Decimal(level_counts[lv]) for lv in Level if level_counts[lv]),
            ),
        ),
    )
    school = sum(1 for h in found if h.recipient.kind is RecipientKind.SCHOOL)
    if lang == "zh":
        text = f"本学年共获得各级各类荣誉{len(found)}项，其中学校集体荣誉{school}项。"
    else:
        text = (
            f"This school year brought {len(found)} honours, {school} of them to the school itself."
        )
    yield Section(
        "honours", label("report.honours", lang), HIGHLIGHTS, (Text(text), by_level, by_kind, chart)
    )


def activities(records: RecordBook, start: date, end: date, lang: Lang) -> Iterable[Section]:
    """Activities by type and month."""
    found = [a for a in records.activities if start <= a.date <= end]
    if not found:
        return
    months = sorted({(a.date.year, a.date.month) for a in found})
    counts = Counter((a.type, (a.date.year, a.date.month)) for a in found)
    types = sorted({a.type for a in found})
    month_names = [f"{y}-{m:02d}" for y, m in months]
    rows = tuple(
        (
            kind,
            *(str(counts[(kind, m)]) for m in months),
            str(sum(counts[(kind, m)] for m in months)),
        )
        for kind in types
    )
    table = Table(
        (label("column.type", lang), *month_names, label("column.total", lang)),
        rows,
        caption=label("report.activities_by_month", lang),
    )
    yield Section("activities", label("report.activities", lang), HIGHLIGHTS, (table,))


_RANGES = (
    (Decimal(90), None),
    (Decimal(80), Decimal(90)),
    (Decimal(70), Decimal(80)),
    (Decimal(60), Decimal(70)),
    (Decimal(0), Decimal(60)),
)


def evaluations_sections(
    results: Sequence[tuple[Scheme, Evaluation]], lang: Lang
) -> Iterable[Section]:
    """For each evaluated scheme: band counts, score distribution and the top ranks."""
    for scheme, evaluation in results:
        total = len(evaluation.results)
        if not total:
            continue
        bands = Counter(r.band for r in evaluation.results)
        names = [b.name for b in scheme.bands]
        band_rows = tuple(
            (name, str(bands[name]), f"{Decimal(100) * bands[name] / total:.1f}%")
            for name in names
            if bands[name]
        )
        band_table = Table(
            (label("column.band", lang), label("column.count", lang), label("column.share", lang)),
            band_rows,
            caption=label("report.bands", lang),
        )
        band_chart = Chart(
            f"{scheme.name} · {label('report.bands', lang)}",
            tuple(n for n in names if bands[n]),
            (
                Series(
                    label("column.count", lang), tuple(Decimal(bands[n]) for n in names if bands[n])
                ),
            ),
        )
        ranges = []
        for low, high in _RANGES:
            count = sum(
                1 for r in evaluation.results if r.score >= low and (high is None or r.score < high)
            )
            ranges.append((f"≥{low}" if high is None else f"{low}–{high}", str(count)))
        distribution = Table(
            (label("column.range", lang), label("column.count", lang)),
            tuple(ranges),
            caption=label("report.distribution", lang),
        )
        top = Table(
            (
                label("column.position", lang),
                label("column.name", lang),
                label("column.score", lang),
                label("column.band", lang),
            ),
            tuple(
                (f"{r.rank.normalize():f}", r.subject.name, _n(r.score), r.band or "—")
                for r in evaluation.results[:10]
            ),
            caption=label("report.top", lang),
        )
        yield Section(
            f"evaluation-{scheme.id}",
            f"{label('report.evaluation', lang)}：{scheme.name}"
            if lang == "zh"
            else f"{label('report.evaluation', lang)}: {scheme.name}",
            HIGHLIGHTS,
            (band_table, band_chart, distribution, top),
        )


def goals(workspace: Workspace, year: str, end: date, lang: Lang) -> Iterable[Section]:
    """Achievement and status of the year's goals at the end of the year, with a chart by unit."""
    chosen = tuple(g for g in workspace.goals if g.period.split("/")[0] == year)
    if not chosen:
        return
    tree = GoalTree(chosen, workspace.plans)
    found = achievements(tree, end, workspace.calendar)
    names = {u.id: u.name for u in workspace.units} | {workspace.school.id: workspace.school.name}
    rows = []
    for depth, goal in depth_first(tree):
        value, _, state = found[goal.id]
        shown = "—" if value is None else f"{value * 100:.1f}%"
        rows.append(
            (
                "　" * depth + goal.title,
                names.get(goal.owner, goal.owner),
                shown,
                label(state, lang),
            )
        )
    table = Table(
        (
            label("column.goal", lang),
            label("column.owner", lang),
            label("column.achieved", lang),
            label("column.status", lang),
        ),
        tuple(rows),
    )
    measured = [(g, found[g.id][0]) for _, g in depth_first(tree) if found[g.id][0] is not None]
    chart = Chart(
        label("report.goals", lang),
        tuple(names.get(g.owner, g.owner) for g, _ in measured),
        (
            Series(
                label("column.achieved", lang), tuple((v or Decimal(0)) * 100 for _, v in measured)
            ),
        ),
        horizontal=True,
    )
    yield Section("goals", label("report.goals", lang), HIGHLIGHTS, (table, chart))


def duties(workspace: Workspace, lang: Lang) -> Iterable[Section]:
    """Grid coverage and project states with the share of claimed projects that closed the loop."""
    blocks: list[Block] = []
    if workspace.grids:
        rows = []
        for grid in workspace.grids:
            cells = len(grid.scopes) * len(grid.duties)
            owned = cells - len(grid.gaps())
            rows.append((grid.name, str(cells), str(owned), str(len(grid.double_owners()))))
        blocks.append(
            Table(
                (
                    label("column.grid", lang),
                    label("column.cells", lang),
                    label("column.owned", lang),
                    label("column.double", lang),
                ),
                tuple(rows),
                caption=label("report.grids", lang),
            )
        )
        missing = len(without_safety_duty(workspace.grids, workspace.people))
        blocks.append(Text(label("report.one_post_two_duties", lang, count=missing)))
    if workspace.projects:
        states = Counter(p.state for p in workspace.projects)
        state_rows = [
            (label(state, lang), str(states[state])) for state in ProjectState if states[state]
        ]
        blocks.append(
            Table(
                (label("column.state", lang), label("column.count", lang)),
                tuple(state_rows),
                caption=label("report.projects", lang),
            )
        )
        claimed = [p for p in workspace.projects if p.state is not ProjectState.UNCLAIMED]
        closed = sum(1 for p in claimed if p.state is ProjectState.CLOSED)
        blocks.append(Text(label("report.closed_loop", lang, closed=closed, claimed=len(claimed))))
    if blocks:
        yield Section("duties", label("report.duties", lang), HIGHLIGHTS, tuple(blocks))


@hookimpl(tryfirst=True)
def schoolwork_report_sections(
    report: Report,
    workspace: Workspace,
    root: Path,
    evaluations: Sequence[tuple[Scheme, Evaluation]],
) -> list[Section]:
    """The core's sections in order: the school's summary, the school in numbers, the school's
    own texts, then the tallies drawn from records, goals, duties and evaluations."""
    lang, year = report.lang, report.year
    start, end = period_span(year, workspace.calendar)
    records = workspace.records
    tallies: list[Section] = [
        *goals(workspace, year, end, lang),
        *duties(workspace, lang),
        *honours(records, start, end, lang),
        *activities(records, start, end, lang),
        *evaluations_sections(evaluations, lang),
    ]
    school_texts = list(texts.text_sections(root, lang))
    lead = [s for s in school_texts if s.id == f"{PartKind.HIGHLIGHTS.value}-summary"]
    ordered = [*lead, *overview(workspace, lang)]
    ordered += [s for s in school_texts if s not in lead]
    ordered += tallies
    return [s for part in PartKind for s in ordered if s.part is part]
