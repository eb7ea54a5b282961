"""``schoolwork records``: counts of the workspace's records by kind, level, prize and type."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import click

from schoolwork.calendar import period_span
from schoolwork.cli.common import WORKSPACE_DIR, open_session, reported
from schoolwork.labels import LANGS, Lang, label
from schoolwork.records import Honour, RecipientKind, RecordBook, Severity
from schoolwork.reports import sections
from schoolwork.reports.model import Table
from schoolwork.terminal import format_table


def _prize(honour: Honour, lang: Lang) -> str:
    if honour.rank is not None:
        return label(honour.rank, lang)
    if honour.place is not None:
        return f"第{honour.place}名" if lang == "zh" else f"place {honour.place}"
    return label("rank.title", lang)


def _print_table(title: str, table: Table) -> None:
    click.echo(f"\n{title}")
    click.echo(format_table(table.columns, table.rows, indent="  "))


@click.command()
@click.argument("directory", type=WORKSPACE_DIR)
@click.option("--year", help="Count only records of this school year (2023-2024); default: all.")
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True)
def records(directory: Path, year: str | None, lang: Lang) -> None:
    """Count the records of the workspace in DIRECTORY by kind, level, prize and type."""
    session = open_session(directory)
    loaded = session.loaded
    if year is not None:
        with reported():
            session._year(year)
    ws = loaded.workspace
    if year is not None:
        start, end = period_span(year, ws.calendar)
    else:
        days = [
            *(h.date for h in ws.honours),
            *(a.date for a in ws.activities),
            *(i.date for i in ws.inspections),
            *(i.date for i in ws.incidents),
        ]
        start, end = (min(days), max(days)) if days else (date.max, date.min)
    honours = [h for h in ws.honours if start <= h.date <= end]
    activities = [a for a in ws.activities if start <= a.date <= end]
    inspections = [i for i in ws.inspections if start <= i.date <= end]
    incidents = [i for i in ws.incidents if start <= i.date <= end]
    click.echo(f"{ws.school.name} — {year or 'all years'}")
    click.echo(
        f"honours {len(honours)}, activities {len(activities)}, "
        f"inspections {len(inspections)}, incidents {len(incidents)}"
    )
    if honours:
        for section in sections.honours(RecordBook.of(honour=tuple(honours)), start, end, lang):
            for block in section.blocks:
                if isinstance(block, Table):
                    _print_table(block.caption, block)
        kinds = Counter(h.recipient.kind for h in honours)
        click.echo(
            "\nhonours by recipient: "
            + ", ".join(f"{label(k, lang)} {kinds[k]}" for k in RecipientKind if kinds[k])
        )
        click.echo("\nhonours by category, level and prize:")
        by_category: dict[str, Counter[str]] = {}
        for h in sorted(
            honours, key=lambda h: (h.level.rank, h.rank.order if h.rank else 9, h.place or 0)
        ):
            by_category.setdefault(h.category or "—", Counter())[
                f"{label(h.level, lang)}{_prize(h, lang)}"
            ] += 1
        for category, counts in sorted(by_category.items()):
            parts = ", ".join(f"{name} {count}" for name, count in counts.items())
            click.echo(f"  {category} ({sum(counts.values())}): {parts}")
    if activities:
        activity_types = Counter(a.type for a in activities)
        table = tuple((kind, str(activity_types[kind])) for kind in sorted(activity_types))
        _print_table("activities by type", Table(("type", "count"), table))
    if inspections:
        inspection_rows = []
        for kind in sorted({i.type for i in inspections}):
            found = [i for i in inspections if i.type == kind]
            on_days = len({i.date for i in found})
            passed = sum(1 for i in found if i.passed)
            inspection_rows.append((kind, str(len(found)), str(on_days), str(passed)))
        columns = ("type", "records", "days", "passed")
        _print_table("inspections by type", Table(columns, tuple(inspection_rows)))
    severities = Counter(i.severity for i in incidents)
    line = (
        ", ".join(f"{label(s, lang)} {severities[s]}" for s in Severity if severities[s]) or "none"
    )
    click.echo(f"\nincidents by severity: {line}")
