"""What makes evaluation fast must not change what it computes: the values file parsed once
per workspace and the collector paused while scoring, each shown to hold and to let go."""

from __future__ import annotations

import gc
import shutil
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

import schoolwork
from schoolwork import PluginError, WorkspaceError, hookimpl
from schoolwork import values as values_module
from schoolwork.evaluation import collector, engine, partitions
from schoolwork.results import Adjustment, Subject

TEACHERS = "teacher-2023"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    shipped = schoolwork.shipped_workspaces(schoolwork.plugin_host(installed=False))["sample"][1]
    target = tmp_path / "sample"
    shutil.copytree(shipped, target, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return target


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each values file is parsed, by file name."""
    counts: Counter[str] = Counter()
    parse = values_module.parse_values

    def counting(text: str, file: str, *args: object, **kwargs: object) -> values_module.Values:
        counts[Path(file).name] += 1
        return parse(text, file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(values_module, "parse_values", counting)
    return counts


def test_opening_and_evaluating_parse_the_values_file_once(
    sample: Path, parsed: Counter[str]
) -> None:
    session = schoolwork.open(sample, installed=False)
    assert parsed[f"{TEACHERS}.csv"] == 1  # the checks read it when the workspace is opened
    first = session.evaluate(TEACHERS)[1]
    again = session.evaluate(TEACHERS)[1]
    assert parsed[f"{TEACHERS}.csv"] == 1
    assert first == again


def test_a_values_file_changed_after_opening_is_read_again(
    sample: Path, parsed: Counter[str]
) -> None:
    session = schoolwork.open(sample, installed=False)
    before = session.result(TEACHERS, "T002").dimensions[0].indicators[0]
    assert before.value == Decimal("95.5")
    path = sample / "values" / f"{TEACHERS}.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("T002,95.5,", "T002,65.5,"), encoding="utf-8"
    )
    after = session.result(TEACHERS, "T002").dimensions[0].indicators[0]
    assert (after.id, after.value) == (before.id, Decimal("65.5"))
    assert parsed[f"{TEACHERS}.csv"] == 2


def test_a_values_file_broken_after_opening_is_told_when_evaluating(sample: Path) -> None:
    session = schoolwork.open(sample, installed=False)
    path = sample / "values" / f"{TEACHERS}.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("T002,95.5,", "T002,many,"), encoding="utf-8"
    )
    with pytest.raises(WorkspaceError) as caught:
        session.evaluate(TEACHERS)
    assert "'many'" in str(caught.value)
    assert "row 2" in str(caught.value)


class Watching:
    """A plugin that notes whether the collector runs while it is called, and may fail."""

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.seen: set[bool] = set()

    @hookimpl
    def schoolwork_adjust_result(self, subject: Subject) -> list[Adjustment]:
        self.seen.add(gc.isenabled())
        if self.fail:
            raise RuntimeError("broken")
        return []


@pytest.fixture
def collecting() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.enable()
    yield
    if not was_on:
        gc.disable()


@pytest.mark.usefixtures("collecting")
def test_the_collector_is_paused_while_scoring_and_back_on_after(sample: Path) -> None:
    watching = Watching()
    session = schoolwork.open(sample, plugins={"watching": watching}, installed=False)
    session.evaluate(TEACHERS)
    assert watching.seen == {False}
    assert gc.isenabled()


@pytest.mark.usefixtures("collecting")
def test_the_collector_is_paused_while_a_partition_is_scored(sample: Path) -> None:
    watching = Watching()
    session = schoolwork.open(sample, plugins={"watching": watching}, installed=False)
    scheme = session.scheme(TEACHERS)
    subjects = session.workspace.subjects(scheme.subject)
    rows = partitions.score_partition(
        scheme,
        subjects,
        records=session.workspace.records,
        workspace=session.workspace,
        host=session.host,
        school="s",
    )
    assert len(rows) == len(subjects)
    assert watching.seen == {False}
    assert gc.isenabled()


@pytest.mark.usefixtures("collecting")
def test_the_collector_is_back_on_after_a_plugin_fails(sample: Path) -> None:
    session = schoolwork.open(sample, plugins={"watching": Watching(fail=True)}, installed=False)
    with pytest.raises(PluginError):
        session.evaluate(TEACHERS)
    assert gc.isenabled()


@pytest.mark.usefixtures("collecting")
def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    with collector.paused():
        assert not gc.isenabled()
    assert not gc.isenabled()
    gc.enable()
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_numbers_written_alike_are_shared_and_shown_as_written(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = sample / "values" / f"{TEACHERS}.csv"
    text = path.read_text(encoding="utf-8")
    text = text.replace("T002,95.5,12,", "T002,95.50,12,").replace("T003,95.9,10,", "T003,95.5,12,")
    path.write_text(text, encoding="utf-8")
    session = schoolwork.open(sample, installed=False)
    scheme = session.scheme(TEACHERS)
    _, evaluation = session.evaluate(TEACHERS)
    review = {r.subject.id: r.dimensions[0].indicators[0] for r in evaluation.results}
    # 95.50 and 95.5 are equal numbers and earn the same points, but each is shown as written.
    assert (f"{review['T002'].value}", f"{review['T003'].value}") == ("95.50", "95.5")
    assert review["T002"].points == review["T003"].points
    read = session.loaded.values.read(sample, scheme, review)
    assert read is not None
    assert read["T002"]["ethics_study"] is read["T003"]["ethics_study"]  # both written "12"
    # With nothing shared or kept between subjects, every result is the same.
    monkeypatch.setattr(engine, "_KNOWN_POINTS", 0)
    monkeypatch.setattr(values_module, "_SHARED_NUMBERS", 0)
    fresh = schoolwork.open(sample, installed=False)
    assert fresh.evaluate(TEACHERS)[1] == evaluation
    unshared = fresh.loaded.values.read(sample, scheme, review)
    assert unshared is not None
    assert unshared["T002"]["ethics_study"] is not unshared["T003"]["ethics_study"]


def _value_calls(session: schoolwork.Session, capsys: pytest.CaptureFixture[str]) -> int:
    capsys.readouterr()
    session.evaluate(TEACHERS)
    return capsys.readouterr().out.count("called schoolwork_indicator_values")


def _monitored(folder: Path) -> schoolwork.Session:
    host = schoolwork.plugin_host(installed=False)
    host.manager.add_hookcall_monitoring(
        lambda hook, impls, kwargs: print(f"called {hook}"), lambda *args: None
    )
    return schoolwork.open(folder, host=host)


def test_values_are_asked_for_only_when_an_implementation_can_give_them(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = _monitored(sample)
    scheme = session.scheme(TEACHERS)
    declared = any(
        i.source is not None or i.raters is not None or i.gain is not None
        for d in scheme.dimensions
        for i in d.indicators
    )
    assert not declared  # the sample's teacher scheme counts, rates and gains nothing
    appealing = {a.subject for a in session.workspace.records.appeals if a.scheme == TEACHERS}
    assert appealing  # but some teachers appealed: only they are asked about
    assert _value_calls(session, capsys) == len(appealing)


def test_without_appeals_no_subject_is_asked_about(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(sample, tmp_path / "ws")
    (tmp_path / "ws" / "records" / "appeals.csv").unlink()
    assert _value_calls(_monitored(tmp_path / "ws"), capsys) == 0


def test_a_scheme_that_declares_raters_is_asked_about_for_every_subject(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(sample, tmp_path / "ws")
    (tmp_path / "ws" / "records" / "appeals.csv").unlink()
    schemes = tmp_path / "ws" / "schemes.toml"
    text = schemes.read_text("utf-8")
    anchor = 'id = "ethics_review"'
    assert anchor in text
    raters = (
        anchor + "\nraters = { scale = [0, 100], groups = ["
        '{ group = "peers", weight = 1, combine = "mean", min_ballots = 1 }] }'
    )
    schemes.write_text(text.replace(anchor, raters, 1), "utf-8")
    session = _monitored(tmp_path / "ws")
    subjects = len(session.workspace.subjects(session.scheme(TEACHERS).subject))
    assert _value_calls(session, capsys) == subjects
