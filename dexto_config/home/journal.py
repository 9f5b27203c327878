"""A two-phase journal that makes a set of file rewrites all-or-nothing across crashes.

Order of a run: journal `prepare` (the plan's routing context and backup id),
backup, every new file staged beside its target and flushed, journal `commit`
(naming each staged file and the hashes before and after), renames, journal
removed. A run that dies before `commit` changed nothing and is rolled back
(staged files and the backup deleted); one that dies after it is completed
from the staged files, or, if that is impossible, rolled back from the backup.
The journal holds paths, hashes and versions only, never file contents.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dexto_config.home import backups
from dexto_config.home.atomic import (
    TEMP_SUFFIX,
    atomic_write_bytes,
    commit_staged,
    fsync_directory,
    resolve_inside,
    stage_bytes,
)
from dexto_config.home.digest import sha256_hex
from dexto_config.home.layout import JOURNAL_NAME, TOOL_DIR
from dexto_config.jsonio import read_json

PREPARE = "prepare"
COMMIT = "commit"


class JournalError(Exception):
    """The journal exists but cannot be read or acted on; the message says what to do."""

    def __init__(self, problem: str) -> None:
        super().__init__(
            f"{problem}; the interrupted run cannot be finished or undone automatically:"
            " check the files (`dexto-config rollback` restores the last backup), then"
            " delete the journal to go on"
        )


@dataclass(frozen=True, slots=True)
class PlannedWrite:
    """A file to rewrite: home-relative path, kind, new bytes, current bytes, versions."""

    rel: str
    kind: str
    data: bytes
    before: bytes | None
    mode: int
    from_version: str | None
    to_version: str


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One rewrite as the journal records it."""

    rel: str
    kind: str
    temp: str
    before_sha: str | None
    after_sha: str
    to_version: str


@dataclass(frozen=True, slots=True)
class Journal:
    """The journal of one run: what it does, its phase, and what it recorded to resume."""

    operation: str
    phase: str
    backup_id: str | None
    context: dict[str, Any] | None
    target: str | None
    entries: tuple[JournalEntry, ...] = ()


@dataclass(slots=True)
class CommitOutcome:
    """What happened to each planned write."""

    committed: list[JournalEntry] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    backup_id: str | None = None


@dataclass(frozen=True, slots=True)
class Recovery:
    """What the next run did with an interrupted journal."""

    journal: Journal
    completed: tuple[JournalEntry, ...]
    rolled_back: tuple[str, ...]


OnCommitted = Callable[[Sequence[JournalEntry]], None]


def journal_path(home: Path) -> Path:
    """Where the journal of `home` lives."""
    return home / TOOL_DIR / JOURNAL_NAME


def read_journal(home: Path) -> Journal | None:
    """The journal of `home`, None when there is none; JournalError when unreadable."""
    path = journal_path(home)
    try:
        data = read_json(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise JournalError(f"{path}: cannot read the journal ({error})") from error
    try:
        return Journal(
            operation=str(data["operation"]),
            phase=str(data["phase"]),
            backup_id=data["backup_id"],
            context=data["context"],
            target=data["target"],
            entries=tuple(JournalEntry(**entry) for entry in data["entries"]),
        )
    except (KeyError, TypeError) as error:
        raise JournalError(f"{path}: malformed journal ({error})") from error


def apply_writes(
    home: Path,
    writes: Sequence[PlannedWrite],
    *,
    operation: str,
    context: dict[str, Any] | None,
    target: str | None,
    backup_tool_version: str | None,
    on_committed: OnCommitted,
) -> CommitOutcome:
    """Rewrite every file of `writes`, in order, all-or-nothing across a crash.

    With `backup_tool_version`, the current bytes are backed up first. A file
    that cannot be staged is left as it is (reported in `failed`); a file that
    changed since it was read is left as it is (reported in `conflicts`).
    `on_committed` runs after the renames and before the journal is removed.
    """
    outcome = CommitOutcome()
    backup_id = backups.new_backup_id(home) if backup_tool_version else None
    _write_journal(home, Journal(operation, PREPARE, backup_id, context, target))
    staged: list[JournalEntry] = []
    try:
        if backup_id is not None and backup_tool_version is not None:
            items = [
                _backup_item(write, write.before) for write in writes if write.before is not None
            ]
            backups.write_backup(home, backup_id, items, backup_tool_version)
            outcome.backup_id = backup_id
        for write in writes:
            try:
                staged.append(_stage(home, write))
            except OSError as error:
                outcome.failed[write.rel] = f"cannot write: {error.strerror or error}"
        _write_journal(home, Journal(operation, COMMIT, backup_id, context, target, tuple(staged)))
    except BaseException:
        _discard(home, staged, backup_id)
        raise
    for entry in staged:
        if _commit_entry(home, entry):
            outcome.committed.append(entry)
        else:  # changed under the run (or an earlier entry was the same file): drop its temp
            _temp_path(home, entry).unlink(missing_ok=True)
            outcome.conflicts.append(entry.rel)
    on_committed(outcome.committed)
    clear_journal(home)
    return outcome


def recover(home: Path, on_committed: OnCommitted) -> Recovery | None:
    """Complete or roll back an interrupted run of `home`; None when there was none."""
    journal = read_journal(home)
    if journal is None:
        return None
    if journal.phase != COMMIT:
        _discard(home, journal.entries, journal.backup_id)
        clear_journal(home)
        return Recovery(journal, (), ())
    completed: list[JournalEntry] = []
    blocked = False
    for entry in journal.entries:
        if _current_sha(home, entry.rel) == entry.after_sha or _commit_entry(home, entry):
            completed.append(entry)
        elif _current_sha(home, entry.rel) == entry.before_sha:
            blocked = True
    rolled_back: tuple[str, ...] = ()
    if blocked and journal.backup_id is not None:
        rolled_back = _roll_back(home, journal.backup_id, completed)
        completed = [entry for entry in completed if entry.rel not in rolled_back]
    on_committed(completed)
    _discard(home, journal.entries, None)
    clear_journal(home)
    return Recovery(journal, tuple(completed), rolled_back)


def clear_journal(home: Path) -> None:
    """Remove the journal and make its removal durable."""
    path = journal_path(home)
    path.unlink(missing_ok=True)
    fsync_directory(path.parent)


def _write_journal(home: Path, journal: Journal) -> None:
    data = {
        "operation": journal.operation,
        "phase": journal.phase,
        "backup_id": journal.backup_id,
        "context": journal.context,
        "target": journal.target,
        "entries": [
            {
                "rel": entry.rel,
                "kind": entry.kind,
                "temp": entry.temp,
                "before_sha": entry.before_sha,
                "after_sha": entry.after_sha,
                "to_version": entry.to_version,
            }
            for entry in journal.entries
        ],
    }
    path = journal_path(home)
    path.parent.mkdir(mode=0o700, exist_ok=True)
    atomic_write_bytes(path, (json.dumps(data, indent=1) + "\n").encode("utf-8"))


def _backup_item(write: PlannedWrite, before: bytes) -> backups.BackupItem:
    return backups.BackupItem(
        write.rel,
        before,
        write.mode,
        write.from_version,
        write.to_version,
        after_sha256=sha256_hex(write.data),
    )


def _stage(home: Path, write: PlannedWrite) -> JournalEntry:
    real = resolve_inside(home, Path(write.rel))
    temp = stage_bytes(real, write.data, mode=write.mode)
    return JournalEntry(
        rel=write.rel,
        kind=write.kind,
        temp=os.path.relpath(temp, os.path.realpath(home)),
        before_sha=sha256_hex(write.before) if write.before is not None else None,
        after_sha=sha256_hex(write.data),
        to_version=write.to_version,
    )


def _commit_entry(home: Path, entry: JournalEntry) -> bool:
    """Rename the staged file over the target if the target is still as it was planned."""
    if _current_sha(home, entry.rel) != entry.before_sha:
        return False
    if _temp_sha(home, entry) != entry.after_sha:
        return False
    commit_staged(_temp_path(home, entry), resolve_inside(home, Path(entry.rel)))
    return True


def _roll_back(home: Path, backup_id: str, completed: list[JournalEntry]) -> tuple[str, ...]:
    """Put every completed file back as the backup holds it: the run could not be finished."""
    backup = backups.load_backup(home, backup_id)
    saved = {file.rel: file for file in backup.files}
    restored = []
    for entry in completed:
        file = saved.get(entry.rel)
        if file is not None and file.sha256 == entry.before_sha:
            data = backups.read_backed_up(home, backup, file)
            atomic_write_bytes(home / entry.rel, data, root=home)
            restored.append(entry.rel)
    return tuple(restored)


def _discard(home: Path, entries: Sequence[JournalEntry], backup_id: str | None) -> None:
    for entry in entries:
        temp = _temp_path(home, entry)
        if temp.name.endswith(TEMP_SUFFIX):
            temp.unlink(missing_ok=True)
    if backup_id is not None:
        backups.remove_backup(home, backup_id)


def _temp_path(home: Path, entry: JournalEntry) -> Path:
    return resolve_inside(home, Path(entry.temp))


def _current_sha(home: Path, rel: str) -> str | None:
    return _sha_of(resolve_inside(home, Path(rel)))


def _temp_sha(home: Path, entry: JournalEntry) -> str | None:
    return _sha_of(_temp_path(home, entry))


def _sha_of(path: Path) -> str | None:
    try:
        return sha256_hex(path.read_bytes())
    except OSError:
        return None
