"""1.8.0: `auto-deny`, `alwaysDeny` and five prompt fields removed (DESIGN §11.1).

Removing a denial would widen what the agent may do, so `permissions.mode:
auto-deny`, a non-empty `alwaysDeny` and a prompt's `allowed-tools` refuse the
file; an empty `alwaysDeny` is removed, and the prompt fields that only tune
how a prompt runs are removed with a warning.
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
    dotted,
)

version = "1.8.0"
summary = "permissions auto-deny and alwaysDeny removed; prompts lose five fields"
breaking = True

ALWAYS_DENY: DataPath = ("permissions", "toolPolicies", "alwaysDeny")
MODE: DataPath = ("permissions", "mode")
# Prompt fields 1.8.0 removed that change how a prompt runs, not what it may do.
_DROPPED_PROMPT_FIELDS = ("disable-model-invocation", "model", "context", "agent")
ALLOWED_TOOLS = "allowed-tools"


def migrate_agent(document: EditableDocument, context: StepContext) -> StepResult:
    """Drop what 1.8.0 removed, or refuse the file when dropping it would widen permissions."""
    _refuse_widening(document)
    result = StepResult()
    if document.has(ALWAYS_DENY):
        old = document.get(ALWAYS_DENY)
        document.remove_key(ALWAYS_DENY)
        reason = "Dexto 1.8.0 removed alwaysDeny; this one denied nothing"
        result.changes.append(Change(ALWAYS_DENY, old, REMOVED, reason))
    prompts = document.find(("prompts",))
    for index, prompt in enumerate(prompts if isinstance(prompts, list) else []):
        if not isinstance(prompt, dict):
            continue
        for field in _DROPPED_PROMPT_FIELDS:
            if field in prompt:
                path = ("prompts", index, field)
                old = document.get(path)
                document.remove_key(path)
                reason = f"Dexto 1.8.0 removed the prompt field {field}"
                result.changes.append(Change(path, old, REMOVED, reason))
                result.warnings.append(
                    f"{dotted(path)} was removed: Dexto 1.8.0 no longer has it, so the "
                    "prompt now runs with the agent's defaults"
                )
    return result


def _refuse_widening(document: EditableDocument) -> None:
    if document.find(MODE) == "auto-deny":
        raise RefusedMigration(
            "permissions.mode: auto-deny was removed in Dexto 1.8.0; it offers manual "
            "(ask for each tool) and auto-approve: choose manual, or remove the tools the "
            "agent must not run from its tools list, then migrate again",
            MODE,
        )
    if document.find(ALWAYS_DENY):
        raise RefusedMigration(
            "permissions.toolPolicies.alwaysDeny was removed in Dexto 1.8.0, so these tools "
            "would no longer be denied; 1.8.0 offers leaving them out of the agent (its "
            "tools list, a factory's enabledTools) or permissions.mode: manual: do that and "
            "remove alwaysDeny, then migrate again",
            ALWAYS_DENY,
        )
    prompts = document.find(("prompts",))
    for index, prompt in enumerate(prompts if isinstance(prompts, list) else []):
        if isinstance(prompt, dict) and ALLOWED_TOOLS in prompt:
            raise RefusedMigration(
                f"prompts[{index}].allowed-tools was removed in Dexto 1.8.0, which offers "
                "only the agent-wide permissions (toolPolicies.alwaysAllow, mode); decide "
                "there what the prompt's tools may do and remove allowed-tools, then "
                "migrate again",
                ("prompts", index, ALLOWED_TOOLS),
            )
