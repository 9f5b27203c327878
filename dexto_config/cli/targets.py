"""The files a command works on, and what to tell the user about the search (DESIGN §2).

Click-free: `lint`'s fast path (`dexto_config.fastcli`) finds its files here too.
"""

from __future__ import annotations

from pathlib import Path

from dexto_config.discovery import Target, discover
from dexto_config.kinds import FileKind
from dexto_config.terminal import escape_text


def find_targets(
    paths: tuple[Path, ...], kind: FileKind | None, kinds: frozenset[FileKind] | None = None
) -> tuple[list[Target], list[str]]:
    """The files under `paths` (of `kinds`, if given), and the notes for stderr.

    The notes name this tool's own folders inside a Dexto home, which are not
    searched, and say when nothing was found. Raises `discovery.MissingPath`.
    """
    skipped: list[Path] = []
    targets = discover(paths, kind, kinds, on_skip=skipped.append)
    notes = []
    if skipped:
        names = ", ".join(escape_text(str(folder)) for folder in dict.fromkeys(skipped))
        notes.append(
            f"note: not searched: {names} (dexto-config's own backups and state in a"
            " Dexto home; use `dexto-config rollback` to restore a backup)"
        )
    if not targets:
        notes.append("warning: no Dexto configuration files found")
    return targets, notes
