"""Backups of files the hook rewrites: `<home>/backups/<UTC timestamp>/` with a manifest.

A backup folder counts only once its manifest exists; the manifest is written
last, so a folder without one is the debris of an interrupted run.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from dexto_config.home.atomic import atomic_write_bytes, fsync_directory, resolve_inside
from dexto_config.home.digest import sha256_hex
from dexto_config.home.layout import BACKUPS_DIR, MANIFEST_NAME

KEEP_BACKUPS = 5
_FOLDER_MODE = 0o700


class BackupError(Exception):
    """A backup that does not exist, is incomplete, or would restore outside the home."""


@dataclass(frozen=True, slots=True)
class BackupItem:
    """A file to back up: its home-relative path, bytes as they are now, and versions."""

    rel: str
    data: bytes
    mode: int
    from_version: str | None
    to_version: str | None


@dataclass(frozen=True, slots=True)
class BackedUpFile:
    """One file in a backup's manifest."""

    rel: str
    sha256: str
    mode: int
    from_version: str | None
    to_version: str | None


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
    """Every complete backup of `home`, oldest first."""
    root = backups_root(home)
    if not root.is_dir():
        return []
    found = []
    for folder in sorted(root.iterdir()):
        try:
            found.append(load_backup(home, folder.name))
        except BackupError:
            continue
    return found


def load_backup(home: Path, backup_id: str) -> Backup:
    """The backup `backup_id` of `home`; BackupError when it is missing or malformed."""
    if not _is_plain_name(backup_id):
        raise BackupError(f"{backup_id!r} is not a backup id")
    manifest = backups_root(home) / backup_id / MANIFEST_NAME
    try:
        data = json.loads(manifest.read_bytes())
        files = tuple(
            BackedUpFile(
                rel=_safe_rel(str(entry["path"])),
                sha256=str(entry["sha256"]),
                mode=int(entry["mode"]),
                from_version=entry["from_version"],
                to_version=entry["to_version"],
            )
            for entry in data["files"]
        )
        return Backup(backup_id, str(data["created"]), str(data["tool_version"]), files)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BackupError(f"backup {backup_id}: no readable manifest ({error})") from error


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
    """Remove incomplete backups and all but the newest `keep` complete ones; return their ids."""
    root = backups_root(home)
    if not root.is_dir():
        return []
    complete = {backup.backup_id for backup in list_backups(home)}
    removed = [folder.name for folder in root.iterdir() if folder.name not in complete]
    removed.extend(sorted(complete)[:-keep] if keep else sorted(complete))
    for backup_id in removed:
        remove_backup(home, backup_id)
    return removed


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
    return BackedUpFile(rel, sha256_hex(item.data), item.mode, item.from_version, item.to_version)


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
            }
            for file in backup.files
        ],
    }
    return (json.dumps(data, indent=2) + "\n").encode("utf-8")


def _safe_rel(rel: str) -> str:
    """`rel` if it is a relative path that stays below its base, else BackupError."""
    path = PurePosixPath(rel)
    if path.is_absolute() or not path.parts or any(p in ("..", ".", "") for p in path.parts):
        raise BackupError(f"{rel!r}: a backup path must stay inside the home")
    return path.as_posix()


def _is_plain_name(name: str) -> bool:
    return bool(name) and name not in (".", "..") and "/" not in name and "\0" not in name
