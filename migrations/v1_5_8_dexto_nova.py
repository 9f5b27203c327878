"""1.5.8 "dexto-nova": the gateway provider `dexto` is renamed, with no alias (DESIGN §11.1).

1.5.8 also requires `vendor/model` IDs under `dexto-nova` and `openrouter`, so a
bare model there gets its OpenRouter ID by the explicit-provider rule (§4.1).
"""

from __future__ import annotations

from dexto_config.migrate.step_api import (
    DEXTO,
    DEXTO_NOVA,
    OPENROUTER,
    Change,
    DataPath,
    EditableDocument,
    StepContext,
    StepResult,
    gateway_model_id,
    relabel_display_name,
)

version = "1.5.8"
summary = "provider dexto is renamed dexto-nova; gateway models are vendor/model IDs"
breaking = True

OLD_GATEWAY = DEXTO
NEW_GATEWAY = DEXTO_NOVA
_RENAME_REASON = "Dexto 1.5.8 renamed the gateway provider dexto to dexto-nova (no alias)"


def migrate_agent(document: EditableDocument, context: StepContext) -> StepResult:
    """Rename the agent's gateway provider and give its model a vendor."""
    return _migrate_block(document, ("llm",), "model")


def migrate_preferences(document: EditableDocument, context: StepContext) -> StepResult:
    """Rename the preferred gateway provider and give its model a vendor."""
    return _migrate_block(document, ("llm",), "model")


def migrate_custom_models(document: EditableDocument, context: StepContext) -> StepResult:
    """Rename the provider of custom gateway models and give their names a vendor."""
    result = StepResult()
    models = document.find(("models",))
    if isinstance(models, list):
        for index in range(len(models)):
            result.extend(_migrate_block(document, ("models", index), "name"))
    return result


def _migrate_block(document: EditableDocument, block: DataPath, model_key: str) -> StepResult:
    result = StepResult()
    entry = document.find(block)
    if not isinstance(entry, dict):
        return result
    provider, model = entry.get("provider"), entry.get(model_key)
    if provider == OLD_GATEWAY:
        document.set_value((*block, "provider"), NEW_GATEWAY)
        result.changes.append(Change((*block, "provider"), provider, NEW_GATEWAY, _RENAME_REASON))
        moved = (OLD_GATEWAY, NEW_GATEWAY)
        relabel_display_name(document, block, moved, _RENAME_REASON, result)
        provider = NEW_GATEWAY
    if provider in (NEW_GATEWAY, OPENROUTER) and isinstance(model, str) and "/" not in model:
        new_model = gateway_model_id(provider, model, result.warnings)
        if new_model != model:
            document.set_value((*block, model_key), new_model)
            reason = f"Dexto 1.5.8 requires vendor/model IDs under {provider}"
            result.changes.append(Change((*block, model_key), model, new_model, reason))
    return result
