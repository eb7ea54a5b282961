"""Mutation score per module, with mutmut: the driver behind ``benchmarks/mutation.sh``.

Each module runs in a scratch copy of the project, ``build/mutation/<slug>/``: symbolic links to
``src``, ``tests``, ``plugins``, ``docs`` and ``README.md``, and a ``pyproject.toml`` that is the
project's with its ``[tool.mutmut]`` section replaced by the module's (mutmut reads its
configuration only from the ``pyproject.toml`` of the directory it runs in). So the project's own
``pyproject.toml`` is never written, and one module's mutants never mix with another's.

A survivor counts as killed only when ``benchmarks/equivalent-mutants.txt`` lists it with a
reason: ``mutant-name  reason`` per line, ``#`` for comments. An entry without a reason is
refused; an entry for a mutant that no longer exists, or that the tests now kill, is reported
as stale and fails the run (it would excuse the next survivor that gets its name).

The table gives per module the mutants killed, the survivors listed as equivalent, the other
survivors, the total, the score (killed and listed, over the total) and the raw score (killed
only). Run ``benchmarks/mutation.sh --help`` for the options.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = ROOT / "build" / "mutation"
EQUIVALENTS = ROOT / "benchmarks" / "equivalent-mutants.txt"
MUTMUT = ROOT / ".venv" / "bin" / "mutmut"
LINKED = ("src", "tests", "plugins", "docs", "README.md")

# Every module of these directories is a target, and these single modules.
TARGET_DIRS = ("src/schoolwork/evaluation", "src/schoolwork/checks")
TARGET_FILES = ("src/schoolwork/converter.py", "src/schoolwork/testing/fairness.py")

# The tests that exercise each module (besides every tests/test_mutation_kills_*.py): enough to
# kill its mutants, few enough that a run takes minutes. The slow property-based suites
# (test_evaluation_properties.py, test_fairness_power.py) are left out on purpose: what they
# find is pinned down by the fast examples in the kill tests.
ENGINE_TESTS = (
    "tests/test_evaluation_engine.py",
    "tests/test_engine_defects.py",
    "tests/test_extra_credit_and_mode.py",
)
# The workspaces that fail validation, each located problem compared whole.
CHECKS_TESTS = ("tests/test_broken_workspaces.py", "tests/test_bad_input_checks.py")
# Frozen results and the diff, without test_frozen.py's two property tests: each re-evaluates
# generated workspaces for seconds, and every survivor of freeze or compare would pay for both
# (mutmut stops at the first failing test, so only a survivor runs the whole selection).
FROZEN_TESTS = (
    "tests/test_frozen.py",
    "--deselect=tests/test_frozen.py::test_re_evaluating_unchanged_inputs_reports_no_change",
    "--deselect=tests/test_frozen.py::"
    "test_changing_one_value_changes_that_subject_and_those_moving_with_it",
)
SELECTION: dict[str, tuple[str, ...]] = {
    "evaluation/aggregate.py": ENGINE_TESTS,
    # Appeals (申诉): the corrections, the outcomes and the diff naming them are all in
    # test_appeals.py; the engine tests have no appeal.
    "evaluation/appeals.py": ("tests/test_appeals.py",),
    "evaluation/banding.py": ENGINE_TESTS,
    # Frozen results and the diff against them; test_appeals.py for the appeal behind a change.
    "evaluation/changes.py": (*FROZEN_TESTS, "tests/test_appeals.py"),
    # The collector's pause, on and off, around an evaluation and alone.
    "evaluation/collector.py": ("tests/test_evaluation_speed.py",),
    "evaluation/counted.py": ENGINE_TESTS,
    "evaluation/engine.py": (*ENGINE_TESTS, "tests/test_plugins.py", "tests/test_plugin_host.py"),
    "evaluation/output.py": (
        *ENGINE_TESTS,
        "tests/test_cli_evaluate.py",
        "tests/test_streamed_outputs.py",
        "tests/test_cli_output.py",
    ),
    # Freezing, writing and reading results back; not test_roundtrip.py, whose property tests
    # of frozen files take seconds for every mutant.
    "evaluation/frozen.py": FROZEN_TESTS,
    # Value-added (增值评价) and rated (民主测评) indicators: their own file, fast examples only.
    "evaluation/gains.py": ("tests/test_raters_and_gains.py",),
    # Partitions through their public functions, in tests/test_mutation_kills_partitions.py,
    # and their rows' pickling (tests/test_rows_pickle.py): test_partitions.py's property
    # tests take seconds for every mutant.
    "evaluation/partitions.py": ("tests/test_rows_pickle.py",),
    "evaluation/points.py": ENGINE_TESTS,
    "evaluation/raters.py": ("tests/test_raters_and_gains.py",),
    "evaluation/ranking.py": ENGINE_TESTS,
    "checks/__init__.py": ("tests/test_broken_workspaces.py",),
    # Not CHECKS_TESTS: they have no appeal or ballot, yet every workspace they open runs these
    # checks, which made each mutant take seconds for nothing.
    "checks/appeals.py": ("tests/test_appeals.py",),
    "checks/ballots.py": ("tests/test_raters_and_gains.py",),
    # The typed range serves the fill-in workbook and appeals' corrected values alike.
    "checks/bounds.py": ("tests/test_xlsx_template.py", "tests/test_appeals.py"),
    "checks/calendar.py": ("tests/test_calendar.py", *CHECKS_TESTS),
    "checks/conditions.py": CHECKS_TESTS,
    "checks/duties.py": ("tests/test_duties.py", *CHECKS_TESTS),
    "checks/goals.py": ("tests/test_goals.py", *CHECKS_TESTS),
    "checks/ids.py": CHECKS_TESTS,
    "checks/organisation.py": CHECKS_TESTS,
    "checks/records.py": (
        "tests/test_records.py",
        "tests/test_record_kinds.py",
        *CHECKS_TESTS,
    ),
    "checks/references.py": CHECKS_TESTS,
    # The raters' and gains' keys are checked here too; their tests locate each problem.
    "checks/schemes.py": (*ENGINE_TESTS, *CHECKS_TESTS, "tests/test_raters_and_gains.py"),
    # Not test_roundtrip.py: its property tests take seconds per mutant of every hook.
    "converter.py": ("tests/test_record_kinds.py", *CHECKS_TESTS),
    # The kit's parts one by one, fast; not test_fairness_power.py, whose end-to-end checks at
    # the default budget take seconds each for every mutant.
    "testing/fairness.py": ("tests/test_fairness_units.py",),
}

KILLED = {"killed", "timeout", "segfault", "caught by type check"}
UNFINISHED = {"not checked", "check was interrupted by user"}
_LINE = re.compile(r"^\s+(\S+): (.+)$")


@dataclass
class Target:
    path: str  # relative to the project, e.g. src/schoolwork/evaluation/points.py

    @property
    def key(self) -> str:
        return self.path.removeprefix("src/schoolwork/")

    @property
    def slug(self) -> str:
        return self.key.removesuffix(".py").replace("/", "-")

    @property
    def module(self) -> str:
        return self.path.removeprefix("src/").removesuffix(".py").replace("/", ".")

    @property
    def scratch(self) -> Path:
        return SCRATCH / self.slug

    def tests(self) -> list[str]:
        kills = sorted(
            str(p.relative_to(ROOT)) for p in ROOT.glob("tests/test_mutation_kills_*.py")
        )
        return [*SELECTION.get(self.key, ENGINE_TESTS), *kills]


@dataclass
class Score:
    target: Target
    statuses: dict[str, str]
    equivalent: set[str] = field(default_factory=set)
    seconds: float | None = None

    @property
    def total(self) -> int:
        return len(self.statuses)

    @property
    def killed(self) -> int:
        return sum(1 for s in self.statuses.values() if s in KILLED)

    @property
    def survivors(self) -> list[str]:
        return sorted(n for n, s in self.statuses.items() if s not in KILLED)

    @property
    def unexplained(self) -> list[str]:
        return [n for n in self.survivors if n not in self.equivalent]

    @property
    def score(self) -> float:
        return 100.0 if not self.total else 100 * (self.killed + self.listed) / self.total

    @property
    def listed(self) -> int:
        return sum(1 for n in self.survivors if n in self.equivalent)


def mutable(path: Path) -> bool:
    """Whether mutmut finds anything to mutate: it mutates the bodies of functions and methods,
    and skips every function with a decorator other than ``staticmethod`` or ``classmethod``."""

    def plain(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
        names = [d.id for d in node.decorator_list if isinstance(d, ast.Name)]
        allowed = len(node.decorator_list) == 1 and names in (["staticmethod"], ["classmethod"])
        return not node.decorator_list or allowed

    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and plain(n) for n in ast.walk(tree)
    )


def targets() -> list[Target]:
    found = [str(p.relative_to(ROOT)) for d in TARGET_DIRS for p in sorted((ROOT / d).glob("*.py"))]
    return [Target(p) for p in [*found, *TARGET_FILES]]


def read_equivalents(path: Path = EQUIVALENTS) -> dict[str, str]:
    """The listed equivalent mutants and their reasons; refuses an entry without a reason."""
    entries: dict[str, str] = {}
    errors = []
    if not path.exists():
        return entries
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        name, _, reason = text.partition(" ")
        reason = reason.strip()
        if not reason:
            errors.append(f"{path.name}:{number}: {name} has no reason (`name  reason`)")
        elif name in entries:
            errors.append(f"{path.name}:{number}: {name} is listed twice")
        entries[name] = reason
    if errors:
        sys.exit("\n".join(errors))
    return entries


def mutmut_section(target: Target) -> str:
    def toml_list(items: list[str]) -> str:
        return "[" + ", ".join(f'"{i}"' for i in items) + "]"

    return (
        "[tool.mutmut]\n"
        f"source_paths = {toml_list([target.path])}\n"
        # mutmut learns which tests reach which function in its own process: no xdist workers
        'pytest_add_cli_args = ["-n", "0"]\n'
        f"pytest_add_cli_args_test_selection = {toml_list(target.tests())}\n"
        f"also_copy = {toml_list(list(LINKED))}\n"
        "use_git_change_detection = false\n"
    )


def with_section(pyproject: str, section: str) -> str:
    """``pyproject`` with its ``[tool.mutmut]`` table replaced by ``section`` (or added)."""
    pattern = re.compile(r"^\[tool\.mutmut\]\n(?:(?!\[).*\n?)*", re.MULTILINE)
    if pattern.search(pyproject):
        return pattern.sub(lambda _: section + "\n", pyproject, count=1)
    return pyproject.rstrip("\n") + "\n\n" + section


def prepare(target: Target, fresh: bool) -> None:
    scratch = target.scratch
    scratch.mkdir(parents=True, exist_ok=True)
    for name in LINKED:
        link = scratch / name
        if not link.is_symlink():
            link.symlink_to(ROOT / name)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (scratch / "pyproject.toml").write_text(
        with_section(pyproject, mutmut_section(target)), encoding="utf-8"
    )
    if fresh and (scratch / "mutants").exists():
        shutil.rmtree(scratch / "mutants")


def run(target: Target, fresh: bool) -> float:
    prepare(target, fresh)
    log = target.scratch / "run.log"
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            [str(MUTMUT), "run"], cwd=target.scratch, stdout=out, stderr=subprocess.STDOUT
        )
    seconds = time.monotonic() - started
    if done.returncode != 0:
        tail = "".join(log.read_text(encoding="utf-8", errors="replace").splitlines(True)[-20:])
        sys.exit(f"mutmut failed on {target.path} (see {log}):\n{tail}")
    return seconds


def statuses(target: Target) -> dict[str, str]:
    if not (target.scratch / "mutants").exists():
        return {}
    done = subprocess.run(
        [str(MUTMUT), "results", "--all", "true"],
        cwd=target.scratch,
        capture_output=True,
        text=True,
        check=True,
    )
    found = {}
    for line in done.stdout.splitlines():
        match = _LINE.match(line)
        if match and match.group(1).startswith(target.module + "."):
            found[match.group(1)] = match.group(2)
    return found


def stale_entries(equivalents: dict[str, str], scores: list[Score]) -> list[str]:
    """Entries of the modules scored here that name no mutant, or one the tests now kill: such
    an entry would silently excuse the next survivor that gets its name."""
    stale = []
    for score in scores:
        if not score.statuses:
            continue  # never run: nothing to compare with
        prefix = score.target.module + "."
        for name in sorted(n for n in equivalents if n.startswith(prefix)):
            status = score.statuses.get(name)
            if status is None:
                stale.append(f"{name}: no such mutant")
            elif status in KILLED:
                stale.append(f"{name}: killed by the tests now")
    return stale


def table(scores: list[Score]) -> str:
    rows = [("module", "killed", "equivalent", "survived", "total", "score", "raw", "time")]
    for s in scores:
        spent = "" if s.seconds is None else f"{s.seconds:.0f} s"
        rows.append(
            (
                s.target.key,
                str(s.killed),
                str(s.listed),
                str(len(s.unexplained)),
                str(s.total),
                f"{s.score:.1f} %" if s.total else "no mutants",
                f"{100 * s.killed / s.total:.1f} %" if s.total else "",
                spent,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    killed = sum(s.killed + s.listed for s in scores)
    total = sum(s.total for s in scores)
    if total:
        lines.append(f"all: {killed} / {total} = {100 * killed / total:.1f} %")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="benchmarks/mutation.sh", description="Mutation score per module, with mutmut."
    )
    parser.add_argument("words", nargs="*", help="only modules whose path contains a word")
    parser.add_argument("--list", action="store_true", help="list modules and their tests")
    parser.add_argument("--report", action="store_true", help="score the last run, run nothing")
    parser.add_argument(
        "--keep", action="store_true", help="reuse mutmut's cache of the last run (faster)"
    )
    parser.add_argument("--survivors", action="store_true", help="list unexplained survivors")
    parser.add_argument("--min", type=float, default=90.0, help="the lowest score that passes")
    args = parser.parse_args(argv)

    chosen = [t for t in targets() if not args.words or any(w in t.path for w in args.words)]
    if not chosen:
        parser.error("no module matches " + " ".join(args.words))
    if args.list:
        for t in chosen:
            print(f"{t.path}\n    " + "\n    ".join(t.tests()))
        return 0
    equivalents = read_equivalents()
    scores: list[Score] = []
    skipped: list[str] = []
    for t in chosen:
        seconds = None
        if not mutable(ROOT / t.path):
            skipped.append(t.key)
            continue
        if not args.report:
            print(f"mutmut on {t.path} ...", file=sys.stderr, flush=True)
            seconds = run(t, fresh=not args.keep)
        found = statuses(t)
        scores.append(Score(t, found, set(equivalents), seconds))
        counts = Counter(found.values())
        print(f"    {dict(sorted(counts.items()))}", file=sys.stderr, flush=True)

    print(table(scores))
    if skipped:
        print("nothing to mutate (empty, or only decorated functions, which mutmut skips): ")
        print("  " + ", ".join(skipped))
    if args.survivors:
        for s in scores:
            for name in s.unexplained:
                print(f"survived: {name} ({s.statuses[name]})")
    stale = stale_entries(equivalents, scores)
    if stale:
        print("stale entries in " + EQUIVALENTS.name + ":\n  " + "\n  ".join(stale))
    for s in scores:
        unfinished = sum(1 for status in s.statuses.values() if status in UNFINISHED)
        if unfinished:
            print(f"{s.target.key}: {unfinished} mutants not checked (an interrupted run?)")
    low = [s for s in scores if s.score < args.min]
    if low:
        print("below " + f"{args.min:g} %: " + ", ".join(s.target.key for s in low))
    return 1 if low or stale else 0


if __name__ == "__main__":
    sys.exit(main())
