"""Finding the files to work on: explicit files, and folders searched (DESIGN §2)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from dexto_config.home.layout import is_tool_owned_folder
from dexto_config.kinds import FileKind, recognise
from dexto_config.records import Record
from dexto_config.terminal import escape_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    import pathspec

_ALWAYS_SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__"})


class Target(Record):
    """A file to work on and its kind."""

    path: Path
    kind: FileKind


class MissingPath(Exception):
    """A path named on the command line does not exist."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{escape_text(str(path))}: no such file or directory")


def discover(
    paths: Iterable[Path],
    override: FileKind | None = None,
    kinds: frozenset[FileKind] | None = None,
    on_skip: Callable[[Path], None] | None = None,
) -> list[Target]:
    """Every target under `paths`, in a stable order.

    A file named explicitly is always taken (with `override` or its recognised
    kind); folders are searched for recognised files, skipping `.gitignore`d
    paths and this tool's own backups and state in a Dexto home (each such
    folder is passed to `on_skip`). `kinds` limits which recognised kinds are kept.
    """
    seen: set[Path] = set()
    targets: list[Target] = []
    skip = on_skip or (lambda _folder: None)
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise MissingPath(path)
        found = [path] if not path.is_dir() else sorted(_walk(path, skip))
        for file in found:
            kind = recognise(file, override)
            if kind is None and not path.is_dir():
                kind = FileKind.AGENT
            if kind is None or (kinds is not None and kind not in kinds):
                continue
            key = file.absolute()
            if key not in seen:
                seen.add(key)
                targets.append(Target(file, kind))
    return targets


def _walk(root: Path, skip: Callable[[Path], None]) -> Iterator[Path]:
    owned = _tool_owned_ancestor(root)
    if owned is not None:
        skip(owned)
        return
    ignores: list[tuple[Path, pathspec.GitIgnoreSpec]] = []
    for folder, dirnames, filenames in os.walk(root):
        here = Path(folder)
        spec = _gitignore(here)
        if spec is not None:
            ignores.append((here, spec))
        kept = []
        for name in sorted(dirnames):
            if name in _ALWAYS_SKIPPED_DIRS or _ignored(here / name, True, ignores):
                continue
            if is_tool_owned_folder(str(here / name)):
                skip(here / name)
                continue
            kept.append(name)
        dirnames[:] = kept
        for name in filenames:
            file = here / name
            regular = file.is_file()
            if regular and recognise(file) is not None and not _ignored(file, False, ignores):
                yield file


def _tool_owned_ancestor(root: Path) -> Path | None:
    """`root` or the folder above it that is this tool's own in a Dexto home, if any."""
    absolute = Path(os.path.abspath(root))
    for folder in (absolute, *absolute.parents):
        if is_tool_owned_folder(str(folder)):
            return folder
    return None


def _gitignore(folder: Path) -> pathspec.GitIgnoreSpec | None:
    try:
        lines = (folder / ".gitignore").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    import pathspec  # costs ~60 ms: paid only where a .gitignore exists

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _ignored(path: Path, is_dir: bool, ignores: list[tuple[Path, pathspec.GitIgnoreSpec]]) -> bool:
    for base, spec in ignores:
        try:
            relative = path.relative_to(base).as_posix()
        except ValueError:
            continue
        if spec.match_file(relative + ("/" if is_dir else "")):
            return True
    return False
