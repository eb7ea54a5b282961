"""Part 二 and 三 drafts of duties: grid cells without an owner or with several, owners over
the load limit, post holders without a safety duty (一岗双责), unclaimed projects and
incomplete 5W2H plans."""

from __future__ import annotations

from collections.abc import Iterable

from schoolwork.grid import POSTS, Grid, without_safety_duty
from schoolwork.labels import label
from schoolwork.organisation import Person
from schoolwork.projects import Project, ProjectState, SourceDocument
from schoolwork.reports.drafts import Context, Draft, Finding, Topic, quoted


def grids(context: Context) -> Draft | None:
    """Cells without an owner or with several, owners over the limit, and post holders who
    carry no safety duty (一岗双责)."""
    ws = context.workspace
    units = context.unit_names()
    findings = []
    for grid in ws.grids:
        findings += _grid_findings(context, grid, units)
    missing = without_safety_duty(ws.grids, ws.people)
    if missing and any(g.purpose == "safety" for g in ws.grids):
        posts = context.joined(_holder(context, p, units) for p in missing)
        findings.append(
            Finding(
                context.say("draft.safety_duty", count=len(missing), posts=posts),
                context.say("step.safety_duty", count=len(missing)),
            )
        )
    return Draft(Topic.GRIDS, tuple(findings)) if findings else None


def _grid_findings(context: Context, grid: Grid, units: dict[str, str]) -> list[Finding]:
    say = context.say
    duties = {d.id: d.name for d in grid.duties}

    def cells(keys: Iterable[tuple[str, str]]) -> str:
        return context.joined(f"{units.get(s, s)}·{duties.get(d, d)}" for s, d in keys)

    found = []
    gaps = list(grid.gaps())
    if gaps:
        found.append(
            Finding(
                say("draft.grid.gaps", grid=grid.name, count=len(gaps), cells=cells(gaps)),
                say("step.grid.gaps", grid=grid.name, count=len(gaps)),
            )
        )
    doubles = list(grid.double_owners())
    if doubles:
        found.append(
            Finding(
                say("draft.grid.double", grid=grid.name, count=len(doubles), cells=cells(doubles)),
                say("step.grid.double", grid=grid.name),
            )
        )
    overloads = grid.overloads()
    if overloads:
        who = ""
        if context.named:
            who = say("draft.who", names=context.joined(context.person(p) for p in overloads))
        found.append(
            Finding(
                say(
                    "draft.grid.overload",
                    grid=grid.name,
                    count=len(overloads),
                    limit=grid.load_limit,
                    who=who,
                ),
                say("step.grid.overload", grid=grid.name, limit=grid.load_limit),
            )
        )
    return found


def _holder(context: Context, person: Person, units: dict[str, str]) -> str:
    """A post holder by their posts (数学教研组组长兼分管校长), and by name inside the school."""
    posts = []
    for role in person.roles:
        if role.kind not in POSTS:
            continue
        post = label(role.kind, context.lang)
        if role.unit:
            post = context.say("post.in_unit", unit=units.get(role.unit, role.unit), post=post)
        elif role.area:
            post = context.say("post.area", area=role.area, post=post)
        posts.append(post)
    text = context.say("post.joiner").join(posts)
    if context.named:
        return context.say("post.named", name=person.name, posts=text)
    return text


# Projects


def projects(context: Context) -> Draft | None:
    """Projects no office has claimed, and claimed ones whose 5W2H plan lacks a part.

    A project answering a document issued after the year's end belongs to a later summary.
    """
    ws = context.workspace
    sources = {s.id: s for s in ws.sources}
    units = context.unit_names()
    findings = []
    for project in ws.projects:
        source = sources.get(project.source or "")
        if source is not None and source.date > context.year_end:
            continue
        finding = _project_finding(context, project, units, source)
        if finding is not None:
            findings.append(finding)
    return Draft(Topic.PROJECTS, tuple(findings)) if findings else None


def _project_finding(
    context: Context, project: Project, units: dict[str, str], source: SourceDocument | None
) -> Finding | None:
    say = context.say
    title = quoted(project.title)
    if project.state is ProjectState.UNCLAIMED:
        cited = ""
        if source is not None:
            cited = say(
                "draft.project.source",
                issuer=source.issuer,
                title=source.title,
                number=source.number,
            )
        return Finding(
            say("draft.project.unclaimed", project=title, source=cited),
            say("step.project.unclaimed", project=title),
        )
    lead = units.get(project.lead or "", project.lead or "")
    if project.plan is None:
        return Finding(
            say("draft.project.no_plan", project=title, lead=lead),
            say("step.project.no_plan", project=title, lead=lead),
        )
    missing = project.plan.missing()
    if not missing:
        return None
    parts = context.joined(label(f"plan.{part}", context.lang) for part in missing)
    return Finding(
        say("draft.project.incomplete", project=title, lead=lead, missing=parts),
        say("step.project.incomplete", project=title, lead=lead, missing=parts),
    )
