"""Atomic writes: bytes, mode, ownership, symlinks and leftovers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dexto_config.home.atomic import (
    TEMP_SUFFIX,
    PathEscapesHome,
    atomic_write_bytes,
    resolve_inside,
    stage_bytes,
)


def test_replaces_bytes_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "agent.yml"
    target.write_bytes(b"old\r\n")
    target.chmod(0o640)
    atomic_write_bytes(target, b"new\r\n")
    assert target.read_bytes() == b"new\r\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)]


def test_new_file_gets_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic_write_bytes(tmp_path / "new.json", b"{}")
    finally:
        os.umask(old)
    assert (tmp_path / "new.json").stat().st_mode & 0o777 == 0o640


def test_symlink_inside_root_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.yml"
    real.write_bytes(b"a")
    link = tmp_path / "link.yml"
    link.symlink_to(real)
    atomic_write_bytes(link, b"b", root=tmp_path)
    assert link.is_symlink()
    assert real.read_bytes() == b"b"


def test_symlink_leaving_root_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    outside = tmp_path / "outside.yml"
    outside.write_bytes(b"keep")
    (home / "agent.yml").symlink_to(outside)
    with pytest.raises(PathEscapesHome):
        atomic_write_bytes(home / "agent.yml", b"changed", root=home)
    assert outside.read_bytes() == b"keep"


def test_dotdot_is_refused(tmp_path: Path) -> None:
    (tmp_path / "home").mkdir()
    with pytest.raises(PathEscapesHome):
        resolve_inside(tmp_path / "home", Path("../escape.yml"))


def test_failed_write_leaves_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "agent.yml"
    target.write_bytes(b"old")

    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OSError):
        stage_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agent.yml"]
