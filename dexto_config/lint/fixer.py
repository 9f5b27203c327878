"""`lint --fix`: the fixable findings' changes, made through the migration machinery.

Pure: bytes and the file's findings in, bytes out, in one pass: the document is
opened once, a `Migrate` fix runs the migration chain on it (which stamps the
version marker and rewrites routing faithfully), the `SetValue`/`RemoveKey`
fixes are made on the same document, and the result is rendered, verified by
re-parsing and validated once. A fix that cannot be applied safely is skipped
with a note.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dexto_config.kinds import FileKind
from dexto_config.lint.findings import Finding, Migrate, RemoveKey, SetMarker, SetValue
from dexto_config.migrate.engine import migrate_bytes
from dexto_config.migrate.routing import RoutingContext
from dexto_config.migrate.step import StepContext, StepResult
from dexto_config.versions import LATEST_VERSION, marker_line, version_key
from dexto_config.yamlio.edit import EditableDocument, EditError, JsonDocument
from dexto_config.yamlio.fast import YamlSyntaxError


@dataclass(frozen=True, slots=True)
class FixedFile:
    """What `--fix` did to one file: the new bytes, how many findings it fixed, and notes."""

    original: bytes
    result: bytes
    fixed: int
    notes: tuple[str, ...]
    version: str | None

    @property
    def changed(self) -> bool:
        return self.result != self.original


# The least release a `Migrate` fix brings a file to: the explicit-provider form,
# which resolves every legacy finding even when lint targets a release before it.
EXPLICIT_FORM = "1.5.6"


def fix_target(dexto_version: str | None) -> str:
    """The release `--fix` migrates to when lint targets `dexto_version` (None: the newest)."""
    target = dexto_version or LATEST_VERSION
    return max(target, EXPLICIT_FORM, key=version_key)


def fix_bytes(
    raw: bytes,
    path: Path,
    kind: FileKind,
    findings: Sequence[Finding],
    *,
    assumed_version: str | None,
    routing: RoutingContext,
    target: str = LATEST_VERSION,
) -> FixedFile:
    """Apply the fixes of `findings` (the file's lint findings at `target`) to its bytes.

    `version` in the outcome is `target` when the migration ran, else None (unchanged).
    """
    fixable = [f for f in findings if f.fix is not None]
    migrating = [f for f in fixable if _wants_migration(f)]
    edits = _EditFixes([f for f in fixable if not _wants_migration(f)], during_migration=True)
    notes: list[str] = []
    if migrating:
        migration = migrate_bytes(
            raw,
            kind,
            assumed_version=assumed_version,
            target=target,
            context=routing,
            source_path=path,
            then=edits,
        )
        if migration.status == "migrated":
            fixed = len(migrating) + edits.fixed
            return FixedFile(raw, migration.result, fixed, tuple(edits.notes), target)
        if migration.refusal is not None:
            notes.append(f"not migrated: {migration.refusal.message}")
    edited, fixed, edit_notes = _apply_edits(raw, kind, edits.findings)
    return FixedFile(raw, edited, fixed, (*notes, *edit_notes), None)


def _wants_migration(finding: Finding) -> bool:
    return finding.fix is not None and any(isinstance(op, Migrate) for op in finding.fix.operations)


@dataclass
class _EditFixes:
    """The edit fixes of some findings, as a transform; counts what it fixed and why not.

    During a migration the chain stamps the target's marker, so `SetMarker` is left out.
    """

    findings: list[Finding]
    during_migration: bool = False
    fixed: int = 0
    notes: list[str] = field(default_factory=list)

    def __call__(
        self, document: EditableDocument, context: StepContext | None = None
    ) -> StepResult:
        touched: set[tuple[str | int, ...]] = set()
        for finding in self.findings:
            assert finding.fix is not None
            operations = finding.fix.operations
            paths = {op.path for op in operations if isinstance(op, SetValue | RemoveKey)}
            if paths & touched:
                continue
            try:
                for op in operations:
                    if isinstance(op, SetValue):
                        document.set_value(op.path, op.value)
                    elif isinstance(op, RemoveKey):
                        document.remove_key(op.path)
                    elif isinstance(op, SetMarker) and not self.during_migration:
                        document.set_marker(marker_line(op.version))
            except EditError as error:
                self.notes.append(
                    f"{finding.code} at {finding.line}:{finding.col} not fixed: {error}"
                )
                continue
            touched |= paths
            self.fixed += 1
        return StepResult()


def _apply_edits(
    raw: bytes, kind: FileKind, findings: list[Finding]
) -> tuple[bytes, int, list[str]]:
    if not findings:
        return raw, 0, []
    try:
        document = _open(raw, kind)
    except (EditError, YamlSyntaxError) as error:
        return raw, 0, [f"fixes not applied: {error}"]
    edits = _EditFixes(findings)
    edits(document)
    try:
        return document.to_bytes(), edits.fixed, edits.notes
    except EditError as error:
        return raw, 0, [*edits.notes, f"fixes not applied: {error}"]


def _open(raw: bytes, kind: FileKind) -> EditableDocument:
    if kind is FileKind.CUSTOM_MODELS:
        return JsonDocument.from_bytes(raw)
    return EditableDocument.from_bytes(raw)
