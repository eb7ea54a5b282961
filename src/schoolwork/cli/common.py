"""What every command shares: opening a workspace with its plugins, and reporting errors.

Commands are thin: they read options, call the library (:mod:`schoolwork.job`) and print.
Every command that reads a workspace prints its problems, one per line, and exits with 2; no
command shows a traceback for bad input or a failing plugin.
"""

from __future__ import annotations

import contextlib
import errno
import locale
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from schoolwork.errors import (
    MissingExtraError,
    PluginError,
    Problem,
    SchemeError,
    UnknownIdError,
    UsageError,
    WorkspaceError,
)
from schoolwork.job import Session, open_workspace, plugin_host
from schoolwork.labels import LANGS, Lang, label
from schoolwork.plugins import PluginHost

WORKSPACE_DIR = click.Path(file_okay=True, dir_okay=True, path_type=Path)
LANG_ENV = "SCHOOLWORK_LANG"
LOCALE_ENV = ("LC_ALL", "LC_MESSAGES", "LANG")
"""Where the locale is read from, first set first, as gettext reads it."""

F = TypeVar("F", bound=Callable[..., Any])


def locale_lang(environ: Mapping[str, str] = os.environ) -> Lang:
    """``zh`` when the locale is Chinese (``zh_CN.UTF-8``, ``zh_TW``, ``zh``), else ``en``.

    On Windows, where these variables are usually unset, the user's locale decides
    (``Chinese (Simplified)_China``).
    """
    for name in LOCALE_ENV:
        value = environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    if sys.platform == "win32":  # pragma: no cover - the variables decide elsewhere
        found = (locale.getlocale()[0] or "").lower()
        return "zh" if found.startswith(("zh", "chinese")) else "en"
    return "en"


def _root_obj() -> dict[str, Any]:
    context = click.get_current_context(silent=True)
    if context is None:
        return {}
    root = context.find_root()
    root.ensure_object(dict)
    found: dict[str, Any] = root.obj
    return found


def env_lang(environ: Mapping[str, str] = os.environ) -> Lang:
    """SCHOOLWORK_LANG when it names a language, else the locale's (:func:`locale_lang`)."""
    given = environ.get(LANG_ENV)
    return given if given in LANGS else locale_lang(environ)


def context_lang(ctx: click.Context | None) -> Lang:
    """The run's language as ``ctx`` knows it: the global ``--lang`` once it has been read,
    else SCHOOLWORK_LANG, else the locale. Help and usage errors ask with their own context,
    which may be shown after it has closed."""
    if ctx is not None:
        obj = ctx.find_root().obj
        if isinstance(obj, dict) and obj.get("lang") is not None:
            found: Lang = obj["lang"]
            return found
    return env_lang()


def run_lang() -> Lang:
    """The language of this run's messages: ``--lang``, else SCHOOLWORK_LANG, else the locale."""
    return context_lang(click.get_current_context(silent=True))


class LocalOption(click.Option):
    """An option with help in English (``help``) and Chinese (``help_zh``)."""

    def __init__(self, *args: Any, help_zh: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help_zh = help_zh

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        if record is None or context_lang(ctx) != "zh" or self.help_zh is None:
            return record
        extra = self.get_help_extra(ctx)
        items = []
        if "envvars" in extra:
            items.append(label("cli.help.envvar", "zh", var="、".join(extra["envvars"])))
        if "default" in extra:
            items.append(label("cli.help.default", "zh", default=extra["default"]))
        if "required" in extra:
            items.append(label("cli.help.required", "zh"))
        text = self.help_zh + (f"［{'；'.join(items)}］" if items else "")
        return record[0], text


def option(*decls: str, help: str, zh: str, **kwargs: Any) -> Callable[[F], F]:
    """``click.option`` with its help in English and Chinese."""
    return click.option(*decls, cls=LocalOption, help=help, help_zh=zh, **kwargs)


YEAR = option(
    "--year",
    help="The school year, such as 2023-2024 (default: the schemes' year).",
    zh="学年，如 2023-2024（默认：考核方案所在的学年）。",
)
FORCE = option(
    "--force",
    is_flag=True,
    help="Replace output files that already exist.",
    zh="替换已存在的输出文件。",
)
"""The one overwrite rule: a command that writes replaces an existing output only with it."""


def document_lang(own: Lang | None) -> Lang:
    """The language of what a command writes or tallies: its own ``--lang``, else the global
    ``--lang`` or SCHOOLWORK_LANG, else Chinese, the language of the school's documents (the
    locale of the machine says how its user reads messages, not what the county bureau reads).
    """
    if own is not None:
        return own
    given: Lang | None = _root_obj().get("lang")
    return given if given is not None else "zh"


def warn(message: str | Problem) -> None:
    """Print ``message`` to stderr as a warning, in the run's language."""
    lang = run_lang()
    text = message.text(lang) if isinstance(message, Problem) else message
    click.echo(f"{label('cli.prefix.warning', lang)}{text}", err=True)


class ProblemsFound(click.ClickException):
    """Exit 2 after listing every problem; click prints it instead of a traceback."""

    exit_code = 2

    def __init__(self, problems: tuple[Problem, ...] | list[Problem]) -> None:
        self.problems = tuple(problems)
        self.lang = run_lang()
        count = len(self.problems)
        if self.lang == "zh":
            message = f"发现 {count} 处问题"
        else:
            message = f"{count} problem{'s' if count != 1 else ''} found"
        super().__init__(message)

    def show(self, file: IO[Any] | None = None) -> None:
        prefix = label("cli.prefix.error", self.lang)
        for problem in self.problems:
            click.echo(f"{prefix}{problem.text(self.lang)}", err=True)
        click.echo(self.format_message(), err=True)


class UsageProblem(click.ClickException):
    """A command cannot do what was asked; said in one line, exit 2."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.lang = run_lang()

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"{label('cli.prefix.error', self.lang)}{self.format_message()}", err=True)


class PluginFailed(UsageProblem):
    """A plugin failed; the message names the plugin and the hook. Exit 1."""

    exit_code = 1


# Why the system refused, by errno, in words a school's IT teacher reads without a manual.
_REASONS: dict[int, tuple[str, str]] = {
    errno.EACCES: ("permission denied", "没有权限"),
    errno.EPERM: ("permission denied", "没有权限"),
    errno.EROFS: ("the file system is read-only", "文件系统只读"),
    errno.ENOSPC: ("no space left on the disk", "磁盘空间不足"),
    errno.EDQUOT: ("the disk quota is used up", "磁盘配额已用完"),
    errno.EFBIG: ("the file is too large", "文件过大"),
    errno.EISDIR: ("it is a folder, not a file", "这是文件夹，不是文件"),
    errno.ENOTDIR: ("a file stands where a folder should be", "应为文件夹的位置是一个文件"),
    errno.ENOENT: ("no such file or folder", "文件或文件夹不存在"),
    errno.ENAMETOOLONG: ("the name is too long", "名称过长"),
    errno.ELOOP: ("the links loop", "链接形成了循环"),
    errno.EIO: ("the disk could not be read or written", "磁盘读写出错"),
}


def os_error_text(exc: OSError, lang: Lang, *, writing: bool) -> str:
    """One line for an error of the system: the path, what went wrong, and for an output that
    nothing was written."""
    if exc.errno is None or exc.filename is None:
        return str(exc)
    path = os.fsdecode(exc.filename)
    if exc.errno == errno.EEXIST and writing:
        if lang == "zh":
            return f"{path} 已存在；加 --force 才会替换（未写入任何文件）"
        return f"{path} already exist; add --force to replace them (nothing was written)"
    reason_en, reason_zh = _REASONS.get(exc.errno, (exc.strerror or "", exc.strerror or ""))
    reason = reason_zh if lang == "zh" else reason_en.lower()
    if exc.filename2 is not None:  # the system refused another path: a folder on the way
        other = os.fsdecode(exc.filename2)
        if exc.errno == errno.ENOTDIR:
            reason = (
                f"{other} 是文件，不是文件夹"
                if lang == "zh"
                else f"{other} is a file, not a folder"
            )
        else:
            reason = f"{other} {reason}" if lang == "zh" else f"{reason} on {other}"
    if lang == "zh":
        if writing:
            return f"无法写入 {path}：{reason}（未写入任何文件）"
        return f"{path}：{reason}"
    if writing:
        return f"cannot write {path}: {reason} (nothing was written)"
    return f"{path}: {reason}"


@contextlib.contextmanager
def reported(*, writing: bool = False) -> Iterator[None]:
    """Turn the library's errors into the command line's, without a traceback.

    Problems in the workspace exit 2 listing them; an unsound scheme, an unknown id, an unusable
    argument, a missing extra or a file that cannot be written exit 2 in one line; a failing
    plugin exits 1 naming it. ``writing`` says that the block writes outputs, so that an error
    of the system is told as an output that could not be written.
    """
    try:
        yield
    except WorkspaceError as exc:
        raise ProblemsFound(exc.problems) from None
    except (SchemeError, UnknownIdError, UsageError, MissingExtraError) as exc:
        raise UsageProblem(str(exc)) from None
    except PluginError as exc:
        if exc.hook is None:  # could not load: the setup is wrong, not a run
            raise UsageProblem(str(exc)) from None
        raise PluginFailed(str(exc)) from None
    except OSError as exc:  # an output that exists, a folder that cannot be written
        raise UsageProblem(os_error_text(exc, run_lang(), writing=writing)) from None


def plugin_host_of_run() -> PluginHost:
    """The plugin host of this invocation, built once; ``--strict-plugins`` makes failures fatal."""
    obj = _root_obj()
    host = obj.get("host")
    if host is None:
        strict = bool(obj.get("strict_plugins"))
        with reported():
            host = plugin_host(strict=strict)
        for failure in host.failures:
            lang = run_lang()
            warn(
                label(
                    "cli.plugin_not_loaded",
                    lang,
                    plugin=repr(failure.plugin),
                    reason=failure.reason,
                )
            )
        obj["host"] = host
    assert isinstance(host, PluginHost)
    return host


def open_session(directory: Path) -> Session:
    """Open and validate ``directory`` with the run's plugins, or exit 2 listing every problem."""
    with reported():
        return open_workspace(directory, host=plugin_host_of_run())
