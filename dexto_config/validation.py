"""Judging one file: bytes → text → version → parsed data → positioned problems.

This is the shared front half of `validate` and `lint`: it never prints and
never touches the file system.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dexto_config.agent_registry import registry_issues
from dexto_config.kinds import FileKind
from dexto_config.models import validate_document
from dexto_config.models.issues import IssueKind, SchemaIssue
from dexto_config.versions import (
    LATEST_VERSION,
    OLDEST_VERSION,
    FutureSchemaVersion,
    UnknownSchemaVersion,
    effective_version,
    is_newer_than_known,
    read_marker,
    schema_version_key,
)
from dexto_config.yamlio.fast import (
    FILE_START,
    ParsedYaml,
    Position,
    PositionIndex,
    YamlSyntaxError,
    parse,
)

BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class Problem:
    """One positioned problem in a file (1-based line and column)."""

    line: int
    col: int
    end_line: int
    end_col: int
    message: str
    code: str

    @classmethod
    def at(cls, position: Position, message: str, code: str) -> Problem:
        return cls(position.line, position.col, position.end_line, position.end_col, message, code)


@dataclass(slots=True)
class CheckedFile:
    """Everything `validate` and `lint` need to know about one file."""

    path: Path
    kind: FileKind
    text: str | None = None
    marker_version: str | None = None
    version: str | None = None
    parsed: ParsedYaml | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems


class UnreadableFile(Exception):
    """The file could not be read at all (an I/O error, exit code 2)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: cannot read: {reason}")


def read_file(path: Path) -> bytes:
    """The bytes of `path`, or UnreadableFile with the OS's reason.

    Only regular files are read: a FIFO or a device would block or never end.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise UnreadableFile(path, "not a regular file")
        return path.read_bytes()
    except OSError as error:
        raise UnreadableFile(path, error.strerror or str(error)) from None


def check_file(path: Path, kind: FileKind, *, assumed_version: str | None = None) -> CheckedFile:
    """Read and judge `path`; raises UnreadableFile."""
    return check_bytes(read_file(path), kind, path=path, assumed_version=assumed_version)


def check_bytes(
    raw: bytes, kind: FileKind, *, path: Path, assumed_version: str | None = None
) -> CheckedFile:
    """Judge a file's bytes as Dexto would, at the version the file claims.

    `assumed_version` is the version of a YAML file without a marker (the
    caller's `--from`); it defaults to the oldest supported version.
    """
    checked = CheckedFile(path=path, kind=kind)
    text = _decode(raw, checked)
    if text is None:
        return checked
    checked.text = text
    if kind is FileKind.REGISTRY:
        _check_registry(text, checked, assumed_version)
        return checked
    checked.marker_version = read_marker(text) if kind.is_yaml else None
    if not kind.is_yaml and not _read_json(text, checked)[0]:
        return checked
    try:
        checked.parsed = parse(text, last_key_wins=not kind.is_yaml)
    except YamlSyntaxError as error:
        code = "duplicate-key" if error.message.startswith("duplicate key") else "yaml-syntax"
        checked.problems.append(Problem.at(error.position, error.message, code))
        return checked
    data = checked.parsed.data
    if not _check_root(data, checked):
        return checked
    version = _resolve_version(checked, data, assumed_version)
    if version is None:
        return checked
    checked.version = version
    issues = validate_document(kind, version, data, source_path=path)
    problems = [_positioned(issue, checked.parsed.positions) for issue in issues]
    checked.problems.extend(sorted(problems, key=lambda p: (p.line, p.col)))
    return checked


def _decode(raw: bytes, checked: CheckedFile) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        checked.problems.append(
            Problem.at(
                FILE_START,
                f"cannot decode the file as UTF-8 (byte {error.start}): save it as UTF-8",
                "encoding",
            )
        )
        return None
    return text


def _check_root(data: Any, checked: CheckedFile) -> bool:
    what = "YAML" if checked.kind.is_yaml else "JSON"
    if data is None:
        message = (
            f"the file is empty (or holds only comments): {_a_kind(checked.kind)} file "
            "must be a mapping of keys"
        )
        checked.problems.append(Problem.at(FILE_START, message, "empty-file"))
        return False
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else f"a single {what} value"
        message = (
            f"the file holds {found}, but {_a_kind(checked.kind)} file must be a mapping of keys"
        )
        checked.problems.append(Problem.at(FILE_START, message, "not-a-mapping"))
        return False
    return True


def _a_kind(kind: FileKind) -> str:
    return f"{'an' if str(kind)[0] in 'aeiou' else 'a'} {kind}"


def _resolve_version(checked: CheckedFile, data: dict[str, Any], assumed: str | None) -> str | None:
    """The version to validate against; records a problem and returns None when unusable."""
    key_version = schema_version_key(data)
    if key_version is not None and is_newer_than_known(key_version):
        _version_problem(checked, ("schemaVersion",), FutureSchemaVersion(key_version))
        return None
    claimed = checked.marker_version
    if claimed is None:
        claimed = assumed or OLDEST_VERSION
    try:
        return effective_version(claimed)
    except (FutureSchemaVersion, UnknownSchemaVersion) as error:
        _version_problem(checked, None, error)
        return None


def _version_problem(
    checked: CheckedFile, key_path: tuple[str, ...] | None, error: Exception
) -> None:
    position = FILE_START
    if key_path is not None and checked.parsed is not None:
        entry = checked.parsed.positions.entries.get(key_path)
        if entry is not None and entry.key is not None:
            position = entry.key
    if isinstance(error, FutureSchemaVersion):
        message = f"{error}: update dexto-config; the file was left as it is"
        code = "future-version"
    else:
        message = f"{error}: fix the version marker on the first line"
        code = "unknown-version"
    checked.problems.append(Problem.at(position, message, code))


def _positioned(issue: SchemaIssue, positions: PositionIndex) -> Problem:
    found, entry = positions.nearest(issue.path)
    exact = found == issue.path
    if issue.kind is IssueKind.UNKNOWN_KEY and exact and entry.key is not None:
        position = entry.key
        code = "schema-unknown-key"
    elif issue.kind is IssueKind.MISSING_KEY:
        position = entry.key or entry.value
        code = "schema-missing-key"
    else:
        position = entry.value if exact else (entry.key or entry.value)
        code = "schema-unknown-key" if issue.kind is IssueKind.UNKNOWN_KEY else "schema"
    return Problem.at(position, issue.message, code)


def _read_json(text: str, checked: CheckedFile) -> tuple[bool, Any]:
    """Parse as `JSON.parse` would: (True, data), or (False, None) with the error recorded.

    libyaml alone would accept JSON that Dexto rejects (a trailing comma, say).
    """
    try:
        return True, json.loads(text)
    except json.JSONDecodeError as error:
        position = Position(error.lineno, error.colno, error.lineno, error.colno)
        message = f"invalid JSON: {error.msg}: Dexto cannot read this file"
        checked.problems.append(Problem.at(position, message, "yaml-syntax"))
        return False, None


def _check_registry(text: str, checked: CheckedFile, assumed: str | None) -> None:
    """An agent registry, judged at release `assumed` (default: the newest known).

    Dexto parses it strictly: see `dexto_config.agent_registry`.
    """
    readable, data = _read_json(text, checked)
    if not readable or not _check_root(data, checked):
        return
    checked.parsed = parse(text, last_key_wins=True)
    issues = registry_issues(data, checked.path, assumed or LATEST_VERSION)
    problems = [_positioned(issue, checked.parsed.positions) for issue in issues]
    checked.problems.extend(sorted(problems, key=lambda p: (p.line, p.col)))
