"""``schoolwork records``: counts of the workspace's records by kind, level, prize and type."""

from __future__ import annotations

from pathlib import Path

import click

from schoolwork.cli.common import WORKSPACE_DIR, document_lang, open_session, reported
from schoolwork.labels import LANGS, Lang
from schoolwork.reports.listings import Tally
from schoolwork.reports.model import Table
from schoolwork.terminal import format_table


def _print_table(table: Table) -> None:
    click.echo(f"\n{table.caption}")
    click.echo(format_table(table.columns, table.rows, indent="  "))


def _counts(tally: Tally) -> str:
    return ", ".join(f"{name} {count}" for name, count in tally)


@click.command()
@click.argument("directory", type=WORKSPACE_DIR)
@click.option("--year", help="Count only records of this school year (2023-2024); default: all.")
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    help="The language of the labels (default: the global --lang, else zh).",
)
def records(directory: Path, year: str | None, lang: Lang | None) -> None:
    """Count the records of the workspace in DIRECTORY by kind, level, prize and type."""
    session = open_session(directory)
    with reported():
        tallies = session.record_tallies(year, lang=document_lang(lang))
    book = tallies.records
    click.echo(f"{tallies.school} — {tallies.year or 'all years'}")
    click.echo(
        f"honours {len(book.honours)}, activities {len(book.activities)}, "
        f"inspections {len(book.inspections)}, incidents {len(book.incidents)}"
    )
    if book.honours:
        for table in tallies.honour_tables:
            _print_table(table)
        click.echo(f"\nhonours by recipient: {_counts(tallies.by_recipient)}")
        click.echo("\nhonours by category, level and prize:")
        for category in tallies.by_category:
            click.echo(f"  {category.category} ({category.total}): {_counts(category.prizes)}")
    if tallies.activities is not None:
        _print_table(tallies.activities)
    if tallies.inspections is not None:
        _print_table(tallies.inspections)
    click.echo(f"\nincidents by severity: {_counts(tallies.incidents) or 'none'}")
