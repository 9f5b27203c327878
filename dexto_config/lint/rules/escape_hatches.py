"""DX1xx: legacy switches that made the backend depend on the machine's auth state."""

from __future__ import annotations

from collections.abc import Iterator

from dexto_config import catalog
from dexto_config.catalog.similarity import closest
from dexto_config.kinds import FileKind
from dexto_config.lint.document import LintDocument, LlmBlock
from dexto_config.lint.findings import Fix, Migrate, SetValue, Severity, Violation
from dexto_config.lint.rule import RuleContext, rule
from dexto_config.versions import version_key

# The release that replaced implicit routing with explicit providers (DESIGN §4.1).
EXPLICIT_PROVIDERS_VERSION = "1.5.6"
MIGRATE_FIX = Fix("migrate the file to explicit providers", (Migrate(),))


def is_legacy(document: LintDocument) -> bool:
    """True when the file is judged at a version from before explicit providers."""
    version = document.version
    return version is not None and version_key(version) < version_key(EXPLICIT_PROVIDERS_VERSION)


@rule(
    code="DX101",
    name="prefer-dexto-credits",
    severity=Severity.WARNING,
    summary="`preferDextoCredits`: a hidden switch of legacy implicit routing.",
    explanation="""
        Until Dexto 1.5.4, `preferDextoCredits` in `preferences.yml` decided whether
        requests went through the Dexto gateway when a provider's own key was also
        available. Dexto 1.5.6 rejects the key, treats the whole preferences file
        as corrupted and forces setup again. `dexto-config migrate` removes it and
        expresses its intent through `llm.provider`.
    """,
    bad="""
        llm: {provider: anthropic, model: claude-sonnet-4-5-20250929}
        preferDextoCredits: true
    """,
    good="""
        # dexto-config: schemaVersion=1.5.6
        llm: {provider: dexto, model: anthropic/claude-sonnet-4.5}
    """,
    fixable=True,
    supersedes=("DX003", "DX405"),
)
def prefer_dexto_credits(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    if "preferDextoCredits" not in document.mapping:
        return
    message = (
        "`preferDextoCredits` is a hidden routing switch that Dexto "
        f"{EXPLICIT_PROVIDERS_VERSION} rejects (it then discards the whole file): "
        "run `dexto-config migrate` to express it through `llm.provider`"
    )
    yield Violation(document.key_at(("preferDextoCredits",)), message, MIGRATE_FIX)


@rule(
    code="DX102",
    name="auth-dependent-backend",
    severity=Severity.WARNING,
    summary="A legacy file whose backend depended on Dexto login (routeable provider).",
    explanation="""
        Linting for the login prototype's release (`--dexto-version 1.5.4`), a file
        without a version marker is read as legacy. Under legacy implicit
        routing, an `llm` block with a routeable provider (anthropic, openai,
        google, groq, xai, cohere, openrouter) was silently sent through the Dexto
        gateway whenever you were logged in to Dexto, so the same file called
        different backends on different machines. `dexto-config migrate` rewrites
        the block to the backend it really used and stamps the marker. If the file
        is already explicit, add the marker (or lint for the release you run).
    """,
    bad="""
        llm:
          provider: anthropic
          model: claude-sonnet-4-5-20250929
    """,
    good="""
        # dexto-config: schemaVersion=1.5.6
        llm:
          provider: anthropic
          model: claude-sonnet-4-5-20250929
    """,
    fixable=True,
    examples_at="1.5.4",
)
def auth_dependent_backend(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    if not document.kind.is_yaml or document.marker_version is not None:
        return
    if not is_legacy(document):
        return
    for block in document.llm_blocks:
        if block.provider is None or not catalog.is_provider(block.provider):
            continue
        if not catalog.is_routeable(block.provider) or block.model is None:
            continue
        position = document.value_at((*block.path, "provider"))
        yield Violation(position, _what_migrate_does(block, context), MIGRATE_FIX)


def _what_migrate_does(block: LlmBlock, context: RuleContext) -> str:
    assert block.provider is not None and block.model is not None
    mapped = context.catalog.to_openrouter(block.provider, block.model)
    guess = "" if mapped.exact else ", a guessed ID"
    return (
        f"legacy file (no version marker): `{block.provider}` was routed through the Dexto "
        f"gateway whenever you were logged in; `dexto-config migrate` makes that explicit "
        f"(`provider: dexto, model: {mapped.id}`{guess} if you are logged in, else "
        f"`{block.provider}` stays) and adds the marker"
    )


@rule(
    code="DX103",
    name="dexto-native-model-id",
    severity=Severity.WARNING,
    summary="Legacy `provider: dexto` with a native model ID (rewritten silently at runtime).",
    explanation="""
        The legacy runtime accepted `provider: dexto` with a provider's native model
        ID (`gpt-5-mini`) and rewrote it to an OpenRouter ID behind your back.
        Since Dexto 1.5.6 the `dexto` provider takes OpenRouter IDs
        (`vendor/model`), stored exactly as written.
    """,
    bad="""
        llm:
          provider: dexto
          model: gpt-5-mini
    """,
    good="""
        llm:
          provider: dexto
          model: openai/gpt-5-mini
    """,
    fixable=True,
    examples_at="1.5.4",
)
def dexto_native_model_id(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    if document.kind is FileKind.CUSTOM_MODELS or not is_legacy(document):
        return
    for block in document.llm_blocks:
        if block.provider != "dexto" or block.model is None or "/" in block.model:
            continue
        yield native_id_violation(document, block, context, "the legacy runtime rewrote it to")


def _gateway_ids_like(context: RuleContext, provider: str, native_id: str) -> list[str]:
    """Up to 3 of the provider's `vendor/model` IDs whose model part is closest to `native_id`."""
    by_tail = {info.id.split("/", 1)[-1]: info.id for info in context.catalog.models(provider)}
    return [by_tail[tail] for tail in closest(native_id, list(by_tail), 3)]


def native_id_violation(
    document: LintDocument, block: LlmBlock, context: RuleContext, lead: str
) -> Violation:
    """A native model ID under a provider that takes OpenRouter IDs, with the mapped ID."""
    assert block.provider is not None and block.model is not None
    mapped = context.catalog.to_openrouter(block.provider, block.model)
    model_path = (*block.path, "model")
    guess = "" if mapped.exact else " (a guess: no exact mapping is known)"
    advice = f"{lead} {mapped.id!r}{guess}"
    if mapped.id == block.model:  # the guess is the very ID flagged: name real ones instead
        near = _gateway_ids_like(context, block.provider, block.model)
        advice = (
            "did you mean " + ", ".join(repr(s) for s in near) + "?"
            if near
            else "find its OpenRouter ID with `dexto-config models search`"
        )
    message = (
        f"`{block.provider}` takes OpenRouter model IDs, but {block.model!r} is a native ID; "
        f"{advice}"
    )
    fix = None
    if mapped.exact:
        fix = Fix(f"use the OpenRouter ID {mapped.id!r}", (SetValue(model_path, mapped.id),))
    return Violation(document.value_at(model_path), message, fix)
