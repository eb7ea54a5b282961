from __future__ import annotations

from pathlib import Path

import pytest

from schoolwork.atomic import atomic_writer, write_text


def test_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_text(target, "old")
    write_text(target, "新的")
    assert target.read_text(encoding="utf-8") == "新的"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_failure_mid_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_text(target, "old")

    def render() -> None:
        with atomic_writer(target) as handle:
            handle.write(b"half of the new")
            raise RuntimeError("renderer failed")

    with pytest.raises(RuntimeError, match="renderer failed"):
        render()
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_failure_leaves_no_file_where_there_was_none(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.txt"
    with pytest.raises(RuntimeError), atomic_writer(target):
        raise RuntimeError("boom")
    assert not target.exists()
    assert list((tmp_path / "sub").iterdir()) == []
