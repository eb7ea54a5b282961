"""Writing files so that a reader never sees half of one.

Data goes to a temporary file in the target's folder, is flushed to disk, and then replaces the
target with one rename; if anything fails before the rename, the old file is left as it was and
the temporary file is removed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# A temporary file is created private (0600); the finished file gets the mode a plain open()
# would have given it, or keeps the mode of the file it replaces.
_DEFAULT_MODE = 0o666 & ~_umask()


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """Yield a binary file in ``path``'s folder; on a clean exit it replaces ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        mode = path.stat().st_mode & 0o7777 if path.exists() else _DEFAULT_MODE
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically."""
    with atomic_writer(path) as handle:
        handle.write(data)


def write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text``, encoded as UTF-8, atomically."""
    write_bytes(path, text.encode("utf-8"))
