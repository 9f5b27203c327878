"""1.4.0: `llm.router` is removed; approvals no longer time out (DESIGN §13).

`vercel`, the default, was what every agent used and is what 1.4.0 does, so it
goes silently; `in-built` (Dexto's own provider clients) has no successor: it
goes with a warning, the agent now talks through the same clients as others.

Up to 1.3.0 a tool approval or an elicitation left unanswered was given up
after 120000 ms (`timeout`'s default); from 1.4.0 it waits indefinitely. Where
the file asks for approvals (`mode: manual`) or allows elicitation, the old
timeout is written out.
"""

from __future__ import annotations

from dexto_config.migrate.step_api import (
    REMOVED,
    Change,
    DataPath,
    EditableDocument,
    StepContext,
    StepResult,
    write_out_default,
)

version = "1.4.0"
summary = (
    "llm.router removed (a warning for in-built); the old 120000 ms approval timeouts written out"
)
breaking = True

ROUTER: DataPath = ("llm", "router")
OLD_TIMEOUT_MS = 120000
_TIMEOUT_REASON = "up to 1.3.0 an unanswered request was given up after 120000 ms; 1.4.0 waits"


def migrate_agent(document: EditableDocument, context: StepContext) -> StepResult:
    """Remove `llm.router` (a warning for in-built); write out the old request timeouts."""
    result = _remove_router(document)
    result.extend(_write_out_timeout(document, ("toolConfirmation",), "mode", "manual"))
    result.extend(_write_out_timeout(document, ("elicitation",), "enabled", True))
    return result


def _remove_router(document: EditableDocument) -> StepResult:
    result = StepResult()
    if not document.has(ROUTER):
        return result
    router = document.get(ROUTER)
    if router == "in-built":
        result.warn_at(
            "llm.router: in-built was removed: Dexto 1.4.0 always uses its Vercel AI SDK "
            "clients, so requests to the model may differ slightly (retries, streaming)",
            document.position(ROUTER),
        )
    document.remove_key(ROUTER)
    result.changes.append(Change(ROUTER, router, REMOVED, "Dexto 1.4.0 removed llm.router"))
    return result


def _write_out_timeout(
    document: EditableDocument, section: DataPath, switch: str, waits_when: object
) -> StepResult:
    """Add the old `timeout` to `section` where its `switch` makes requests wait for the user."""
    result = StepResult()
    settings = document.find(section)
    waits = isinstance(settings, dict) and settings.get(switch) == waits_when
    if waits:
        write_out_default(document, result, section, "timeout", OLD_TIMEOUT_MS, _TIMEOUT_REASON)
    return result
