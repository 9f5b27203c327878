"""What a migration step is, and what it returns (DESIGN §4)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dexto_config.kinds import FileKind

if TYPE_CHECKING:
    from dexto_config.migrate.routing import RoutingContext
    from dexto_config.yamlio.edit import EditableDocument
    from dexto_config.yamlio.positions import Position

DataPath = tuple[str | int, ...]


def dotted(path: DataPath) -> str:
    """`llm.apiKey`, `models[0].provider`: a data path as users read it."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


@dataclass(frozen=True, slots=True)
class Change:
    """One edit a step made: where, from what, to what, and why."""

    path: DataPath
    old: Any
    new: Any
    reason: str

    @property
    def dotted_path(self) -> str:
        return dotted(self.path)

    @property
    def removed(self) -> bool:
        return self.new is REMOVED


class _Removed:
    def __repr__(self) -> str:
        return "<removed>"


REMOVED: Any = _Removed()


@dataclass(frozen=True, slots=True)
class Decision:
    """The routing decision taken for one `llm` block (DESIGN §4.1)."""

    path: DataPath
    old_provider: str
    old_model: str
    new_provider: str
    new_model: str
    reason: str
    legacy_backend: str
    explicit_backend: str

    def describe(self) -> str:
        where = dotted(self.path)
        old = f"{self.old_provider} {self.old_model}"
        if (self.old_provider, self.old_model) == (self.new_provider, self.new_model):
            return f"{where} {old} unchanged ({self.reason})"
        return f"{where} {old} -> {self.new_provider} {self.new_model} ({self.reason})"


@dataclass(frozen=True, slots=True)
class PlacedWarning:
    """A warning about one node, and where that node is in the text the step was given."""

    message: str
    line: int
    col: int


@dataclass(slots=True)
class StepResult:
    """Everything a transform reports besides the edits it made to the document.

    `placed_warnings` are told with their line once the engine knows where that
    line is in the user's own text (the steps before the seed read rewritten text).
    """

    changes: list[Change] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    placed_warnings: list[PlacedWarning] = field(default_factory=list)

    def extend(self, other: StepResult) -> None:
        self.changes.extend(other.changes)
        self.decisions.extend(other.decisions)
        self.warnings.extend(other.warnings)
        self.placed_warnings.extend(other.placed_warnings)

    def warn_at(self, message: str, position: Position | None) -> None:
        """Warn about the node at `position` (from `document.position`; None: not placed)."""
        if position is None:
            self.warnings.append(message)
        else:
            self.placed_warnings.append(PlacedWarning(message, position.line, position.col))


def write_out_default(
    document: EditableDocument,
    result: StepResult,
    parent: DataPath,
    key: str,
    value: Any,
    reason: str,
) -> None:
    """Where the mapping at `parent` lacks `key`, add `key: value` and record why.

    How a step writes out a default its release applied and a later one dropped.
    """
    mapping = document.find(parent)
    if isinstance(mapping, dict) and key not in mapping:
        document.add_key(parent, key, value)
        result.changes.append(Change((*parent, key), None, value, reason))


@dataclass(frozen=True, slots=True)
class StepContext:
    """What a transform may know: the routing facts and the run's versions, nothing about files.

    `source_version` is the file's version before the run (a step may need to
    write out a default of that release); `target_version` is where the run
    stops (registry facts are judged there). None: not known to the caller.
    """

    routing: RoutingContext
    source_version: str | None = None
    target_version: str | None = None


Transform = Callable[["EditableDocument", StepContext], StepResult]


class RefusedMigration(Exception):
    """A transform cannot migrate this file safely; the file must stay untouched.

    `path` locates the offending node; the message never contains a secret.
    """

    def __init__(self, message: str, path: DataPath = ()) -> None:
        self.message = message
        self.path = path
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class MigrationStep:
    """One schema step, as declared by a module in `migrations/`."""

    version: str
    summary: str
    breaking: bool
    transforms: Mapping[FileKind, Transform]
    module: str
