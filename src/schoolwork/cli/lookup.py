"""What a command looks up by what the user typed, refused in the run's language.

The library refuses the same things in English (:class:`~schoolwork.UnknownIdError`,
:class:`~schoolwork.UsageError`); the command line asks first, so that the refusal is in the
language of the run and names the closest match.
"""

from __future__ import annotations

from schoolwork.calendar import parse_school_year_name
from schoolwork.cli.common import UsageProblem, run_lang
from schoolwork.job import Session, shipped_workspaces
from schoolwork.labels import label
from schoolwork.plugins import PluginHost
from schoolwork.reports.listings import unknown_id


def school_year(year: str | None) -> None:
    """Refuse a ``--year`` that is not a school year's name such as 2023-2024."""
    if year is not None and parse_school_year_name(year) is None:
        raise UsageProblem(label("listing.not_a_year", run_lang(), year=year))


def unknown(kind: str, given: str, known: list[str]) -> UsageProblem:
    """No ``kind`` called ``given``: the known ones, and the closest of them."""
    return UsageProblem(unknown_id(kind, given, known, run_lang()))


def scheme_id(session: Session, given: str) -> str:
    """``given`` if the workspace or a plugin has a scheme of that id."""
    known = [source.scheme.id for source in session.schemes]
    if given not in known:
        raise unknown("scheme", given, known)
    return given


def shipped(host: PluginHost, school: str) -> str:
    """``school`` if a plugin (or the core) ships a workspace of that name."""
    offered = sorted(shipped_workspaces(host))
    if school not in offered:
        raise unknown("workspace", school, offered)
    return school
