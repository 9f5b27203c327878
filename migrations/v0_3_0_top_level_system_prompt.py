"""0.3.0: `llm.systemPrompt` moves to the top-level `systemPrompt` (DESIGN §13).

The entry's lines move as they were, with the comments above it, one level
to the left.
"""

from __future__ import annotations

from dexto_config.migrate.step_api import (
    Change,
    DataPath,
    EditableDocument,
    RefusedMigration,
    SourceLines,
    StepContext,
    StepResult,
)

version = "0.3.0"
summary = "llm.systemPrompt -> top-level systemPrompt"
breaking = True

OLD: DataPath = ("llm", "systemPrompt")


def migrate_agent(document: EditableDocument, context: StepContext) -> StepResult:
    """Move `llm.systemPrompt` to the top level."""
    result = StepResult()
    if not document.has(OLD):
        return result
    if document.has(("systemPrompt",)):
        raise RefusedMigration(
            "both llm.systemPrompt and systemPrompt are set; Dexto 0.3.0 keeps only the "
            "top-level one: keep one, then migrate again",
            OLD,
        )
    value = document.get(OLD)
    after = _place(document)
    if document.is_flow(("llm",)):
        document.remove_key(OLD)
        document.add_key((), "systemPrompt", value, after=after)
    else:
        lines = [SourceLines(OLD, shift=document.column(("llm",)) - document.column(OLD))]
        document.add_key((), "systemPrompt", value, after=after, lines=lines)
        document.remove_moved(OLD)
    reason = "Dexto 0.3.0 moved the system prompt out of llm to the top level"
    result.changes.append(Change(OLD, value, value, reason))
    return result


def _place(document: EditableDocument) -> str:
    """The key the prompt follows: the one before `llm`, or `llm` when it ends the file.

    A block scalar that ends a file without a final newline reads without its
    own, so the prompt stays last exactly when it was last.
    """
    keys = list(document.data)
    position = keys.index("llm")
    if position == len(keys) - 1 and list(document.get(("llm",)))[-1] == "systemPrompt":
        return "llm"
    return keys[position - 1] if position else "llm"
