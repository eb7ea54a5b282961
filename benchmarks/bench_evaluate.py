"""Benchmark: a county of schools' workspaces on disk, 30 indicators, two plugins active.

Writes every school as a workspace folder (TOML files, record CSVs and ``values/<scheme>.csv``)
and prints subjects per second, peak memory, and two ratios measured in the same run on the
same data, each against a plain baseline:

- ``ratio engine/hand-loop``: the engine (explanations on, both plugins active) against a plain
  Python loop that computes the same numbers: points, weighted means, the honours bonus with
  its rule cap and the scheme's bonus cap, the plugins' value and adjustment, the ethics veto,
  the clip, competition ranks, and bands with the top band's quota falling by whole ties. The
  two are **asserted equal** (score, weighted total, rank and band of every subject) before
  anything is timed.
- ``ratio load/plain``: the path the CLI takes (``schoolwork.open`` of each folder, then the
  values read as ``Session.evaluate`` reads them) against ``tomli`` (the parser the library
  uses) and ``csv.reader`` over the same bytes.

Run: ``.venv/bin/python benchmarks/bench_evaluate.py [--schools N] [--teachers N]``. The
default is 100 schools of 100 teachers; ``--schools 1 --teachers 10000`` (or 100000) shows the
cost that grows with one big evaluation (the garbage collector's). Every figure is the best CPU
time of ``--repeat`` runs so that one slow run does not decide.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal, localcontext
from pathlib import Path

import attrs
import tomli

import schoolwork
from schoolwork import hookimpl
from schoolwork.calendar import SchoolCalendar, SchoolYear, Semester, period_span
from schoolwork.conditions import Clause, Condition, Op
from schoolwork.evaluation.engine import evaluate
from schoolwork.job import Session
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
from schoolwork.results import Adjustment, Evaluation, Subject
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
from schoolwork.values import Values
from schoolwork.workspace import Workspace, save

D = Decimal
DIMENSIONS = 5
PER_DIMENSION = 6  # 30 indicators
SCHEME = "county-teachers"


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
        SCHEME,
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


# -- the county, written as workspaces -------------------------------------------------------


def write_county(
    root: Path, schools: int, teachers: int, scheme: Scheme, seed: int = 7
) -> list[Path]:
    """One workspace folder per school under ``root``; the folders."""
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
    folders = []
    for s in range(schools):
        people = tuple(
            Person(f"S{s}T{t}", f"教师{t}", roles=(Role(RoleKind.TEACHER),), subject="语文")
            for t in range(teachers)
        )
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
        workspace = Workspace(
            School(f"school-{s}", f"第{s}小学"),
            SchoolCalendar((year,)),
            people=people,
            schemes=(scheme,),
            records=RecordBook.of(honour=honours, incident=incidents),
        )
        folder = root / f"school-{s}"
        save(workspace, folder)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["subject", *ids])
        for person in people:
            # Each teacher's values scatter around a level of their own, so that every band
            # is reached and the top band's quota binds.
            level = rng.randint(600, 1000)
            cells = (min(max(level + rng.randint(-100, 100), 400), 1000) / 10 for _ in ids)
            writer.writerow([person.id, *(f"{cell:.1f}" for cell in cells)])
        (folder / "values").mkdir()
        (folder / "values" / f"{SCHEME}.csv").write_text(buffer.getvalue(), encoding="utf-8")
        folders.append(folder)
    return folders


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


PLUGINS = {"overtime": Overtime(), "attendance": Attendance()}


@attrs.frozen
class Loaded:
    """One school as the CLI has it before evaluating: the session and the scheme's values."""

    session: Session
    values: Values


def load_county(folders: Sequence[Path]) -> list[Loaded]:
    """The path of ``schoolwork evaluate``: open (read and validate) each folder, then read its
    values file as :meth:`Session.evaluate` does (from what the checks parsed, if unchanged)."""
    loaded = []
    for folder in folders:
        session = schoolwork.open(folder, plugins=PLUGINS, installed=False)
        scheme = session.scheme(SCHEME)
        subjects = session.workspace.subjects(scheme.subject)
        values = session.loaded.values.read(session.root, scheme, (s.id for s in subjects))
        assert values is not None
        loaded.append(Loaded(session, values))
    return loaded


def load_plain(folders: Sequence[Path]) -> int:
    """The baseline of loading: the same bytes through ``tomli`` and ``csv.reader``."""
    cells = 0
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix == ".toml":
                cells += len(tomli.loads(path.read_text(encoding="utf-8")))
            elif path.suffix == ".csv":
                with path.open(encoding="utf-8", newline="") as file:
                    cells += sum(len(row) for row in csv.reader(file))
    return cells


# -- the engine and the same numbers by hand ----------------------------------------------------

Outcome = dict[str, tuple[Decimal, Decimal, Decimal, str | None]]
"""By subject id: weighted total, score, rank and band."""


def run_engine(county: Sequence[Loaded]) -> list[Evaluation]:
    evaluations = []
    for school in county:
        session = school.session
        scheme = session.scheme(SCHEME)
        evaluations.append(
            evaluate(
                scheme,
                session.workspace.subjects(scheme.subject),
                values=school.values,
                records=session.workspace.records,
                workspace=session.workspace,
                host=session.host,
                kinds=session.loaded.kinds,
            )
        )
    return evaluations


def engine_outcome(evaluations: Sequence[Evaluation]) -> Outcome:
    return {
        r.subject.id: (r.weighted, r.score, r.rank, r.band) for e in evaluations for r in e.results
    }


def run_hand_loop(county: Sequence[Loaded], scheme: Scheme) -> Outcome:
    """The engine's numbers for this scheme and these plugins, written as plainly as one would
    by hand: no explanations, no plugin calls (their rules are written in), one school at a
    time as the engine is called."""
    q = scheme.quantum
    mode = scheme.rounding.mode
    hundred = D(100)
    zero = D(0)
    plan = [
        (
            d.weight,
            [
                (i.id, i.points.floor, i.points.ceiling - i.points.floor, i.weight)
                for i in d.indicators
            ],  # type: ignore[operator]
            sum((i.weight for i in d.indicators), zero),
        )
        for d in scheme.dimensions
    ]
    dimension_weights = sum((d.weight for d in scheme.dimensions), zero)
    (bonus_rule,) = scheme.bonuses
    top, second = scheme.bands[0], scheme.bands[1]
    assert top.quota is not None
    outcome: Outcome = {}
    with localcontext() as ctx:
        ctx.prec = 28
        ctx.rounding = mode
        for school in county:
            workspace = school.session.workspace
            start, end = period_span(scheme.period, workspace.calendar)
            incidents: dict[str, int] = {}
            vetoed: set[str] = set()
            for incident in workspace.records.incidents:
                if start <= incident.date <= end:
                    incidents[incident.person] = incidents.get(incident.person, 0) + 1
                    if incident.severity.order >= Severity.MODERATE.order:
                        vetoed.add(incident.person)
            honours: dict[str, list[tuple[Decimal, date, str]]] = {}
            for honour in workspace.records.honours:
                if start <= honour.date <= end and honour.recipient.ref is not None:
                    rank = "title" if honour.rank is None else honour.rank.value
                    points = bonus_rule.table.get(honour.level.value, {}).get(rank, zero)
                    honours.setdefault(honour.recipient.ref, []).append(
                        (points, honour.date, honour.id)
                    )
            scores: list[tuple[str, Decimal, Decimal]] = []
            for person in workspace.people:
                subject = person.id
                values = dict(school.values.get(subject, {}))
                values["i0_0"] = D(100 - 5 * incidents.get(subject, 0))  # plugin: attendance
                total = zero
                for weight, indicators, weights in plan:
                    points_sum = zero
                    for key, floor, span, indicator_weight in indicators:
                        points = (values[key] - floor) * hundred / span  # type: ignore[operator]
                        points = zero if points <= 0 else min(points, hundred)
                        points_sum += points.quantize(q) * indicator_weight
                    total += weight * (points_sum / weights).quantize(q)
                weighted = (total / dimension_weights).quantize(q)
                bonus = zero
                if subject not in vetoed:  # a veto removes every bonus
                    earned = zero
                    for points, _, _ in sorted(honours.get(subject, ()), key=_best_first):
                        earned += max(min(points, bonus_rule.cap - earned), zero)  # type: ignore[operator]
                    if subject.endswith("7"):
                        earned += D("0.5")  # plugin: overtime
                    bonus = min(earned, scheme.bonus_cap)
                score = min(max(weighted + bonus, zero), scheme.max_score).quantize(q)
                scores.append((subject, weighted, score))
            # Competition ranks: one more than the number of better scores.
            ordered = sorted(scores, key=lambda item: (-item[2], item[0]))
            ranks: dict[str, Decimal] = {}
            for position, (subject, _, score) in enumerate(ordered):
                previous = ordered[position - 1] if position else None
                if previous is not None and previous[2] == score:
                    ranks[subject] = ranks[previous[0]]
                else:
                    ranks[subject] = D(position + 1)
            bands: dict[str, str | None] = {}
            for subject, _, score in scores:
                band = next((b.name for b in scheme.bands if score >= b.min_score), None)
                if band == top.name and subject in vetoed:
                    band = second.name  # the ethics veto cancels excellence
                bands[subject] = band
            # The top band's quota (floor of the share); a tie at the last place falls whole.
            places = int((top.quota * len(scores)).quantize(D(1), rounding="ROUND_FLOOR"))
            members = [item for item in ordered if bands[item[0]] == top.name]
            if len(members) > places:
                keep = places
                if keep > 0 and members[keep - 1][2] == members[keep][2]:
                    keep = sum(1 for item in members[:keep] if item[2] != members[keep][2])
                for subject, _, _ in members[keep:]:
                    bands[subject] = second.name
            for subject, weighted, score in scores:
                outcome[subject] = (weighted, score, ranks[subject], bands[subject])
    return outcome


def _best_first(item: tuple[Decimal, date, str]) -> tuple[Decimal, date, str]:
    points, day, honour = item
    return -points, day, honour


# -- measuring ------------------------------------------------------------------------------------


def best_of(repeat: int, *fns: Callable[[], object]) -> list[float]:
    """The best CPU time of each function over ``repeat`` rounds, run in turn within each round.

    CPU time of this process, not wall time: on a machine shared with other work, a long run is
    more often put aside than a short one, which made the wall-clock ratio depend on the load.
    Interleaving means a slow spell of the machine slows both sides of a ratio, not one.
    """
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for index, fn in enumerate(fns):
            start = time.process_time()
            fn()
            best[index] = min(best[index], time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=100)
    parser.add_argument("--teachers", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc run")
    args = parser.parse_args()
    scheme = make_scheme()
    subjects = args.schools * args.teachers
    print(f"county: {args.schools} schools × {args.teachers} teachers, 30 indicators, 2 plugins")
    with tempfile.TemporaryDirectory(prefix="bench-evaluate-") as tmp:
        folders = write_county(Path(tmp), args.schools, args.teachers, scheme)
        size = sum(p.stat().st_size for f in folders for p in f.rglob("*") if p.is_file())
        county = load_county(folders)

        # Same numbers first: a ratio against a loop that computes something else means nothing.
        engine = engine_outcome(run_engine(county))
        hand = run_hand_loop(county, scheme)
        assert len(engine) == subjects, (len(engine), subjects)
        differ = [s for s in engine if engine[s] != hand.get(s)]
        assert not differ, [(s, engine[s], hand.get(s)) for s in differ[:5]]
        bands = {b.name: sum(1 for o in engine.values() if o[3] == b.name) for b in scheme.bands}
        quota_falls = sum(
            1
            for e in run_engine(county)
            for r in e.results
            for m in r.moves
            if m.reason.startswith("quota")
        )
        print(
            f"engine and hand loop agree on {len(engine):,} scores, ranks and bands"
            f" ({', '.join(f'{n} {c}' for n, c in bands.items())};"
            f" {quota_falls} fell by the quota)"
        )

        engine_s, hand_s = best_of(
            args.repeat, lambda: run_engine(county), lambda: run_hand_loop(county, scheme)
        )
        peak = None
        if not args.no_memory:
            tracemalloc.start()
            run_engine(county)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        load_s, plain_s = best_of(
            max(args.repeat // 2, 1), lambda: load_county(folders), lambda: load_plain(folders)
        )

    print(
        f"engine: {engine_s:.3f} s, {subjects / engine_s:,.0f} subjects/s,"
        f" {engine_s / subjects * 1e6:.0f} µs a subject (explanations on)"
    )
    print(f"hand loop: {hand_s:.3f} s, {hand_s / subjects * 1e6:.0f} µs a subject")
    if peak is not None:
        print(f"peak traced memory while evaluating school by school: {peak / 2**20:.1f} MiB")
    print(
        f"load: {load_s:.3f} s opening the workspaces and reading their values,"
        f" {plain_s:.3f} s tomli + csv.reader, {size / 2**20:.1f} MiB of files"
    )
    print(f"ratio engine/hand-loop: {engine_s / hand_s:.2f}")
    print(f"ratio load/plain: {load_s / plain_s:.2f}")


if __name__ == "__main__":
    main()
