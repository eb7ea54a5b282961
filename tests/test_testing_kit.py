"""The property-testing kit: generated workspaces validate, planted defects are named, and
check_scheme catches unfair schemes with counterexamples in domain words."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schoolwork import hookimpl
from schoolwork.cli import cli
from schoolwork.evaluation.points import points
from schoolwork.records import CORE_KINDS
from schoolwork.results import Adjustment
from schoolwork.scheme import (
    Band,
    Direction,
    Indicator,
    PointsRule,
    RuleKind,
    Scheme,
    SubjectKind,
    Threshold,
)
from schoolwork.testing import boundaries
from schoolwork.testing import strategies as sw
from schoolwork.testing.fairness import FairnessError, check_scheme
from schoolwork.workspace import Workspace, save

D = Decimal
FAST = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FAST
@given(sw.workspaces())
def test_generated_workspaces_pass_validate(
    tmp_path_factory: pytest.TempPathFactory, workspace: Workspace
) -> None:
    folder = tmp_path_factory.mktemp("ws")
    save(workspace, folder)
    result = CliRunner().invoke(cli, ["validate", str(folder)])
    assert result.exit_code == 0, result.output


@FAST
@given(sw.nearly_valid_workspaces())
def test_nearly_valid_workspaces_fail_with_the_expected_message(
    tmp_path_factory: pytest.TempPathFactory, case: tuple[Workspace, str]
) -> None:
    workspace, expected = case
    folder = tmp_path_factory.mktemp("ws")
    save(workspace, folder)
    result = CliRunner().invoke(cli, ["validate", str(folder)])
    assert result.exit_code == 2
    assert expected in result.output
    assert "Traceback" not in result.output


def test_every_defect_is_planted_by_the_strategy() -> None:
    seen: set[str] = set()

    @settings(max_examples=120, deadline=None)
    @given(sw.nearly_valid_workspaces())
    def collect(case: tuple[Workspace, str]) -> None:
        seen.add(case[1].split(":")[1].strip() if ":" in case[1] else case[1])

    collect()
    assert len(seen) >= 7


def test_the_sample_schemes_are_fair(schoolwork_sample) -> None:  # type: ignore[no-untyped-def]
    for scheme in schoolwork_sample.workspace.schemes:
        check_scheme(scheme, max_examples=15)


# -- deliberately unfair schemes -----------------------------------------------------------


def sample_scheme(loaded, scheme_id: str = "teacher-2023") -> Scheme:  # type: ignore[no-untyped-def]
    return loaded.workspace.scheme(scheme_id)


class HomeworkPenalty:
    """An 'adjustment' that takes points away as 作业批改 rises: a negative weight in disguise."""

    @hookimpl
    def schoolwork_adjust_result(self, result):  # type: ignore[no-untyped-def]
        marked = result.dimension("teaching").indicators[1]
        if marked.value is None:
            return None
        return [Adjustment(-marked.value / 10, "作业批改过多，扣分", rule="homework")]


def test_a_negative_weight_through_a_plugin_is_caught(schoolwork_sample) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FairnessError) as caught:
        check_scheme(
            sample_scheme(schoolwork_sample),
            plugins={"penalty": HomeworkPenalty()},
            subjects=2,
            max_examples=30,
        )
    story = caught.value.failures["monotonic"]
    assert story.startswith("teacher T0")
    assert "changing 作业批改 (homework, higher is better) from" in story
    assert "lowered the score from" in story


def test_a_negative_weight_in_a_scheme_built_in_python_is_caught(schoolwork_sample) -> None:  # type: ignore[no-untyped-def]
    scheme = sample_scheme(schoolwork_sample)
    dimensions = (attrs.evolve(scheme.dimensions[0], weight=D(-20)), *scheme.dimensions[1:])
    with pytest.raises(
        FairnessError, match=r"dimensions\[0\]\.weight: expected a weight above 0, found -20"
    ):
        check_scheme(attrs.evolve(scheme, dimensions=dimensions))


class TiesIntoTheTopBand:
    """Keeps ties together: subjects the quota moved out of the top band while tied on score
    go back in together, so a tie pushes the band over its quota."""

    @hookimpl
    def schoolwork_assign_bands(self, scheme, results):  # type: ignore[no-untyped-def]
        top = scheme.bands[0].name
        moved = [
            r for r in results if any(m.from_band == top and "quota" in m.reason for m in r.moves)
        ]
        scores = [r.score for r in moved]
        return {r.subject.id: top for r in moved if scores.count(r.score) > 1}


def test_a_quota_that_a_tie_pushes_over_its_cap_is_caught(schoolwork_sample) -> None:  # type: ignore[no-untyped-def]
    scheme = sample_scheme(schoolwork_sample, "class-2023")
    bands = (Band("优秀班级", D(40), quota=D("0.3")), Band("合格班级", D(20)), Band("待改进", D(0)))
    scheme = attrs.evolve(scheme, bands=bands)
    with pytest.raises(FairnessError) as caught:
        check_scheme(
            scheme,
            plugins={"ties": TiesIntoTheTopBand()},
            subjects=5,
            max_examples=30,
            properties=["quota"],
        )
    story = caught.value.failures["quota"]
    assert story.startswith("band 优秀班级 holds")
    assert "its quota of 0.3 (floor) allows 1" in story


class HonoursRestoreExcellence:
    """A bonus that outweighs a veto: any teacher with honours goes back to the top band."""

    @hookimpl
    def schoolwork_assign_bands(self, scheme, results):  # type: ignore[no-untyped-def]
        return {r.subject.id: scheme.bands[0].name for r in results if r.vetoes and r.adjustments}


def test_a_bonus_that_outweighs_a_veto_is_caught(schoolwork_sample) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FairnessError) as caught:
        check_scheme(
            sample_scheme(schoolwork_sample),
            plugins={"restore": HonoursRestoreExcellence()},
            subjects=2,
            max_examples=60,
            properties=["veto"],
        )
    story = caught.value.failures["veto"]
    assert "has veto 'ethics-breach' (cancel_excellence) but is in the top band 优秀" in story
    assert "set by plugin:restore" in story


def test_fixtures_come_without_conftest_code(tmp_path: Path) -> None:
    (tmp_path / "test_mine.py").write_text(
        textwrap.dedent(
            """
            def test_the_kit(schoolwork_sample, schoolwork_host, schoolwork_sample_dir):
                assert schoolwork_sample.workspace.school.name == "沂源县第二实验小学"
                assert schoolwork_host().plugins() == []
                assert (schoolwork_sample_dir / "school.toml").is_file()
            """
        ),
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 passed" in proc.stdout


def test_the_guide_example_prints_what_it_shows() -> None:
    import contextlib
    import io
    import re

    guide = Path(__file__).parent.parent / "docs" / "testing.md"
    text = guide.read_text(encoding="utf-8")
    code = re.findall(r"```python\n(.*?)```", text, re.S)[1]
    shown = re.findall(r"```text\n(.*?)```", text, re.S)[0]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, str(guide), "exec"), {})
    assert out.getvalue() == shown


@settings(max_examples=40, deadline=None)
@given(sw.grids())
def test_generated_grids_are_fully_covered(grid) -> None:  # type: ignore[no-untyped-def]
    assert grid.gaps() == []
    assert grid.double_owners() == {}


@settings(max_examples=40, deadline=None)
@given(sw.plans(), sw.plans(complete=False))
def test_generated_plans_are_complete_or_name_what_they_lack(good, bad) -> None:  # type: ignore[no-untyped-def]
    assert good.missing() == []
    assert bad.missing() in (["What"], ["Where"])


@settings(max_examples=40, deadline=None)
@given(sw.goal_trees())
def test_generated_goal_trees_roll_up_within_the_cap(tree) -> None:  # type: ignore[no-untyped-def]
    from datetime import date as day

    for goal in tree.goals:
        value = tree.achievement(goal.id, day(2024, 8, 31))
        assert value is None or 0 <= value <= 1


def verdict_of(scheme: Scheme, plugins: dict[str, object], properties: list[str]) -> dict[str, str]:
    """What check_scheme reports when called from this module (see test_fairness_power)."""
    with pytest.raises(FairnessError) as caught:
        check_scheme(scheme, plugins=plugins, properties=properties)
    return caught.value.failures


# -- the breakpoints and records the kit probes with ------------------------------------------


def test_every_rule_names_its_breakpoints() -> None:

    def of(rule: PointsRule, direction: Direction = Direction.HIGHER) -> tuple[Decimal, ...]:
        return boundaries.value_breakpoints(Indicator("i", "指标", rule, direction=direction))

    assert of(PointsRule(RuleKind.LINEAR, floor=D(60), ceiling=D(100))) == (D(60), D(100))
    steps = (Threshold(D(6), D(60)), Threshold(D(10), D(80)), Threshold(D(12), D(100)))
    assert of(PointsRule(RuleKind.THRESHOLDS, steps=steps)) == (D(6), D(10), D(12))
    assert of(PointsRule(RuleKind.COUNT, each=D("12.5"))) == (D(0), D(8))
    assert of(PointsRule(RuleKind.COUNT, each=D(5), cap=D(30)), Direction.LOWER) == (D(0), D(6))
    assert of(PointsRule(RuleKind.RATIO, target=D(20))) == (D(0), D(20))
    assert of(PointsRule(RuleKind.RATIO, target=D(20), cap=D(50))) == (D(0), D(10))
    assert of(PointsRule(RuleKind.RATIO, target=D(20), cap=D(50)), Direction.LOWER) == (
        D(0),
        D(40),
    )
    assert boundaries.around([D(60)]) == (D(59), D("59.99"), D(60), D("60.01"), D(61))


RULES = st.sampled_from(list(Direction)).flatmap(
    lambda d: st.tuples(st.just(d), sw.points_rules(d))
)


@settings(max_examples=200, deadline=None)
@given(RULES, sw.decimals(0, 100, 0))
def test_a_value_for_points_earns_them(case, wanted) -> None:  # type: ignore[no-untyped-def]

    direction, rule = case
    indicator = Indicator("i", "指标", rule, direction=direction)
    best = max(
        points(rule, direction, v)
        for v in (*boundaries.around(boundaries.value_breakpoints(indicator)), D(0), D(10**6))
    )
    value = boundaries.value_for_points(indicator, wanted)
    assert value >= 0
    assert points(rule, direction, value) >= min(wanted, best)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_a_matching_record_belongs_to_its_subject_and_matches(data) -> None:  # type: ignore[no-untyped-def]

    kind = data.draw(st.sampled_from([SubjectKind.TEACHER, SubjectKind.CLASS]))
    subject = sw.subjects(3, kind)[1]
    record_kind = data.draw(st.sampled_from(CORE_KINDS))
    condition = data.draw(sw.conditions(record_kind.name))
    record = boundaries.matching_record(record_kind, condition, subject, date(2023, 10, 1), "r1")
    assert record is not None
    assert condition is None or condition.matches(record)
    assert subject.id in set(record_kind.owners(record))
    twin = boundaries.renamed(record, subject.id, "T999")
    assert "T999" in set(record_kind.owners(twin))
    assert subject.id not in set(record_kind.owners(twin))
    assert twin.id == "r1~T999"
