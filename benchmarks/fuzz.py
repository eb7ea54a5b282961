"""Fuzz validation for longer than CI can: the mutators of tests/test_fuzz_workspace.py, at random.

Each example copies the sample workspace, breaks one file (or, for a share of them, two files,
checking that the second never hides the first's problems) and validates it in-process. It
prints how many mutated workspaces were tried, how many were refused with problems, how many
validated, and every kind of crash with a command that replays it::

    python benchmarks/fuzz.py --seconds 600            # ten minutes
    python benchmarks/fuzz.py --examples 5000 --seed 7 # a fixed run
    python benchmarks/fuzz.py --skip-known             # leave out the crashes already known
    python benchmarks/fuzz.py --replay huge_field:records/honours.csv:42

A crash is anything :func:`schoolwork.open` raises but a ``WorkspaceError``, a file that is
there but cannot be read and is named by no problem, a problem lost to a second broken file,
or an example slower than ``--timeout``. The exit status is 1 if there was any.
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import time
import traceback
from collections import Counter
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import test_fuzz_workspace as fuzz  # the mutators live with the CI test


class Hang(Exception):
    """An example ran past the timeout."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang


def draw(rng: random.Random, names: list[str], exclude: str | None = None) -> fuzz.Step:
    name = rng.choice(names)
    files = [f for f in fuzz.MUTATORS[name].files() if f != exclude]
    return fuzz.Step(name, rng.choice(files), rng.randrange(2**32))


def run(steps: tuple[fuzz.Step, ...], timeout: float) -> str:
    """``refused``, ``valid``, or raise :class:`fuzz.Crash` / :class:`Hang`."""
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        if len(steps) == 1:
            outcome = fuzz.check_one(steps[0])
        else:
            _, outcome = fuzz.check_two(*steps)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return "refused" if outcome.problems else "valid"


def replay(text: str, timeout: float) -> int:
    steps = tuple(fuzz.Step.parse(part) for part in text.split("+"))
    try:
        print(run(steps, timeout))
    except (fuzz.Crash, Hang):
        traceback.print_exc()
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, help="how many mutated workspaces to try")
    parser.add_argument("--seconds", type=float, help="stop after this long")
    parser.add_argument("--seed", type=int, help="the run's seed (default: random, printed)")
    parser.add_argument("--pairs", type=float, default=0.3, help="share of two-file examples")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per example")
    parser.add_argument("--skip-known", action="store_true", help="leave out known failures")
    parser.add_argument("--replay", metavar="STEP[+STEP]", help="run one example and say why")
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _alarm)
    if args.replay:
        return replay(args.replay, args.timeout)
    examples = args.examples if args.examples or args.seconds else 1000
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    rng = random.Random(seed)
    names = sorted(fuzz.MUTATORS)
    safe = sorted(set(names) - set(fuzz.KNOWN_FAILURES))
    if args.skip_known:
        names = safe
    print(f"seed {seed}; mutators: {', '.join(names)}")
    tally: Counter[str] = Counter()
    crashes: dict[tuple[str, str], tuple[int, str]] = {}
    slowest = (0.0, "")
    start = time.monotonic()
    while True:
        tried = sum(tally.values())
        if examples and tried >= examples:
            break
        if args.seconds and time.monotonic() - start >= args.seconds:
            break
        steps: tuple[fuzz.Step, ...]
        if rng.random() < args.pairs:  # the no-loss check needs mutators that do not crash
            first = draw(rng, safe)
            steps = (first, draw(rng, safe, exclude=first.file))
        else:
            steps = (draw(rng, names),)
        reproducer = "+".join(str(s) for s in steps)
        began = time.monotonic()
        try:
            tally[run(steps, args.timeout)] += 1
        except (fuzz.Crash, Hang) as exc:
            tally["crash"] += 1
            message = f"hang over {args.timeout:g} s" if isinstance(exc, Hang) else str(exc)
            kind = (" + ".join(s.mutator for s in steps), _shape(message, steps))
            count, example = crashes.get(kind, (0, reproducer))
            crashes[kind] = (count + 1, example)
        took = time.monotonic() - began
        slowest = max(slowest, (took, reproducer))
    elapsed = time.monotonic() - start
    tried = sum(tally.values())
    print(
        f"tried {tried} mutated workspaces in {elapsed:.0f} s: "
        f"{tally['refused']} refused with problems, {tally['valid']} validated, "
        f"{tally['crash']} crashed"
    )
    print(f"slowest example: {slowest[0]:.2f} s ({slowest[1]})")
    for (mutators, shape), (count, example) in sorted(crashes.items()):
        known = " [known]" if all(m in fuzz.KNOWN_FAILURES for m in mutators.split(" + ")) else ""
        print(f"crash{known} x{count} {mutators}: {shape}")
        print(f"  replay: python benchmarks/fuzz.py --replay {example}")
    return 1 if crashes else 0


def _shape(message: str, steps: tuple[fuzz.Step, ...]) -> str:
    """The crash message without what changes between examples (temporary paths, numbers)."""
    shape = message.split("\n", 1)[0]
    for step in steps:
        shape = shape.replace(step.file, "<file>")
    words = []
    for word in shape.split():
        if "/tmp" in word or "schoolwork-fuzz" in word:
            word = "<path>"
        words.append("".join("#" if ch.isdigit() else ch for ch in word))
    return " ".join(words)[:160]


if __name__ == "__main__":
    sys.exit(main())
