"""DX1xx: legacy switches that made the backend depend on the machine's auth state."""

from __future__ import annotations

from collections.abc import Iterator

from dexto_config import catalog
from dexto_config.catalog.similarity import closest
from dexto_config.kinds import FileKind
from dexto_config.lint import rulebook
from dexto_config.lint.document import LintDocument, LlmBlock
from dexto_config.lint.findings import Fix, Migrate, SetValue, Violation
from dexto_config.lint.rule import RuleContext, rule
from dexto_config.versions import version_key

# The release that replaced implicit routing with explicit providers (DESIGN §4.1).
EXPLICIT_PROVIDERS_VERSION = "1.5.6"
MIGRATE_FIX = Fix("migrate the file to explicit providers", (Migrate(),))


def is_legacy(document: LintDocument) -> bool:
    """True when the file is judged at a version from before explicit providers."""
    version = document.version
    return version is not None and version_key(version) < version_key(EXPLICIT_PROVIDERS_VERSION)


@rule(rulebook.PREFER_DEXTO_CREDITS)
def prefer_dexto_credits(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    if "preferDextoCredits" not in document.mapping:
        return
    message = (
        "`preferDextoCredits` is a hidden routing switch that Dexto "
        f"{EXPLICIT_PROVIDERS_VERSION} rejects (it then discards the whole file): "
        "run `dexto-config migrate` to express it through `llm.provider`"
    )
    yield Violation(document.key_at(("preferDextoCredits",)), message, MIGRATE_FIX)


@rule(rulebook.AUTH_DEPENDENT_BACKEND)
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


@rule(rulebook.DEXTO_NATIVE_MODEL_ID)
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
