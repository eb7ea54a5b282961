"""``schoolwork evaluate``: scores, bands and ranks of one scheme, or one subject's full trace."""

from __future__ import annotations

from pathlib import Path

import click

from schoolwork.atomic import write_text
from schoolwork.cli.common import WORKSPACE_DIR, check_year, load_workspace, plugin_host, reported
from schoolwork.evaluation.assess import assess
from schoolwork.evaluation.output import FORMATS, explain, render


@click.command()
@click.argument("directory", type=WORKSPACE_DIR)
@click.option("--scheme", "scheme_id", required=True, help="The id of the scheme to evaluate.")
@click.option(
    "--year", help="Evaluate for this school year instead of the scheme's own (2023-2024)."
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--explain", "subject_id", help="Print the full trace of one subject instead.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file."
)
def evaluate(
    directory: Path,
    scheme_id: str,
    year: str | None,
    fmt: str,
    subject_id: str | None,
    output: Path | None,
) -> None:
    """Evaluate scheme SCHEME over the workspace in DIRECTORY."""
    check_year(year)
    loaded = load_workspace(directory)
    with reported(lookups=True):
        scheme, evaluation = assess(loaded, scheme_id, plugin_host(), year)
    if subject_id is not None:
        with reported(lookups=True):
            text = explain(evaluation.result(subject_id), scheme)
    else:
        text = render(evaluation, scheme, fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text(output, text)
        click.echo(f"wrote {output}")
