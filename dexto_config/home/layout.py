"""Where things live in a Dexto home, and which files the hook manages (DESIGN §2, §6).

Plain `os` and strings only: the hook's fast path runs this on every Dexto
start-up, so it must not pull in anything beyond what Python itself loads.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

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
# (st_dev, st_ino, st_ctime_ns) of a folder: any entry added, removed or renamed in it, or a
# change of its mode, moves its ctime, which no one can set back (DESIGN §9).
FolderSignature = tuple[int, int, int]
# An agent folder's signature and the YAML files it held: what listing it again would find
# while that signature holds.
Listing = tuple[FolderSignature, tuple[str, ...]]


def default_home(environ: Mapping[str, str]) -> str:
    """`$DEXTO_HOME`, else `~/.dexto`."""
    configured = environ.get("DEXTO_HOME")
    return configured if configured else os.path.join(os.path.expanduser("~"), ".dexto")


def tool_path(home: str, name: str) -> str:
    """A file of this tool's own inside the home (state, journal, lock)."""
    return os.path.join(home, TOOL_DIR, name)


def managed_files(home: str, listings: Mapping[str, Listing] | None = None) -> list[str]:
    """Home-relative POSIX paths of every file the hook manages, preferences last.

    Agents are the YAML files directly in `agents/` and one level down
    (`agents/<id>/<id>.yml` and any other YAML there); hidden names are skipped.
    An agent folder whose signature still matches its entry in `listings`
    (from `agent_listings`) is not listed again: its files are the listed ones.
    """
    found = [rel for rel in (REGISTRY, CUSTOM_MODELS) if os.path.isfile(os.path.join(home, rel))]
    found.extend(_agent_files(home, listings or {}))
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
    return stat_signature(info)


def stat_signature(info: os.stat_result) -> Signature:
    """(size, mtime_ns, inode) of a file's `os.stat` result."""
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


def agent_listings(home: str, *, changed_before_ns: int, device: int) -> dict[str, Listing]:
    """The listing of every agent folder on `device` whose ctime is before `changed_before_ns`.

    `changed_before_ns` is a time read from the same file system's clock (the
    modification time of a file written before this call). A folder changed
    after that moment has a ctime at or after it and is left out; one listed
    here has its signature read before its entries, so any later change, in
    the same clock tick or not, moves its ctime past the recorded one. A folder
    holding a YAML name that is not a regular file is left out too: its
    managed files depend on more than its entries.
    """
    listings: dict[str, Listing] = {}
    for entry in _visible_entries(os.path.join(home, AGENTS_DIR)):
        if not entry.is_dir():
            continue
        folder = _folder_signature(entry.path)  # before the listing: a change after it shows
        if folder is None or folder[0] != device or folder[2] >= changed_before_ns:
            continue
        yaml = [inner for inner in _visible_entries(entry.path) if _is_yaml_name(inner)]
        if all(inner.is_file() for inner in yaml):
            listings[f"{AGENTS_DIR}/{entry.name}"] = (folder, tuple(inner.name for inner in yaml))
    return listings


def _agent_files(home: str, listings: Mapping[str, Listing]) -> list[str]:
    found: list[str] = []
    for entry in _visible_entries(os.path.join(home, AGENTS_DIR)):
        if entry.is_dir():
            folder = f"{AGENTS_DIR}/{entry.name}"
            names = _yaml_files(entry.path, listings.get(folder))
            found.extend(f"{folder}/{name}" for name in names)
        elif _is_yaml_file(entry):
            found.append(f"{AGENTS_DIR}/{entry.name}")
    return found


def _yaml_files(folder: str, listing: Listing | None) -> Sequence[str]:
    if listing is not None and listing[0] == _folder_signature(folder):
        return listing[1]
    return [inner.name for inner in _visible_entries(folder) if _is_yaml_file(inner)]


def _folder_signature(folder: str) -> FolderSignature | None:
    try:
        info = os.stat(folder)
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_ctime_ns)


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


def _is_yaml_name(entry: os.DirEntry[str]) -> bool:
    return entry.name.endswith(_YAML_SUFFIXES)


def _is_yaml_file(entry: os.DirEntry[str]) -> bool:
    return _is_yaml_name(entry) and entry.is_file()
