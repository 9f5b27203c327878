"""The reporting layer's shared parts: what a reporter is, and a positioned problem's forms.

A command's output formats are `Reporters`: each format's name maps to a
`Reporter`, a pure function from the command's run (its outcome values and
what the user asked to see) to the text written to stdout; `validate`'s are
`StreamReporter`s, which give that text in pieces as the files are judged. `lint`
(`lint/reporters/`), `validate` (`cli/validate_report.py`), `migrate`
(`cli/migrate_report.py`) and the hook (`cli/hook_report.py`) each declare one.

`path:line:col: message` and the JSON `line`/`column`/`end_line`/`end_column`
are written here only; the lint reporters, `validate`, `migrate` and `doctor`
use them, so a problem reads the same in every output. The hook's no-op path
keeps its own JSON (`home/report.py`, which the hook's JSON reporter also
renders): it imports nothing beyond what it needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from dexto_config.problem import Problem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypeVar

    Run = TypeVar("Run")

    Reporter = Callable[[Run], str]
    """One output format: the text a command writes to stdout for a run."""

    Reporters = Mapping[str, Reporter[Run]]
    """A command's output formats by name (its `--format` choices; `text` first, the default)."""

    StreamReporter = Callable[[Run], Iterator[str]]
    """One output format written as the run goes: the text in pieces, each as soon as it is
    known, so that a long run holds no finished file's output (`validate`, DESIGN §9)."""

    StreamReporters = Mapping[str, StreamReporter[Run]]
    """A streaming command's output formats by name, as `Reporters`."""


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
