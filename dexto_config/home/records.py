"""Writing the hook's state file and its stamp (the no-op path reads only the stamp)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from dexto_config import __version__
from dexto_config.home import layout
from dexto_config.home.atomic import atomic_write_bytes
from dexto_config.home.journal import JournalEntry
from dexto_config.home.stamp import Stamp, stamp_bytes
from dexto_config.home.state import CURRENT, FAILED, FileRecord, HookState, load_state
from dexto_config.versions import LATEST_VERSION


def store_state(home: Path, state: HookState) -> None:
    """Replace the state file of `home` atomically, and the stamp the no-op path reads.

    The old stamp goes first: a crash before the new one is written leaves
    none, and the next run takes the full path.
    """
    folder = home / layout.TOOL_DIR
    folder.mkdir(mode=0o700, exist_ok=True)
    stamp_path, state_path = folder / layout.STAMP_NAME, folder / layout.STATE_NAME
    stamp_path.unlink(missing_ok=True)
    atomic_write_bytes(state_path, state.to_bytes())
    try:
        written = os.stat(state_path)
    except OSError:
        return  # no stamp: the next run takes the full path
    atomic_write_bytes(stamp_path, stamp_bytes(_stamp(home, state, written)))


def _stamp(home: Path, state: HookState, written: os.stat_result) -> Stamp:
    """What a later run with nothing to do checks of `state`, whose file's stat is `written`.

    The state file's modification time is the file system's clock just before
    the agent folders are listed for the stamp (`layout.agent_listings`).
    """
    return Stamp(
        state=layout.stat_signature(written),
        listings=layout.agent_listings(
            str(home), changed_before_ns=written.st_mtime_ns, device=written.st_dev
        ),
        tool_version=state.tool_version,
        home_version=state.home_version,
        target=state.target,
        bundled_dir=state.bundled_dir,
        bundled=state.bundled,
        files={rel: record.signature for rel, record in state.files.items()},
        retry=any(record.status == FAILED for record in state.files.values()),
    )


def record_entries(
    home: Path,
    entries: Sequence[JournalEntry],
    *,
    status: str = CURRENT,
    reason: str | None = None,
) -> None:
    """Update the state's records of files a journal rewrote, keeping every other record."""
    state = load_state(layout.tool_path(str(home), layout.STATE_NAME)) or HookState(
        tool_version=__version__, home_version=None, target=LATEST_VERSION, files={}
    )
    for entry in entries:
        sig = layout.signature(str(home / entry.rel))
        if sig is None:
            continue
        problem = status != CURRENT
        state.files[entry.rel] = FileRecord(
            kind=entry.kind,
            signature=sig,
            version=entry.to_version,
            status=status,
            reason=reason,
            line=1 if problem else None,
            column=1 if problem else None,
        )
    store_state(home, state)
