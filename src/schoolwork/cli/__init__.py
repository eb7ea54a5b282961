"""The ``schoolwork`` command line.

Every command that reads a workspace prints its problems, one per line, and exits with 2;
no command shows a traceback for bad input.
"""

from __future__ import annotations

import sys

import click

from schoolwork import __version__
from schoolwork.cli.workspace import init, validate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="schoolwork")
def cli() -> None:
    """Plan, assign, evaluate and report a school's work."""


cli.add_command(init)
cli.add_command(validate)


def main() -> None:
    """Entry point of the console script and of ``python -m schoolwork``."""
    sys.exit(cli.main(prog_name="schoolwork", standalone_mode=True))
