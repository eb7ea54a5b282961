"""The bundled sample school, modelled on the 2023-2024 work summary of seed 000.

A built-in plugin: it ships the sample as the workspace ``sample`` (``schoolwork demo``).
"""

from __future__ import annotations

import shutil
from importlib.resources import as_file, files
from pathlib import Path

from schoolwork.plugins import hookimpl

_DATA_SUFFIXES = (".toml", ".json", ".csv", ".md")


def copy_sample(target: Path) -> list[Path]:
    """Copy the sample workspace's files into ``target`` (created if needed); return them."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    with as_file(files(__name__)) as source:
        for path in sorted(Path(source).rglob("*")):
            if path.is_file() and path.suffix in _DATA_SUFFIXES:
                destination = target / path.relative_to(source)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, destination)
                written.append(destination)
    return written


def sample_path() -> Path:
    """The folder of the sample workspace inside the installed package (read it, never write)."""
    with as_file(files(__name__)) as source:
        return Path(source)


@hookimpl
def schoolwork_workspaces() -> dict[str, Path]:
    return {"sample": sample_path()}
