"""What a hook run reports, as values and as the JSON the Dexto CLI reads.

Import-light: the fast path builds its `--json` answer from the state with it.
Reports carry paths, versions, statuses and reasons only, never file contents.
"""

from __future__ import annotations

import json
from typing import Any

from dexto_config.home.state import CURRENT, FAILED, SKIPPED, FileRecord, HookState

MIGRATED = "migrated"
REPLACED = "replaced"
REWRITTEN = (MIGRATED, REPLACED)

# dexto_config.exitcodes, not imported: the fast path stays lean.
OK, FINDINGS, USAGE_OR_IO = 0, 1, 2


class HookedFile:
    """What the hook did with one managed file, and why."""

    __slots__ = (
        "column",
        "decisions",
        "from_version",
        "kind",
        "line",
        "marker_only",
        "reason",
        "rel",
        "reported_before",
        "status",
        "to_version",
        "warnings",
    )

    def __init__(
        self,
        rel: str,
        kind: str,
        status: str,
        *,
        from_version: str | None = None,
        to_version: str | None = None,
        reason: str | None = None,
        line: int | None = None,
        column: int | None = None,
        reported_before: bool = False,
        decisions: tuple[str, ...] = (),
        warnings: tuple[str, ...] = (),
        marker_only: bool = False,
    ) -> None:
        self.rel = rel
        self.kind = kind
        self.status = status
        self.from_version = from_version
        self.to_version = to_version
        self.reason = reason
        self.line = line
        self.column = column
        self.reported_before = reported_before
        self.decisions = decisions
        self.warnings = warnings
        self.marker_only = marker_only
        """Migrated, but only the version marker changed: the file was already current."""

    @property
    def is_new_problem(self) -> bool:
        """Left alone for a reason this run has not reported before."""
        return self.status in (SKIPPED, FAILED) and not self.reported_before

    def to_json(self) -> dict[str, Any]:
        """The outcome as JSON data."""
        return {
            "path": self.rel,
            "kind": self.kind,
            "status": self.status,
            "from_version": self.from_version,
            "to_version": self.to_version,
            "reason": self.reason,
            "line": self.line,
            "column": self.column,
            "reported_before": self.reported_before,
            "decisions": list(self.decisions),
            "warnings": list(self.warnings),
            "marker_only": self.marker_only,
        }


def exit_code(outcomes: list[HookedFile]) -> int:
    """2 when a file newly could not be read or written, 1 when one was newly skipped, else 0."""
    if any(o.is_new_problem and o.status == FAILED for o in outcomes):
        return USAGE_OR_IO
    if any(o.is_new_problem for o in outcomes):
        return FINDINGS
    return OK


def summary_counts(outcomes: list[HookedFile]) -> dict[str, int]:
    """Files migrated (or replaced), up to date, and left alone."""
    return {
        "migrated": sum(o.status in REWRITTEN for o in outcomes),
        "up_to_date": sum(o.status == CURRENT for o in outcomes),
        "skipped": sum(o.status in (SKIPPED, FAILED) for o in outcomes),
    }


def report_json(
    *,
    home: str,
    target: str,
    tool_version: str,
    outcomes: list[HookedFile],
    backup_id: str | None,
    recovered: dict[str, Any] | None,
    failure: tuple[int, str] | None = None,
) -> str:
    """The `--json` document of a run; `failure` (exit code, message) when it could not finish.

    `error` is null on a run that finished, whatever its files' outcomes.
    """
    data = {
        "home": home,
        "target": target,
        "tool_version": tool_version,
        "exit_code": failure[0] if failure is not None else exit_code(outcomes),
        "error": failure[1] if failure is not None else None,
        "summary": summary_counts(outcomes),
        "backup": backup_id,
        "recovered": recovered,
        "files": [outcome.to_json() for outcome in outcomes],
    }
    return json.dumps(data, indent=2)


def outcome_from_record(rel: str, record: FileRecord) -> HookedFile:
    """A file as the state recorded it; anything but current was reported back then."""
    return HookedFile(
        rel,
        record.kind,
        record.status,
        from_version=record.version,
        to_version=record.version,
        reason=record.reason,
        line=record.line,
        column=record.column,
        reported_before=record.status != CURRENT,
    )


def outcomes_from_state(state: HookState) -> list[HookedFile]:
    """Every file as the state recorded it: what a run with nothing to do reports."""
    return [outcome_from_record(rel, record) for rel, record in state.files.items()]
