#!/usr/bin/env bash
# Mutation testing of the core's deciding code, one module at a time, with mutmut.
#
# A developer tool, never run in CI (.ci/run does not call it): a full run takes a while.
#
#   benchmarks/mutation.sh                 # every listed module; prints the score table
#   benchmarks/mutation.sh points banding  # only the modules whose path contains a word
#   benchmarks/mutation.sh --list          # the modules and the tests selected for each
#   benchmarks/mutation.sh --report        # the table again from the last run, without running
#   benchmarks/mutation.sh --survivors     # also list every survivor not in the list below
#
# Modules: every module of src/schoolwork/evaluation/ and src/schoolwork/checks/,
# src/schoolwork/converter.py and src/schoolwork/testing/fairness.py. Each runs with its own test selection (the test files that
# exercise it, plus every tests/test_mutation_kills_*.py), in a scratch copy of the project
# under build/mutation/<module>/ whose pyproject.toml carries the run's [tool.mutmut] section:
# the project's own pyproject.toml is never written.
#
# Score per module: killed / total. A survivor counts as killed only when it is listed in
# benchmarks/equivalent-mutants.txt as `mutant-name  reason` (one line each, the reason saying
# why no test can tell the mutant from the code); an entry without a reason is refused. Timeouts
# and segfaults count as killed; "no tests" counts as a survivor. Exit status 1 when a module
# is below --min (default 90 %).
#
# After a survivor: `cd build/mutation/<module> && ../../../.venv/bin/mutmut show NAME` shows
# the mutant; kill it with a test, or list it with its reason. See benchmarks/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python benchmarks/mutation.py "$@"
