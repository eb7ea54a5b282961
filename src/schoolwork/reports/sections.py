"""The sections the core generates from a workspace: counts and tallies drawn from records,
the goals judged at the year's end, and parts 二 and 三 drafted from the data.

Each function returns the sections it can make, or none when the workspace has nothing for it,
so a school without records gets no empty honours table. The module is a built-in plugin of
``schoolwork_report_sections``, called before any other, so plugins place their sections
among the core's.

A section the school writes (``texts/<year>/problems.md``) under the title of a drafted topic
(目标落实, 安全网格与一岗双责, ...) replaces that draft in its part; any other is added before
the drafts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from schoolwork.calendar import Semester, period_span
from schoolwork.goals import GoalTree, achievements, depth_first
from schoolwork.grid import without_safety_duty
from schoolwork.labels import Lang, label
from schoolwork.levels import Level
from schoolwork.organisation import UnitKind
from schoolwork.plugins import hookimpl
from schoolwork.projects import ProjectState
from schoolwork.records import AwardRank, Ballot, Honour, RecipientKind, RecordBook
from schoolwork.reports import drafts, duty_drafts, goal_drafts, result_drafts, texts
from schoolwork.reports.model import (
    Block,
    Chart,
    Edition,
    PartKind,
    Report,
    Section,
    Series,
    Table,
    Text,
)
from schoolwork.reports.notes import achievement_note, fixed, scheme_note
from schoolwork.reports.numbering import chinese_number
from schoolwork.reports.outcomes import outcome
from schoolwork.reports.rated import gain_sections, rated_sections
from schoolwork.results import Evaluation, SubjectResult, Veto
from schoolwork.scheme import Scheme
from schoolwork.workspace import Workspace

HIGHLIGHTS = PartKind.HIGHLIGHTS


def overview(workspace: Workspace, lang: Lang, year: str = "") -> Iterable[Section]:
    """Units by kind and staff in post, and which year of its plan the school is in."""
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
    text += "".join(plan_years(workspace, year, lang))
    yield Section("overview", label("report.overview", lang), HIGHLIGHTS, (Text(text), table))


def plan_years(workspace: Workspace, year: str, lang: Lang) -> Iterable[str]:
    """本学年是三年发展规划（2023—2026）的第一年…: said from the plan's phases, so the words
    follow the year asked for."""
    for plan in workspace.plans:
        for index, phase in enumerate(plan.phases, start=1):
            if phase.year != year:
                continue
            aim = label("report.plan_aim", lang, aim=phase.aim) if phase.aim else ""
            n = chinese_number(index) if lang == "zh" else str(index)
            sentence = label(
                "report.plan_year", lang, plan=plan.name, n=n, theme=phase.theme, aim=aim
            )
            yield sentence if lang == "zh" else " " + sentence


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


def activities(
    records: RecordBook,
    start: date,
    end: date,
    lang: Lang,
    semesters: Sequence[Semester] = (),
) -> Iterable[Section]:
    """Activities by type and semester (by month, as 9月, when the calendar names none): a
    column a term keeps the table narrow enough for every type's name to stay on one line."""
    found = [a for a in records.activities if start <= a.date <= end]
    if not found:
        return
    if semesters:
        columns = [s.name for s in semesters]

        def column(day: date) -> str | None:
            return next((s.name for s in semesters if day in s), None)

        caption = label("report.activities_by_semester", lang)
    else:
        months = sorted({(a.date.year, a.date.month) for a in found})
        columns = [label("report.month", lang, month=m) for _, m in months]

        def column(day: date) -> str | None:
            return label("report.month", lang, month=day.month)

        caption = label("report.activities_by_month", lang)
    counts = Counter((a.type, column(a.date)) for a in found)
    outside = label("report.in_vacation", lang)
    if any(column(a.date) is None for a in found):
        columns.append(outside)
        counts = Counter((a.type, column(a.date) or outside) for a in found)
    types = sorted({a.type for a in found})
    rows = tuple(
        (
            kind,
            *(str(counts[(kind, c)]) for c in columns),
            str(sum(counts[(kind, c)] for c in columns)),
        )
        for kind in types
    )
    table = Table(
        (label("column.type", lang), *columns, label("column.total", lang)), rows, caption=caption
    )
    yield Section("activities", label("report.activities", lang), HIGHLIGHTS, (table,))


def _semesters(workspace: Workspace, year: str) -> tuple[Semester, ...]:
    found = [y for y in workspace.calendar.years if y.name == year]
    return found[0].semesters if found else ()


_RANGES = (
    (Decimal(90), None),
    (Decimal(80), Decimal(90)),
    (Decimal(70), Decimal(80)),
    (Decimal(60), Decimal(70)),
    (Decimal(0), Decimal(60)),
)


def evaluations_sections(
    results: Sequence[tuple[Scheme, Evaluation]],
    lang: Lang,
    ballots: Sequence[Ballot] = (),
    schemes: Sequence[Scheme] = (),
) -> Iterable[Section]:
    """For each evaluated scheme: what the scheme is, band counts, the score distribution and
    its aggregates (both editions); how its rated indicators' ``ballots`` were combined and
    what its gains measured (:mod:`schoolwork.reports.rated`); then every subject's result in
    full (internal only)."""
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
        yield Section(
            f"evaluation-{scheme.id}",
            _titled("report.evaluation", scheme, lang),
            HIGHLIGHTS,
            (
                scheme_note(scheme, total, lang),
                Text(_aggregate(scheme, evaluation.results, lang)),
                band_table,
                band_chart,
                distribution,
            ),
        )
        yield from rated_sections(scheme, evaluation, ballots, lang)
        yield from gain_sections(scheme, evaluation, lang, schemes)
        yield Section(
            f"ranking-{scheme.id}",
            _titled("report.ranking", scheme, lang),
            HIGHLIGHTS,
            (ranking(scheme, evaluation, lang),),
            edition=Edition.INTERNAL,
        )


def _titled(key: str, scheme: Scheme, lang: Lang) -> str:
    return (
        f"{label(key, lang)}：{scheme.name}"
        if lang == "zh"
        else f"{label(key, lang)}: {scheme.name}"
    )


def _aggregate(scheme: Scheme, found: Sequence[SubjectResult], lang: Lang) -> str:
    scores = [r.score for r in found]
    mean = sum(scores, Decimal(0)) / len(scores)
    places = Decimal(1).scaleb(-scheme.places)
    return label(
        "report.aggregate",
        lang,
        subjects=label(f"count.{scheme.subject.value}", lang, count=len(scores)),
        mean=f"{mean.quantize(places):f}",
        high=fixed(max(scores), scheme.places),
        low=fixed(min(scores), scheme.places),
    )


def _name_column(scheme: Scheme, lang: Lang) -> str:
    # 姓名 for people and 班级 for classes; one word keeps the narrow column on one line.
    kind = scheme.subject.value
    return label(f"column.name.{kind}" if kind in ("teacher", "class") else "column.name", lang)


def ranking(scheme: Scheme, evaluation: Evaluation, lang: Lang) -> Table:
    """Every subject's rank, dimension scores, adjustments, score and band, with the vetoes
    and band moves that touched it: the list a school publishes (公示) inside.

    Every score has the scheme's places (a zeroed dimension is ``0.00``); the notes are in the
    report's language, made from the scheme's words, not from the engine's English reasons.
    """
    places = Decimal(1).scaleb(-scheme.places)
    rows = []
    for result in evaluation.results:
        adjusted = sum((a.applied or Decimal(0) for a in result.adjustments), Decimal(0))
        notes = [_veto_note(scheme, v, lang) for v in result.vetoes]
        notes += [f"{m.from_band or '—'}→{m.to_band or '—'}" for m in result.moves]
        rows.append(
            (
                f"{result.rank.normalize():f}",
                result.subject.name,
                *(
                    "—" if d.score is None else fixed(d.score, scheme.places)
                    for d in result.dimensions
                ),
                f"{adjusted.quantize(places):+f}" if adjusted else "—",
                fixed(result.score, scheme.places),
                result.band or "—",
                ("；" if lang == "zh" else "; ").join(notes) or "—",
            )
        )
    return Table(
        (
            label("column.position", lang),
            _name_column(scheme, lang),
            *(d.name for d in scheme.dimensions),
            label("column.adjustments", lang),
            label("column.score", lang),
            label("column.band", lang),
            label("column.note", lang),
        ),
        tuple(rows),
    )


def _veto_note(scheme: Scheme, veto: Veto, lang: Lang) -> str:
    """A veto as the results table notes it: the scheme's name of the rule and the record that
    fired it; a plugin's veto in the plugin's own words, naming the plugin."""
    if veto.source.startswith("plugin:"):
        plugin = veto.source.removeprefix("plugin:")
        return label("report.ranking.plugin_veto", lang, reason=veto.reason, plugin=plugin)
    name = next((r.name for r in scheme.vetoes if r.id == veto.rule), veto.rule)
    if veto.record is None:
        return name
    return label("report.ranking.veto", lang, rule=name, record=veto.record)


def goals(
    workspace: Workspace,
    year: str,
    as_of: date,
    lang: Lang,
    edition: Edition = Edition.BUREAU,
    year_end: date | None = None,
) -> Iterable[Section]:
    """The year's goals judged at ``as_of``, with a chart by owner and a note on 达成度.

    Once the year is over (``as_of`` is its last day) each goal is 完成, 基本完成 or 未完成;
    while it runs, its status against the pace.
    """
    chosen = tuple(g for g in workspace.goals if g.period.split("/")[0] == year)
    if not chosen:
        return
    over = year_end is None or as_of >= year_end
    tree = GoalTree(chosen, workspace.plans)
    found = achievements(tree, as_of, workspace.calendar)
    names = {u.id: u.name for u in workspace.units} | {workspace.school.id: workspace.school.name}
    people = {p.id: p.name for p in workspace.people}

    def owner(owner_id: str) -> str:
        if owner_id in names:
            return names[owner_id]
        if edition is Edition.INTERNAL:
            return people.get(owner_id, owner_id)
        return label("draft.a_teacher", lang)

    rows = []
    for depth, goal in depth_first(tree):
        value, _, state = found[goal.id]
        shown = "—" if value is None else f"{value * 100:.1f}%"
        said = label(outcome(value), lang) if over else label(state, lang)
        rows.append(("　" * depth + goal.title, owner(goal.owner), shown, said))
    table = Table(
        (
            label("column.goal", lang),
            label("column.owner", lang),
            label("column.achieved", lang),
            label("column.outcome" if over else "column.status", lang),
        ),
        tuple(rows),
    )
    measured = [(g, found[g.id][0]) for _, g in depth_first(tree) if found[g.id][0] is not None]
    chart = Chart(
        label("report.goals", lang),
        tuple(owner(g.owner) for g, _ in measured),
        (
            Series(
                label("column.achieved", lang), tuple((v or Decimal(0)) * 100 for _, v in measured)
            ),
        ),
        horizontal=True,
    )
    blocks: list[Block] = [table, chart, achievement_note(workspace.plans, over, lang)]
    if not over:
        day = f"{as_of.year}年{as_of.month}月{as_of.day}日" if lang == "zh" else as_of.isoformat()
        blocks.insert(0, Text(label("report.judged_on", lang, day=day)))
    yield Section("goals", label("report.goals", lang), HIGHLIGHTS, tuple(blocks))


def duties(workspace: Workspace, lang: Lang) -> Iterable[Section]:
    """Grid coverage and project states with the share of claimed projects that closed the loop.

    Post holders without a safety duty are a problem (part 二), not a highlight; here only a
    school where every post holder carries one says so.
    """
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
        safety = any(g.purpose == "safety" for g in workspace.grids)
        if safety and not without_safety_duty(workspace.grids, workspace.people):
            blocks.append(Text(label("report.one_post_two_duties_done", lang)))
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
    own texts, the tallies drawn from records, goals, duties and evaluations; then in parts 二
    and 三 the school's own sections and the drafts they do not replace."""
    lang, year, edition = report.lang, report.year, report.edition
    start, end = period_span(year, workspace.calendar)
    as_of = report.as_of or end
    records = workspace.records
    tallies: list[Section] = [
        *goals(workspace, year, as_of, lang, edition, end),
        *duties(workspace, lang),
        *honours(records, start, end, lang),
        *activities(records, start, end, lang, _semesters(workspace, year)),
        *evaluations_sections(evaluations, lang, records.ballots, workspace.schemes),
    ]
    found, _ = texts.read_texts(root, year, workspace.calendar)
    school_texts = list(texts.text_sections(found, lang))
    lead = [s for s in school_texts if s.id == f"{PartKind.HIGHLIGHTS.value}-summary"]
    ordered = [*lead, *overview(workspace, lang, year)]
    ordered += [s for s in school_texts if s not in lead]
    ordered += tallies
    context = drafts.Context(workspace, year, end, as_of, lang, edition)
    replaced = {(s.part, drafts.replaced_by(s.title)) for s in school_texts}
    drafted = [
        goal_drafts.goals(context),
        duty_drafts.grids(context),
        duty_drafts.projects(context),
        result_drafts.results(context, evaluations),
        result_drafts.vetoes(context, evaluations),
    ]
    found_drafts = [d for d in drafted if d is not None]
    ordered += drafts.sections(found_drafts, lang, replaced)
    return [s for part in PartKind for s in ordered if s.part is part]
