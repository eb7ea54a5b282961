"""Every Python example of the documentation imports only the public face, and runs.

Each fenced ``python`` block of ``docs/*.md`` is collected and checked twice:

1. **Imports** (by AST): a block imports only ``schoolwork`` (names in ``schoolwork.__all__``),
   the standard library and ``attrs`` (a record kind's model is an attrs class); testing
   examples (``docs/testing.md``, or a block defining ``test_*`` functions) may also import
   ``schoolwork.testing`` (names in its ``__all__``), ``hypothesis`` and ``pytest``. Never
   ``schoolwork.<module>``, neither imported nor reached as ``schoolwork.<module>.x``.
2. **Running**, by what the block is:

   - a **fragment** is preceded by ``<!-- fragment: PATH -->`` (PATH from the repository's
     root): it quotes code that cannot run alone, so it must appear verbatim in PATH. Its
     imports may also name the package PATH belongs to.
   - a block whose first line is ``# NAME.py`` is a **module** of that name: later blocks of
     the same page may import it (``import my_school_plugin``).
   - a **plugin** defines a top-level ``schoolwork_*`` function: it is executed as a fresh
     module, registered with ``schoolwork.plugin_host({"example": module}, installed=False)``
     without failure, and then the main job runs on the sample school with it (open,
     evaluate the year, build the report, render any format it adds), so its hooks run.
   - a **test** defines top-level ``test_*`` functions: each is called, with its arguments
     as pytest fixtures (``schoolwork_sample``, ``schoolwork_host``, …).
   - anything else is a **script**, run as ``__main__``.

   Every block runs with the current directory set to a temporary folder holding a copy of
   the sample school as ``my-school`` (what ``schoolwork init --sample my-school`` writes), so
   examples say ``schoolwork.open("my-school")``. A ``text`` block preceded by
   ``<!-- output -->`` right after a script is what the script prints, exactly.
"""

from __future__ import annotations

import ast
import contextlib
import inspect
import io
import re
import shutil
import sys
import textwrap
import types
from dataclasses import dataclass
from pathlib import Path

import pytest

import schoolwork
import schoolwork.testing
from schoolwork.job import renderers_of

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"

FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```[ \t]*$", re.M | re.S)
FRAGMENT = re.compile(r"<!-- fragment: (\S+) -->\s*$")
OUTPUT = re.compile(r"\s*<!-- output -->\s*```text\n(.*?)^```", re.M | re.S)
MODULE_NAME = re.compile(r"\A# (\w+)\.py\n")

THIRD_PARTY = {"attrs"}
TESTING_THIRD_PARTY = {"hypothesis", "pytest"}


@dataclass(frozen=True)
class Block:
    page: Path
    line: int
    code: str
    fragment: str | None = None
    output: str | None = None

    @property
    def id(self) -> str:
        return f"{self.page.name}:{self.line}"

    @property
    def module_name(self) -> str | None:
        match = MODULE_NAME.match(self.code)
        return match[1] if match else None

    @property
    def tree(self) -> ast.Module:
        return ast.parse(textwrap.dedent(self.code), filename=self.id)

    def defines(self, prefix: str) -> list[str]:
        return [
            node.name
            for node in self.tree.body
            if isinstance(node, ast.FunctionDef) and node.name.startswith(prefix)
        ]

    @property
    def kind(self) -> str:
        if self.fragment is not None:
            return "fragment"
        if self.defines("schoolwork_"):
            return "plugin"
        if self.defines("test_"):
            return "test"
        return "script"


def blocks_of(page: Path) -> list[Block]:
    text = page.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        if match[1] != "python":
            continue
        before = text[: match.start()].rstrip().splitlines()
        marker = FRAGMENT.search(before[-1]) if before else None
        output = OUTPUT.match(text, match.end())
        found.append(
            Block(
                page,
                text.count("\n", 0, match.start()) + 1,
                match[2],
                marker[1] if marker else None,
                output[1] if output else None,
            )
        )
    return found


BLOCKS = [block for page in sorted(DOCS.glob("*.md")) for block in blocks_of(page)]


def test_the_docs_have_examples() -> None:
    pages = {block.page.name for block in BLOCKS}
    for page in ["quickstart.md", "plugins.md", "evaluation.md", "testing.md"]:
        assert page in pages
    assert {block.kind for block in BLOCKS} == {"fragment", "plugin", "test", "script"}


def test_every_marker_belongs_to_a_block() -> None:
    for page in DOCS.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert text.count("<!-- fragment:") == sum(
            b.fragment is not None for b in BLOCKS if b.page == page
        ), page.name
        assert text.count("<!-- output -->") == sum(
            b.output is not None for b in BLOCKS if b.page == page
        ), page.name


# -- imports ---------------------------------------------------------------------------------


def page_modules(block: Block) -> set[str]:
    """The ``# NAME.py`` modules of the block's page."""
    return {b.module_name for b in blocks_of(block.page) if b.module_name is not None}


def fragment_package(block: Block) -> set[str]:
    if block.fragment is None:
        return set()
    parts = Path(block.fragment).parts
    return {parts[parts.index("src") + 1]} if "src" in parts else set()


def import_problems(block: Block) -> list[str]:
    testing = block.page.name == "testing.md" or bool(block.defines("test_"))
    own = page_modules(block) | fragment_package(block)
    faces = {"schoolwork": set(schoolwork.__all__)}
    if testing:
        faces["schoolwork.testing"] = set(schoolwork.testing.__all__)
    allowed_top = set(sys.stdlib_module_names) | THIRD_PARTY | own
    if testing:
        allowed_top |= TESTING_THIRD_PARTY
    problems = []
    aliases: dict[str, str] = {}  # a name bound to schoolwork or schoolwork.testing → which

    def module_ok(name: str) -> bool:
        return name in faces or (
            name.split(".")[0] != "schoolwork" and name.split(".")[0] in allowed_top
        )

    for node in ast.walk(block.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if not module_ok(alias.name):
                    problems.append(f"import {alias.name}")
                elif alias.name in faces:
                    aliases[alias.asname or alias.name.split(".")[0]] = (
                        alias.name if alias.asname else "schoolwork"
                    )
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level or not module_ok(module):
                problems.append(f"from {module} import …")
            elif module in faces:
                for alias in node.names:
                    if alias.name not in faces[module]:
                        problems.append(f"from {module} import {alias.name}")
    for node in ast.walk(block.tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            face = aliases.get(node.value.id)
            if face is None:
                continue
            if face == "schoolwork" and node.attr == "testing" and testing:
                continue
            if node.attr not in faces[face]:
                problems.append(f"{node.value.id}.{node.attr}")
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Attribute)
            and isinstance(node.value.value, ast.Name)
            and aliases.get(node.value.value.id) == "schoolwork"
            and node.value.attr == "testing"
            and node.attr not in faces.get("schoolwork.testing", set())
        ):
            problems.append(f"schoolwork.testing.{node.attr}")
    return problems


@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: b.id)
def test_example_imports_only_the_public_face(block: Block) -> None:
    assert import_problems(block) == []


def test_the_import_check_refuses_submodules() -> None:
    page = DOCS / "quickstart.md"
    for code in [
        "from schoolwork.workspace import load\n",
        "import schoolwork.evaluation.engine\n",
        "import schoolwork\nschoolwork.evaluation.engine.evaluate\n",
        "from schoolwork import converter\n",
        "from schoolwork.testing import check_scheme\n",
        "import numpy\n",
    ]:
        assert import_problems(Block(page, 1, code)), code
    assert import_problems(Block(page, 1, "import schoolwork\nschoolwork.open\n")) == []


# -- running ---------------------------------------------------------------------------------


@pytest.fixture
def school_folder(
    tmp_path: Path, schoolwork_sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A temporary current directory holding the sample school as ``my-school``."""
    folder = tmp_path / "cwd"
    folder.mkdir()
    shutil.copytree(schoolwork_sample_dir, folder / "my-school")
    monkeypatch.chdir(folder)
    return folder


def load_module(
    block: Block, name: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__file__ = str(folder / f"{name}.py")
    monkeypatch.setitem(sys.modules, name, module)
    exec(compile(block.code, str(block.page), "exec"), module.__dict__)
    return module


def load_page_modules(block: Block, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The ``# NAME.py`` modules defined on the page before ``block``."""
    for other in blocks_of(block.page):
        if other.line >= block.line:
            break
        if other.module_name is not None:
            load_module(other, other.module_name, folder, monkeypatch)


CORE_FORMATS = set(renderers_of(schoolwork.plugin_host(installed=False)))


def run_job(module: types.ModuleType) -> None:
    """The main job on the sample school with ``module`` as a plugin, so its hooks run."""
    host = schoolwork.plugin_host({"example": module}, installed=False)
    assert host.failures == []
    school = schoolwork.open("my-school", host=host)
    evaluations = school.evaluate_year()
    report = school.report(evaluations=evaluations)
    schoolwork.shipped_workspaces(host)
    added = [name for name in school.renderers() if name not in CORE_FORMATS]
    assert all(school.rendered(report, evaluations, added).values())


@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: b.id)
def test_example_runs(
    block: Block,
    school_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    if block.kind == "fragment":
        source = (ROOT / block.fragment).read_text(encoding="utf-8")  # type: ignore[operator]
        assert block.code.strip() in source, f"{block.id} is not verbatim in {block.fragment}"
        return
    load_page_modules(block, school_folder, monkeypatch)
    name = block.module_name or f"docs_example_{block.page.stem.replace('-', '_')}_{block.line}"
    if block.kind == "plugin":
        run_job(load_module(block, name, school_folder, monkeypatch))
        return
    if block.kind == "test":
        module = load_module(block, name, school_folder, monkeypatch)
        for test in block.defines("test_"):
            function = getattr(module, test)
            fixtures = {
                p: request.getfixturevalue(p) for p in inspect.signature(function).parameters
            }
            function(**fixtures)
        return
    printed = io.StringIO()
    namespace = {"__name__": "__main__", "__file__": str(block.page)}
    with contextlib.redirect_stdout(printed):
        exec(compile(block.code, str(block.page), "exec"), namespace)
    if block.output is not None:
        assert printed.getvalue() == block.output
