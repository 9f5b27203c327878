"""Where things live in a Dexto home, and which files the hook manages (DESIGN §2, §6).

Plain `os` and strings only: the hook's fast path runs this on every Dexto
start-up, so it must not pull in anything beyond what Python itself loads.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

TOOL_DIR = ".dexto-config"
STATE_NAME = "state.json"
STAMP_NAME = "state.stamp"
JOURNAL_NAME = "journal.json"
LOCK_NAME = "hook.lock"
BACKUPS_DIR = "backups"
MANIFEST_NAME = "manifest.json"

PREFERENCES = "preferences.yml"
REGISTRY = "agents/registry.json"
CUSTOM_MODELS = "models/custom-models.json"
AGENTS_DIR = "agents"
_YAML_SUFFIXES = (".yml", ".yaml")

Signature = tuple[int, int, int]


def default_home(environ: Mapping[str, str]) -> str:
    """`$DEXTO_HOME`, else `~/.dexto`."""
    configured = environ.get("DEXTO_HOME")
    return configured if configured else os.path.join(os.path.expanduser("~"), ".dexto")


def tool_path(home: str, name: str) -> str:
    """A file of this tool's own inside the home (state, journal, lock)."""
    return os.path.join(home, TOOL_DIR, name)


def managed_files(home: str) -> list[str]:
    """Home-relative POSIX paths of every file the hook manages, preferences last.

    Agents are the YAML files directly in `agents/` and one level down
    (`agents/<id>/<id>.yml` and any other YAML there); hidden names are skipped.
    """
    found = [rel for rel in (REGISTRY, CUSTOM_MODELS) if os.path.isfile(os.path.join(home, rel))]
    found.extend(_agent_files(home))
    found.sort()
    if os.path.isfile(os.path.join(home, PREFERENCES)):
        found.append(PREFERENCES)
    return found


def is_managed_path(rel: str) -> bool:
    """True when the home-relative POSIX path `rel` is one `managed_files` could list.

    Only these may be restored from a backup: never `auth.json`, `.env` or
    anything else a tampered manifest might name.
    """
    if rel in (PREFERENCES, REGISTRY, CUSTOM_MODELS):
        return True
    parts = rel.split("/")
    return (
        parts[0] == AGENTS_DIR
        and len(parts) in (2, 3)
        and all(part and not part.startswith(".") for part in parts)
        and parts[-1].endswith(_YAML_SUFFIXES)
    )


def is_tool_owned_folder(path: str) -> bool:
    """True for this tool's own folders in a Dexto home: `.dexto-config/` and `backups/`.

    A `backups/` folder counts when its parent holds `.dexto-config/` or when it
    holds a backup (a folder with a `manifest.json`), so a project's own
    `backups/` elsewhere is still searched. Rewriting a file in either folder
    would corrupt the state or destroy a saved original.
    """
    name = os.path.basename(os.path.normpath(path))
    if name == TOOL_DIR:
        return os.path.isdir(path)
    if name != BACKUPS_DIR or not os.path.isdir(path):
        return False
    if os.path.isdir(os.path.join(os.path.dirname(os.path.normpath(path)), TOOL_DIR)):
        return True
    return any(os.path.isfile(os.path.join(entry.path, MANIFEST_NAME)) for entry in _folders(path))


def signature(path: str) -> Signature | None:
    """(size, mtime_ns, inode) of the file `path` names (symlinks followed), or None."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def bundled_signatures(bundled_dir: str) -> dict[str, Signature]:
    """Signatures of every `<id>/<id>.yml` in a bundled-agents folder."""
    found: dict[str, Signature] = {}
    try:
        with os.scandir(bundled_dir) as entries:
            names = sorted(entry.name for entry in entries if entry.is_dir())
    except OSError:
        return found
    for name in names:
        rel = f"{name}/{name}.yml"
        info = signature(os.path.join(bundled_dir, rel))
        if info is not None:
            found[rel] = info
    return found


def _agent_files(home: str) -> list[str]:
    found: list[str] = []
    for entry in _visible_entries(os.path.join(home, AGENTS_DIR)):
        if entry.is_dir():
            found.extend(
                f"{AGENTS_DIR}/{entry.name}/{inner.name}"
                for inner in _visible_entries(entry.path)
                if _is_yaml_file(inner)
            )
        elif _is_yaml_file(entry):
            found.append(f"{AGENTS_DIR}/{entry.name}")
    return found


def _visible_entries(folder: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return [entry for entry in entries if not entry.name.startswith(".")]
    except OSError:
        return []


def _folders(folder: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return [entry for entry in entries if entry.is_dir(follow_symlinks=False)]
    except OSError:
        return []


def _is_yaml_file(entry: os.DirEntry[str]) -> bool:
    return entry.name.endswith(_YAML_SUFFIXES) and entry.is_file()
