"""The workspace format page documents every field of every model, and nothing else."""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path

import attrs
import pytest

import schoolwork
from schoolwork import (
    Budget,
    Cell,
    CheckIn,
    DevelopmentPlan,
    Duty,
    Goal,
    GoalIndicator,
    Grid,
    Holiday,
    Level,
    Person,
    Phase,
    Plan5W2H,
    Project,
    Quantity,
    Review,
    Role,
    RoleKind,
    School,
    SchoolCalendar,
    SchoolYear,
    Semester,
    SourceDocument,
    Tier,
    Unit,
    UnitKind,
    When,
)

DOCS = Path(__file__).parent.parent / "docs"
MODELS = [
    schoolwork.Appeal,
    School,
    SchoolCalendar,
    SchoolYear,
    Semester,
    Holiday,
    Unit,
    Person,
    Role,
    DevelopmentPlan,
    Phase,
    Goal,
    GoalIndicator,
    CheckIn,
    Grid,
    Duty,
    Cell,
    SourceDocument,
    Project,
    Plan5W2H,
    When,
    Budget,
    Quantity,
    Review,
]


def documented_keys(page: str, model: type) -> list[str]:
    """The keys in the first table after the heading that names ``model``."""
    heading = re.search(rf"^#+ `{model.__name__}`.*$", page, re.MULTILINE)
    assert heading, f"no section for {model.__name__}"
    keys = []
    for line in page[heading.end() :].splitlines()[1:]:
        if line.startswith("#"):
            break
        match = re.match(r"\| `(\w+)` \|", line)
        if match:
            keys.append(match[1])
        elif keys and not line.startswith("|"):
            break
    return keys


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_is_documented(model: type) -> None:
    page = (DOCS / "workspace-format.md").read_text(encoding="utf-8")
    assert documented_keys(page, model) == [f.name for f in attrs.fields(model)]


@pytest.mark.parametrize("enum", [UnitKind, RoleKind, Tier, Level], ids=lambda e: e.__name__)
def test_every_enum_value_is_documented(enum: type[Enum]) -> None:
    page = (DOCS / "workspace-format.md").read_text(encoding="utf-8")
    for member in enum:
        assert f"`{member.value}`" in page


def test_docs_links_resolve() -> None:
    for page in [*DOCS.glob("*.md"), DOCS.parent / "README.md"]:
        for target in re.findall(r"\]\(([^)#:]+)\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).exists(), f"{page.name} links to missing {target}"


def test_every_record_column_is_documented() -> None:
    page = (DOCS / "records.md").read_text(encoding="utf-8")
    for spec in schoolwork.CORE_KINDS:
        section = page.split(f"### `{spec.file}.csv`", 1)[1].split("\n### ", 1)[0]
        documented = re.findall(r"^\| `(\w+)` \| (yes|no|for [^|]+) \|", section, re.MULTILINE)
        assert [c for c, _ in documented] == list(spec.columns)
        required = [c for c, need in documented if need == "yes"]
        assert required == [c for c in spec.columns if c in spec.required]


def test_every_provenance_is_documented_with_its_label() -> None:
    page = (DOCS / "records.md").read_text(encoding="utf-8")
    for member in schoolwork.Provenance:
        assert f"| `{member.value}` | {schoolwork.label(member)} |" in page
