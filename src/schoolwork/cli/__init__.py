"""The ``schoolwork`` command line.

Every command that reads a workspace prints its problems, one per line, and exits with 2;
no command shows a traceback for bad input. ``schoolwork --lang zh`` (or SCHOOLWORK_LANG, or a
Chinese locale) makes the whole run Chinese: help, headers, statuses, roles, messages and
problems.
"""

from __future__ import annotations

import sys

import click

from schoolwork import __version__
from schoolwork.cli.common import LANG_ENV, LocalOption
from schoolwork.cli.county import county
from schoolwork.cli.duties import calendar, grid, projects
from schoolwork.cli.evaluate import evaluate
from schoolwork.cli.frozen import diff, freeze
from schoolwork.cli.goals import goals
from schoolwork.cli.localised import LocalGroup, choice
from schoolwork.cli.plugins import plugins
from schoolwork.cli.records import records
from schoolwork.cli.reports import demo, export, report
from schoolwork.cli.roster import roster
from schoolwork.cli.slips import slips
from schoolwork.cli.template import template
from schoolwork.cli.workspace import init, validate
from schoolwork.labels import LANGS, Lang


def _remember_lang(ctx: click.Context, param: click.Parameter, value: Lang | None) -> Lang | None:
    # Read before --help is (both are eager), so that help is shown in the language asked for.
    ctx.ensure_object(dict)["lang"] = value
    return value


@click.group(
    cls=LocalGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    help_zh="规划、分配、考核并总结学校的各项工作。",
)
@click.version_option(
    __version__,
    prog_name="schoolwork",
    message="%(prog)s %(version)s",  # no word to translate
    cls=LocalOption,
    help_zh="显示版本并退出。",
)
@click.option(
    "--strict-plugins",
    is_flag=True,
    envvar="SCHOOLWORK_STRICT_PLUGINS",
    cls=LocalOption,
    help="Fail when any plugin cannot be loaded, instead of warning.",
    help_zh="任何插件加载失败即报错退出，而不只是警告。",
)
@click.option(
    "--lang",
    type=choice(LANGS),
    envvar=LANG_ENV,
    is_eager=True,
    callback=_remember_lang,
    cls=LocalOption,
    help=(
        "The language of the run, zh or en: help, table headers, statuses, roles, messages and "
        "problems (default: SCHOOLWORK_LANG, else zh when the locale is Chinese, else en); also "
        "the default of a command's own --lang."
    ),
    help_zh=(
        "本次运行的语言，zh 或 en：帮助、表头、状态、岗位、提示和问题都用它"
        "（默认：环境变量 SCHOOLWORK_LANG，否则按系统区域设置，中文区域为 zh，其余为 en）；"
        "也是各命令自身 --lang 的默认值。"
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
    county,
    plugins,
    report,
    export,
    demo,
    template,
    roster,
    slips,
    freeze,
    diff,
):
    cli.add_command(command)


def main() -> None:
    """Entry point of the console script and of ``python -m schoolwork``."""
    sys.exit(cli.main(prog_name="schoolwork", standalone_mode=True))
