"""How every command reports a positioned problem: one text form, one JSON position.

`path:line:col: message` and the JSON `line`/`column`/`end_line`/`end_column`
are written here only; the lint reporters, `validate`, `migrate` and `doctor`
use them, so a problem reads the same in every output. The hook's no-op path
keeps its own JSON (`home/report.py`): it imports nothing beyond what it needs.
"""

from __future__ import annotations

from pathlib import Path

from dexto_config.problem import Problem


def location(path: Path | str, problem: Problem) -> str:
    """`path:line:col:` of a problem in the file shown as `path`."""
    return f"{path}:{problem.line}:{problem.col}:"


def problem_text(path: Path | str, problem: Problem, detail: str = "") -> str:
    """`path:line:col: <detail><message>`, unescaped (the caller escapes for its stream)."""
    return f"{location(path, problem)} {detail}{problem.message}"


def unreadable_file(path: Path, reason: str) -> Problem:
    """A file that could not be read at all, as a problem of the whole file."""
    return Problem.at_point(f"cannot read the file: {reason}", "unreadable", path=path)


def unwritable_file(path: Path, reason: str) -> Problem:
    """A file that could not be written (and was left as it was)."""
    message = f"cannot write the file: {reason}; it was left as it is"
    return Problem.at_point(message, "unwritable", path=path)


def unreadable_text(path: Path, reason: str) -> str:
    """`path:1:1: cannot read the file: <reason>`."""
    return problem_text(path, unreadable_file(path, reason))


def position_json(problem: Problem) -> dict[str, int]:
    """The problem's position in every JSON report (1-based, end included)."""
    return {
        "line": problem.line,
        "column": problem.col,
        "end_line": problem.end_line,
        "end_column": problem.end_col,
    }
