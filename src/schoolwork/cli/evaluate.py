"""``schoolwork evaluate``: scores, bands and ranks of one scheme, or one subject's full trace."""

from __future__ import annotations

from pathlib import Path

import click

from schoolwork.atomic import write_text
from schoolwork.calendar import parse_school_year_name
from schoolwork.cli.common import (
    WORKSPACE_DIR,
    PluginFailed,
    ProblemsFound,
    UsageProblem,
    load_workspace,
    plugin_host,
)
from schoolwork.evaluation.assess import assess
from schoolwork.evaluation.engine import SchemeError
from schoolwork.evaluation.output import FORMATS, explain, render
from schoolwork.plugins import PluginError
from schoolwork.problems import WorkspaceError


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
    if year is not None and parse_school_year_name(year) is None:
        raise UsageProblem(f"--year {year!r}: expected a school year such as 2023-2024")
    loaded = load_workspace(directory)
    try:
        scheme, evaluation = assess(loaded, scheme_id, plugin_host(), year)
    except KeyError as exc:
        raise UsageProblem(str(exc.args[0])) from None
    except WorkspaceError as exc:
        raise ProblemsFound(exc.problems) from None
    except SchemeError as exc:
        raise UsageProblem(str(exc)) from None
    except PluginError as exc:
        raise PluginFailed(exc) from None
    if subject_id is not None:
        try:
            text = explain(evaluation.result(subject_id), scheme)
        except KeyError as exc:
            raise UsageProblem(str(exc.args[0])) from None
    else:
        text = render(evaluation, scheme, fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text(output, text)
        click.echo(f"wrote {output}")
