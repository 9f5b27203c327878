"""Writing the hook's state file (the fast path only reads it)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from dexto_config import __version__
from dexto_config.home import layout
from dexto_config.home.atomic import atomic_write_bytes
from dexto_config.home.journal import JournalEntry
from dexto_config.home.state import CURRENT, FileRecord, HookState, load_state
from dexto_config.versions import LATEST_VERSION


def store_state(home: Path, state: HookState) -> None:
    """Replace the state file of `home` atomically."""
    folder = home / layout.TOOL_DIR
    folder.mkdir(mode=0o700, exist_ok=True)
    atomic_write_bytes(folder / layout.STATE_NAME, state.to_bytes())


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
