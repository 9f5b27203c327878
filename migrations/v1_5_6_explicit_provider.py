"""1.5.6 "explicit provider": `llm.provider` names the backend (DESIGN §4.1).

The legacy runtime silently sent a routeable provider's calls through the Dexto
gateway when the user was logged in. This step rewrites every `llm` block so
that the explicit file calls the backend the legacy runtime did, and drops the
`preferDextoCredits` switch that 1.5.6 rejects.
"""

from __future__ import annotations

import re
from typing import Any

from dexto_config.migrate.step_api import (
    DEXTO,
    DEXTO_KEY_VAR,
    OPENROUTER,
    REMOVED,
    Change,
    DataPath,
    Decision,
    EditableDocument,
    RefusedMigration,
    RoutingContext,
    StepContext,
    StepResult,
    dotted,
    env_reference,
    env_vars,
    gateway_model_id,
    legacy_backend,
    owner_of_env_var,
    primary_env_var,
    relabel_display_name,
)

version = "1.5.6"
summary = "explicit provider: llm.provider is the backend; preferDextoCredits removed"
breaking = True

_BARE_VARIABLE = re.compile(r"\A[A-Z_][A-Z0-9_]*\Z")
_OPENROUTER_PROVIDER = OPENROUTER


def migrate_agent(document: EditableDocument, context: StepContext) -> StepResult:
    """Make the agent's `llm` block explicit."""
    return _migrate_llm_block(document, ("llm",), context.routing)


def migrate_preferences(document: EditableDocument, context: StepContext) -> StepResult:
    """Make the preferred `llm` explicit and drop `preferDextoCredits`."""
    result = _migrate_llm_block(document, ("llm",), context.routing)
    path: DataPath = ("preferDextoCredits",)
    if document.has(path):
        old = document.get(path)
        document.remove_key(path)
        reason = "1.5.6 rejects this key; its intent is now expressed by llm.provider"
        result.changes.append(Change(path, old, REMOVED, reason))
    return result


def migrate_custom_models(document: EditableDocument, context: StepContext) -> StepResult:
    """Turn custom `openrouter` models the legacy runtime routed via Dexto into `dexto` ones."""
    result = StepResult()
    models = document.find(("models",))
    if not isinstance(models, list):
        return result
    for index, entry in enumerate(models):
        if not isinstance(entry, dict) or entry.get("provider") != _OPENROUTER_PROVIDER:
            continue
        name = entry.get("name")
        if not isinstance(name, str):
            continue
        block: DataPath = ("models", index)
        backend = legacy_backend(_OPENROUTER_PROVIDER, context.routing)
        if not backend.is_dexto:
            result.decisions.append(
                _decision(block, _OPENROUTER_PROVIDER, name, None, backend.reason)
            )
            continue
        _move_api_key(document, block, _OPENROUTER_PROVIDER, result)
        document.set_value((*block, "provider"), DEXTO)
        result.changes.append(
            Change((*block, "provider"), _OPENROUTER_PROVIDER, DEXTO, backend.reason)
        )
        moved = (_OPENROUTER_PROVIDER, DEXTO)
        relabel_display_name(document, block, moved, backend.reason, result)
        result.decisions.append(
            _decision(block, _OPENROUTER_PROVIDER, name, (DEXTO, name), backend.reason)
        )
    return result


def _migrate_llm_block(
    document: EditableDocument, block: DataPath, routing: RoutingContext
) -> StepResult:
    result = StepResult()
    if not document.has(block) or not isinstance(document.get(block), dict):
        return result
    provider = document.find((*block, "provider"))
    model = document.find((*block, "model"))
    if not isinstance(provider, str) or not isinstance(model, str):
        return result
    backend = legacy_backend(provider, routing)
    if not backend.is_dexto:
        result.decisions.append(_decision(block, provider, model, None, backend.reason))
        return result
    # The legacy runtime passed an `openrouter` model to the gateway as written.
    new_model = (
        model
        if provider == _OPENROUTER_PROVIDER
        else gateway_model_id(provider, model, result.warnings)
    )
    if provider != DEXTO:
        _move_api_key(document, block, provider, result)
        document.set_value((*block, "provider"), DEXTO)
        result.changes.append(Change((*block, "provider"), provider, DEXTO, backend.reason))
    if new_model != model:
        document.set_value((*block, "model"), new_model)
        reason = "the Dexto gateway takes OpenRouter model IDs"
        result.changes.append(Change((*block, "model"), model, new_model, reason))
    result.decisions.append(_decision(block, provider, model, (DEXTO, new_model), backend.reason))
    return result


def _move_api_key(
    document: EditableDocument, block: DataPath, provider: str, result: StepResult
) -> None:
    """Drop an `apiKey` that belonged to `provider`: the gateway uses DEXTO_API_KEY."""
    path = (*block, "apiKey")
    if not document.has(path):
        return
    value = document.get(path)
    if value is None:
        return  # Dexto drops null values: an empty `apiKey:` is no key at all.
    variable = env_reference(value)
    if variable is not None:
        if variable == DEXTO_KEY_VAR:
            return
        _remove_api_key(document, path, value, provider, result)
        if variable not in env_vars(provider):
            result.warnings.append(
                f"{dotted(path)}: removed ${variable}, which the legacy runtime did not use "
                f"when it routed {provider} through Dexto (the gateway uses {DEXTO_KEY_VAR})"
            )
        return
    if isinstance(value, str) and _BARE_VARIABLE.match(value) and owner_of_env_var(value):
        _remove_api_key(document, path, value, provider, result)
        result.warnings.append(
            f"{dotted(path)}: removed {value!r}, a variable name missing its '$' "
            f"(the gateway uses {DEXTO_KEY_VAR})"
        )
        return
    raise RefusedMigration(
        f"{dotted(path)} holds a literal key, which would now be sent to the Dexto "
        f"gateway instead of {provider}; move it to an environment variable and write "
        f"`apiKey: ${primary_env_var(provider)}`, or migrate with --route-via direct",
        path,
    )


def _remove_api_key(
    document: EditableDocument, path: DataPath, value: Any, provider: str, result: StepResult
) -> None:
    document.remove_key(path)
    reason = f"the Dexto gateway takes {DEXTO_KEY_VAR}, never the {provider} key: removed"
    result.changes.append(Change(path, value, REMOVED, reason))


def _decision(
    block: DataPath, provider: str, model: str, explicit: tuple[str, str] | None, reason: str
) -> Decision:
    new_provider, new_model = explicit if explicit is not None else (provider, model)
    return Decision(
        path=block,
        old_provider=provider,
        old_model=model,
        new_provider=new_provider,
        new_model=new_model,
        reason=reason,
        legacy_backend=DEXTO if explicit is not None else provider,
        explicit_backend=new_provider,
    )
