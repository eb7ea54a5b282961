"""Benchmark: a county (or province) as a folder of schools, from files to written results.

Generates 1k, 10k and 100k teachers (500k with ``--province``) as folders of schools of 100
teachers each, 30 indicators a teacher, one scheme with a quota, and prints for each size and
executor the seconds of load, evaluate and write, subjects per second and peak resident memory
(of the main process and of its worker processes), and the speed-up of the process pool and
of a Dask LocalCluster over the serial run, all measured in the same run.

Each measurement runs in a fresh interpreter, so that the peak memory is that run's alone.
With ``--repeat N`` every executor runs N times, in turn within each round (so that a slow spell
of a shared machine slows every executor, not one); each line then shows an executor's fastest
run, the speed-ups are those of the fastest runs, and the speed-ups of the single rounds are
printed beside them as a range.

Run: ``.venv/bin/python benchmarks/bench_scale.py [--sizes 1000 10000] [--province]
[--repeat N]``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

SCHEME = "county-teachers"
PER_SCHOOL = 100
DIMENSIONS, PER_DIMENSION = 5, 6  # 30 indicators
EXECUTORS = ("serial", "process", "dask")
LEVELS = ("national", "province", "city", "county", "school")
RANKS = ("", "first", "second", "third")
SEVERITIES = ("minor", "moderate", "serious", "severe")
HONOUR_COLUMNS = "id,title,level,rank,category,recipient_kind,recipient,date"
INCIDENT_COLUMNS = "id,person,date,severity,kind"
WORKERS = 2


def scheme_toml() -> str:
    lines = [
        "[[schemes]]",
        f'id = "{SCHEME}"',
        'name = "县域教师考核"',
        'subject = "teacher"',
        'period = "2023-2024"',
        'ranking = { ties = "competition", tie_breakers = ["d0"] }',
        "bonus_cap = 5",
    ]
    for d in range(DIMENSIONS):
        lines += ["", "[[schemes.dimensions]]", f'id = "d{d}"', f'name = "维度{d}"']
        lines += [f"weight = {10 + 5 * d}"]
        for n in range(PER_DIMENSION):
            lines += [
                "[[schemes.dimensions.indicators]]",
                f'id = "i{d}_{n}"',
                f'name = "指标{d}-{n}"',
                f"weight = {1 + n % 3}",
                'points = { rule = "linear", floor = 40, ceiling = 100 }',
            ]
    bands = [("优秀", 85, "quota = 0.2"), ("良好", 75, ""), ("合格", 60, ""), ("不合格", 0, "")]
    for name, floor, quota in bands:
        lines += ["[[schemes.bands]]", f'name = "{name}"', f"min_score = {floor}"]
        lines += [quota] if quota else []
    # Honours earn a capped bonus and a moderate incident cancels excellence, as in
    # bench_evaluate.py: so bonus and veto are exercised at every size.
    prizes = "{ first = 3, second = 2, third = 1, title = 1 }"
    table = ", ".join(f"{level} = {prizes}" for level in LEVELS)
    lines += ["[[schemes.bonuses]]", 'id = "honours"', 'name = "荣誉"', "cap = 5"]
    lines += [f"table = {{ {table} }}"]
    ethics = '{ all = [{ field = "severity", op = "ge", value = "moderate" }] }'
    lines += ["[[schemes.vetoes]]", 'id = "ethics"', 'name = "师德"', 'record = "incident"']
    lines += [f"when = {ethics}", 'effects = ["cancel_excellence"]']
    return "\n".join(lines) + "\n"


def school_toml(s: int) -> str:
    lines = [
        "[school]",
        f'id = "school-{s:05d}"',
        f'name = "第{s}小学"',
        "",
        "[[calendar.years]]",
        'name = "2023-2024"',
        "start = 2023-09-01",
        "end = 2024-08-31",
        "semesters = [",
        '    { name = "第一学期", start = 2023-09-01, end = 2024-01-19 },',
        '    { name = "第二学期", start = 2024-02-19, end = 2024-07-05 },',
        "]",
    ]
    for t in range(PER_SCHOOL):
        lines += ["", "[[people]]", f'id = "T{t:03d}"', f'name = "教师{t}"']
        lines += ['roles = [{ kind = "teacher" }]', 'subject = "语文"']
    return "\n".join(lines) + "\n"


def generate(folder: Path, teachers: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    scheme = scheme_toml()
    ids = [f"i{d}_{n}" for d in range(DIMENSIONS) for n in range(PER_DIMENSION)]
    for s in range(teachers // PER_SCHOOL):
        root = folder / f"school-{s:05d}"
        (root / "values").mkdir(parents=True)
        (root / "school.toml").write_text(school_toml(s), encoding="utf-8")
        (root / "schemes.toml").write_text(scheme, encoding="utf-8")
        rows = ["subject," + ",".join(ids)]
        for t in range(PER_SCHOOL):
            # Each teacher's values scatter around a level of their own (as in
            # bench_evaluate.py), so that every band is reached and the quota binds.
            level = rng.randint(600, 1000)
            cells = (f"{min(max(level + rng.randint(-100, 100), 400), 1000) / 10:.1f}" for _ in ids)
            rows.append(f"T{t:03d}," + ",".join(cells))
        (root / "values" / f"{SCHEME}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        (root / "records").mkdir()
        # Half as many honours as teachers and one incident in fifty, as bench_evaluate.py.
        honours = [HONOUR_COLUMNS]
        for n in range(PER_SCHOOL // 2):
            day = date(2023, 9, 1) + timedelta(days=rng.randint(0, 300))
            level, rank = rng.choice(LEVELS), rng.choice(RANKS)
            who = f"T{rng.randrange(PER_SCHOOL):03d}"
            honours.append(f"h{n},荣誉,{level},{rank},教学,person,{who},{day}")
        (root / "records" / "honours.csv").write_text("\n".join(honours) + "\n", encoding="utf-8")
        incidents = [INCIDENT_COLUMNS]
        for n in range(max(PER_SCHOOL // 50, 1)):
            who = f"T{rng.randrange(PER_SCHOOL):03d}"
            incidents.append(f"x{n},{who},2024-03-01,{rng.choice(SEVERITIES)},ethics")
        text = "\n".join(incidents) + "\n"
        (root / "records" / "incidents.csv").write_text(text, encoding="utf-8")


def child(folder: Path, executor: str, out: Path) -> None:
    """One measured run, in its own interpreter: prints its figures as JSON."""
    import schoolwork  # only in the measured process
    from schoolwork.bureau import schools_in

    figures: dict[str, float] = {}
    if executor == "serial":
        # Load alone (read, validate, parse values: opening parses them) once, to split load
        # from evaluate.
        start = time.perf_counter()
        for root in schools_in(folder):
            schoolwork.open(root, installed=False)
        figures["load"] = time.perf_counter() - start
    start = time.perf_counter()
    if executor == "dask":
        from distributed import Client, LocalCluster

        with (
            LocalCluster(
                n_workers=WORKERS, threads_per_worker=1, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            started = time.perf_counter()
            evaluation = schoolwork.evaluate_schools(
                folder, SCHEME, executor=client, installed=False
            )
            figures["cluster"] = started - start
            start = started
    else:
        evaluation = schoolwork.evaluate_schools(
            folder, SCHEME, executor=executor, workers=WORKERS, installed=False
        )
    figures["load+evaluate"] = time.perf_counter() - start
    start = time.perf_counter()
    evaluation.write(out, force=True)
    figures["write"] = time.perf_counter() - start
    figures["subjects"] = len(evaluation.results)
    figures["rss_main"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["rss_workers"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(figures))


def measure(folder: Path, executor: str, out: Path) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", str(folder), executor, str(out)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    parser.add_argument("--province", action="store_true", help="add 500,000 teachers")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each executor")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        folder, executor, out = args.child
        child(Path(folder), executor, Path(out))
        return
    sizes = [*args.sizes, *([500000] if args.province else [])]
    indicators = DIMENSIONS * PER_DIMENSION
    print(f"{PER_SCHOOL} teachers a school, {indicators} indicators; {WORKERS} workers")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "county"
            generate(folder, size)
            rounds = []
            for _ in range(max(args.repeat, 1)):
                rounds.append({e: measure(folder, e, Path(tmp) / f"{e}.csv") for e in EXECUTORS})
            best = {e: min((r[e] for r in rounds), key=_total) for e in EXECUTORS}
            for executor in EXECUTORS:
                f = best[executor]
                load = f"load {f['load']:.2f} s, " if "load" in f else ""
                cluster = f", cluster start {f['cluster']:.2f} s" if "cluster" in f else ""
                print(
                    f"{size:>7} {executor:<7} {load}load+evaluate {f['load+evaluate']:.2f} s, "
                    f"write {f['write']:.2f} s, {f['subjects'] / _total(f):,.0f} subjects/s, "
                    f"peak RSS main {f['rss_main']:.0f} MiB, workers {f['rss_workers']:.0f} MiB"
                    f"{cluster}"
                )
            same = len({(Path(tmp) / f"{e}.csv").read_bytes() for e in EXECUTORS}) == 1
            for executor in ("process", "dask"):
                speed_up = _total(best["serial"]) / _total(best[executor])
                line = f"{size:>7} speed-up of {executor} over serial: {speed_up:.2f}x"
                if len(rounds) > 1:
                    each = [_total(r["serial"]) / _total(r[executor]) for r in rounds]
                    line += f" (fastest runs; single rounds {min(each):.2f}-{max(each):.2f}x)"
                print(line)
            print(f"{size:>7} outputs identical across executors: {same}")


def _total(figures: dict[str, float]) -> float:
    """From files to written results: what the speed-ups compare."""
    return figures["load+evaluate"] + figures["write"]


if __name__ == "__main__":
    main()
