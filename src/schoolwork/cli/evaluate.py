"""``schoolwork evaluate``: scores, bands and ranks of one scheme, or one subject's full trace."""

from __future__ import annotations

from pathlib import Path

import click

from schoolwork.atomic import write_bytes
from schoolwork.cli.common import (
    WORKSPACE_DIR,
    UsageProblem,
    document_lang,
    open_session,
    reported,
    warn,
)


@click.command()
@click.argument("directory", type=WORKSPACE_DIR)
@click.option("--scheme", "scheme_id", required=True, help="The id of the scheme to evaluate.")
@click.option(
    "--year", help="Evaluate for this school year instead of the scheme's own (2023-2024)."
)
@click.option(
    "--format",
    "fmt",
    default="table",
    show_default=True,
    help="table, csv, json, xlsx, or a format a plugin offers.",
)
@click.option(
    "--explain", "subject", help="Print the full trace of one subject (id or name) instead."
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file."
)
def evaluate(
    directory: Path,
    scheme_id: str,
    year: str | None,
    fmt: str,
    subject: str | None,
    output: Path | None,
) -> None:
    """Evaluate scheme SCHEME over the workspace in DIRECTORY.

    The workspace's warnings go to stderr as ``warning: ...``; they do not stop the evaluation.
    """
    session = open_session(directory)
    for warning in session.warnings:
        warn(warning)
    with reported():
        if subject is not None:
            data = session.explain(scheme_id, subject, year=year).encode("utf-8")
        else:
            evaluation = session.evaluate(scheme_id, year=year)
            data = session.render([evaluation], fmt, lang=document_lang(None))
        if output is None:
            try:
                click.echo(data.decode("utf-8"), nl=False)
            except UnicodeDecodeError:
                raise UsageProblem(f"the {fmt} format is a binary file; give -o FILE") from None
            return
    with reported(writing=True):
        write_bytes(output, data)
    click.echo(f"wrote {output}")
