"""1.4.0: `llm.router` is removed (DESIGN §13).

`vercel`, the default, was what every agent used and is what 1.4.0 does, so it
goes silently; `in-built` (Dexto's own provider clients) has no successor: it
goes with a warning, the agent now talks through the same clients as others.
"""

from __future__ import annotations

from dexto_config.migrate.step_api import (
    REMOVED,
    Change,
    DataPath,
    EditableDocument,
    StepContext,
    StepResult,
)

version = "1.4.0"
summary = "llm.router removed (a warning for in-built)"
breaking = True

ROUTER: DataPath = ("llm", "router")


def migrate_agent(document: EditableDocument, context: StepContext) -> StepResult:
    """Remove `llm.router`, warning when it chose the in-built clients."""
    result = StepResult()
    if not document.has(ROUTER):
        return result
    router = document.get(ROUTER)
    document.remove_key(ROUTER)
    result.changes.append(Change(ROUTER, router, REMOVED, "Dexto 1.4.0 removed llm.router"))
    if router == "in-built":
        result.warnings.append(
            "llm.router: in-built was removed: Dexto 1.4.0 always uses its Vercel AI SDK "
            "clients, so requests to the model may differ slightly (retries, streaming)"
        )
    return result
