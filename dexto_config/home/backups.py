"""Backups of files the hook rewrites: `<home>/backups/<UTC timestamp>/` with a manifest.

A backup folder counts only once its manifest exists; the manifest is written
last, so a folder without one is the debris of an interrupted run. A manifest
that exists but does not check out (unreadable, a path that is not a managed
file, a malformed hash or mode) makes its backup corrupt: it is listed as such
and never skipped over silently, since restoring an older backup instead would
drop the user's later edits.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from dexto_config.home.atomic import atomic_write_bytes, fsync_directory, resolve_inside
from dexto_config.home.digest import sha256_hex
from dexto_config.home.layout import BACKUPS_DIR, MANIFEST_NAME, is_managed_path
from dexto_config.jsonio import JsonLimitError, read_json

KEEP_BACKUPS = 5
_FOLDER_MODE = 0o700
_SHA256 = re.compile(r"\A[0-9a-f]{64}\Z")
_MAX_MODE = 0o7777


class BackupError(Exception):
    """A backup that does not exist, is incomplete, or would restore outside the home."""


class CorruptBackup(BackupError):
    """A backup whose manifest exists but cannot be trusted."""

    def __init__(self, backup_id: str, problem: str) -> None:
        self.backup_id = backup_id
        super().__init__(
            f"backup {backup_id}: corrupt manifest ({problem}); nothing was restored. Inspect"
            f" backups/{backup_id}/ by hand, or name another backup: dexto-config rollback ID"
        )


@dataclass(frozen=True, slots=True)
class BackupItem:
    """A file to back up: its home-relative path, bytes as they are now, and versions."""

    rel: str
    data: bytes
    mode: int
    from_version: str | None
    to_version: str | None
    after_sha256: str | None = None


@dataclass(frozen=True, slots=True)
class BackedUpFile:
    """One file in a backup's manifest; `after_sha256` is the hash the run wrote in its place."""

    rel: str
    sha256: str
    mode: int
    from_version: str | None
    to_version: str | None
    after_sha256: str | None = None


@dataclass(frozen=True, slots=True)
class Backup:
    """A complete backup: its id (the folder name), when, by which tool version, and files."""

    backup_id: str
    created: str
    tool_version: str
    files: tuple[BackedUpFile, ...]


def backups_root(home: Path) -> Path:
    """The folder holding every backup of `home`."""
    return home / BACKUPS_DIR


def new_backup_id(home: Path, now: datetime | None = None) -> str:
    """A fresh backup id: the UTC time, with a counter when that second is taken."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    candidate, counter = stamp, 1
    while (backups_root(home) / candidate).exists():
        candidate, counter = f"{stamp}-{counter}", counter + 1
    return candidate


def write_backup(
    home: Path, backup_id: str, items: Iterable[BackupItem], tool_version: str
) -> Backup:
    """Copy `items` byte-exact with their modes into a new backup folder, manifest last."""
    root = backups_root(home)
    root.mkdir(mode=_FOLDER_MODE, exist_ok=True)
    folder = root / backup_id
    folder.mkdir(mode=_FOLDER_MODE)
    fsync_directory(root)
    files = tuple(_copy_item(folder, item) for item in items)
    backup = Backup(backup_id, datetime.now(UTC).isoformat(timespec="seconds"), tool_version, files)
    atomic_write_bytes(folder / MANIFEST_NAME, _manifest_bytes(backup), mode=0o600)
    return backup


def list_backups(home: Path) -> list[Backup]:
    """Every complete, sound backup of `home`, oldest first."""
    return [found for found in scan_backups(home) if isinstance(found, Backup)]


def scan_backups(home: Path) -> list[Backup | CorruptBackup]:
    """Every backup of `home` that has a manifest, oldest first: sound, or why it is corrupt."""
    found: list[Backup | CorruptBackup] = []
    for backup_id in _backup_ids(home):
        if not (backups_root(home) / backup_id / MANIFEST_NAME).is_file():
            continue
        try:
            found.append(load_backup(home, backup_id))
        except CorruptBackup as error:
            found.append(error)
    return found


def load_backup(home: Path, backup_id: str) -> Backup:
    """The backup `backup_id` of `home`; BackupError when missing, CorruptBackup when malformed."""
    if not _is_plain_name(backup_id):
        raise BackupError(f"{backup_id!r} is not a backup id")
    manifest = backups_root(home) / backup_id / MANIFEST_NAME
    try:
        raw = manifest.read_bytes()
    except FileNotFoundError:
        raise BackupError(
            f"backup {backup_id}: no such backup (see dexto-config backups list)"
        ) from None
    except OSError as error:
        raise CorruptBackup(backup_id, f"cannot read {MANIFEST_NAME}: {error.strerror}") from None
    try:
        data = read_json(raw)
        files = tuple(_manifest_file(entry) for entry in data["files"])
        return Backup(backup_id, str(data["created"]), str(data["tool_version"]), files)
    except (BackupError, JsonLimitError, ValueError, KeyError, TypeError) as error:
        raise CorruptBackup(backup_id, _problem(error)) from None


def _manifest_file(entry: dict[str, Any]) -> BackedUpFile:
    rel = _safe_rel(str(entry["path"]))
    if not is_managed_path(rel):
        raise BackupError(f"{rel!r} is not a file the hook manages")
    mode, sha, after = entry["mode"], str(entry["sha256"]), entry.get("after_sha256")
    if isinstance(mode, bool) or not isinstance(mode, int) or not 0 <= mode <= _MAX_MODE:
        raise BackupError(f"{rel}: mode {mode!r} is not a file mode")
    if not _SHA256.match(sha) or not (after is None or _SHA256.match(str(after))):
        raise BackupError(f"{rel}: malformed sha256")
    return BackedUpFile(
        rel, sha, mode, _version(entry["from_version"]), _version(entry["to_version"]), after
    )


def _version(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise BackupError(f"version {value!r} is not a string")


def _problem(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"missing {error}"
    return str(error)


def read_backed_up(home: Path, backup: Backup, file: BackedUpFile) -> bytes:
    """The bytes of `file` in `backup`, checked against the manifest's hash."""
    source = resolve_inside(backups_root(home) / backup.backup_id, Path(file.rel))
    data = source.read_bytes()
    if sha256_hex(data) != file.sha256:
        raise BackupError(f"backup {backup.backup_id}: {file.rel} does not match its sha256")
    return data


def remove_backup(home: Path, backup_id: str) -> None:
    """Delete one backup folder (complete or not)."""
    if _is_plain_name(backup_id):
        shutil.rmtree(backups_root(home) / backup_id, ignore_errors=True)


def prune_backups(home: Path, keep: int = KEEP_BACKUPS) -> list[str]:
    """Remove incomplete backups and all but the newest `keep` sound ones; return their ids.

    A corrupt backup is kept for the user to inspect.
    """
    root = backups_root(home)
    if not root.is_dir():
        return []
    scanned = scan_backups(home)
    with_manifest = {_id_of(found) for found in scanned}
    removed = [name for name in _backup_ids(home) if name not in with_manifest]
    complete = sorted(found.backup_id for found in scanned if isinstance(found, Backup))
    removed.extend(complete[:-keep] if keep else complete)
    for backup_id in removed:
        remove_backup(home, backup_id)
    return removed


def _id_of(found: Backup | CorruptBackup) -> str:
    return found.backup_id


def _backup_ids(home: Path) -> list[str]:
    root = backups_root(home)
    try:
        return sorted(entry.name for entry in os.scandir(root) if entry.is_dir())
    except OSError:
        return []


def _copy_item(folder: Path, item: BackupItem) -> BackedUpFile:
    rel = _safe_rel(item.rel)
    target = folder / rel
    for parent in reversed(target.relative_to(folder).parents):
        (folder / parent).mkdir(mode=_FOLDER_MODE, exist_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, item.mode)
    with os.fdopen(fd, "wb") as handle:
        handle.write(item.data)
        os.fchmod(handle.fileno(), item.mode)
        handle.flush()
        os.fsync(handle.fileno())
    return BackedUpFile(
        rel,
        sha256_hex(item.data),
        item.mode,
        item.from_version,
        item.to_version,
        item.after_sha256,
    )


def _manifest_bytes(backup: Backup) -> bytes:
    data = {
        "id": backup.backup_id,
        "created": backup.created,
        "tool_version": backup.tool_version,
        "files": [
            {
                "path": file.rel,
                "sha256": file.sha256,
                "mode": file.mode,
                "from_version": file.from_version,
                "to_version": file.to_version,
                "after_sha256": file.after_sha256,
            }
            for file in backup.files
        ],
    }
    return (json.dumps(data, indent=2) + "\n").encode("utf-8")


def _safe_rel(rel: str) -> str:
    """`rel` if it is a relative path that stays below its base, else BackupError."""
    if "\0" in rel:
        raise BackupError(f"{rel!r}: a backup path cannot hold a NUL character")
    path = PurePosixPath(rel)
    if path.is_absolute() or not path.parts or any(p in ("..", ".", "") for p in path.parts):
        raise BackupError(f"{rel!r}: a backup path must stay inside the home")
    return path.as_posix()


def _is_plain_name(name: str) -> bool:
    return bool(name) and name not in (".", "..") and "/" not in name and "\0" not in name
