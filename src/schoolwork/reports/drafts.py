"""Parts 二 (存在问题) and 三 (下一步打算) drafted from the data: what a draft is.

Every goal that fell short (or lags the pace while the year runs), grid cell without an owner
or with several, owner over a grid's load limit, post holder without a safety duty (一岗双责),
unclaimed project, incomplete 5W2H plan, subject in a scheme's failing band and veto becomes one
sentence in part 二, with the numbers and the names of units and projects behind it, and one
matching step in part 三 (:mod:`~schoolwork.reports.goal_drafts`,
:mod:`~schoolwork.reports.duty_drafts`, :mod:`~schoolwork.reports.result_drafts`). Teachers are
named only in the internal edition; the bureau edition counts them.

Drafts are grouped by topic, a section per topic in each part; a section the school writes
under a topic's title replaces that draft in its part.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date
from enum import StrEnum

import attrs

from schoolwork.goals import GoalStatus
from schoolwork.labels import Lang, label
from schoolwork.reports.model import Edition, PartKind, Section, Text
from schoolwork.reports.outcomes import Outcome
from schoolwork.workspace import Workspace


class Topic(StrEnum):
    """What a drafted problem is about; each topic is a section of parts 二 and 三."""

    GOALS = "goals"
    GRIDS = "grids"
    PROJECTS = "projects"
    RESULTS = "results"
    VETOES = "vetoes"


@attrs.frozen
class Finding:
    """One problem, said with its evidence, and the step that answers it."""

    problem: str
    step: str


@attrs.frozen
class Draft:
    """A topic's findings, with a sentence that leads each part's list when there is one."""

    topic: Topic
    findings: tuple[Finding, ...]
    lead: str = ""
    step_lead: str = ""


@attrs.frozen
class Context:
    """What every draft needs: the data, the year, the day goals are judged at, and who reads."""

    workspace: Workspace
    year: str
    year_end: date
    judged_on: date
    lang: Lang
    edition: Edition

    @property
    def over(self) -> bool:
        """Whether the year has ended: goals are judged by what was reached."""
        return self.judged_on >= self.year_end

    @property
    def named(self) -> bool:
        """Whether teachers may be named (the internal edition)."""
        return self.edition is Edition.INTERNAL

    def say(self, key: str, **values: object) -> str:
        return label(key, self.lang, **values)

    def word(self, item: Outcome | GoalStatus) -> str:
        """A label inside a sentence: as it is in Chinese, lower case in English."""
        text = label(item, self.lang)
        return text if self.lang == "zh" else text[:1].lower() + text[1:]

    def day(self, day: date) -> str:
        """A date as the language writes it: 2024年8月31日, or 2024-08-31."""
        return f"{day.year}年{day.month}月{day.day}日" if self.lang == "zh" else day.isoformat()

    def joined(self, items: Iterable[str]) -> str:
        return ("、" if self.lang == "zh" else ", ").join(items)

    def unit_names(self) -> dict[str, str]:
        ws = self.workspace
        return {u.id: u.name for u in ws.units} | {ws.school.id: ws.school.name}

    def person(self, person_id: str) -> str:
        """A person as the edition may name them: by name inside the school, else 教师个人."""
        if not self.named:
            return self.say("draft.a_teacher")
        return {p.id: p.name for p in self.workspace.people}.get(person_id, person_id)


def quoted(title: str) -> str:
    """``title`` in Chinese quotation marks, quotes inside it turned to single ones."""
    return "“" + title.replace("“", "‘").replace("”", "’") + "”"


def sections(
    found: Sequence[Draft],
    lang: Lang,
    replaced: Collection[tuple[PartKind, Topic | None]] = (),
) -> list[Section]:
    """A section per topic in part 二 (the problems) and in part 三 (the steps), leaving out
    the (part, topic) pairs the school's own sections ``replaced``."""
    made = []
    for part in (PartKind.PROBLEMS, PartKind.NEXT_STEPS):
        for draft in found:
            if (part, draft.topic) in replaced:
                continue
            if part is PartKind.PROBLEMS:
                lead, items = draft.lead, [f.problem for f in draft.findings]
            else:
                lead, items = draft.step_lead, list(dict.fromkeys(f.step for f in draft.findings))
            made.append(
                Section(
                    f"{part.value}-{draft.topic.value}",
                    label(draft.topic, lang),
                    part,
                    (Text(_markdown(lead, items)),),
                )
            )
    return made


def titles(topic: Topic) -> set[str]:
    """The titles a school's own section may carry to replace the draft of ``topic``."""
    return {_plain(label(topic, "zh")), _plain(label(topic, "en"))}


def _plain(title: str) -> str:
    return "".join(title.split()).casefold()


def replaced_by(title: str) -> Topic | None:
    """The topic whose draft a school's section titled ``title`` replaces, if any."""
    plain = _plain(title)
    return next((t for t in Topic if plain in titles(t)), None)


def _markdown(lead: str, items: Sequence[str]) -> str:
    """A lead paragraph and a list; a single item is a paragraph of its own."""
    paragraphs = [lead] if lead else []
    if len(items) == 1:
        paragraphs.append(items[0])
    elif items:
        paragraphs.append("\n".join(f"- {item}" for item in items))
    return "\n\n".join(paragraphs)
