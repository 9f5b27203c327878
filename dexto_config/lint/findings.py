"""What a lint run produces: findings with positions, severities and optional fixes."""

from __future__ import annotations

from pathlib import Path

from dexto_config.problem import Problem, Severity
from dexto_config.records import Record
from dexto_config.yamlio.positions import DataPath, Position

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "Finding",
    "Fix",
    "FixOperation",
    "Migrate",
    "RemoveKey",
    "SetMarker",
    "SetValue",
    "Severity",
    "Violation",
]


class SetValue(Record):
    """Fix operation: give the scalar at `path` a new value."""

    path: DataPath
    value: str


class RemoveKey(Record):
    """Fix operation: remove the mapping entry at `path` (with its own lines)."""

    path: DataPath


class SetMarker(Record):
    """Fix operation: write the first-line version marker for `version`."""

    version: str


class Migrate:
    """Fix operation: run the migration chain on the file up to the latest version.

    Every `Migrate()` is equal to every other, as the operation has no fields.
    """

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return type(other) is Migrate

    def __hash__(self) -> int:
        return hash(Migrate)

    def __repr__(self) -> str:
        return "Migrate()"


FixOperation = SetValue | RemoveKey | SetMarker | Migrate


class Fix(Record):
    """A safe, comment-preserving change that resolves a finding."""

    description: str
    operations: tuple[FixOperation, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "description": self.description,
            "operations": [_operation_json(op) for op in self.operations],
        }


class Violation(Record):
    """What a rule's check yields: where, what, and how to fix it (rule-agnostic)."""

    position: Position
    message: str
    fix: Fix | None = None


class Finding(Record):
    """One rule's problem in one file: the positioned problem, the rule's name and its fix."""

    problem: Problem
    name: str
    fix: Fix | None = None  # not compared: two findings that differ only in their fix are equal

    def __eq__(self, other: object) -> bool:
        return type(other) is Finding and self.problem == other.problem and self.name == other.name

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash((self.problem, self.name))

    @property
    def path(self) -> Path:
        # Lint always knows the file it judges.
        assert self.problem.path is not None
        return self.problem.path

    @property
    def line(self) -> int:
        return self.problem.line

    @property
    def col(self) -> int:
        return self.problem.col

    @property
    def end_line(self) -> int:
        return self.problem.end_line

    @property
    def end_col(self) -> int:
        return self.problem.end_col

    @property
    def code(self) -> str:
        return self.problem.code

    @property
    def severity(self) -> Severity:
        return self.problem.severity

    @property
    def message(self) -> str:
        return self.problem.message

    @property
    def sort_key(self) -> tuple[int, int, str, str]:
        return self.problem.sort_key


def _operation_json(operation: FixOperation) -> dict[str, Any]:
    if isinstance(operation, SetValue):
        return {"op": "set", "path": list(operation.path), "value": operation.value}
    if isinstance(operation, RemoveKey):
        return {"op": "remove", "path": list(operation.path)}
    if isinstance(operation, SetMarker):
        return {"op": "marker", "value": operation.version}
    return {"op": "migrate"}
