"""Restoring a backup byte for byte, under the lock and through the journal."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dexto_config.home.atomic import permission_bits, resolve_inside
from dexto_config.home.backups import (
    BackedUpFile,
    Backup,
    BackupError,
    load_backup,
    read_backed_up,
    scan_backups,
)
from dexto_config.home.digest import sha256_hex
from dexto_config.home.journal import PlannedWrite, apply_writes, recover
from dexto_config.home.lock import DEFAULT_WAIT_SECONDS, HomeLock
from dexto_config.home.records import record_entries
from dexto_config.home.state import SKIPPED
from dexto_config.kinds import FileKind, recognise
from dexto_config.versions import OLDEST_VERSION

ROLLBACK_OPERATION = "rollback"


class ChangedSinceBackup(BackupError):
    """Files edited after the run that made the backup: restoring would lose those edits."""

    def __init__(self, backup_id: str, changed: list[str]) -> None:
        self.changed = tuple(changed)
        super().__init__(
            f"backup {backup_id}: {', '.join(changed)} changed since that run; nothing was"
            " restored (rollback --force restores anyway and loses those edits)"
        )


@dataclass(frozen=True, slots=True)
class RollbackResult:
    """Which backup was restored, the files rewritten, and those already identical."""

    backup_id: str
    restored: tuple[str, ...]
    unchanged: tuple[str, ...]
    conflicts: tuple[str, ...]


def rollback(
    home: Path,
    backup_id: str | None,
    lock_wait: float = DEFAULT_WAIT_SECONDS,
    *,
    force: bool = False,
) -> RollbackResult:
    """Restore backup `backup_id` (default: the newest) of `home` byte for byte.

    Everything is checked before anything is written, and any failure refuses
    the whole rollback: a corrupt manifest (CorruptBackup, naming it, even when
    an older sound backup exists), a path that is not a managed file or would
    land outside the home (BackupError, PathEscapesHome), or, unless `force`, a
    file that no longer has the bytes that run wrote (ChangedSinceBackup).
    Modes are restored as permission bits only, within the umask. Restored
    files are recorded in the state as left alone, so the hook does not
    migrate them again until they change.
    """
    home = Path(os.path.realpath(home))
    with HomeLock(str(home), lock_wait):
        recover(home, lambda entries: record_entries(home, entries))
        backup = _choose(home, backup_id)
        writes, unchanged, changed = _plan(home, backup)
        if changed and not force:
            raise ChangedSinceBackup(backup.backup_id, changed)
        reason = f"restored from backup {backup.backup_id} by rollback; left as it is"
        outcome = apply_writes(
            home,
            writes,
            operation=ROLLBACK_OPERATION,
            context=None,
            target=None,
            backup_tool_version=None,
            on_committed=lambda done: record_entries(home, done, status=SKIPPED, reason=reason),
        )
    return RollbackResult(
        backup.backup_id,
        tuple(entry.rel for entry in outcome.committed),
        tuple(unchanged),
        tuple(outcome.conflicts) + tuple(outcome.failed),
    )


def _choose(home: Path, backup_id: str | None) -> Backup:
    if backup_id is not None:
        return load_backup(home, backup_id)
    available = scan_backups(home)
    if not available:
        raise BackupError(f"{home}: no backups to restore")
    newest = available[-1]
    if isinstance(newest, BackupError):
        raise newest
    return newest


def _plan(home: Path, backup: Backup) -> tuple[list[PlannedWrite], list[str], list[str]]:
    """The writes a restore needs, the files already as backed up, and those edited since."""
    writes: list[PlannedWrite] = []
    unchanged: list[str] = []
    changed: list[str] = []
    for file in backup.files:
        real = resolve_inside(home, Path(file.rel))
        data = read_backed_up(home, backup, file)
        mode = permission_bits(file.mode)
        try:
            current: bytes | None = real.read_bytes()
        except FileNotFoundError:
            current = None
        if current == data and os.stat(real).st_mode & 0o7777 == mode:
            unchanged.append(file.rel)
            continue
        if current != data and not _as_that_run_left_it(file, current):
            changed.append(file.rel)
        version = file.from_version or OLDEST_VERSION
        kind = str(recognise(Path(file.rel)) or FileKind.AGENT)
        writes.append(PlannedWrite(file.rel, kind, data, current, mode, file.to_version, version))
    return writes, unchanged, changed


def _as_that_run_left_it(file: BackedUpFile, current: bytes | None) -> bool:
    """True when the file still holds what the backed-up run wrote (unknowable without its hash)."""
    return (
        current is not None
        and file.after_sha256 is not None
        and sha256_hex(current) == file.after_sha256
    )
