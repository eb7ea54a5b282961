"""click's help and usage errors in the run's language.

Every command and option carries its help in English (the docstring, ``help=``) and in Chinese
(``help_zh=``); ``--help`` shows the one of the run's language (``schoolwork --lang``, else
SCHOOLWORK_LANG, else the locale), with 用法/选项/命令 headings and lines wrapped by display
width. A mistake on the command line (a missing option, an unknown one, a bad value, an unknown
command) is told in the same language, as click tells it in English, and exits 2.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import IO, Any

import click

from schoolwork.cli.common import context_lang, run_lang
from schoolwork.cli.table import wrap
from schoolwork.labels import Lang, label
from schoolwork.terminal import width

_EXTRA_ARGUMENTS = re.compile(r"Got unexpected extra arguments? \((.*)\)$")


class WideFormatter(click.HelpFormatter):
    """click's help formatter, measuring text as the terminal shows it (CJK: two columns)."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        room = max(self.width - self.current_indent, 20)
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        for n, paragraph in enumerate(paragraphs):
            if n:
                self.write("\n")
            joined = "".join(line.strip() for line in paragraph.splitlines())
            for line in wrap(joined, room):
                self.write(f"{indent}{line}\n")

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = list(rows)
        first = min(max(width(term) for term, _ in rows), col_max)
        start = self.current_indent + first + col_spacing
        room = max(self.width - start, 20)
        for term, text in rows:
            self.write(f"{'':>{self.current_indent}}{term}")
            if not text:
                self.write("\n")
                continue
            if width(term) <= first:
                self.write(" " * (first - width(term) + col_spacing))
            else:
                self.write("\n" + " " * start)
            lines = wrap(text, room)
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * start + line + "\n")


class LocalContext(click.Context):
    """A context whose help is laid out for Chinese when the run's language is Chinese."""

    def make_formatter(self) -> click.HelpFormatter:
        if context_lang(self) == "zh":
            return WideFormatter(width=self.terminal_width, max_width=self.max_content_width)
        return super().make_formatter()


class _Localised(click.Command):
    """What a command and the group share: help in the run's language, usage errors too."""

    context_class = LocalContext
    help_zh: str | None = None

    def _zh(self, ctx: click.Context | None = None) -> bool:
        return (context_lang(ctx) if ctx is not None else run_lang()) == "zh"

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        if not self._zh(ctx):
            return pieces
        names = {
            self.options_metavar: label("cli.help.options_metavar", "zh"),
            "COMMAND [ARGS]...": label("cli.help.command_metavar", "zh"),
        }
        return [names.get(piece, piece) for piece in pieces]

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self._zh(ctx):
            pieces = " ".join(self.collect_usage_pieces(ctx))
            formatter.write_usage(ctx.command_path, pieces, prefix=label("cli.help.usage", "zh"))
        else:
            super().format_usage(ctx, formatter)

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if not self._zh(ctx) or self.help_zh is None:
            super().format_help_text(ctx, formatter)
            return
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(inspect.cleandoc(self.help_zh))

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if not self._zh(ctx):
            super().format_options(ctx, formatter)
            return
        rows = []
        helper = self.get_help_option(ctx)
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None or isinstance(param, click.Argument):
                continue
            if param is helper:
                record = (record[0], label("cli.help.help", "zh"))
            rows.append(record)
        if rows:
            with formatter.section(label("cli.help.options", "zh")):
                formatter.write_dl(rows)

    def get_short_help_str(self, limit: int = 45) -> str:
        if not self._zh() or self.help_zh is None:
            return super().get_short_help_str(limit)
        first = inspect.cleandoc(self.help_zh).split("\n\n")[0].replace("\n", "")
        first = re.split("[：。]", first)[0]
        if width(first) <= limit:
            return first
        clauses = first.split("，")
        while len(clauses) > 1 and width("，".join(clauses)) > limit - 2:
            clauses.pop()
        shown = "，".join(clauses)
        return (wrap(shown, limit - 2)[0] if width(shown) > limit - 2 else shown) + "…"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:
            raise localised(exc, ctx) from None


class LocalCommand(_Localised):
    """A command with help in English (its docstring) and Chinese (``help_zh``)."""

    def __init__(self, *args: Any, help_zh: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help_zh = help_zh


class LocalGroup(_Localised, click.Group):
    """The ``schoolwork`` group: its commands listed and resolved in the run's language."""

    def __init__(self, *args: Any, help_zh: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help_zh = help_zh

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        if self._zh(ctx):  # click's group lists its commands here; in English it already did
            self.format_commands(ctx, formatter)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (LocalUsageError, click.exceptions.NoArgsIsHelpError):
            raise
        except click.UsageError as exc:
            raise localised(exc, ctx) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if not self._zh(ctx):
            super().format_commands(ctx, formatter)
            return
        found = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
        shown = [(name, c) for name, c in found if c is not None and not c.hidden]
        limit = formatter.width - 6 - max((len(name) for name, _ in shown), default=0)
        rows = [(name, c.get_short_help_str(limit)) for name, c in shown if c is not None]
        if rows:
            with formatter.section(label("cli.help.commands", "zh")):
                formatter.write_dl(rows)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            raise localised(exc, ctx) from None


def command(zh: str) -> Callable[[Callable[..., Any]], LocalCommand]:
    """``click.command`` with the Chinese help ``zh`` beside the docstring's English."""
    made: Callable[[Callable[..., Any]], LocalCommand] = click.command(cls=LocalCommand, help_zh=zh)
    return made


class LocalUsageError(click.UsageError):
    """A usage error told in Chinese: 用法, how to get help, 错误：…; exit 2."""

    def show(self, file: IO[Any] | None = None) -> None:
        ctx = self.ctx
        if ctx is not None:
            names = ctx.command.get_help_option_names(ctx)
            hint = label("cli.help.try", "zh", command=ctx.command_path, option=names[0])
            click.echo(f"{ctx.get_usage()}\n{hint}\n", err=True)
        click.echo(f"{label('cli.prefix.error', 'zh')}{self.format_message()}", err=True)


def localised(exc: click.UsageError, fallback: click.Context | None) -> click.UsageError:
    """``exc`` in the run's language: itself in English, a :class:`LocalUsageError` in Chinese."""
    ctx = exc.ctx or fallback
    lang: Lang = context_lang(ctx)
    if lang != "zh":
        return exc
    return LocalUsageError(_chinese(exc), ctx=ctx)


def _chinese(exc: click.UsageError) -> str:
    """What ``exc`` says, in Chinese; click's English for a message it has no wording for."""
    if isinstance(exc, click.exceptions.NoSuchCommand | click.NoSuchOption):
        if isinstance(exc, click.exceptions.NoSuchCommand):
            text = label("cli.usage.no_command", "zh", name=exc.command_name)
        else:
            text = label("cli.usage.no_option", "zh", name=exc.option_name)
        if exc.possibilities:
            text += label("cli.usage.did_you_mean", "zh", names="、".join(exc.possibilities))
        return text
    if isinstance(exc, click.MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param else "parameter")
        hint = exc.param.get_error_hint(exc.ctx) if exc.param is not None else ""
        return label(f"cli.usage.missing_{kind}", "zh", name=hint)
    if isinstance(exc, click.BadParameter):
        if exc.param is None:
            return label("cli.usage.bad_value", "zh", message=exc.message)
        hint = exc.param.get_error_hint(exc.ctx)
        return label("cli.usage.bad_param", "zh", name=hint, message=exc.message)
    if isinstance(exc, click.BadOptionUsage):
        key = "no_value" if "does not take a value" in exc.message else "needs_value"
        return label(f"cli.usage.{key}", "zh", name=exc.option_name)
    if exc.message == "Missing command.":
        return label("cli.usage.missing_command", "zh")
    extra = _EXTRA_ARGUMENTS.match(exc.message)
    if extra is not None:
        return label("cli.usage.extra", "zh", args=extra.group(1))
    return exc.format_message()


class Choice(click.Choice[str]):
    """``click.Choice``, refusing a value in the run's language."""

    def get_invalid_choice_message(self, value: Any, ctx: click.Context | None) -> str:
        if context_lang(ctx) != "zh":
            return super().get_invalid_choice_message(value, ctx)
        return label("cli.usage.choice", "zh", value=value, choices="、".join(self.choices))


class Day(click.ParamType[date]):
    """A day written YYYY-MM-DD, as a :class:`datetime.date`."""

    name = "date"

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(label("cli.usage.day", context_lang(ctx), value=value), param, ctx)


def choice(values: Sequence[str]) -> Choice:
    """A choice among ``values``, refused in the run's language."""
    return Choice(list(values))
