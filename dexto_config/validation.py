"""Judging one file: bytes → text → version → parsed data → positioned problems.

This is the shared front half of `validate` and `lint`: it never prints and
never touches the file system.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from dexto_config.agent_registry import registry_issues
from dexto_config.detection import Evidence, Placement, describe, place
from dexto_config.jsonio import MAX_INPUT_BYTES, JsonLimitError, read_json
from dexto_config.kinds import FileKind
from dexto_config.models import validate_document
from dexto_config.models.checks import MODEL_UNSUPPORTED
from dexto_config.models.issues import IssueKind, SchemaIssue
from dexto_config.problem import Problem
from dexto_config.redaction import redact_text, secret_locations
from dexto_config.versions import (
    LATEST_VERSION,
    FutureSchemaVersion,
    UnknownSchemaVersion,
    effective_version,
    is_newer_than_known,
    read_marker,
    schema_version_key,
    version_key,
)
from dexto_config.yamlio.fast import (
    FILE_START,
    DataPath,
    ParsedYaml,
    Position,
    PositionIndex,
    YamlSyntaxError,
    parse,
)
from dexto_config.yamlio.text import decode

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Dexto reads custom-models.json as one list: one bad entry and it warns and uses none.
_DROPS_EVERY_MODEL = " (Dexto then drops every custom model in this file, with only a warning)"


class CheckedFile:
    """Everything `validate` and `lint` need to know about one file."""

    __slots__ = (
        "_secrets",
        "kind",
        "marker_version",
        "parsed",
        "path",
        "placement",
        "problems",
        "text",
        "version",
    )

    def __init__(self, path: Path, kind: FileKind) -> None:
        self.path = path
        self.kind = kind
        self.text: str | None = None
        self.marker_version: str | None = None
        self.version: str | None = None
        self.parsed: ParsedYaml | None = None
        self.placement: Placement | None = None
        self.problems: list[Problem] = []
        self._secrets: tuple[tuple[DataPath, bool, str], ...] | None = None

    @property
    def valid(self) -> bool:
        return not self.problems

    def secrets(self) -> tuple[tuple[DataPath, bool, str], ...]:
        """Every secret in the parsed data: (path, whether it is the key there, secret).

        Found once per file (`redaction.secret_locations`): both the problems
        and lint's findings are redacted with them.
        """
        if self._secrets is None:
            data = None if self.parsed is None else self.parsed.data
            self._secrets = tuple(secret_locations(data))
        return self._secrets

    def keep_verdict_only(self) -> None:
        """Forget the text, the tree and the secrets found in it: a long run keeps only verdicts."""
        self.text = self.parsed = self.placement = self._secrets = None

    def add(self, position: Position, message: str, code: str) -> None:
        """Record a problem of this file at `position`."""
        self.problems.append(Problem.at(position, message, code, path=self.path))


class UnreadableFile(Exception):
    """The file could not be read at all (an I/O error, exit code 2)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: cannot read: {reason}")

    def __reduce__(self) -> tuple[type[UnreadableFile], tuple[Path, str]]:
        # Raised in a pool worker, it crosses back to the parent by pickle.
        return (UnreadableFile, (self.path, self.reason))


def read_file(path: Path) -> bytes:
    """The bytes of `path`, or UnreadableFile with the OS's reason.

    Only regular files are read: a FIFO or a device would block or never end.
    At most one byte beyond the input limit is read: the parsers report a file
    that large as a finding, so a huge file costs no more memory than that.
    """
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            raise UnreadableFile(path, "not a regular file")
        limit = MAX_INPUT_BYTES + 1
        # Sized from the stat: read(n) allocates n bytes before reading, and a 32 MiB
        # buffer per file is mapped and unmapped again, which costs more than the read.
        wanted = min(status.st_size + 1, limit)
        with path.open("rb") as handle:
            raw = handle.read(wanted)
            if len(raw) == wanted < limit:  # it grew since the stat
                raw += handle.read(limit - wanted)
            return raw
    except OSError as error:
        raise UnreadableFile(path, error.strerror or str(error)) from None


def check_file(path: Path, kind: FileKind, *, target: str | None = None) -> CheckedFile:
    """Read and judge `path`; raises UnreadableFile."""
    return check_bytes(read_file(path), kind, path=path, target=target)


def check_bytes(
    raw: bytes, kind: FileKind, *, path: Path, target: str | None = None
) -> CheckedFile:
    """Judge a file's bytes as the Dexto release the user targets would (DESIGN §3).

    `target` is the caller's `--dexto-version` (or the config's), applied to
    every file; without it a file is judged at its marker's release, else at
    the newest known release. A file whose keys date it to another release
    gets one problem that says so, in place of one problem per dated key.
    """
    checked = CheckedFile(path=path, kind=kind)
    text = decode(raw)
    checked.text = text
    if kind is FileKind.REGISTRY:
        _check_registry(text, checked, target)
        return checked
    checked.marker_version = read_marker(text) if kind.is_yaml else None
    if not kind.is_yaml and not _read_json(text, checked)[0]:
        return checked
    try:
        checked.parsed = parse(text, last_key_wins=not kind.is_yaml)
    except YamlSyntaxError as error:
        code = "duplicate-key" if error.message.startswith("duplicate key") else "yaml-syntax"
        checked.add(error.position, error.message, code)
        return checked
    data = checked.parsed.data
    if not _check_root(data, checked):
        return checked
    version = _resolve_version(checked, data, target)
    if version is None:
        return checked
    checked.version = version
    checked.placement = place(kind, data)
    dated = _dated_keys(checked.placement.rejected_at(version))
    issues = validate_document(kind, version, data, source_path=path)
    positions = checked.parsed.positions
    problems = [_era_problem(dated, version, positions, path)] if dated else []
    problems.extend(
        _positioned(issue, positions, path) for issue in issues if not _explained_by(issue, dated)
    )
    if kind is FileKind.CUSTOM_MODELS:
        problems = [p._replace(message=p.message + _DROPS_EVERY_MODEL) for p in problems]
    if problems:  # no message shows a secret of the file, not even as a key name
        secrets = frozenset(secret for _path, _in_key, secret in checked.secrets())
        problems = [p._replace(message=redact_text(p.message, secrets)) for p in problems]
    checked.problems.extend(sorted(problems, key=lambda p: (p.line, p.col)))
    return checked


def _check_root(data: Any, checked: CheckedFile) -> bool:
    what = "YAML" if checked.kind.is_yaml else "JSON"
    if data is None:
        message = (
            f"the file is empty (or holds only comments): {_a_kind(checked.kind)} file "
            "must be a mapping of keys"
        )
        checked.add(FILE_START, message, "empty-file")
        return False
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else f"a single {what} value"
        message = (
            f"the file holds {found}, but {_a_kind(checked.kind)} file must be a mapping of keys"
        )
        checked.add(FILE_START, message, "not-a-mapping")
        return False
    return True


def _a_kind(kind: FileKind) -> str:
    return f"{'an' if str(kind)[0] in 'aeiou' else 'a'} {kind}"


def _resolve_version(checked: CheckedFile, data: dict[str, Any], target: str | None) -> str | None:
    """The version to validate against; records a problem and returns None when unusable."""
    key_version = schema_version_key(data)
    if key_version is not None and is_newer_than_known(key_version):
        _version_problem(checked, ("schemaVersion",), FutureSchemaVersion(key_version))
        return None
    marker = checked.marker_version
    try:
        if marker is not None:
            effective_version(marker)
        return effective_version(target or marker or LATEST_VERSION)
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
    checked.add(position, message, code)


def _explained_by(issue: SchemaIssue, dated: tuple[Evidence, ...]) -> bool:
    """True for a schema issue about a key the era problem already names."""
    return any(item.path and issue.path[: len(item.path)] == item.path for item in dated)


def _dated_keys(rejected: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    """The keys one era problem names: those of older releases first, else of newer ones.

    A shape accepted both before and after the target (a storage without blob)
    dates nothing by itself when other keys do.
    """
    plain = tuple(item for item in rejected if item.resumes is None) or rejected
    older = tuple(item for item in plain if item.until is not None)
    return older or plain


def _era_problem(
    dated: tuple[Evidence, ...], version: str, positions: PositionIndex, path: Path
) -> Problem:
    """One problem for every key of another release: what it is, and what to do."""
    placed = [positions.nearest(item.path)[1] for item in dated if item.path]
    entries = placed or [positions.nearest(())[1]]
    position = min((entry.key or entry.value for entry in entries), key=lambda p: (p.line, p.col))
    if dated[0].until is not None:
        message = (
            f"written for {_common_era(dated)} ({describe(dated)}); Dexto {version} rejects "
            "it: `dexto-config migrate` (or `dexto-config lint --fix`) rewrites it for "
            f"Dexto {version}"
        )
        return Problem.at(position, message, "older-release", path=path)
    message = (
        f"written for {_common_era(dated)} ({describe(dated)}); Dexto {version} rejects it: "
        f"judge it at its own release (`--dexto-version`) or upgrade Dexto"
    )
    return Problem.at(position, message, "newer-release", path=path)


def _common_era(evidence: tuple[Evidence, ...]) -> str:
    """The tightest release range all of `evidence` shares, for messages."""
    untils = [item.until for item in evidence if item.until is not None]
    sinces = [item.since for item in evidence if item.since is not None]
    bound = Evidence(
        "",
        (),
        since=max(sinces, key=version_key) if sinces else None,
        until=min(untils, key=version_key) if untils else None,
    )
    return bound.era


def _positioned(issue: SchemaIssue, positions: PositionIndex, path: Path) -> Problem:
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
        if issue.code == MODEL_UNSUPPORTED:
            code = "schema-model"
    return Problem.at(position, issue.message, code, path=path)


def _read_json(text: str, checked: CheckedFile) -> tuple[bool, Any]:
    """Parse as `JSON.parse` would: (True, data), or (False, None) with the error recorded.

    libyaml alone would accept JSON that Dexto rejects (a trailing comma, say).
    """
    try:
        return True, read_json(text)
    except json.JSONDecodeError as error:
        position = Position(error.lineno, error.colno, error.lineno, error.colno)
        message = (
            f"{error.msg}: no Dexto file is shaped like this"
            if isinstance(error, JsonLimitError)
            else f"invalid JSON: {error.msg}: Dexto cannot read this file"
        )
        checked.add(position, message, "yaml-syntax")
        return False, None


def _check_registry(text: str, checked: CheckedFile, target: str | None) -> None:
    """An agent registry, judged at release `target` (default: the newest known).

    Dexto parses it strictly: see `dexto_config.agent_registry`.
    """
    readable, data = _read_json(text, checked)
    if not readable or not _check_root(data, checked):
        return
    checked.parsed = parse(text, last_key_wins=True)
    issues = registry_issues(data, checked.path, target or LATEST_VERSION)
    problems = [_positioned(issue, checked.parsed.positions, checked.path) for issue in issues]
    checked.problems.extend(sorted(problems, key=lambda p: (p.line, p.col)))
