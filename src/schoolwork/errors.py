"""Every error schoolwork raises, and the problems a workspace error carries.

A problem names the file, the path inside it (``units[3].parent``, indices from 0), what was
expected and what was found. Loading and validation collect every problem before failing, so a
school fixes its files in one pass instead of one error at a time.

Each error subclasses the builtin a caller would already catch: bad input is a ``ValueError``,
an unknown id a ``KeyError``. The command line catches exactly these and never shows a
traceback for them.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs


@attrs.frozen
class Problem:
    """One thing wrong with one place in one file.

    ``expected`` is English; ``expected_zh`` says the same in Chinese, for a school that reads
    Chinese first (``text("zh")``, the command line's ``--lang zh``). A problem without it is
    shown in English in either language. ``found`` quotes the file's own value, in no language.
    """

    file: str
    path: str
    expected: str
    found: str | None = None
    expected_zh: str | None = attrs.field(default=None, kw_only=True)

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str = "en") -> str:
        """The problem in one line, in ``lang`` (``"zh"`` or ``"en"``)."""
        if lang == "zh" and self.expected_zh is not None:
            where = f"{self.file}：{self.path}" if self.path else self.file
            if self.found is None:
                return f"{where}：应为{self.expected_zh}"
            return f"{where}：应为{self.expected_zh}，实为 {self.found}"
        where = f"{self.file}: {self.path}" if self.path else self.file
        if self.found is None:
            return f"{where}: expected {self.expected}"
        return f"{where}: expected {self.expected}, found {self.found}"


class WorkspaceError(ValueError):
    """Raised when a workspace cannot be loaded or does not validate; holds every problem."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self._summary())

    def __reduce__(self) -> tuple[type[WorkspaceError], tuple[tuple[Problem, ...]]]:
        # Pickled by its problems, not its message: a county job's worker process hands a
        # school's error back to the command this way.
        return (type(self), (self.problems,))

    def _summary(self) -> str:
        return self.text("en")

    def text(self, lang: str = "en") -> str:
        """Every problem, one per line under a count, in ``lang`` (``"zh"`` or ``"en"``)."""
        count = len(self.problems)
        if lang == "zh":
            head = f"工作区有 {count} 处问题"
        else:
            head = f"{count} problem{'s' if count != 1 else ''} in the workspace"
        return "\n".join([head, *(f"  {p.text(lang)}" for p in self.problems)])


class SchemeError(ValueError):
    """A scheme that fails its checks; evaluation refuses it rather than mis-scoring."""


class UnknownIdError(KeyError):
    """An id the caller asked for (a scheme, a subject, a workspace, a format) that does not exist.

    The message names the id and the known ones. ``str()`` gives the message without the quotes
    ``KeyError`` adds.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class PluginError(Exception):
    """A plugin failed to load, or failed or returned something wrong in a hook; names both."""

    def __init__(self, plugin: str, hook: str | None, error: BaseException | str) -> None:
        self.plugin = plugin
        self.hook = hook
        self.error = error
        reason = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
        self.reason = reason
        where = f"in hook {hook}" if hook else "to load"
        super().__init__(f"plugin {plugin!r} failed {where}: {reason}")

    def __reduce__(self) -> tuple[type[PluginError], tuple[str, str | None, str]]:
        # Pickled with the error as its text: the exception a plugin raised may not pickle,
        # and a county job's worker process hands this error back to the command.
        return (type(self), (self.plugin, self.hook, self.reason))


class UsageError(ValueError):
    """A call's argument that cannot be used: a school year that is not one, a format that
    renders something else."""


class MissingExtraError(ImportError):
    """A format needs an optional extra that is not installed (``schoolwork[reports]``)."""


class TransitionError(ValueError):
    """A move a project may not make, and why."""


class HandoverError(ValueError):
    """A handover that would leave a cell without an owner."""


def describe(value: object) -> str:
    """How a found value is quoted in a problem: short, and with its type when that matters."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    if isinstance(value, bool | int | float | str) or value is None:
        return text
    return f"{text} ({type(value).__name__})"


def a(noun: str) -> str:
    """``noun`` with its indefinite article: ``a grade``, ``an office``."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"
