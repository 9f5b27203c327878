"""A model the target release's registry no longer lists (DESIGN §11.1, "any run").

Dexto checks an `llm` block's model against its bundled registry, so a model
that a later release dropped makes that release reject the file. The model's
current ID is written when an older release's alias table names it (with a
warning); otherwise the file is refused with up to three suggestions.
"""

from __future__ import annotations

from dexto_config.catalog.releases import REGISTRY_RELEASES, ReleaseRegistry, release_registry
from dexto_config.catalog.similarity import closest
from dexto_config.migrate.step import Change, DataPath, RefusedMigration, StepResult, dotted
from dexto_config.yamlio.edit import EditableDocument

SUGGESTIONS = 3
# The first real release after the seed; the seed's explicit form (1.5.6) keeps its own rules.
FIRST_REGISTRY_CHECKED = "1.5.7"


def retarget_model(document: EditableDocument, block: DataPath, target: str) -> StepResult:
    """Make the `llm` block at `block` name a model Dexto `target` lists, or refuse the file."""
    result = StepResult()
    entry = document.find(block)
    if not isinstance(entry, dict):
        return result
    provider, model = entry.get("provider"), entry.get("model")
    if not isinstance(provider, str) or not isinstance(model, str):
        return result
    registry = release_registry(target)
    problem = registry.model_problem(provider, model)
    if problem is None:
        return result
    path = (*block, "model")
    current = _current_id(registry, provider, model)
    if current is None:
        raise RefusedMigration(_refusal(registry, provider, model, path, target), path)
    document.set_value(path, current)
    reason = f"Dexto {target} lists {model} for {provider} only under its current ID {current}"
    result.changes.append(Change(path, model, current, reason))
    result.warnings.append(f"{dotted(path)}: {model} was renamed {current} ({reason})")
    return result


def _current_id(registry: ReleaseRegistry, provider: str, model: str) -> str | None:
    """The ID an older release's alias table gave `model`, if the target lists it."""
    for release in REGISTRY_RELEASES:
        alias = release_registry(release).aliases.get(provider, {}).get(model.lower())
        if alias is not None and registry.model_problem(provider, alias) is None:
            return alias
    return None


def _refusal(
    registry: ReleaseRegistry, provider: str, model: str, path: DataPath, target: str
) -> str:
    info = registry.provider(provider)
    names = [known.name for known in info.models] if info is not None else []
    suggestions = closest(model, names, SUGGESTIONS)
    hint = f"did you mean {', '.join(suggestions)}? " if suggestions else ""
    return (
        f"{dotted(path)}: Dexto {target} does not list {model} for {provider}, so it would "
        f"reject the file; {hint}choose a model it lists, then migrate again"
    )
