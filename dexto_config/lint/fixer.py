"""`lint --fix`: the fixable findings' changes, made through the migration machinery.

Pure: bytes in, bytes out. A `Migrate` fix runs the migration chain (which
stamps the version marker and rewrites routing faithfully); `SetValue` and
`RemoveKey` fixes are minimal text edits by the comment-preserving edit engine,
verified by re-parsing. A fix that cannot be applied safely is skipped with a note.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from dexto_config.kinds import FileKind
from dexto_config.lint.config import LintConfig
from dexto_config.lint.engine import lint_bytes
from dexto_config.lint.findings import Finding, Migrate, RemoveKey, SetMarker, SetValue
from dexto_config.migrate.engine import migrate_bytes
from dexto_config.migrate.routing import RoutingContext
from dexto_config.versions import marker_line
from dexto_config.yamlio.edit import EditableDocument, EditError, JsonDocument
from dexto_config.yamlio.fast import YamlSyntaxError


@dataclass(frozen=True, slots=True)
class FixOutcome:
    """What `--fix` did to one file: the new bytes, how many findings it fixed, and notes."""

    original: bytes
    result: bytes
    fixed: int
    notes: tuple[str, ...]
    version: str | None

    @property
    def changed(self) -> bool:
        return self.result != self.original


def fix_bytes(
    raw: bytes,
    path: Path,
    kind: FileKind,
    config: LintConfig,
    *,
    assumed_version: str | None,
    routing: RoutingContext,
) -> FixOutcome:
    """Apply every fixable finding's fix to a file's bytes; `version` is the file's afterwards."""
    notes: list[str] = []
    findings = lint_bytes(raw, path, kind, config)
    current, fixed, version = raw, 0, config.dexto_version
    wanting_migration = [f for f in findings if _wants_migration(f)]
    if wanting_migration:
        migration = migrate_bytes(
            raw, kind, assumed_version=assumed_version, context=routing, source_path=path
        )
        if migration.status == "migrated":
            current, fixed = migration.result, len(wanting_migration)
            version = migration.to_version
        elif migration.refusal is not None:
            notes.append(f"not migrated: {migration.refusal.message}")
    edited, edits_fixed, edit_notes = _apply_edits(current, path, kind, config, version)
    return FixOutcome(raw, edited, fixed + edits_fixed, (*notes, *edit_notes), version)


def _wants_migration(finding: Finding) -> bool:
    return finding.fix is not None and any(isinstance(op, Migrate) for op in finding.fix.operations)


def _apply_edits(
    raw: bytes, path: Path, kind: FileKind, config: LintConfig, version: str | None
) -> tuple[bytes, int, list[str]]:
    findings = [
        f
        for f in lint_bytes(raw, path, kind, replace(config, dexto_version=version))
        if f.fix is not None and not _wants_migration(f)
    ]
    if not findings:
        return raw, 0, []
    try:
        document = _open(raw, kind)
    except (EditError, YamlSyntaxError) as error:
        return raw, 0, [f"fixes not applied: {error}"]
    notes: list[str] = []
    touched: set[tuple[str | int, ...]] = set()
    fixed = 0
    for finding in findings:
        assert finding.fix is not None
        paths = {op.path for op in finding.fix.operations if isinstance(op, SetValue | RemoveKey)}
        if paths & touched:
            continue
        try:
            for op in finding.fix.operations:
                if isinstance(op, SetValue):
                    document.set_value(op.path, op.value)
                elif isinstance(op, RemoveKey):
                    document.remove_key(op.path)
                elif isinstance(op, SetMarker):
                    document.set_marker(marker_line(op.version))
        except EditError as error:
            notes.append(f"{finding.code} at {finding.line}:{finding.col} not fixed: {error}")
            continue
        touched |= paths
        fixed += 1
    try:
        return document.to_bytes(), fixed, notes
    except EditError as error:
        return raw, 0, [*notes, f"fixes not applied: {error}"]


def _open(raw: bytes, kind: FileKind) -> EditableDocument:
    if kind is FileKind.CUSTOM_MODELS:
        return JsonDocument.from_bytes(raw)
    return EditableDocument.from_bytes(raw)
