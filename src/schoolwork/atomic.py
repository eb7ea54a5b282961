"""Writing files so that a reader never sees half of one, and a failed run leaves nothing.

Data goes to a temporary file in the target's folder, is flushed to disk, and then replaces the
target with one rename; if anything fails before the rename, the old file is left as it was and
the temporary file is removed.

Several outputs of one run are written together with :func:`staged`: every file (and folder) is
first written in full beside its target, and only then are they renamed into place, one after
the other. A failure while writing removes what was written; a failure while renaming puts back
the targets already replaced, from a hard link (or copy) taken just before. Folders the stage
had to create are removed again. So a run that fails, for want of permission or of disk space,
leaves its output folder as it found it.

An error names the output it was writing, never a temporary file: ``filename`` is the output,
and ``filename2`` the path the system refused when that is another one (a folder that could not
be created, a file in the way of a folder).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Temporary files and folders are created private (0600, 0700); the finished file gets the mode
# a plain open() would have given it, or keeps the mode of the file it replaces, and a folder
# the mode mkdir() would have given it.
_DEFAULT_MODE = 0o666 & ~_umask()
_DEFAULT_DIR_MODE = 0o777 & ~_umask()


def _naming(error: OSError, output: Path) -> OSError:
    """``error`` again, of the same class and errno, naming ``output`` instead of a temporary."""
    if error.errno is None:  # already a message of ours
        return error
    refused = error.filename
    other = None
    if refused is not None and Path(os.fsdecode(refused)) != output and not _is_temporary(refused):
        other = os.fsdecode(refused)
    try:
        return type(error)(error.errno, error.strerror, str(output), None, other)
    except TypeError:  # a subclass that takes other arguments
        return OSError(error.errno, error.strerror, str(output), None, other)


def _is_temporary(name: str | bytes | int) -> bool:
    if isinstance(name, int):
        return False
    return any(
        p.startswith(".") and p.endswith((_TMP, _OLD)) for p in Path(os.fsdecode(name)).parts
    )


_TMP = ".tmp"
_OLD = ".old"

Ignore = Callable[[str, list[str]], Iterable[str]]
"""What :func:`shutil.copytree` calls to leave names out (:func:`shutil.ignore_patterns`)."""


class Stage:
    """Outputs of one run, written in full beside their targets until :meth:`land`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._made: list[Path] = []  # folders created, in the order they were made
        self._pending: list[tuple[Path, Path]] = []  # (temporary, target)
        self._backups: dict[Path, Path] = {}  # target's folder -> its folder of backups
        self._kept: set[Path] = set()  # backup folders that hold what could not be put back

    def write(self, name: str | Path, data: bytes) -> Path:
        """Stage ``data`` as the file ``name`` (relative to the stage's folder); return its path."""
        with self.open(name) as handle:
            handle.write(data)
        return self.folder / name

    @contextlib.contextmanager
    def open(self, name: str | Path) -> Iterator[BinaryIO]:
        """A binary file to write the staged file ``name`` through."""
        target = self.folder / name
        try:
            self._make_folder(target.parent)
            fd, tmp_name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=_TMP, dir=target.parent
            )
        except OSError as exc:
            raise _naming(exc, target) from exc
        tmp = Path(tmp_name)
        self._pending.append((tmp, target))
        try:
            with os.fdopen(fd, "wb") as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            mode = target.stat().st_mode & 0o7777 if target.is_file() else _DEFAULT_MODE
            os.chmod(tmp, mode)
        except OSError as exc:
            raise _naming(exc, target) from exc

    def copy_tree(self, name: str | Path, source: Path, ignore: Ignore | None = None) -> Path:
        """Stage a copy of the folder ``source`` as the folder ``name``; on landing it replaces
        any folder of that name whole."""
        target = self.folder / name
        try:
            self._make_folder(target.parent)
            tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=_TMP, dir=target.parent))
        except OSError as exc:
            raise _naming(exc, target) from exc
        self._pending.append((tmp, target))
        try:
            shutil.copytree(source, tmp, ignore=ignore, dirs_exist_ok=True)
            os.chmod(tmp, _DEFAULT_DIR_MODE)
        except shutil.Error as exc:  # copytree gathers the errors of every file it copied
            raise OSError(f"cannot write {target}: {exc}") from exc
        except OSError as exc:
            raise _naming(exc, target) from exc
        return target

    def _make_folder(self, folder: Path) -> None:
        missing = []
        while not folder.is_dir() and folder != folder.parent:
            missing.append(folder)
            folder = folder.parent
        for path in reversed(missing):
            if os.path.lexists(path):  # a file, or a link to nowhere, where a folder should be
                raise NotADirectoryError(errno.ENOTDIR, "Not a directory", str(path))
            path.mkdir()
            self._made.append(path)

    def land(self) -> None:
        """Rename every staged output into place; on any failure, put back what was there."""
        landed: list[tuple[Path, Path | None]] = []  # (target, what it was before, kept aside)
        try:
            for tmp, target in self._pending:
                try:
                    backup = (
                        self._set_aside(target, tmp.is_dir()) if os.path.lexists(target) else None
                    )
                except OSError as exc:
                    raise _naming(exc, target) from exc
                try:
                    os.replace(tmp, target)
                except OSError as exc:
                    # Not replaced: a file is still in place; a folder moved aside goes back.
                    if backup is not None and backup.is_dir() and not os.path.lexists(target):
                        self._put_back(target, backup)
                    raise _naming(exc, target) from exc
                landed.append((target, backup))
        except BaseException:
            for target, backup in reversed(landed):
                if backup is None:
                    with contextlib.suppress(OSError):
                        _remove(target)
                else:
                    self._put_back(target, backup)
            raise
        self._pending = []
        self._made = []  # they hold the outputs now
        _sync(self.folder)

    def _put_back(self, target: Path, backup: Path) -> None:
        """Return ``target`` to what it held; if that fails, keep the backup where it is rather
        than lose it (``discard`` leaves it), so nothing a school had is ever deleted."""
        try:
            if backup.is_dir() and not backup.is_symlink():
                if os.path.lexists(target):
                    _remove(target)
                os.rename(backup, target)
            else:
                os.replace(backup, target)  # atomic: the target is never missing meanwhile
        except OSError:
            self._kept.add(backup.parent)

    def _set_aside(self, target: Path, folder: bool) -> Path:
        """What ``target`` holds now, kept beside it to be put back if a later output fails.

        A file stays in place while a hard link (or a copy) is kept; a folder, which cannot be
        linked, is moved aside whole, to be replaced by the staged one.
        """
        real_folder = target.is_dir() and not target.is_symlink()
        if real_folder and not folder:
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(target))
        if folder and not real_folder and not target.is_symlink():
            raise NotADirectoryError(errno.ENOTDIR, "Not a directory", str(target))
        parent = target.parent
        if parent not in self._backups:
            aside = tempfile.mkdtemp(prefix=".schoolwork.", suffix=_OLD, dir=parent)
            self._backups[parent] = Path(aside)
        backup = self._backups[parent] / target.name
        if folder:
            os.rename(target, backup)
        else:
            try:
                os.link(target, backup, follow_symlinks=False)
            except OSError:  # a file system without hard links
                shutil.copy2(target, backup, follow_symlinks=False)
        return backup

    def discard(self) -> None:
        """Remove every temporary, backup and folder the stage made; targets stay as they are."""
        for tmp, _ in self._pending:
            with contextlib.suppress(OSError):
                _remove(tmp)
        self._pending = []
        for backups in self._backups.values():
            if backups not in self._kept:  # what could not be put back stays, found by name
                shutil.rmtree(backups, ignore_errors=True)
        self._backups = {}
        for folder in reversed(self._made):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if nothing else landed in it meanwhile
        self._made = []


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _sync(folder: Path) -> None:
    # The renames are durable once the folder itself is flushed; not every system can.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def staged(folder: Path) -> Iterator[Stage]:
    """Stage outputs in ``folder``; on a clean exit they all land, on any failure none does.

    ``folder`` and any folder below it that an output needs are created, and removed again if
    the run fails.
    """
    stage = Stage(folder)
    try:
        yield stage
        stage.land()
    finally:
        stage.discard()


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """Yield a binary file in ``path``'s folder; on a clean exit it replaces ``path``.

    The folder is created if needed, and kept even if the write fails.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _naming(exc, path) from exc
    with staged(path.parent) as stage, stage.open(path.name) as handle:
        yield handle


def write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; a folder created for it is removed on failure."""
    with staged(path.parent) as stage:
        stage.write(path.name, data)


def write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text``, encoded as UTF-8, atomically."""
    write_bytes(path, text.encode("utf-8"))
