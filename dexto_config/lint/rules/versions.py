"""DX4xx: the schema version a file claims, by marker comment or by key."""

from __future__ import annotations

from collections.abc import Iterator

from dexto_config.lint import rulebook
from dexto_config.lint.document import LintDocument
from dexto_config.lint.findings import Fix, Migrate, RemoveKey, SetMarker, Violation
from dexto_config.lint.rule import RuleContext, rule
from dexto_config.lint.rules.syntax import problems_with
from dexto_config.versions import (
    KNOWN_VERSIONS,
    LATEST_VERSION,
    FutureSchemaVersion,
    is_newer_than_known,
    is_version_string,
    marker_line,
    version_key,
)

MIGRATE_FIX = Fix("migrate the file to the latest schema version", (Migrate(),))


@rule(rulebook.FUTURE_SCHEMA_VERSION)
def future_schema_version(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    reported = list(problems_with(document, "future-version"))
    yield from reported
    marker = document.marker_version
    if not reported and marker is not None and is_newer_than_known(marker):
        message = f"{FutureSchemaVersion(marker)}: update dexto-config"
        yield Violation(document.marker_position(), message)


@rule(rulebook.OUTDATED_SCHEMA_VERSION)
def outdated_schema_version(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    marker = document.marker_version
    if marker is None or not is_version_string(marker):
        return
    target = context.dexto_version or LATEST_VERSION
    if version_key(marker) < version_key(target):
        message = (
            f"schema version {marker} is older than the Dexto release targeted, {target}: "
            f"run `dexto-config migrate {document.path}`"
        )
        yield Violation(document.marker_position(), message, MIGRATE_FIX)


@rule(rulebook.SCHEMA_VERSION_KEY)
def schema_version_key(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    if "schemaVersion" not in document.mapping or document.version is None:
        return
    value = document.mapping["schemaVersion"]
    message = (
        f"Dexto {document.version} rejects a `schemaVersion` key (found {value!r}); "
        f"state the version with the first-line marker `{marker_line(document.version)}`"
    )
    yield Violation(document.key_at(("schemaVersion",)), message, _key_to_marker(document, value))


def _key_to_marker(document: LintDocument, value: object) -> Fix | None:
    """Move a known version from the key to the marker; a marker already there wins."""
    claimed = str(value)
    remove = RemoveKey(("schemaVersion",))
    if document.marker_version is not None:
        if claimed != document.marker_version:
            return None
        return Fix(f"remove the `schemaVersion: {claimed}` key", (remove,))
    if claimed not in KNOWN_VERSIONS or not document.kind.is_yaml:
        return None
    return Fix(
        f"replace the `schemaVersion: {claimed}` key with the version marker",
        (remove, SetMarker(claimed)),
    )


@rule(rulebook.UNKNOWN_SCHEMA_VERSION)
def unknown_schema_version(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    return problems_with(document, "unknown-version")


@rule(rulebook.WRITTEN_FOR_ANOTHER_RELEASE)
def written_for_another_release(
    document: LintDocument, context: RuleContext
) -> Iterator[Violation]:
    for violation in problems_with(document, "older-release"):
        yield Violation(violation.position, violation.message, MIGRATE_FIX)
    yield from problems_with(document, "newer-release")


@rule(rulebook.RELEASE_DEPENDENT_BEHAVIOUR)
def release_dependent_behaviour(
    document: LintDocument, context: RuleContext
) -> Iterator[Violation]:
    placement = document.placement
    if (
        context.dexto_version is not None
        or document.marker_version is not None
        or not document.kind.is_yaml
        or placement is None
        or placement.ambiguity is None
        or document.version is None
        or document.version not in placement.candidates
    ):
        return
    boundary = placement.ambiguity
    first, last = placement.candidates[0], placement.candidates[-1]
    message = (
        f"this file fits Dexto {first} to {last}, which run it differently: {boundary.why}; "
        f"add the version marker `{marker_line(document.version)}` (or the release you "
        "wrote it for) as its first line"
    )
    yield Violation(document.marker_position(), message)
