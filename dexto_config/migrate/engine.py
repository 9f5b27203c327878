"""Migrating one file's bytes through the chain (DESIGN §4).

`migrate_bytes` is pure: bytes and facts in, a `FileMigration` out. It never
writes; the caller (the `migrate` command, the hook) decides what to do with
the result. A file is either migrated completely and validated against the
target version, or refused and left exactly as it was.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from dexto_config.detection import Placement, describe, place
from dexto_config.kinds import FileKind
from dexto_config.migrate.chain import default_chain, steps_between
from dexto_config.migrate.origin import Origin
from dexto_config.migrate.registry_models import FIRST_REGISTRY_CHECKED, retarget_model
from dexto_config.migrate.routing import RoutingContext
from dexto_config.migrate.step import (
    Change,
    DataPath,
    Decision,
    MigrationStep,
    RefusedMigration,
    StepContext,
    StepResult,
    Transform,
    dotted,
)
from dexto_config.models import start_up_issues, validate_document
from dexto_config.models.issues import IssueKind, SchemaIssue
from dexto_config.problem import Problem
from dexto_config.redaction import find_secrets, redact, redact_text, secret_locations
from dexto_config.versions import (
    LATEST_VERSION,
    OLDEST_VERSION,
    FutureSchemaVersion,
    UnknownSchemaVersion,
    is_newer_than_known,
    is_version_string,
    marker_line,
    read_marker,
    schema_at,
    schema_version_key,
    version_key,
)
from dexto_config.yamlio.edit import (
    EditableDocument,
    EditError,
    EditVerificationError,
    JsonDocument,
    UndecodableInput,
)
from dexto_config.yamlio.fast import YamlSyntaxError

Status = Literal["migrated", "current", "refused"]
MARKER_PROBE_BYTES = 256


@dataclass(frozen=True, slots=True)
class FileMigration:
    """The outcome for one file. `result` equals `original` unless status is migrated."""

    status: Status
    kind: FileKind
    original: bytes = field(repr=False)
    result: bytes = field(repr=False)
    from_version: str | None
    to_version: str
    changes: tuple[Change, ...] = ()
    decisions: tuple[Decision, ...] = ()
    warnings: tuple[str, ...] = ()
    refusal: Problem | None = None
    """Why the file was left untouched; its code names the kind (`literal-secret`, ...)."""
    steps: tuple[str, ...] = field(default=())
    version_evidence: str = ""
    """How `from_version` was found: the marker, the caller, or the keys of the file's shape."""
    secrets: frozenset[str] = field(default=frozenset(), repr=False)
    """Secrets found in the file: every report of it passes through `redact_text` with them."""

    @property
    def changed(self) -> bool:
        return self.result != self.original


class _Refused(Exception):
    """The file is refused at `line`:`col` (1:1: the whole file); `reason` is the code."""

    def __init__(self, message: str, line: int = 1, col: int = 1, reason: str = "refused") -> None:
        self.refusal = Problem.at_point(message, reason, line, col)
        super().__init__(message)


def migrate_bytes(
    raw: bytes,
    kind: FileKind,
    *,
    assumed_version: str | None,
    target: str = LATEST_VERSION,
    context: RoutingContext,
    source_path: Path | None = None,
    chain: tuple[MigrationStep, ...] | None = None,
    then: Transform | None = None,
) -> FileMigration:
    """Migrate a file's bytes from its version to `target`.

    The file's version is its marker (YAML), else `assumed_version` (unless its
    shape is a newer release's without doubt), else the release its shape places
    it at (DESIGN §11.2). `source_path` only serves validation (agent
    directory templates); nothing is read from it. `then` edits the migrated
    document further before it is rendered and validated once (`lint --fix`).
    """
    from_version: str | None = None
    evidence = ""
    secrets: frozenset[str] = frozenset()
    try:
        if kind is FileKind.REGISTRY:
            return FileMigration("current", kind, raw, raw, None, target)
        document = _open(raw, kind)
        secrets = find_secrets(document.data)
        _refuse_misplaced_secret(document)
        steps_available = chain if chain is not None else default_chain()
        marker = read_marker(_first_line(raw)) if kind.is_yaml else None
        from_version, evidence = _file_version(document, kind, marker, assumed_version)
        steps = steps_between(steps_available, from_version, target)
        if version_key(from_version) >= version_key(target):
            return FileMigration(
                "current", kind, raw, raw, from_version, target, version_evidence=evidence
            )
        step_context = StepContext(context, source_version=from_version, target_version=target)
        pre_seed = tuple(s for s in steps if version_key(s.version) <= version_key(OLDEST_VERSION))
        document, report, origin = _run_pre_seed(document, raw, kind, pre_seed, step_context)
        source_issues = _source_issues(document, kind, from_version, source_path, origin)
        report.extend(_apply(document, kind, steps[len(pre_seed) :], step_context, origin))
        report.decisions = [_as_written(decision, document, kind) for decision in report.decisions]
        if then is not None:
            report.extend(then(document, step_context))
        result = _render(document)
        if result == raw:
            return FileMigration(
                "current", kind, raw, raw, from_version, target, version_evidence=evidence
            )
        report.warnings.extend(
            _validate_result(document, kind, target, source_path, source_issues, origin)
        )
    except _Refused as refused:
        refusal = refused.refusal
        message = redact_text(refusal.message, secrets)
        return FileMigration(
            "refused",
            kind,
            raw,
            raw,
            from_version,
            target,
            refusal=refusal._replace(message=message, path=source_path),
            version_evidence=evidence,
            secrets=secrets,
        )
    return FileMigration(
        "migrated",
        kind,
        raw,
        result,
        from_version,
        target,
        changes=tuple(report.changes),
        decisions=tuple(report.decisions),
        warnings=tuple(redact_text(warning, secrets) for warning in _told(report)),
        steps=tuple(step.version for step in steps),
        version_evidence=evidence,
        secrets=secrets,
    )


def _open(raw: bytes, kind: FileKind) -> EditableDocument:
    opener = JsonDocument if kind is FileKind.CUSTOM_MODELS else EditableDocument
    try:
        document = opener.from_bytes(raw)
    except UndecodableInput as error:
        raise _Refused(str(error), reason="encoding") from None
    except YamlSyntaxError as error:
        prefix = "" if kind is FileKind.CUSTOM_MODELS else "invalid YAML: "
        raise _Refused(
            f"{prefix}{error.message}",
            error.position.line,
            error.position.col,
            reason="invalid-yaml",
        ) from None
    if not isinstance(document.data, dict):
        what = "empty" if document.data is None else "not a mapping of keys"
        raise _Refused(f"the file is {what}", reason="not-a-mapping")
    return document


def _refuse_misplaced_secret(document: EditableDocument) -> None:
    """A secret pasted as a key name or a model ID: migrating would copy it into a new ID."""
    for path, in_key, secret in secret_locations(document.data):
        if in_key or path[-1:] == ("model",):
            line, col = _where(document, path)
            where = "a key name" if in_key else f"`{dotted(path)}`"
            message = f"a secret ({redact(secret)}) is written as {where}: remove it, then migrate"
            raise _Refused(message, line, col, reason="literal-secret")


def _first_line(raw: bytes) -> str:
    # The marker is on the first line: no need to decode a 5 MB file a second time.
    return raw[:MARKER_PROBE_BYTES].decode("utf-8", "ignore")


def _file_version(
    document: EditableDocument,
    kind: FileKind,
    marker: str | None,
    assumed: str | None,
) -> tuple[str, str]:
    """The file's release and how it was found: its marker, else the caller's, else its
    shape's (DESIGN §3, §11.2)."""
    key_version = schema_version_key(document.data)
    if key_version is not None and is_newer_than_known(key_version):
        raise _future(key_version, document, ("schemaVersion",))
    if marker is not None:
        version, evidence = marker, "the version marker"
    elif assumed is not None:
        version, evidence = _newer_by_shape(document, kind, assumed)
    else:
        version, evidence = _shaped_version(document, kind)
    if not is_version_string(version):
        raise _Refused(str(UnknownSchemaVersion(version)), reason="unknown-version")
    if is_newer_than_known(version):
        raise _future(version, document, ())
    return version, evidence


def _newer_by_shape(document: EditableDocument, kind: FileKind, stated: str) -> tuple[str, str]:
    """The stated release, unless the file's shape is a newer release's without doubt.

    Dexto writes no marker: a file it wrote in a newer release's shape is at that
    release, not at the one the caller assumed for unmarked files.
    """
    placement = place(kind, document.data)
    shaped = placement.version
    if (
        shaped is None
        or schema_at(stated) in placement.candidates
        or version_key(shaped) <= version_key(stated)
    ):
        return stated, "stated by the caller (--from)"
    return shaped, _shape_evidence(placement)


def _shape_evidence(placement: Placement) -> str:
    if not placement.evidence:
        return "the shape (no key dates it; the newest release)"
    return f"the shape ({describe(placement.evidence)})"


def _shaped_version(document: EditableDocument, kind: FileKind) -> tuple[str, str]:
    """The release an unmarked file's shape places it at; refused when that is not one release."""
    placement = place(kind, document.data)
    if placement.version is not None:
        return placement.version, _shape_evidence(placement)
    if placement.ambiguity is not None:
        first, last = placement.candidates[0], placement.candidates[-1]
        boundary = placement.ambiguity
        raise _Refused(
            f"the file has no version marker and its shape fits Dexto {first} to {last}, "
            f"which do not run it alike at {boundary.release}: {boundary.why}; state the "
            "release it was written for with --from (e.g. --from 1.5.6), then migrate again",
            reason="ambiguous-version",
        )
    line, col = _where(document, placement.evidence[0].path if placement.evidence else ())
    raise _Refused(
        f"no Dexto release accepts these keys together ({describe(placement.evidence)}); "
        "fix the file by hand, then migrate again",
        line,
        col,
        reason="mixed-releases",
    )


def _future(version: str, document: EditableDocument, path: DataPath) -> _Refused:
    line, col = _where(document, path)
    message = f"{FutureSchemaVersion(version)}; the file was left as it is"
    return _Refused(message, line, col, reason="future-version")


def _source_issues(
    document: EditableDocument,
    kind: FileKind,
    version: str,
    source_path: Path | None,
    origin: Origin,
) -> list[SchemaIssue]:
    """The file's issues at its own version; unknown keys refuse the file at once.

    A file older than the oldest modelled release is judged after the steps up
    to that release ran, so the keys those steps retire do not count as unknown.
    """
    issues = validate_document(kind, schema_at(version), document.data, source_path=source_path)
    unknown = [issue for issue in issues if issue.kind is IssueKind.UNKNOWN_KEY]
    if unknown:
        first = unknown[0]
        line, col = _where(document, first.path, origin)
        raise _Refused(
            f"{first.message}{_more(unknown)}: this tool migrates only keys it "
            "understands; fix or remove the key, then migrate again",
            line,
            col,
            reason="unknown-key",
        )
    return issues


def _more(issues: list[SchemaIssue]) -> str:
    return f" (and {len(issues) - 1} more)" if len(issues) > 1 else ""


def _apply(
    document: EditableDocument,
    kind: FileKind,
    steps: tuple[MigrationStep, ...],
    step_context: StepContext,
    origin: Origin,
) -> StepResult:
    transforms = [step.transforms[kind] for step in steps if kind in step.transforms]
    if kind in (FileKind.AGENT, FileKind.PREFERENCES) and _checks_registry(step_context):
        transforms.append(_retarget_llm_model)
    report = _transform(document, transforms, step_context, origin)
    if kind.is_yaml and step_context.target_version is not None:
        document.set_marker(marker_line(step_context.target_version))
    return report


def _run_pre_seed(
    document: EditableDocument,
    raw: bytes,
    kind: FileKind,
    steps: tuple[MigrationStep, ...],
    step_context: StepContext,
) -> tuple[EditableDocument, StepResult, Origin]:
    """Run the steps before the seed, each on the text the one before it wrote.

    They move whole blocks that a later step edits again (a system prompt
    leaves `llm`, then its contributors change), and edits are made on a
    text's own nodes, so the document is re-read after each step that changed
    it. The returned origin carries positions in the last text read back to
    the user's own, where every message places them.
    """
    report = StepResult()
    text = raw
    origin = Origin.unchanged()
    for step in steps:
        if kind in step.transforms:
            report.extend(_transform(document, [step.transforms[kind]], step_context, origin))
            if document.changed:
                rewritten = _render(document)
                document = _open(rewritten, kind)
                origin = origin.then(text.decode("utf-8"), rewritten.decode("utf-8"))
                text = rewritten
    return document, report, origin


def _transform(
    document: EditableDocument,
    transforms: list[Transform],
    step_context: StepContext,
    origin: Origin,
) -> StepResult:
    """Run `transforms` on `document`; the positions they report are told in the user's text."""
    report = StepResult()
    for transform in transforms:
        try:
            report.extend(_placed(transform(document, step_context), origin))
        except RefusedMigration as refused:
            line, col = _where(document, refused.path, origin)
            raise _Refused(refused.message, line, col, reason="refused-by-step") from None
        except EditError as error:
            raise _Refused(f"{error}; edit the file by hand", reason="unsupported-edit") from None
    return report


def _placed(result: StepResult, origin: Origin) -> StepResult:
    """`result` with its placed warnings' lines moved to the user's text."""
    result.placed_warnings = [
        dataclasses.replace(warning, line=line, col=col)
        for warning in result.placed_warnings
        for line, col in [origin.locate(warning.line, warning.col)]
    ]
    return result


def _told(report: StepResult) -> list[str]:
    """Every warning as printed: a placed one starts with its line in the user's text."""
    placed = [f"line {w.line}: {w.message}" for w in report.placed_warnings]
    return [*placed, *report.warnings]


def _as_written(decision: Decision, document: EditableDocument, kind: FileKind) -> Decision:
    """A routing decision told with the provider and model the file names after every step."""
    model_key = "name" if kind is FileKind.CUSTOM_MODELS else "model"
    provider = document.find((*decision.path, "provider"))
    model = document.find((*decision.path, model_key))
    if not isinstance(provider, str) or not isinstance(model, str):
        return decision
    return dataclasses.replace(decision, new_provider=provider, new_model=model)


def _checks_registry(context: StepContext) -> bool:
    """Runs to a real release check models against its registry; the seed's form keeps its own."""
    target = context.target_version
    return target is not None and version_key(target) >= version_key(FIRST_REGISTRY_CHECKED)


def _retarget_llm_model(document: EditableDocument, context: StepContext) -> StepResult:
    assert context.target_version is not None
    return retarget_model(document, ("llm",), context.target_version)


def _render(document: EditableDocument) -> bytes:
    try:
        return document.to_bytes()
    except EditVerificationError as error:
        raise _Refused(
            f"the edited file did not read back as intended ({error}); "
            "it was left as it is: please report this",
            reason="edit-verification",
        ) from None


def _validate_result(
    document: EditableDocument,
    kind: FileKind,
    target: str,
    source_path: Path | None,
    source_issues: list[SchemaIssue],
    origin: Origin,
) -> list[str]:
    """Refuse a result Dexto `target` rejects; return warnings for what fails only at start-up.

    The image's factories check an agent's tools and hooks when Dexto creates it,
    after its validator. A file that was valid at its own release and fails
    there only is migrated with a warning (its release failed it at start-up
    too, e.g. a custom tool type no bundled image provides); a file that was
    already invalid is refused.
    """
    # `to_bytes()` has already checked that the new text parses to `document.data`.
    schema = schema_at(target)
    issues = validate_document(kind, schema, document.data, source_path=source_path)
    if not issues and kind is FileKind.AGENT:
        at_start_up = start_up_issues(schema, document.data, source_path=source_path)
        if not source_issues:
            return [f"Dexto {target} will not start this agent: {i.message}" for i in at_start_up]
        issues = at_start_up
    if not issues:
        return []
    first = issues[0]
    line, col = _where(document, first.path, origin)
    if source_issues:
        message = f"the file is not valid Dexto configuration: {first.message}{_more(issues)}"
        reason = "invalid"
    else:
        message = (
            f"the migrated file would not be valid for Dexto {target}: "
            f"{first.message}{_more(issues)}"
        )
        reason = "invalid-after-migration"
    raise _Refused(f"{message}; fix the file, then migrate again", line, col, reason)


def _where(
    document: EditableDocument, path: DataPath, origin: Origin | None = None
) -> tuple[int, int]:
    """Where `path` (or its nearest placed ancestor) is, told in the user's text."""
    for end in range(len(path), 0, -1):
        position = document.position(path[:end])
        if position is not None:
            if origin is None:
                return position.line, position.col
            return origin.locate(position.line, position.col)
    return 1, 1
