"""1.6.2 "reasoning variant": `reasoningEffort: X` becomes `reasoning: {variant: X}` (DESIGN §11.1).

In agents and preferences Dexto checks the variant against the model's
reasoning profile, so a value the model does not allow at the target release
refuses the file; custom models take any variant (and 1.6.2 silently drops an
old `reasoningEffort` there, so it is rewritten as well).
"""

from __future__ import annotations

from dexto_config.migrate.step_api import (
    REMOVED,
    Change,
    DataPath,
    EditableDocument,
    RefusedMigration,
    StepContext,
    StepResult,
    reasoning_variants,
)

version = "1.6.2"
summary = "llm.reasoningEffort -> llm.reasoning: {variant}"
breaking = True

OLD_KEY = "reasoningEffort"
NEW_KEY = "reasoning"
_REASON = "Dexto 1.6.2 replaced reasoningEffort with reasoning: {variant}"


def migrate_agent(document: EditableDocument, context: StepContext) -> StepResult:
    """Rewrite the agent's `llm.reasoningEffort`, refusing a variant its model does not allow."""
    return _rewrite(document, ("llm",), context.target_version or version, checked=True)


def migrate_preferences(document: EditableDocument, context: StepContext) -> StepResult:
    """Rewrite the preferred `llm.reasoningEffort`, refusing a variant its model does not allow."""
    return _rewrite(document, ("llm",), context.target_version or version, checked=True)


def migrate_custom_models(document: EditableDocument, context: StepContext) -> StepResult:
    """Rewrite each custom model's `reasoningEffort` (Dexto does not check these variants)."""
    result = StepResult()
    models = document.find(("models",))
    if isinstance(models, list):
        for index in range(len(models)):
            result.extend(_rewrite(document, ("models", index), version, checked=False))
    return result


def _rewrite(
    document: EditableDocument, block: DataPath, target: str, *, checked: bool
) -> StepResult:
    result = StepResult()
    entry = document.find(block)
    if not isinstance(entry, dict) or OLD_KEY not in entry:
        return result
    path = (*block, OLD_KEY)
    effort = entry[OLD_KEY]
    if effort is None:
        document.remove_key(path)
        result.changes.append(Change(path, None, REMOVED, "an empty key sets nothing"))
        return result
    if checked:
        _check_variant(entry, effort, path, target)
    if NEW_KEY in entry:
        raise RefusedMigration(
            f"both {OLD_KEY} and {NEW_KEY} are set; keep one, then migrate again", path
        )
    reasoning = {"variant": effort}
    document.rename_key(path, NEW_KEY)
    document.replace_value((*block, NEW_KEY), reasoning)
    result.changes.append(Change(path, effort, reasoning, _REASON))
    return result


def _check_variant(entry: dict[str, object], effort: object, path: DataPath, target: str) -> None:
    provider, model = entry.get("provider"), entry.get("model")
    if not isinstance(provider, str) or not isinstance(model, str):
        return
    allowed = reasoning_variants(target, provider, model)
    if allowed is None or effort in allowed:
        return
    offered = (
        f"it allows {', '.join(allowed)}" if allowed else "it takes no reasoning setting at all"
    )
    raise RefusedMigration(
        f"{OLD_KEY}: {effort} has no equivalent for {provider} {model} in Dexto {target}, "
        f"whose reasoning.variant replaced it in 1.6.2: {offered}; choose one (or remove "
        f"{OLD_KEY}), then migrate again",
        path,
    )
