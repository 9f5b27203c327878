"""How `validate` reports its results: one reporter per `--format`, over the checked files.

Each reporter returns the text for stdout; an unreadable file's line goes to
stderr from the command, in every format, as in `lint`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dexto_config.redaction import redact_text
from dexto_config.reporting import Reporters, position_json, problem_text
from dexto_config.terminal import escape_text
from dexto_config.validation import CheckedFile, UnreadableFile


@dataclass(frozen=True, slots=True)
class ValidateRun:
    """What a `validate` run reports: the files it judged and those it could not read."""

    checked: Sequence[CheckedFile]
    unreadable: Sequence[UnreadableFile]


def render_text(run: ValidateRun) -> str:
    """`file:line:col: message` per problem, then a summary line."""
    lines = [
        escape_text(redact_text(problem_text(result.path, problem)))
        for result in run.checked
        for problem in result.problems
    ]
    lines.append(_summary(run.checked, run.unreadable))
    return "".join(line + "\n" for line in lines)


def _summary(results: Sequence[CheckedFile], unreadable: Sequence[UnreadableFile]) -> str:
    invalid = sum(1 for r in results if not r.valid)
    checked = len(results) + len(unreadable)
    parts = [f"{len(results) - invalid} valid", f"{invalid} invalid"]
    if unreadable:
        parts.append(f"{len(unreadable)} unreadable")
    noun = "file" if checked == 1 else "files"
    return f"{checked} {noun} checked: {', '.join(parts)}"


def render_json(run: ValidateRun) -> str:
    """`{"files": [...]}`: each file's kind, version, validity and positioned errors."""
    files = [_checked_json(r) for r in run.checked]
    files.extend(
        {
            "path": str(e.path),
            "kind": None,
            "version": None,
            "valid": False,
            "errors": [],
            "unreadable": e.reason,
        }
        for e in run.unreadable
    )
    return json.dumps({"files": files}, indent=2) + "\n"


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


FORMATS: Reporters[ValidateRun] = {"text": render_text, "json": render_json}
