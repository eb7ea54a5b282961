"""What makes evaluation fast must not change what it computes: the values file parsed once
per workspace and the collector paused while scoring, each shown to hold and to let go."""

from __future__ import annotations

import gc
import shutil
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

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
    # 师德学习与承诺, typed in (师德考核得分 comes from ballots, not the values file)
    before = session.result(TEACHERS, "T002").dimensions[0].indicators[1]
    assert (before.id, before.value) == ("ethics_study", Decimal("12"))
    path = sample / "values" / f"{TEACHERS}.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("T002,12,", "T002,6,"), encoding="utf-8"
    )
    after = session.result(TEACHERS, "T002").dimensions[0].indicators[1]
    assert (after.id, after.value) == (before.id, Decimal("6"))
    assert parsed[f"{TEACHERS}.csv"] == 2


def test_a_values_file_broken_after_opening_is_told_when_evaluating(sample: Path) -> None:
    session = schoolwork.open(sample, installed=False)
    path = sample / "values" / f"{TEACHERS}.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("T002,12,", "T002,many,"), encoding="utf-8"
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
    # 备课检查 (typed in): T002's 84.7 written 84.70, T003's 93.1 made 84.7; both 师德学习与承诺 12
    text = text.replace("T002,12,84.7,", "T002,12,84.70,").replace("T003,10,93.1,", "T003,12,84.7,")
    path.write_text(text, encoding="utf-8")
    session = schoolwork.open(sample, installed=False)
    scheme = session.scheme(TEACHERS)
    _, evaluation = session.evaluate(TEACHERS)
    review = {r.subject.id: r.dimensions[1].indicators[0] for r in evaluation.results}
    assert review["T002"].id == "lesson_plans"
    # 84.70 and 84.7 are equal numbers and earn the same points, but each is shown as written.
    assert (f"{review['T002'].value}", f"{review['T003'].value}") == ("84.70", "84.7")
    assert review["T002"].points == review["T003"].points
    read = session.loaded.values.read(sample, scheme, review)
    assert read is not None
    assert read["T002"]["ethics_study"] is read["T003"]["ethics_study"]  # both written "12"
    # With nothing shared or kept between subjects, every result is the same.
    monkeypatch.setattr(engine, "_KNOWN_POINTS", 0)
    monkeypatch.setattr(engine, "_SHARED_ROWS", 0)
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


RATERS = (
    'raters = { scale = [0, 100], absent = "renormalise", groups = [{ group = "peers", '
    'weight = 0.3, combine = "trimmed_mean", trim = 1, min_ballots = 5 }, { group = "students", '
    'weight = 0.3, combine = "trimmed_mean", trim = 1, min_ballots = 5 }, { group = "parents", '
    'weight = 0.2, combine = "median", min_ballots = 3 }, { group = "leaders", weight = 0.2, '
    'combine = "mean", min_ballots = 2 }] }\n'
)
GAIN = (
    "[[schemes.dimensions.indicators]]\n"
    'id = "attainment_gain"\n'
    'name = "学业增值（合格率变化）"\n'
    'part = "result"\n'
    'points = { rule = "thresholds", steps = [{ at = -3, points = 60 }, { at = -1, points = 80 }, '
    "{ at = 1, points = 90 }, { at = 3, points = 100 }] }\n"
    'gain = { baseline = "teacher-2022:attainment", current = "attainment", kind = "absolute", '
    'missing = "exclude" }\n'
)


def _typed_in(sample: Path, folder: Path) -> Path:
    """A copy of the sample whose teacher scheme counts, rates and gains nothing: its
    民主测评 (and the ballots) and its 学业增值 taken out."""
    shutil.copytree(sample, folder)
    schemes = folder / "schemes.toml"
    text = schemes.read_text("utf-8")
    assert RATERS in text
    assert GAIN in text
    schemes.write_text(text.replace(RATERS, "", 1).replace(GAIN, "", 1), "utf-8")
    (folder / "records" / "ballots.csv").unlink()
    return folder


def test_values_are_asked_for_only_when_an_implementation_can_give_them(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = _monitored(_typed_in(sample, tmp_path / "ws"))
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
    _typed_in(sample, tmp_path / "ws")
    (tmp_path / "ws" / "records" / "appeals.csv").unlink()
    assert _value_calls(_monitored(tmp_path / "ws"), capsys) == 0


def test_a_scheme_that_declares_raters_is_asked_about_for_every_subject(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _typed_in(sample, tmp_path / "ws")
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


def test_the_core_asks_only_its_values_that_can_answer_for_each_subject(sample: Path) -> None:
    # The sample's teacher scheme rates and gains but counts nothing, and only some teachers
    # appealed: counts are never asked, corrections only about those who appealed.
    asked: dict[str, set[str]] = {}

    def before(hook: str, impls: list[Any], kwargs: dict[str, Any]) -> None:
        if hook == "schoolwork_indicator_values":
            asked[kwargs["subject"].id] = {impl.plugin_name for impl in impls}

    host = schoolwork.plugin_host(installed=False)
    host.manager.add_hookcall_monitoring(before, lambda *args: None)
    session = schoolwork.open(sample, host=host)
    session.evaluate(TEACHERS)
    appealing = {a.subject for a in session.workspace.records.appeals if a.scheme == TEACHERS}
    subjects = {s.id for s in session.workspace.subjects(session.scheme(TEACHERS).subject)}
    assert appealing
    assert set(asked) == subjects
    core = {"schoolwork.raters", "schoolwork.gains"}
    for subject, names in asked.items():
        assert names == (core | {"schoolwork.appeals"} if subject in appealing else core)


@pytest.mark.usefixtures("collecting")
def test_what_a_paused_block_made_is_old_after_it() -> None:
    with collector.paused():
        made = [[n] for n in range(100)]  # lists: tracked by the collector
    old = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(item) in old for item in made)


@pytest.mark.usefixtures("collecting")
def test_a_programs_own_frozen_objects_stay_frozen() -> None:
    kept = [[n] for n in range(10)]
    gc.freeze()  # as a program does before forking workers
    try:
        with collector.paused():
            pass
        # Frozen objects are in no generation the collector walks.
        walked = {id(o) for o in gc.get_objects()}
        assert not any(id(item) in walked for item in kept)
    finally:
        gc.unfreeze()
    walked = {id(o) for o in gc.get_objects()}
    assert all(id(item) in walked for item in kept)  # the test's own check can tell


@pytest.mark.usefixtures("collecting")
def test_only_a_block_that_ends_well_ages_what_it_made(monkeypatch: pytest.MonkeyPatch) -> None:
    aged: list[bool] = []
    monkeypatch.setattr(collector, "_age", lambda: aged.append(gc.isenabled()))
    with pytest.raises(RuntimeError), collector.paused():
        raise RuntimeError("a plugin failed")
    assert aged == []
    assert gc.isenabled()
    with collector.paused(), collector.paused():  # the inner block leaves it to the outer
        pass
    assert aged == [False]  # once, before the collector is back on
    gc.disable()
    with collector.paused():
        pass
    assert aged == [False]  # a caller that turned it off decides when it runs
