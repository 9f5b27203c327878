"""How `validate` reports its results: one reporter per `--format`, as the files are judged.

Each reporter gives the text for stdout in pieces, a file's as soon as it is
judged, so that memory stays flat however many files a run checks (DESIGN
§9); the summary comes from the run's `Tally` once every file has passed. An
unreadable file's line goes to stderr from the command, in every format, as
in `lint`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from dexto_config.redaction import redact_text
from dexto_config.reporting import position_json, problem_text
from dexto_config.terminal import escape_text
from dexto_config.validation import CheckedFile, UnreadableFile

TYPE_CHECKING = False
if TYPE_CHECKING:
    from dexto_config.reporting import StreamReporters

_JSON_INDENT = 2


class Tally:
    """A `validate` run's counts, kept as its verdicts stream past to the reporter."""

    def __init__(self) -> None:
        self.valid = 0
        self.invalid = 0
        self.unreadable: list[UnreadableFile] = []

    def checked(self, verdicts: Iterable[CheckedFile | UnreadableFile]) -> Iterator[CheckedFile]:
        """The judged files among `verdicts`, in order, counting each; unreadable ones are kept."""
        for verdict in verdicts:
            if isinstance(verdict, UnreadableFile):
                self.unreadable.append(verdict)
                continue
            if verdict.valid:
                self.valid += 1
            else:
                self.invalid += 1
            yield verdict


class ValidateRun:
    """What a `validate` run reports: its judged files (consumed once) and their tally."""

    __slots__ = ("checked", "tally")

    def __init__(self, checked: Iterable[CheckedFile], tally: Tally) -> None:
        self.checked = checked
        self.tally = tally


def render_text(run: ValidateRun) -> Iterator[str]:
    """`file:line:col: message` per problem, then a summary line."""
    for result in run.checked:
        for problem in result.problems:
            yield escape_text(redact_text(problem_text(result.path, problem))) + "\n"
    yield _summary(run.tally) + "\n"


def _summary(tally: Tally) -> str:
    checked = tally.valid + tally.invalid + len(tally.unreadable)
    parts = [f"{tally.valid} valid", f"{tally.invalid} invalid"]
    if tally.unreadable:
        parts.append(f"{len(tally.unreadable)} unreadable")
    noun = "file" if checked == 1 else "files"
    return f"{checked} {noun} checked: {', '.join(parts)}"


def render_json(run: ValidateRun) -> Iterator[str]:
    """`{"files": [...]}`: each file's kind, version, validity and positioned errors.

    Written entry by entry, byte for byte what `json.dumps(..., indent=2)` gives
    for the whole document.
    """
    opening = '{\n  "files": [\n'
    before = opening
    for entry in _json_entries(run):
        yield before + _indented(json.dumps(entry, indent=_JSON_INDENT), 2)
        before = ",\n"
    yield '{\n  "files": []\n}\n' if before == opening else "\n  ]\n}\n"


def _indented(text: str, levels: int) -> str:
    prefix = " " * (_JSON_INDENT * levels)
    return "\n".join(prefix + line for line in text.split("\n"))


def _json_entries(run: ValidateRun) -> Iterator[dict[str, Any]]:
    yield from (_checked_json(result) for result in run.checked)
    for failure in run.tally.unreadable:
        yield {
            "path": str(failure.path),
            "kind": None,
            "version": None,
            "valid": False,
            "errors": [],
            "unreadable": failure.reason,
        }


def _checked_json(result: CheckedFile) -> dict[str, Any]:
    return {
        "path": str(result.path),
        "kind": str(result.kind),
        "version": result.version,
        "valid": result.valid,
        "errors": [
            {**position_json(p), "code": p.code, "message": redact_text(p.message)}
            for p in result.problems
        ],
    }


FORMATS: StreamReporters[ValidateRun] = {"text": render_text, "json": render_json}
