"""Extra credit (Moodle's "mean with extra credits") and the ``mode`` aggregation: the
arithmetic by hand, the checks that refuse nonsense (located by key path, in both languages),
the warning a mode earns, and the TOML form."""

from __future__ import annotations

import shutil
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

import attrs
import pytest

import schoolwork
from schoolwork.checks.schemes import scheme_problems, scheme_warnings
from schoolwork.evaluation.aggregate import Scored, aggregate, combine, describe
from schoolwork.reports.explained import explanation
from schoolwork.sample import sample_path
from schoolwork.scheme import (
    Aggregate,
    Dimension,
    Indicator,
    Method,
    Missing,
    Part,
    PointsRule,
    RuleKind,
    Scheme,
    Split,
    SubjectKind,
)

AS_IS = PointsRule(RuleKind.LINEAR, floor=D(0), ceiling=D(100))


def item(key: str, weight: str = "1", extra: bool = False, part: Part = Part.RESULT) -> Indicator:
    return Indicator(key, key, AS_IS, weight=D(weight), extra_credit=extra, part=part)


def scheme_of(*dimensions: Dimension, **fields: object) -> Scheme:
    return Scheme("s", "方案", SubjectKind.TEACHER, "2023-2024", dimensions, **fields)  # type: ignore[arg-type]


def score(scheme: Scheme, **values: str | None) -> D | None:
    given = {k: None if v is None else D(v) for k, v in values.items()}
    teacher = schoolwork.Subject("T1", "甲", SubjectKind.TEACHER)
    return (
        schoolwork.evaluate(scheme, [teacher], values={"T1": given}).results[0].dimensions[0].score
    )


# -- the arithmetic -------------------------------------------------------------------------


def test_a_mean_counts_extra_credit_by_its_weight_outside_the_denominator() -> None:
    dimension = Dimension(
        "d", "d", D(1), (item("a"), item("b", "3"), item("x", "0.5", True)), Aggregate(Method.MEAN)
    )
    scheme = scheme_of(dimension)
    # a mean ignores regular weights: (80 + 70 + 0.5 × 40) / 2 = 170 / 2 = 85
    assert score(scheme, a="80", b="70", x="40") == D("85.00")
    # without the extra credit: (80 + 70) / 2 = 75; the extra credit never lowers the mean
    assert score(scheme, a="80", b="70", x=None) == D("75.00")
    assert score(scheme, a="80", b="70", x="0") == D("75.00")


def test_a_weighted_mean_divides_by_the_regular_weights_only() -> None:
    dimension = Dimension(
        "d",
        "d",
        D(1),
        (item("a", "2"), item("b", "1"), item("x", "0.5", True)),
        Aggregate(Method.WEIGHTED_MEAN),
    )
    scheme = scheme_of(dimension)
    # (2 × 60 + 1 × 90 + 0.5 × 30) / 3 = (120 + 90 + 15) / 3 = 75
    assert score(scheme, a="60", b="90", x="30") == D("75.00")


def test_extra_credit_is_capped_at_100_or_the_declared_cap() -> None:
    indicators = (item("a"), item("x", "1", True))
    default = scheme_of(Dimension("d", "d", D(1), indicators, Aggregate(Method.MEAN)))
    # 90 + 1 × 50 = 140 over 1: capped at 100
    assert score(default, a="90", x="50") == D("100.00")
    capped = scheme_of(Dimension("d", "d", D(1), indicators, Aggregate(Method.MEAN, cap=D(95))))
    assert score(capped, a="90", x="50") == D("95.00")
    assert score(capped, a="90", x="3") == D("93.00")


def test_with_no_regular_value_the_extra_credit_alone_is_the_score() -> None:
    indicators = (item("a"), item("x", "0.5", True))
    scheme = scheme_of(Dimension("d", "d", D(1), indicators, Aggregate(Method.MEAN)))
    assert score(scheme, a=None, x="60") == D("30.00")  # 0.5 × 60, as Moodle does
    zero = attrs.evolve(scheme, missing=Missing.ZERO)
    assert score(zero, a=None, x="60") == D("30.00")  # a counts as 0 points over 1


def test_extra_credit_adds_within_its_part_of_a_split_dimension() -> None:
    indicators = (
        item("p", part=Part.PROCESS),
        item("x", "0.5", True, part=Part.PROCESS),
        item("r"),
    )
    scheme = scheme_of(
        Dimension("d", "d", D(1), indicators, Aggregate(Method.MEAN)),
        split=Split(D(1), D(1)),
    )
    teacher = schoolwork.Subject("T1", "甲", SubjectKind.TEACHER)
    values = {"T1": {"p": D(60), "x": D(40), "r": D(50)}}
    (dimension,) = schoolwork.evaluate(scheme, [teacher], values=values).results[0].dimensions
    # process (60 + 0.5 × 40) / 1 = 80; result 50; (80 + 50) / 2 = 65
    assert (dimension.process, dimension.result, dimension.score) == (D(80), D(50), D(65))


def test_the_explanation_names_the_extra_credit() -> None:
    indicators = (item("a"), item("x", "0.5", True))
    rule = Aggregate(Method.MEAN, cap=D(90))
    assert describe(rule, indicators) == "mean with extra credit (x) capped at 90"
    assert describe(Aggregate(Method.MODE)) == "mode"


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ((70, 69, 90), 90),  # every point once: three modes, the highest
        ((70, 70, 90), 70),
        ((80, 80, 60, 60), 80),  # two modes, the highest
        ((60, 60, 60, 100), 60),
        ((55,), 55),
    ],
)
def test_the_mode_is_the_most_frequent_points_and_the_highest_of_several(
    points: tuple[int, ...], expected: int
) -> None:
    given = [D(p) for p in points]
    assert combine(Aggregate(Method.MODE), given, [D(1)] * len(given)) == D(expected)


def test_a_mode_drops_before_it_counts() -> None:
    scored = [Scored(item(f"i{n}"), D(p), n) for n, p in enumerate((40, 40, 70, 90))]
    # the lowest 40 dropped: 40, 70, 90 are each once, so the highest
    found = aggregate(Aggregate(Method.MODE, drop_lowest=1), scored)
    assert found is not None
    assert found.score == D(90)
    assert [s.points for s in found.dropped] == [D(40)]


# -- the checks -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "method", [Method.MEDIAN, Method.LOWEST, Method.HIGHEST, Method.SUM, Method.MODE]
)
def test_extra_credit_without_a_denominator_is_refused_at_the_indicator(method: Method) -> None:
    dimension = Dimension("d", "d", D(1), (item("a"), item("x", extra=True)), Aggregate(method))
    problems = scheme_problems(scheme_of(dimension), "schemes.toml", "schemes[0]")
    (problem,) = problems
    assert problem.path == "schemes[0].dimensions[0].indicators[1].extra_credit"
    assert f"aggregated by {method.value}" in problem.expected
    assert "附加分" in problem.expected_zh


def test_extra_credit_with_dropped_or_kept_values_is_refused() -> None:
    indicators = (item("a"), item("b"), item("x", extra=True))
    for rule in (Aggregate(Method.MEAN, drop_lowest=1), Aggregate(Method.MEAN, keep_highest=2)):
        (problem,) = scheme_problems(scheme_of(Dimension("d", "d", D(1), indicators, rule)), "f")
        assert problem.path == "dimensions[0].indicators[2].extra_credit"
        assert "drops or keeps" in problem.expected


def test_a_dimension_of_extra_credit_only_is_refused() -> None:
    dimension = Dimension("d", "d", D(1), (item("x", extra=True),), Aggregate(Method.MEAN))
    (problem,) = scheme_problems(scheme_of(dimension), "f")
    assert problem.path == "dimensions[0].indicators"
    assert problem.found == "only extra credit"


def test_a_cap_is_allowed_on_a_mean_only_with_extra_credit_and_at_most_100() -> None:
    plain = Dimension("d", "d", D(1), (item("a"),), Aggregate(Method.MEAN, cap=D(90)))
    (problem,) = scheme_problems(scheme_of(plain), "f")
    assert problem.path == "dimensions[0].aggregate.cap"
    extra = attrs.evolve(plain, indicators=(item("a"), item("x", extra=True)))
    assert scheme_problems(scheme_of(extra), "f") == []
    over = attrs.evolve(extra, aggregate=Aggregate(Method.MEAN, cap=D(120)))
    (problem,) = scheme_problems(scheme_of(over), "f")
    assert problem.path == "dimensions[0].aggregate.cap"
    assert problem.expected == "a cap above 0 and at most 100"


def test_a_mode_is_allowed_and_warned_about() -> None:
    dimension = Dimension("d", "d", D(1), (item("a"), item("b")), Aggregate(Method.MODE))
    scheme = scheme_of(dimension)
    assert scheme_problems(scheme, "f") == []
    (warning,) = scheme_warnings(scheme, "schemes.toml", "schemes[0]")
    assert warning.path == "schemes[0].dimensions[0].aggregate.method"
    assert "70, 70, 90 gives 70" in warning.expected
    assert "众数" in warning.expected_zh
    plain = attrs.evolve(dimension, aggregate=Aggregate(Method.MEDIAN))
    assert scheme_warnings(scheme_of(plain)) == []


# -- in a workspace ---------------------------------------------------------------------------

TEACHING = 'id = "teaching"\nname = "教学"\n'


def _workspace(tmp_path: Path, extra: str) -> Path:
    """The sample school with an extra-credit indicator added to the teacher scheme's 教学."""
    root = tmp_path / "ws"
    shutil.copytree(sample_path(), root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    schemes = root / "schemes.toml"
    text = schemes.read_text(encoding="utf-8")
    head = text.index(TEACHING)
    start = text.index("[[schemes.dimensions.indicators]]", head)
    indicator = (
        '[[schemes.dimensions.indicators]]\nid = "contest"\nname = "竞赛获奖"\n'
        'points = { rule = "linear", floor = 0, ceiling = 100 }\n' + extra + "\n"
    )
    schemes.write_text(text[:start] + indicator + text[start:], encoding="utf-8")
    return root


def test_extra_credit_reads_from_toml_and_a_misplaced_one_is_located(tmp_path: Path) -> None:
    root = _workspace(tmp_path, "weight = 0.2\nextra_credit = true\n")
    session = schoolwork.open(root, installed=False)
    declared = session.scheme("teacher-2023").dimension("teaching")
    assert declared.indicators[0].extra_credit is True
    assert declared.indicators[0].weight == D("0.2")
    # The extra credit has no value in the sample: the teaching scores are what they were.
    before = schoolwork.open(sample_path(), installed=False).result("teacher-2023", "T003")
    after = session.result("teacher-2023", "T003")
    assert after.dimension("teaching").score == before.dimension("teaching").score
    # Now in a dimension aggregated by median: refused with its path, and the CLI exits 2.
    text = (root / "schemes.toml").read_text(encoding="utf-8")
    head = text.index(TEACHING)
    mean = 'aggregate = { method = "weighted_mean" }'
    text = text[:head] + text[head:].replace(mean, 'aggregate = { method = "median" }', 1)
    (root / "schemes.toml").write_text(text, encoding="utf-8")
    with pytest.raises(schoolwork.WorkspaceError) as caught:
        schoolwork.open(root, installed=False)
    paths = [p.path for p in caught.value.problems]
    assert any(p.endswith(".indicators[0].extra_credit") for p in paths), paths
    run = subprocess.run(
        [sys.executable, "-m", "schoolwork", "validate", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert "extra_credit" in run.stdout + run.stderr
    assert "Traceback" not in run.stderr


def test_the_chinese_explanation_marks_the_extra_credit(tmp_path: Path) -> None:
    root = _workspace(tmp_path, "weight = 0.2\nextra_credit = true\n")
    values = root / "values" / "teacher-2023.csv"
    lines = values.read_text(encoding="utf-8").splitlines()
    lines[0] += ",contest"
    lines[1:] = [line + (",90" if line.startswith("T003,") else ",") for line in lines[1:]]
    values.write_text("\n".join(lines) + "\n", encoding="utf-8")
    session = schoolwork.open(root, installed=False)
    scheme, evaluation = session.evaluate("teacher-2023")
    result = next(r for r in evaluation.results if r.subject.id == "T003")
    zh = explanation(result, scheme, evaluation, session.workspace, "zh")
    teaching = next(line for line in zh.splitlines() if line.startswith("【教学】"))
    assert "，竞赛获奖为附加分（加入分子、不计入分母），维度最高 100 分" in teaching
    contest = next(line for line in zh.splitlines() if "竞赛获奖" in line and line != teaching)
    assert contest.endswith("［附加分］")
    # a regular indicator of the same dimension carries no such mark
    assert not any(line.endswith("［附加分］") for line in zh.splitlines() if "备课" in line)
    # 0.2 × 90 = 18 points more over the same denominator: T003's 教学 rises
    before = schoolwork.open(sample_path(), installed=False).result("teacher-2023", "T003")
    gained = result.dimension("teaching").score - before.dimension("teaching").score  # type: ignore[operator]
    assert gained > 0
    en = session.explain("teacher-2023", "T003")
    assert "with extra credit (contest) capped at 100" in en
