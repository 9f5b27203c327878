"""Atomic file writes that keep mode and ownership (DESIGN §6).

A write goes to a temporary file in the target's own folder, is flushed to
disk, then renamed over the target, and the folder itself is flushed: after a
crash the target holds either its old bytes or its new bytes, never a mix.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

TEMP_SUFFIX = ".dexto-config.tmp"
_DEFAULT_FILE_MODE = 0o666


class PathEscapesHome(Exception):
    """A path, once its symlinks are followed, lies outside the folder it must stay in."""

    def __init__(self, path: Path, root: Path) -> None:
        self.path = path
        self.root = root
        super().__init__(f"{path}: leaves {root} (symlink or '..'); refusing to follow it")


def resolve_inside(root: Path, path: Path) -> Path:
    """The real path of `path` (symlinks followed); raise PathEscapesHome if it leaves `root`."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(path if path.is_absolute() else root / path)
    if os.path.commonpath([real_root, real]) != real_root:
        raise PathEscapesHome(path, Path(real_root))
    return Path(real)


def fsync_directory(folder: Path) -> None:
    """Flush a folder's entries (a rename inside it) to disk."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def stage_bytes(path: Path, data: bytes, *, mode: int | None = None) -> Path:
    """Write `data` to a new temporary file beside `path`, flushed, with the target's metadata.

    The temporary file gets `mode` if given, else the mode and ownership of the
    existing `path`, else the mode a new file would get under the umask. Returns
    the temporary path; `commit_staged` puts it in place.
    """
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            _copy_metadata(path, handle.fileno(), mode)
            os.fsync(handle.fileno())
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise OSError(error.errno, error.strerror, str(path)) from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def commit_staged(temp: Path, path: Path) -> None:
    """Rename a staged file over `path` and flush the folder."""
    os.replace(temp, path)
    fsync_directory(path.parent)


def atomic_write_bytes(
    path: Path, data: bytes, *, root: Path | None = None, mode: int | None = None
) -> None:
    """Replace the contents of `path` with `data` atomically, keeping its mode and owner.

    `mode` overrides the mode (a new file otherwise gets the umask's). A symlink
    is followed and its target rewritten (the link stays a link); with
    `root`, a target outside `root` raises PathEscapesHome and nothing is written.
    """
    target = resolve_inside(root, path) if root is not None else Path(os.path.realpath(path))
    temp = stage_bytes(target, data, mode=mode)
    try:
        commit_staged(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _copy_metadata(path: Path, fd: int, mode: int | None) -> None:
    try:
        current = os.stat(path)
    except FileNotFoundError:
        current = None
    if mode is None:
        mode = stat.S_IMODE(current.st_mode) if current is not None else _new_file_mode()
    os.fchmod(fd, mode)
    if current is not None:
        written = os.fstat(fd)
        if (written.st_uid, written.st_gid) != (current.st_uid, current.st_gid):
            os.fchown(fd, current.st_uid, current.st_gid)


def _new_file_mode() -> int:
    return _DEFAULT_FILE_MODE & ~_umask()


def permission_bits(mode: int) -> int:
    """`mode` reduced to read/write/execute bits the umask allows: no setuid, setgid or sticky.

    For a mode that comes from a file that could have been tampered with (a backup
    manifest), so restoring it never grants more than a new file would get.
    """
    return mode & 0o777 & ~_umask()


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def unwritable_reason(path: Path) -> str | None:
    """Why `path` must not be rewritten in place, or None when it may be.

    A file or folder without its owner's write bit counts as read-only even
    for root, who would otherwise override the user's explicit choice.
    """
    for candidate, what in ((path, "file"), (path.parent, "folder")):
        try:
            info = os.stat(candidate)
        except OSError as error:
            return f"cannot read the {what}: {error.strerror}"
        if not info.st_mode & stat.S_IWUSR or not os.access(candidate, os.W_OK):
            return f"the {what} is read-only (permission denied); left unchanged"
    return None
