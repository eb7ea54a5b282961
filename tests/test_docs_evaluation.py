"""The evaluation guide's worked example runs and prints exactly what the guide shows."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path
from typing import Any

import schoolwork
from schoolwork.checks.schemes import scheme_problems

GUIDE = Path(__file__).parent.parent / "docs" / "evaluation.md"


def blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)


def run_example() -> tuple[str, dict[str, Any]]:
    namespace: dict[str, Any] = {}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(blocks("python")[0], str(GUIDE), "exec"), namespace)
    return out.getvalue(), namespace


def test_worked_example_prints_the_table_shown() -> None:
    printed, _ = run_example()
    assert printed == blocks("text")[0]


def test_worked_example_explanation_lines_are_real() -> None:
    _, namespace = run_example()
    scheme = namespace["scheme"]
    evaluation = schoolwork.evaluate(
        scheme, namespace["teachers"], values=namespace["values"], records=namespace["records"]
    )
    text = schoolwork.explain(evaluation.result("T003"), scheme)
    for line in blocks("text")[1].splitlines():
        assert line in text


def test_toml_form_is_the_same_scheme(tmp_path: Path) -> None:
    _, namespace = run_example()
    path = tmp_path / "schemes.toml"
    path.write_text(blocks("toml")[0], encoding="utf-8")
    assert schoolwork.read_schemes(path) == (namespace["scheme"],)
    assert scheme_problems(namespace["scheme"], "schemes.toml") == []
