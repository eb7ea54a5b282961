"""The evaluation guide's worked example runs and prints exactly what the guide shows."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path
from typing import Any

from schoolwork import converter
from schoolwork.checks.schemes import scheme_problems
from schoolwork.workspace import SchemesDocument

GUIDE = Path(__file__).parent.parent / "docs" / "evaluation.md"


def blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)


def test_worked_example_prints_the_table_shown() -> None:
    code, shown = blocks("python")[0], blocks("text")[0]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, str(GUIDE), "exec"), {})
    assert out.getvalue() == shown


def test_worked_example_explanation_lines_are_real() -> None:
    from schoolwork.evaluation.engine import evaluate
    from schoolwork.evaluation.output import explain

    namespace: dict[str, Any] = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(blocks("python")[0], str(GUIDE), "exec"), namespace)
    scheme = namespace["scheme"]
    evaluation = evaluate(
        scheme, namespace["teachers"], values=namespace["values"], records=namespace["records"]
    )
    text = explain(evaluation.result("T003"), scheme)
    for line in blocks("text")[1].splitlines():
        assert line in text


def test_toml_form_is_the_same_scheme() -> None:
    code = blocks("python")[0].split("teachers = ")[0]
    namespace: dict[str, object] = {}
    exec(compile(code, str(GUIDE), "exec"), namespace)
    toml = blocks("toml")[0]
    data = converter.loads(toml, "toml", file="schemes.toml")
    document = converter.structure(data, SchemesDocument, file="schemes.toml")
    assert document.schemes == (namespace["scheme"],)
    assert scheme_problems(document.schemes[0], "schemes.toml") == []
