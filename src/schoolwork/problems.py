"""Problems found in a workspace, and the error that carries them.

A problem names the file, the path inside it (``units[3].parent``, indices from 0), what was
expected and what was found. Loading and validation collect every problem before failing, so a
school fixes its files in one pass instead of one error at a time.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs


@attrs.frozen
class Problem:
    """One thing wrong with one place in one file."""

    file: str
    path: str
    expected: str
    found: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.path else self.file
        if self.found is None:
            return f"{where}: expected {self.expected}"
        return f"{where}: expected {self.expected}, found {self.found}"


class WorkspaceError(Exception):
    """Raised when a workspace cannot be loaded or does not validate; holds every problem."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self._summary())

    def _summary(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the workspace"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


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
