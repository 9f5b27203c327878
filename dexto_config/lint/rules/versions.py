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
    target = context.dexto_version or LATEST_VERSION
    if version_key(marker) < version_key(target):
        message = (
            f"schema version {marker} is older than the Dexto release targeted, {target}: "
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


@rule(
    code="DX405",
    name="written-for-another-release",
    severity=Severity.ERROR,
    summary="The file's keys belong to another Dexto release than the one it is judged at.",
    explanation="""
        Dexto has no migration of its own: every release rejects the keys an earlier
        release used (`toolConfirmation` and `internalTools` before 1.6.0, `provider:
        dexto` before 1.5.8, `reasoningEffort` before 1.6.2, ...) and the keys a later
        release added. Instead of one unknown key per dated key, this finding names
        the release the file was written for and the keys that show it. A file
        written for an older release is rewritten by `dexto-config migrate` (or
        `lint --fix`); one written for a newer release is judged at its own release
        with `--dexto-version` (or the config's `dexto-version`).
    """,
    bad="""
        systemPrompt: You are a helpful assistant.
        llm: {provider: anthropic, model: claude-sonnet-4-5-20250929}
        toolConfirmation: {mode: manual}
    """,
    good=f"""
        {marker_line(LATEST_VERSION)}
        systemPrompt: You are a helpful assistant.
        llm: {{provider: anthropic, model: claude-sonnet-4-5-20250929}}
        permissions: {{mode: manual}}
        tools: []
    """,
    fixable=True,
)
def written_for_another_release(
    document: LintDocument, context: RuleContext
) -> Iterator[Violation]:
    for violation in problems_with(document, "older-release"):
        yield Violation(violation.position, violation.message, MIGRATE_FIX)
    yield from problems_with(document, "newer-release")


@rule(
    code="DX406",
    name="release-dependent-behaviour",
    severity=Severity.WARNING,
    summary="A file without a version marker that Dexto releases run differently.",
    explanation="""
        Some files are accepted by several Dexto releases that do different things
        with them: a file that configures no tools gets no tools before 1.6.0 and
        the image's default tools (filesystem and process included) from 1.6.0; a
        routeable provider was routed through the Dexto gateway by the login
        prototype. Without a version marker neither `migrate` nor a reader can tell
        which behaviour the author meant. The version marker on the first line
        settles it; no fix is offered, since only the author knows that release. Linting
        for a stated release (`--dexto-version`, or `dexto-version` in the config)
        does not report it: the release is known there.
    """,
    bad="""
        systemPrompt: You are a helpful assistant.
        llm: {provider: openai, model: gpt-5-mini}
    """,
    good=f"""
        {marker_line(LATEST_VERSION)}
        systemPrompt: You are a helpful assistant.
        llm: {{provider: openai, model: gpt-5-mini}}
    """,
    fixable=False,
)
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
