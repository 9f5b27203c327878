"""How `migrate` reports its results: human lines, unified diffs, or JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from dexto_config.cli.rewrite import unified_diff
from dexto_config.migrate.step import REMOVED, Change, Decision, dotted
from dexto_config.redaction import redact_data, redact_text
from dexto_config.reporting import problem_text
from dexto_config.terminal import escape_text

if TYPE_CHECKING:
    from dexto_config.cli.migrate_cmd import MigratedFile, Mode
    from dexto_config.migrate.routing import RoutingContext


def print_human(outcomes: list[MigratedFile], mode: Mode) -> None:
    """One block of lines per file, then a summary line."""
    for outcome in outcomes:
        _print_file(outcome, mode)
    click.echo(_summary(outcomes, mode))


def _print_file(outcome: MigratedFile, mode: Mode) -> None:
    path = outcome.target.path
    migration = outcome.migration
    secrets = migration.secrets if migration is not None else frozenset()

    def say(text: str, *, err: bool = False) -> None:
        click.echo(escape_text(redact_text(text, secrets)), err=err)

    if migration is None:  # it could not be read
        if outcome.io_error is not None:
            say(problem_text(path, outcome.io_error), err=True)
        return
    if mode.verbose and migration.version_evidence:
        say(f"{path}: written for {migration.from_version}: {migration.version_evidence}")
    if migration.status == "refused" and migration.refusal is not None:
        refusal = migration.refusal
        say(problem_text(path, refusal, "refused: "))
        return
    if migration.status == "current":
        say(f"{path}: up to date ({migration.to_version})")
        return
    verb = "migrated" if mode.write and not outcome.verify_failures else "would migrate"
    say(f"{path}: {verb} {migration.from_version} -> {migration.to_version}")
    for decision in migration.decisions:
        say(f"{path}: {decision.describe()}")
    for warning in migration.warnings:
        say(f"{path}: warning: {warning}")
    for failure in outcome.verify_failures:
        say(f"{path}: verify failed: {failure.describe()}")
    if mode.verify and not outcome.verify_failures:
        say(f"{path}: verified: every llm block keeps its backend")
    if outcome.io_error is not None:
        say(problem_text(path, outcome.io_error), err=True)
    if mode.diff:
        click.echo(unified_diff(path, migration.original, migration.result, secrets), nl=False)


def _summary(outcomes: list[MigratedFile], mode: Mode) -> str:
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


def print_json(outcomes: list[MigratedFile], context: RoutingContext, mode: Mode) -> None:
    """A stable JSON document: the routing facts and one record per file."""
    document = {
        "routing": context.to_json(),
        "write": mode.write,
        "files": [_file_record(outcome) for outcome in outcomes],
    }
    click.echo(json.dumps(document, indent=2))


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
