"""Fixtures for testing a school's rules and plugins, registered with pytest automatically.

Installing ``schoolwork[testing]`` registers this module through the ``pytest11`` entry point,
so a project's tests get these fixtures without any conftest code:

- ``schoolwork_host``: a function that builds an isolated plugin host with just the plugins
  you pass (by name), and none of the installed ones;
- ``schoolwork_sample_dir``: a fresh, writable copy of the bundled sample school;
- ``schoolwork_sample``: that copy, loaded and validated;
- ``schoolwork_workspace``: a function that writes a workspace (a ``Workspace`` object) into a
  temporary folder and returns the folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from schoolwork.job import open_workspace, plugin_host
from schoolwork.plugins import PluginHost
from schoolwork.sample import copy_sample
from schoolwork.workspace import LoadedWorkspace, Workspace, save


@pytest.fixture
def schoolwork_host() -> Callable[..., PluginHost]:
    """Build a plugin host with only the given plugins: ``schoolwork_host(mine=plugin)``."""

    def build(**plugins: object) -> PluginHost:
        return plugin_host(plugins, installed=False)

    return build


@pytest.fixture
def schoolwork_sample_dir(tmp_path: Path) -> Path:
    """A fresh, writable copy of the bundled sample school."""
    target = tmp_path / "sample-school"
    copy_sample(target)
    return target


@pytest.fixture
def schoolwork_sample(schoolwork_sample_dir: Path) -> LoadedWorkspace:
    """The bundled sample school, loaded and validated (from a fresh copy)."""
    return open_workspace(schoolwork_sample_dir).loaded


@pytest.fixture
def schoolwork_workspace(tmp_path: Path) -> Callable[..., Path]:
    """Write a ``Workspace`` into a new temporary folder: ``schoolwork_workspace(ws)``."""
    made = 0

    def write(workspace: Workspace, fmt: str = "toml") -> Path:
        nonlocal made
        made += 1
        folder = tmp_path / f"workspace-{made}"
        save(workspace, folder, fmt)
        return folder

    return write
