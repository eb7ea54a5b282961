"""``schoolwork records``: counts of the workspace's records by kind, level, prize and type."""

from __future__ import annotations

from pathlib import Path

import click

from schoolwork.cli.common import (
    WORKSPACE_DIR,
    document_lang,
    open_session,
    option,
    reported,
    run_lang,
)
from schoolwork.cli.localised import choice, command
from schoolwork.cli.lookup import school_year
from schoolwork.cli.table import format_fitted, output_width, wrap_line
from schoolwork.labels import LANGS, Lang, label
from schoolwork.reports.listings import Tally, record_tallies
from schoolwork.reports.model import Table


def _print_table(table: Table, room: int) -> None:
    click.echo(f"\n{table.caption}")
    click.echo(format_fitted(table.columns, table.rows, room, indent="  "))


def _counts(tally: Tally, lang: Lang) -> str:
    return label("listing.list", lang).join(f"{name} {count}" for name, count in tally)


@command(zh="按类别、级别、奖次和类型统计 DIRECTORY 中工作区的各类记录。")
@click.argument("directory", type=WORKSPACE_DIR)
@option(
    "--year",
    help="Count only records of this school year (2023-2024); default: all.",
    zh="只统计这个学年（如 2023-2024）的记录；默认统计全部。",
)
@option(
    "--lang",
    type=choice(LANGS),
    help="The language of the labels (default: the global --lang, else zh).",
    zh="级别、奖次等标签的语言（默认：全局 --lang，否则为 zh）。",
)
def records(directory: Path, year: str | None, lang: Lang | None) -> None:
    """Count the records of the workspace in DIRECTORY by kind, level, prize and type."""
    words = run_lang()
    school_year(year)
    session = open_session(directory)
    with reported():
        tallies = record_tallies(session.workspace, year, document_lang(lang), headings=words)
    room = output_width()
    book = tallies.records
    every = label("cli.records.all_years", words)
    click.echo(f"{tallies.school} — {tallies.year or every}")
    click.echo(
        label(
            "cli.records.counts",
            words,
            honours=len(book.honours),
            activities=len(book.activities),
            inspections=len(book.inspections),
            incidents=len(book.incidents),
        )
    )
    if book.honours:
        for table in tallies.honour_tables:
            _print_table(table, room)
        recipients = label(
            "cli.records.by_recipient", words, counts=_counts(tallies.by_recipient, words)
        )
        click.echo("\n" + wrap_line(recipients, room, hang=4))
        click.echo("\n" + label("cli.records.by_category", words))
        for category in tallies.by_category:
            line = label(
                "cli.records.category",
                words,
                category=category.category,
                total=category.total,
                prizes=_counts(category.prizes, words),
            )
            click.echo(wrap_line(f"  {line}", room, hang=4))
    if tallies.activities is not None:
        _print_table(tallies.activities, room)
    if tallies.inspections is not None:
        _print_table(tallies.inspections, room)
    severities = _counts(tallies.incidents, words) or label("listing.none", words)
    click.echo("\n" + label("cli.records.incidents", words, counts=severities))
