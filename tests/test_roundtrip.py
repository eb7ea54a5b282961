"""structure(unstructure(x)) == x for every model, in memory and through TOML and JSON text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schoolwork import converter
from schoolwork.calendar import SchoolCalendar
from schoolwork.job import open_workspace
from schoolwork.organisation import Person, School, Unit
from schoolwork.testing import strategies
from schoolwork.workspace import SchoolDocument, Workspace, read, save


@given(strategies.workspaces())
def test_workspace_roundtrip_in_memory(ws: Workspace) -> None:
    assert converter.structure(converter.unstructure(ws), Workspace, file="-") == ws


@given(st.one_of(strategies.schools(), strategies.calendars(), strategies.school_years()))
def test_single_models_roundtrip(model: Any) -> None:
    assert converter.structure(converter.unstructure(model), type(model), file="-") == model


@given(strategies.organisations())
def test_units_and_people_roundtrip(org: tuple[tuple[Unit, ...], tuple[Person, ...]]) -> None:
    units, people = org
    for model in (*units, *people):
        assert converter.structure(converter.unstructure(model), type(model), file="-") == model


# Drawing a whole workspace takes most of a second when the machine is busy (the suite runs
# beside other work), which hypothesis would report as too_slow; the time goes into building
# the example, not into the round trip this test checks, so only that health check is off.
@settings(max_examples=50, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.workspaces(), st.sampled_from(["toml", "json"]))
def test_document_roundtrip_through_text(ws: Workspace, fmt: str) -> None:
    document = SchoolDocument(ws.school, ws.calendar, ws.units, ws.people)
    text = converter.dumps(document, fmt)
    data = converter.loads(text, fmt, file=f"school.{fmt}")
    assert converter.structure(data, SchoolDocument, file=f"school.{fmt}") == document


def test_save_then_load_gives_the_same_workspace(tmp_path: Path) -> None:
    from schoolwork.sample import sample_path

    original = open_workspace(sample_path()).loaded.workspace
    for fmt in ("toml", "json"):
        target = tmp_path / fmt
        written = save(original, target, fmt)
        names = [str(p.relative_to(target)) for p in written]
        parts = ["school", "goals", "grids", "projects", "schemes"]
        records = [
            "records/honours.csv",
            "records/activities.csv",
            "records/inspections.csv",
            "records/ballots.csv",  # the sample's 民主测评 ballots
            "records/appeals.csv",
        ]
        assert names == [f"{part}.{fmt}" for part in parts] + records
        assert read(target).workspace == original


def test_models_are_frozen_and_slotted() -> None:
    for cls in (School, Unit, Person, SchoolCalendar, Workspace):
        assert "__slots__" in cls.__dict__
        assert cls.__setattr__ is not object.__setattr__


@settings(max_examples=25, deadline=None)
@given(strategies.workspaces())
def test_whole_workspaces_roundtrip_through_files(ws: Workspace) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        save(ws, Path(folder))
        assert read(Path(folder)).workspace == ws
