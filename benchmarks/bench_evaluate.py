"""Benchmark: a county of 100 schools × 100 teachers, 30 indicators each, two plugins active.

Prints subjects per second, peak memory, and two ratios measured in the same run on the same
data, each against a baseline:

- ``ratio engine/hand-loop``: the engine (explanations on, plugins active) against a plain
  Python loop computing the same weighted totals in Decimal;
- ``ratio load/json.loads``: reading the county's JSON through the converter against
  ``json.loads`` of the same bytes.

Run: ``.venv/bin/python benchmarks/bench_evaluate.py [--schools N] [--teachers N]``.
Every figure is the best of ``--repeat`` runs so that one slow run does not decide.
"""

from __future__ import annotations

import argparse
import json
import random
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, localcontext

import attrs

from schoolwork import converter, hookimpl
from schoolwork.calendar import SchoolCalendar, SchoolYear, Semester
from schoolwork.conditions import Clause, Condition, Op
from schoolwork.evaluation.engine import evaluate
from schoolwork.job import plugin_host as build_host
from schoolwork.levels import Level
from schoolwork.organisation import Person, Role, RoleKind, School
from schoolwork.records import (
    AwardRank,
    Honour,
    Incident,
    Recipient,
    RecipientKind,
    RecordBook,
    Severity,
)
from schoolwork.results import Adjustment, Subject
from schoolwork.scheme import (
    Band,
    BonusRule,
    Dimension,
    Indicator,
    PointsRule,
    RuleKind,
    Scheme,
    SubjectKind,
    VetoEffect,
    VetoRule,
)
from schoolwork.values import ValueTable
from schoolwork.workspace import Workspace

D = Decimal
DIMENSIONS = 5
PER_DIMENSION = 6  # 30 indicators


def make_scheme() -> Scheme:
    dimensions = []
    for d in range(DIMENSIONS):
        indicators = tuple(
            Indicator(
                f"i{d}_{n}",
                f"指标{d}-{n}",
                PointsRule(RuleKind.LINEAR, floor=D(40), ceiling=D(100)),
                weight=D(1 + n % 3),
            )
            for n in range(PER_DIMENSION)
        )
        dimensions.append(Dimension(f"d{d}", f"维度{d}", D(10 + 5 * d), indicators))
    table = {
        lv.value: {"first": D(3), "second": D(2), "third": D(1), "title": D(1)} for lv in Level
    }
    ethics = Condition(all=(Clause("severity", Op.GE, "moderate"),))
    return Scheme(
        "county-teachers",
        "县域教师考核",
        SubjectKind.TEACHER,
        "2023-2024",
        tuple(dimensions),
        bands=(
            Band("优秀", D(85), quota=D("0.2")),
            Band("良好", D(75)),
            Band("合格", D(60)),
            Band("不合格", D(0)),
        ),
        bonuses=(BonusRule("honours", "荣誉", table, cap=D(5)),),
        bonus_cap=D(5),
        vetoes=(VetoRule("ethics", "师德", "incident", ethics, (VetoEffect.CANCEL_EXCELLENCE,)),),
    )


@attrs.frozen
class School_:
    workspace: Workspace
    subjects: tuple[Subject, ...]
    values: dict[str, dict[str, Decimal | None]]
    records: RecordBook


def make_county(schools: int, teachers: int, scheme: Scheme, seed: int = 7) -> list[School_]:
    rng = random.Random(seed)
    ids = [i.id for d in scheme.dimensions for i in d.indicators]
    year = SchoolYear(
        "2023-2024",
        date(2023, 9, 1),
        date(2024, 8, 31),
        (
            Semester("一", date(2023, 9, 1), date(2024, 1, 19)),
            Semester("二", date(2024, 2, 19), date(2024, 7, 5)),
        ),
    )
    county = []
    for s in range(schools):
        people = tuple(
            Person(f"S{s}T{t}", f"教师{t}", roles=(Role(RoleKind.TEACHER),), subject="语文")
            for t in range(teachers)
        )
        workspace = Workspace(
            School(f"school-{s}", f"第{s}小学"), SchoolCalendar((year,)), (), people
        )
        subjects = tuple(Subject(p.id, p.name, SubjectKind.TEACHER) for p in people)
        values = {p.id: {i: D(rng.randint(500, 1000)).scaleb(-1) for i in ids} for p in people}
        honours = tuple(
            Honour(
                f"h{s}-{n}",
                "荣誉",
                rng.choice(list(Level)),
                Recipient(RecipientKind.PERSON, rng.choice(people).id),
                year.start + timedelta(days=rng.randint(0, 300)),
                rng.choice([None, AwardRank.FIRST, AwardRank.SECOND, AwardRank.THIRD]),
            )
            for n in range(teachers // 2)
        )
        incidents = tuple(
            Incident(
                f"x{s}-{n}", rng.choice(people).id, date(2024, 3, 1), rng.choice(list(Severity))
            )
            for n in range(max(teachers // 50, 1))
        )
        county.append(
            School_(workspace, subjects, values, RecordBook.of(honour=honours, incident=incidents))
        )
    return county


class Overtime:
    """Plugin one: a small adjustment per subject."""

    @hookimpl
    def schoolwork_adjust_result(self, subject: Subject) -> list[Adjustment] | None:
        if subject.id.endswith("7"):
            return [Adjustment(D("0.5"), "加班", rule="overtime")]
        return None


class Attendance:
    """Plugin two: supplies one indicator's value from the subject's records."""

    @hookimpl
    def schoolwork_indicator_values(
        self, subject: Subject, records: RecordBook
    ) -> dict[str, Decimal]:
        return {"i0_0": D(100 - 5 * len(records.incidents))}


def run_engine(county: list[School_], scheme: Scheme) -> Decimal:
    host = build_host({"overtime": Overtime(), "attendance": Attendance()}, installed=False)
    total = D(0)
    for school in county:
        evaluation = evaluate(
            scheme,
            school.subjects,
            values=school.values,
            records=school.records,
            workspace=school.workspace,
            host=host,
        )
        total += sum((r.score for r in evaluation.results), D(0))
    return total


def run_hand_loop(county: list[School_], scheme: Scheme) -> Decimal:
    """The same weighted totals, written as plainly as one would by hand."""
    q = D("0.01")
    weight_sum = sum((d.weight for d in scheme.dimensions), D(0))
    total = D(0)
    with localcontext() as ctx:
        ctx.rounding = ROUND_HALF_UP
        for school in county:
            for subject in school.subjects:
                values = school.values[subject.id]
                weighted = D(0)
                for dimension in scheme.dimensions:
                    points_sum, weights = D(0), D(0)
                    for indicator in dimension.indicators:
                        rule = indicator.points
                        share = (values[indicator.id] - rule.floor) / (rule.ceiling - rule.floor)  # type: ignore[operator]
                        points = (min(max(share * 100, D(0)), D(100))).quantize(q)
                        points_sum += points * indicator.weight
                        weights += indicator.weight
                    weighted += dimension.weight * (points_sum / weights).quantize(q)
                total += (weighted / weight_sum).quantize(q)
    return total


def county_json(county: list[School_], scheme: Scheme) -> bytes:
    """The county as JSON, numbers written as JSON numbers (as a spreadsheet export has them)."""
    ids = [i.id for d in scheme.dimensions for i in d.indicators]
    documents = [
        {
            "workspace": converter.unstructure(school.workspace),
            "records": converter.unstructure(school.records),
            "scheme": converter.unstructure(scheme),
            "values": converter.unstructure(ValueTable.from_mapping(school.values, ids)),
        }
        for school in county
    ]
    return json.dumps(documents, ensure_ascii=False, default=_as_number).encode("utf-8")


def _as_number(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)  # only for writing the test data; reading keeps every digit
    return str(value)


@attrs.frozen
class CountySchool:
    workspace: Workspace
    records: RecordBook
    scheme: Scheme
    values: ValueTable


def load_through_converter(data: bytes) -> list[CountySchool]:
    raw = converter.loads(data.decode("utf-8"), "json", file="county.json")
    return [converter.structure(item, CountySchool, file="county.json") for item in raw]


def best_of(repeat: int, *fns: Callable[[], object]) -> list[float]:
    """The best time of each function over ``repeat`` rounds, run in turn within each round.

    Interleaving means a slow spell of the machine slows both sides of a ratio, not one.
    """
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for index, fn in enumerate(fns):
            start = time.perf_counter()
            fn()
            best[index] = min(best[index], time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=100)
    parser.add_argument("--teachers", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    scheme = make_scheme()
    county = make_county(args.schools, args.teachers, scheme)
    subjects = args.schools * args.teachers
    print(f"county: {args.schools} schools × {args.teachers} teachers, 30 indicators, 2 plugins")

    assert run_engine(county, scheme) >= 0  # warm up: hooks and structure functions are built once
    engine_s, hand_s = best_of(
        args.repeat, lambda: run_engine(county, scheme), lambda: run_hand_loop(county, scheme)
    )
    tracemalloc.start()
    run_engine(county, scheme)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    data = county_json(county, scheme)
    loaded = load_through_converter(data)
    assert loaded[0].workspace == county[0].workspace
    assert loaded[0].scheme == scheme
    assert loaded[0].values.as_mapping() == county[0].values
    load_s, json_s = best_of(
        args.repeat, lambda: load_through_converter(data), lambda: json.loads(data)
    )

    print(f"engine: {engine_s:.3f} s, {subjects / engine_s:,.0f} subjects/s (explanations on)")
    print(f"hand loop: {hand_s:.3f} s")
    print(f"peak memory while evaluating the county school by school: {peak / 2**20:.1f} MiB")
    print(
        f"load: {load_s:.3f} s through the converter, {json_s:.3f} s json.loads,"
        f" {len(data) / 2**20:.1f} MiB"
    )
    print(f"ratio engine/hand-loop: {engine_s / hand_s:.2f}")
    print(f"ratio load/json.loads: {load_s / json_s:.2f}")


if __name__ == "__main__":
    main()
