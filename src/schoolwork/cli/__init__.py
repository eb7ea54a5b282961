"""The ``schoolwork`` command line.

Every command that reads a workspace prints its problems, one per line, and exits with 2;
no command shows a traceback for bad input. ``schoolwork --lang zh`` prints them in Chinese.
"""

from __future__ import annotations

import sys

import click

from schoolwork import __version__
from schoolwork.cli.common import LANG_ENV
from schoolwork.cli.duties import calendar, grid, projects
from schoolwork.cli.evaluate import evaluate
from schoolwork.cli.goals import goals
from schoolwork.cli.plugins import plugins
from schoolwork.cli.records import records
from schoolwork.cli.reports import demo, export, report
from schoolwork.cli.roster import roster
from schoolwork.cli.slips import slips
from schoolwork.cli.template import template
from schoolwork.cli.workspace import init, validate
from schoolwork.labels import LANGS, Lang


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="schoolwork")
@click.option(
    "--strict-plugins",
    is_flag=True,
    envvar="SCHOOLWORK_STRICT_PLUGINS",
    help="Fail when any plugin cannot be loaded, instead of warning.",
)
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    envvar=LANG_ENV,
    help=(
        "The language of messages and problems, zh or en (default: SCHOOLWORK_LANG, else zh "
        "when the locale is Chinese, else en); also the default of a command's own --lang."
    ),
)
@click.pass_context
def cli(ctx: click.Context, strict_plugins: bool, lang: Lang | None) -> None:
    """Plan, assign, evaluate and report a school's work."""
    ctx.ensure_object(dict)
    ctx.obj["strict_plugins"] = strict_plugins
    ctx.obj["lang"] = lang


for command in (
    init,
    validate,
    goals,
    grid,
    projects,
    calendar,
    records,
    evaluate,
    plugins,
    report,
    export,
    demo,
    template,
    roster,
    slips,
):
    cli.add_command(command)


def main() -> None:
    """Entry point of the console script and of ``python -m schoolwork``."""
    sys.exit(cli.main(prog_name="schoolwork", standalone_mode=True))
