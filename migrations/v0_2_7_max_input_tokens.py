"""0.2.7: `llm.maxTokens` is `llm.maxInputTokens`; `llm.providerOptions` is gone (DESIGN §13)."""

from __future__ import annotations

from dexto_config.migrate.step_api import (
    REMOVED,
    Change,
    DataPath,
    EditableDocument,
    RefusedMigration,
    StepContext,
    StepResult,
)

version = "0.2.7"
summary = "llm.maxTokens -> llm.maxInputTokens; llm.providerOptions removed (a warning)"
breaking = True

MAX_TOKENS: DataPath = ("llm", "maxTokens")
PROVIDER_OPTIONS: DataPath = ("llm", "providerOptions")


def migrate_agent(document: EditableDocument, context: StepContext) -> StepResult:
    """Rename `maxTokens` and drop `providerOptions` with a warning."""
    result = StepResult()
    if document.has(MAX_TOKENS):
        if document.has(("llm", "maxInputTokens")):
            raise RefusedMigration(
                "both llm.maxTokens and llm.maxInputTokens are set; Dexto 0.2.7 keeps only "
                "maxInputTokens: keep one, then migrate again",
                MAX_TOKENS,
            )
        document.rename_key(MAX_TOKENS, "maxInputTokens")
        reason = "Dexto 0.2.7 renamed llm.maxTokens to llm.maxInputTokens"
        result.changes.append(Change(MAX_TOKENS, "maxTokens", "maxInputTokens", reason))
    if document.has(PROVIDER_OPTIONS):
        old = document.get(PROVIDER_OPTIONS)
        result.warn_at(
            "llm.providerOptions was removed: Dexto 0.2.7 has no place for provider "
            "options, so the provider now runs with its defaults",
            document.position(PROVIDER_OPTIONS),
        )
        document.remove_key(PROVIDER_OPTIONS)
        reason = "Dexto 0.2.7 removed llm.providerOptions"
        result.changes.append(Change(PROVIDER_OPTIONS, old, REMOVED, reason))
    return result
