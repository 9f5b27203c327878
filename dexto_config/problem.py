"""The one positioned problem every command reports (DESIGN §5, §8).

`validate`'s problems, `lint`'s findings (a rule's name and fix around one),
`migrate`'s refusals and the files the hook leaves alone are all a `Problem`:
where it is (file, 1-based line and column, end), what is wrong, a code and a
severity. An error about the whole file sits at 1:1.

Import-light (no parser, no pydantic): `rules` and `explain` read the lint
rules' severities from here. The hook's no-op path does not import it: it
reports the problems its state recorded, as plain fields.
"""

from __future__ import annotations

import enum
from pathlib import Path

from dexto_config.records import Record
from dexto_config.yamlio.positions import Position


class Severity(enum.StrEnum):
    """How bad a problem is; `rank` orders them for `--fail-on`."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 0}[self]


class Problem(Record):
    """One positioned problem in a file (1-based lines and columns, end included).

    `path` is None where the file is not known (the migration engine judges
    bytes); the outcome that holds the problem names the file then.
    """

    path: Path | None
    line: int
    col: int
    end_line: int
    end_col: int
    message: str
    code: str
    severity: Severity = Severity.ERROR

    @classmethod
    def at(
        cls,
        position: Position,
        message: str,
        code: str,
        *,
        path: Path | None = None,
        severity: Severity = Severity.ERROR,
    ) -> Problem:
        """The problem at a parsed node's position."""
        start_end = (position.line, position.col, position.end_line, position.end_col)
        return cls(path, *start_end, message, code, severity)

    @classmethod
    def at_point(
        cls, message: str, code: str, line: int = 1, col: int = 1, *, path: Path | None = None
    ) -> Problem:
        """An error at one point (default 1:1, the whole file)."""
        return cls(path, line, col, line, col, message, code)

    @property
    def position(self) -> Position:
        return Position(self.line, self.col, self.end_line, self.end_col)

    @property
    def sort_key(self) -> tuple[int, int, str, str]:
        """The order problems are reported in within a file."""
        return (self.line, self.col, self.code, self.message)
