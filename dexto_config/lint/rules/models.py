"""DX2xx: model IDs judged against the catalog, in the ID form the provider takes."""

from __future__ import annotations

from collections.abc import Iterator

from dexto_config import catalog
from dexto_config.lint import rulebook
from dexto_config.lint.document import LintDocument, LlmBlock
from dexto_config.lint.findings import Fix, SetValue, Violation
from dexto_config.lint.rule import RuleContext, rule
from dexto_config.lint.rules.escape_hatches import is_legacy, native_id_violation
from dexto_config.lint.rules.syntax import problems_with
from dexto_config.versions import registry_checked
from dexto_config.yamlio.positions import DataPath


def _named_models(document: LintDocument) -> Iterator[tuple[LlmBlock, str, str]]:
    """Blocks naming a model of a known provider: (block, provider, model)."""
    for block in document.llm_blocks:
        if block.defines_model or block.provider is None or block.model is None:
            continue
        if catalog.is_provider(block.provider):
            yield block, block.provider, block.model


def _misplaced_openrouter_id(block_provider: str, model: str, context: RuleContext) -> bool:
    """An OpenRouter-style `vendor/model` under a direct provider that takes native IDs."""
    if "/" not in model or catalog.takes_openrouter_ids(block_provider):
        return False
    if catalog.accepts_any_model(block_provider) or context.catalog.is_known(block_provider, model):
        return False
    vendor = model.split("/", 1)[0]
    native = context.catalog.to_native(model, block_provider)
    return native is not None or vendor == catalog.legacy_openrouter_prefix(block_provider)


def _native_under_gateway(provider: str, model: str) -> bool:
    return catalog.takes_openrouter_ids(provider) and "/" not in model


def _unknown_message(provider: str, model: str, suggestions: tuple[str, ...]) -> str:
    message = f"unknown model {model!r} for provider `{provider}`"
    if suggestions:
        message += "; did you mean " + ", ".join(repr(s) for s in suggestions) + "?"
    return message


def _refused_models(document: LintDocument) -> dict[DataPath, Violation]:
    """The `model` values the targeted release refuses (from 1.5.7), by path."""
    if document.version is None or not registry_checked(document.version):
        return {}
    refused = {}
    for violation in problems_with(document, "schema-model"):
        for block in document.llm_blocks:
            path = (*block.path, "model")
            if document.value_at(path) == violation.position:
                refused[path] = violation
    return refused


def _refused_by_release(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    """DX201 from 1.5.7: the release's refusal; a native ID under the gateway gets its
    OpenRouter ID as the fix."""
    refused = _refused_models(document)
    by_path = {(*block.path, "model"): block for block in document.llm_blocks}
    for path, violation in refused.items():
        block = by_path[path]
        if block.provider and block.model and _native_under_gateway(block.provider, block.model):
            lead = f"Dexto {document.version} refuses it; use"
            yield native_id_violation(document, block, context, lead)
        else:
            yield violation


@rule(rulebook.UNKNOWN_MODEL_ID)
def unknown_model_id(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    if document.version is not None and registry_checked(document.version):
        # From 1.5.7 the release's own registry judges the model, in the schema check.
        yield from _refused_by_release(document, context)
        return
    for block, provider, model in _named_models(document):
        if catalog.accepts_any_model(provider) or _native_under_gateway(provider, model):
            continue
        if _misplaced_openrouter_id(provider, model, context):
            continue
        if context.catalog.is_known(provider, model):
            continue
        suggestions = context.catalog.suggest(provider, model)
        position = document.value_at((*block.path, "model"))
        yield Violation(position, _unknown_message(provider, model, suggestions))


@rule(rulebook.UNKNOWN_CUSTOM_MODEL_ID)
def unknown_custom_model_id(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    for block, provider, model in _named_models(document):
        if not catalog.accepts_any_model(provider) or _native_under_gateway(provider, model):
            continue
        if context.catalog.is_known(provider, model):
            continue
        suggestions = context.catalog.suggest(provider, model)
        if suggestions:
            position = document.value_at((*block.path, "model"))
            yield Violation(position, _unknown_message(provider, model, suggestions))


@rule(rulebook.OPENROUTER_ID_UNDER_DIRECT_PROVIDER)
def openrouter_id_under_direct_provider(
    document: LintDocument, context: RuleContext
) -> Iterator[Violation]:
    for block, provider, model in _named_models(document):
        if not _misplaced_openrouter_id(provider, model, context):
            continue
        native = context.catalog.to_native(model, provider)
        model_path = (*block.path, "model")
        message = f"{model!r} is an OpenRouter ID, but `{provider}` takes its own model IDs"
        fix = None
        if native is not None:
            message += f": use {native!r}"
            fix = Fix(f"use the native ID {native!r}", (SetValue(model_path, native),))
        else:
            message += "; for OpenRouter IDs use `provider: openrouter` or `provider: dexto`"
        yield Violation(document.value_at(model_path), message, fix)


@rule(rulebook.NATIVE_ID_UNDER_GATEWAY)
def native_id_under_gateway(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    refused = _refused_models(document)
    for block, provider, model in _named_models(document):
        if not _native_under_gateway(provider, model):
            continue
        if provider == "dexto" and is_legacy(document):
            continue  # DX103 reports the legacy form
        if (*block.path, "model") in refused:
            continue  # the release refuses it: DX201 reports it, with this fix
        if context.catalog.is_known(provider, model):
            continue
        yield native_id_violation(document, block, context, "use")
