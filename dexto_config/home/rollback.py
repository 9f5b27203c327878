"""Restoring a backup byte for byte, under the lock and through the journal."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dexto_config.home.atomic import resolve_inside
from dexto_config.home.backups import Backup, BackupError, list_backups, load_backup, read_backed_up
from dexto_config.home.journal import PlannedWrite, apply_writes, recover
from dexto_config.home.lock import DEFAULT_WAIT_SECONDS, HomeLock
from dexto_config.home.records import record_entries
from dexto_config.home.state import SKIPPED
from dexto_config.kinds import FileKind, recognise
from dexto_config.versions import OLDEST_VERSION

ROLLBACK_OPERATION = "rollback"


@dataclass(frozen=True, slots=True)
class RollbackResult:
    """Which backup was restored, the files rewritten, and those already identical."""

    backup_id: str
    restored: tuple[str, ...]
    unchanged: tuple[str, ...]
    conflicts: tuple[str, ...]


def rollback(
    home: Path, backup_id: str | None, lock_wait: float = DEFAULT_WAIT_SECONDS
) -> RollbackResult:
    """Restore backup `backup_id` (default: the newest) of `home` byte for byte.

    Every path is checked before anything is written: one that would land
    outside the home refuses the whole rollback (BackupError or
    PathEscapesHome). Restored files are recorded in the state as left alone,
    so the hook does not migrate them again until they change.
    """
    home = Path(os.path.realpath(home))
    with HomeLock(str(home), lock_wait):
        recover(home, lambda entries: record_entries(home, entries))
        backup = _choose(home, backup_id)
        writes, unchanged = _plan(home, backup)
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
    available = list_backups(home)
    if not available:
        raise BackupError(f"{home}: no backups to restore")
    return available[-1]


def _plan(home: Path, backup: Backup) -> tuple[list[PlannedWrite], list[str]]:
    writes: list[PlannedWrite] = []
    unchanged: list[str] = []
    for file in backup.files:
        real = resolve_inside(home, Path(file.rel))
        data = read_backed_up(home, backup, file)
        try:
            current: bytes | None = real.read_bytes()
        except FileNotFoundError:
            current = None
        if current == data and os.stat(real).st_mode & 0o7777 == file.mode:
            unchanged.append(file.rel)
            continue
        version = file.from_version or OLDEST_VERSION
        kind = str(recognise(Path(file.rel)) or FileKind.AGENT)
        writes.append(
            PlannedWrite(file.rel, kind, data, current, file.mode, file.to_version, version)
        )
    return writes, unchanged
