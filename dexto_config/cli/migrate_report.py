"""How `migrate` reports its results: one reporter per output (`--json` or text), over the run.

Each reporter returns the text for stdout. A file that could not be read or
written is also named on stderr, by the command, in every output (as in
`validate` and `lint`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dexto_config.cli.rewrite import unified_diff
from dexto_config.migrate.step import REMOVED, Change, Decision, dotted
from dexto_config.redaction import redact_data, redact_text
from dexto_config.reporting import problem_text
from dexto_config.terminal import escape_text

if TYPE_CHECKING:
    from dexto_config.cli.migrate_cmd import MigratedFile, Mode
    from dexto_config.migrate.engine import FileMigration
    from dexto_config.migrate.routing import RoutingContext
    from dexto_config.reporting import Reporters


@dataclass(frozen=True, slots=True)
class MigrateRun:
    """What a `migrate` run reports: every file's outcome, the routing facts it decided
    with, and what the user asked it to do."""

    files: Sequence[MigratedFile]
    routing: RoutingContext
    mode: Mode


def render_text(run: MigrateRun) -> str:
    """One block of lines per file (and its diff with `--diff`), then a summary line."""
    blocks = [_file_text(outcome, run.mode) for outcome in run.files]
    return "".join(blocks) + _summary(run.files, run.mode) + "\n"


def io_error_lines(run: MigrateRun) -> list[str]:
    """`path:line:col: cannot read/write the file: …` per file, for stderr."""
    return [
        _shown(problem_text(o.target.path, o.io_error), o)
        for o in run.files
        if o.io_error is not None
    ]


def _shown(text: str, outcome: MigratedFile) -> str:
    """A line as the terminal shows it: the file's secrets redacted, control characters escaped."""
    secrets = outcome.migration.secrets if outcome.migration is not None else frozenset()
    return escape_text(redact_text(text, secrets))


def _file_text(outcome: MigratedFile, mode: Mode) -> str:
    migration = outcome.migration
    if migration is None:  # it could not be read: only stderr names it
        return ""
    path = outcome.target.path
    lines = _file_lines(outcome, migration, mode)
    text = "".join(_shown(line, outcome) + "\n" for line in lines)
    if mode.diff and migration.status == "migrated":
        text += unified_diff(path, migration.original, migration.result, migration.secrets)
    return text


def _file_lines(outcome: MigratedFile, migration: FileMigration, mode: Mode) -> list[str]:
    path = outcome.target.path
    lines = []
    if mode.verbose and migration.version_evidence:
        lines.append(f"{path}: written for {migration.from_version}: {migration.version_evidence}")
    if migration.status == "refused" and migration.refusal is not None:
        return [*lines, problem_text(path, migration.refusal, "refused: ")]
    if migration.status == "current":
        return [*lines, f"{path}: up to date ({migration.to_version})"]
    verb = "migrated" if mode.write and not outcome.verify_failures else "would migrate"
    lines.append(f"{path}: {verb} {migration.from_version} -> {migration.to_version}")
    lines.extend(f"{path}: {decision.describe()}" for decision in migration.decisions)
    lines.extend(f"{path}: warning: {warning}" for warning in migration.warnings)
    lines.extend(f"{path}: verify failed: {f.describe()}" for f in outcome.verify_failures)
    if mode.verify and not outcome.verify_failures:
        lines.append(f"{path}: verified: every llm block keeps its backend")
    return lines


def _summary(outcomes: Sequence[MigratedFile], mode: Mode) -> str:
    statuses = [o.migration.status for o in outcomes if o.migration is not None]
    migrated = statuses.count("migrated")
    parts = [
        f"{'migrated' if mode.write else 'would migrate'} {migrated}",
        f"up to date {statuses.count('current')}",
        f"refused {statuses.count('refused')}",
    ]
    errors = sum(1 for o in outcomes if o.io_error)
    if errors:
        parts.append(f"errors {errors}")
    return ", ".join(parts)


def render_json(run: MigrateRun) -> str:
    """A stable JSON document: the routing facts and one record per file."""
    document = {
        "routing": run.routing.to_json(),
        "write": run.mode.write,
        "files": [_file_record(outcome) for outcome in run.files],
    }
    return json.dumps(document, indent=2) + "\n"


def _file_record(outcome: MigratedFile) -> dict[str, Any]:
    """One file's record, every string in it redacted with the file's secrets."""
    secrets = outcome.migration.secrets if outcome.migration is not None else frozenset()
    redacted: dict[str, Any] = redact_data(_plain_record(outcome), secrets)
    return redacted


def _plain_record(outcome: MigratedFile) -> dict[str, Any]:
    record: dict[str, Any] = {"path": str(outcome.target.path), "kind": str(outcome.target.kind)}
    migration = outcome.migration
    if outcome.io_error:
        record["error"] = outcome.io_error.message
    if migration is None:
        record["status"] = "error"
        return record
    refusal = migration.refusal
    record.update(
        status=migration.status,
        from_version=migration.from_version,
        source_version=migration.from_version,
        version_evidence=migration.version_evidence,
        to_version=migration.to_version,
        changes=[_change_record(c) for c in migration.changes],
        decisions=[_decision_record(d) for d in migration.decisions],
        warnings=list(migration.warnings),
        refusal=None
        if refusal is None
        else {
            "message": refusal.message,
            "line": refusal.line,
            "column": refusal.col,
            "reason": refusal.code,
        },
        verify_failures=[f.describe() for f in outcome.verify_failures],
    )
    return record


def _change_record(change: Change) -> dict[str, Any]:
    return {
        "path": change.dotted_path,
        "old": change.old,
        "new": None if change.new is REMOVED else change.new,
        "removed": change.new is REMOVED,
        "reason": change.reason,
    }


def _decision_record(decision: Decision) -> dict[str, Any]:
    return {
        "path": dotted(decision.path),
        "from": {"provider": decision.old_provider, "model": decision.old_model},
        "to": {"provider": decision.new_provider, "model": decision.new_model},
        "legacy_backend": decision.legacy_backend,
        "explicit_backend": decision.explicit_backend,
        "reason": decision.reason,
    }


FORMATS: Reporters[MigrateRun] = {"text": render_text, "json": render_json}
