"""How the checks say that a reference does not resolve, and what the id names instead.

A reference that names something of another kind says so ("'grade-1', a grade, not an
office"); one that names nothing says that no entry has it and, where a known id is close,
which one was probably meant (difflib, through :func:`schoolwork.converter.did_you_mean`).
"""

from __future__ import annotations

from collections.abc import Iterable

from schoolwork.converter import did_you_mean
from schoolwork.errors import Problem, a, describe
from schoolwork.labels import label
from schoolwork.organisation import UnitKind
from schoolwork.workspace import Workspace


def unknown(value: object) -> str:
    """What a problem says it found for a reference that no entry has."""
    return f"{describe(value)}, which no entry has"


def unit_kind(kind: UnitKind) -> str:
    """``a grade``, ``a research_group``: a unit kind as problems name it in English."""
    return a(kind.value)


class Directory:
    """What each id of the school names: the school, a unit of some kind, or a person."""

    def __init__(self, workspace: Workspace) -> None:
        self.school = workspace.school.id
        self.units = {u.id: u.kind for u in workspace.units}
        self.people = {p.id for p in workspace.people}

    def what(self, ref: str) -> str | None:
        """``a grade``, ``a person``, ``the school``; ``None`` for an id nothing has."""
        if ref in self.units:
            return unit_kind(self.units[ref])
        if ref in self.people:
            return "a person"
        if ref == self.school:
            return "the school"
        return None

    def wrong(
        self,
        file: str,
        path: str,
        ref: str,
        wanted: tuple[str, str],
        known: Iterable[str],
        purpose: tuple[str, str] = ("", ""),
    ) -> Problem:
        """The problem of ``ref`` where ``wanted`` (``("an office", "处室")``) was expected:
        what it names instead, or that nothing has it and which known id is close.
        ``purpose`` says what the id is for: ``("a class's honour", "班级荣誉")``."""
        noun, noun_zh = wanted
        expected = f"the id of {noun}" + (f" for {purpose[0]}" if purpose[0] else "")
        notes = [purpose[1]] if purpose[1] else []
        what = self.what(ref)
        if what is not None:
            notes.append(f"{ref} 是{self._what_zh(ref)}，不是{noun_zh}")
            return Problem(
                file,
                path,
                expected,
                f"{describe(ref)}, {what}, not {noun}",
                expected_zh=f"{noun_zh}的编号" + _aside(notes),
            )
        hint, hint_zh = did_you_mean(ref, known)
        return Problem(
            file,
            path,
            expected + hint,
            unknown(ref),
            expected_zh=f"{noun_zh}的编号" + _aside(notes) + hint_zh,
        )

    def _what_zh(self, ref: str) -> str:
        if ref in self.units:
            return label(self.units[ref], "zh")
        return "人员" if ref in self.people else "学校"


def _aside(notes: list[str]) -> str:
    return f"（{'；'.join(notes)}）" if notes else ""
