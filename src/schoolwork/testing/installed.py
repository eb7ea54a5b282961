"""Installing a plugin for a test the way pip does, without pip.

:func:`write_plugin` writes a module and a ``.dist-info`` folder holding ``METADATA`` and
``entry_points.txt`` into a folder; put that folder on ``sys.path`` (or ``PYTHONPATH`` for a
subprocess) and :mod:`importlib.metadata` finds the plugin through the ``schoolwork``
entry-point group, exactly as it finds an installed package.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path


def write_plugin(
    folder: Path,
    name: str,
    source: str,
    *,
    module: str | None = None,
    distribution: str | None = None,
    version: str = "1.0",
) -> Path:
    """Write plugin ``name`` with module text ``source`` into ``folder``; return ``folder``.

    ``module`` defaults to ``schoolwork_test_<name>``; ``distribution`` to ``<name>-plugin``.
    """
    module = module or "schoolwork_test_" + re.sub(r"\W", "_", name)
    distribution = distribution or f"{name}-plugin"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = folder / f"{re.sub(r'[-.]', '_', distribution)}-{version}.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {distribution}\nVersion: {version}\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(f"[schoolwork]\n{name} = {module}\n", encoding="utf-8")
    return folder
