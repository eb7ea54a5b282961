"""The hook reference documents every hook, and every example there registers as a plugin."""

from __future__ import annotations

import inspect
import re
import types
from pathlib import Path

import pytest

import schoolwork
from schoolwork import hookspecs
from schoolwork.checks.schemes import scheme_problems

PAGE = Path(__file__).parent.parent / "docs" / "plugins.md"
HOOKS = sorted(n for n in dir(hookspecs) if n.startswith("schoolwork_"))


def sections() -> dict[str, str]:
    """Each hook's section of the reference, from its heading to the next heading."""
    text = PAGE.read_text(encoding="utf-8")
    found = {}
    for match in re.finditer(
        r"^### `(schoolwork_\w+)\(([^)]*)\)`\n(.*?)(?=^#{1,3} |\Z)", text, re.M | re.S
    ):
        found[match[1]] = match[3]
    return found


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_a_section_with_an_example(hook: str) -> None:
    assert hook in sections(), f"docs/plugins.md has no section for {hook}"
    assert "```python" in sections()[hook]


def test_no_section_names_a_hook_that_does_not_exist() -> None:
    assert sorted(sections()) == HOOKS


def test_the_reference_follows_the_specs_order() -> None:
    specs = [name for name, _ in inspect.getmembers(hookspecs, inspect.isfunction)]
    in_source = sorted(
        (n for n in specs if n.startswith("schoolwork_")),
        key=lambda n: getattr(hookspecs, n).__code__.co_firstlineno,
    )
    assert list(sections()) == in_source


@pytest.mark.parametrize("hook", HOOKS)
def test_each_example_is_a_valid_plugin_for_its_hook(hook: str, tmp_path: Path) -> None:
    code = re.findall(r"```python\n(.*?)```", sections()[hook], re.S)[0]
    module = types.ModuleType(f"example_{hook}")
    module.__file__ = str(tmp_path / "example.py")  # examples may find files beside themselves
    exec(compile(code, str(PAGE), "exec"), module.__dict__)
    host = schoolwork.plugin_host({"example": module}, installed=False)
    assert host.failures == []
    assert [p.hooks for p in host.plugins()] == [(hook,)]
    if hook == "schoolwork_schemes":
        for scheme in module.schoolwork_schemes(workspace=None):
            assert scheme_problems(scheme, "example") == []


def test_documented_signatures_match_the_specs() -> None:
    text = PAGE.read_text(encoding="utf-8")
    for hook in HOOKS:
        spec = getattr(hookspecs, hook)
        spec_args = list(spec.__code__.co_varnames[: spec.__code__.co_argcount])
        documented = re.search(rf"^### `{hook}\(([^)]*)\)`", text, re.M)
        assert documented is not None
        assert [a.strip() for a in documented[1].split(",") if a.strip()] == spec_args
