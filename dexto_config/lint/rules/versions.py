"""DX4xx: the schema version a file claims, by marker comment or by key."""

from __future__ import annotations

from collections.abc import Iterator

from dexto_config.lint.document import LintDocument
from dexto_config.lint.findings import Fix, Migrate, RemoveKey, SetMarker, Severity, Violation
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


@rule(
    code="DX401",
    name="future-schema-version",
    severity=Severity.ERROR,
    summary="The file claims a schema version newer than this tool knows.",
    explanation=f"""
        The file was written by a newer Dexto (its version marker or
        `schemaVersion` key names a version above {LATEST_VERSION}). This tool cannot
        judge it and never rewrites it: update dexto-config.
    """,
    bad="""
        # dexto-config: schemaVersion=9.0.0
        llm: {provider: dexto, model: anthropic/claude-sonnet-4.5}
    """,
    good=f"""
        # dexto-config: schemaVersion={LATEST_VERSION}
        llm: {{provider: dexto, model: anthropic/claude-sonnet-4.5}}
    """,
)
def future_schema_version(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    reported = list(problems_with(document, "future-version"))
    yield from reported
    marker = document.marker_version
    if not reported and marker is not None and is_newer_than_known(marker):
        message = f"{FutureSchemaVersion(marker)}: update dexto-config"
        yield Violation(document.marker_position(), message)


@rule(
    code="DX402",
    name="outdated-schema-version",
    severity=Severity.WARNING,
    summary="The version marker names a schema older than the latest.",
    explanation=f"""
        The file says it conforms to an older Dexto schema. Files at an older
        version may depend on behaviour that later Dexto releases removed (such as
        implicit routing through the Dexto gateway). Run `dexto-config migrate` to
        bring the file to {LATEST_VERSION}; the migration rewrites the marker.
    """,
    bad="""
        # dexto-config: schemaVersion=1.5.4
        llm: {provider: anthropic, model: claude-sonnet-4-5-20250929}
    """,
    good=f"""
        # dexto-config: schemaVersion={LATEST_VERSION}
        llm: {{provider: anthropic, model: claude-sonnet-4-5-20250929}}
    """,
    fixable=True,
)
def outdated_schema_version(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    marker = document.marker_version
    if marker is None or not is_version_string(marker):
        return
    if version_key(marker) < version_key(LATEST_VERSION):
        message = (
            f"schema version {marker} is older than the latest, {LATEST_VERSION}: "
            f"run `dexto-config migrate {document.path}`"
        )
        yield Violation(document.marker_position(), message, MIGRATE_FIX)


@rule(
    code="DX403",
    name="schema-version-key",
    severity=Severity.WARNING,
    summary="A `schemaVersion` key, which Dexto's strict schema rejects.",
    explanation=f"""
        Dexto's schemas have no version field, so a `schemaVersion:` key makes
        Dexto reject the whole file. The version belongs in the marker comment on
        the first line, `{marker_line(LATEST_VERSION)}`, which Dexto ignores.
    """,
    bad=f"""
        schemaVersion: {LATEST_VERSION}
        llm: {{provider: openai, model: gpt-5-mini}}
    """,
    good=f"""
        {marker_line(LATEST_VERSION)}
        llm: {{provider: openai, model: gpt-5-mini}}
    """,
    fixable=True,
    supersedes=("DX003",),
)
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


@rule(
    code="DX404",
    name="unknown-schema-version",
    severity=Severity.ERROR,
    summary="The version marker does not name a known schema version.",
    explanation=f"""
        The first-line marker must name a Dexto release such as
        {", ".join(KNOWN_VERSIONS)} (a release between two known schema versions is
        judged by the older one; a newer one is DX401). Anything else makes the
        file's version unknowable.
    """,
    bad="""
        # dexto-config: schemaVersion=1.5.x
        llm: {provider: openai, model: gpt-5-mini}
    """,
    good=f"""
        {marker_line(LATEST_VERSION)}
        llm: {{provider: openai, model: gpt-5-mini}}
    """,
)
def unknown_schema_version(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    return problems_with(document, "unknown-version")
