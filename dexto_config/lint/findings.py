"""What a lint run produces: findings with positions, severities and optional fixes."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dexto_config.yamlio.positions import DataPath, Position


class Severity(enum.StrEnum):
    """How bad a finding is; `rank` orders them for `--fail-on`."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 0}[self]


@dataclass(frozen=True, slots=True)
class SetValue:
    """Fix operation: give the scalar at `path` a new value."""

    path: DataPath
    value: str


@dataclass(frozen=True, slots=True)
class RemoveKey:
    """Fix operation: remove the mapping entry at `path` (with its own lines)."""

    path: DataPath


@dataclass(frozen=True, slots=True)
class SetMarker:
    """Fix operation: write the first-line version marker for `version`."""

    version: str


@dataclass(frozen=True, slots=True)
class Migrate:
    """Fix operation: run the migration chain on the file up to the latest version."""


FixOperation = SetValue | RemoveKey | SetMarker | Migrate


@dataclass(frozen=True, slots=True)
class Fix:
    """A safe, comment-preserving change that resolves a finding."""

    description: str
    operations: tuple[FixOperation, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "description": self.description,
            "operations": [_operation_json(op) for op in self.operations],
        }


@dataclass(frozen=True, slots=True)
class Violation:
    """What a rule's check yields: where, what, and how to fix it (rule-agnostic)."""

    position: Position
    message: str
    fix: Fix | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One positioned finding of one rule in one file (1-based lines and columns)."""

    path: Path
    line: int
    col: int
    end_line: int
    end_col: int
    code: str
    name: str
    severity: Severity
    message: str
    fix: Fix | None = field(default=None, compare=False)

    @property
    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.line, self.col, self.code, self.message)


def _operation_json(operation: FixOperation) -> dict[str, Any]:
    if isinstance(operation, SetValue):
        return {"op": "set", "path": list(operation.path), "value": operation.value}
    if isinstance(operation, RemoveKey):
        return {"op": "remove", "path": list(operation.path)}
    if isinstance(operation, SetMarker):
        return {"op": "marker", "value": operation.version}
    return {"op": "migrate"}
