"""1.2.5: `storage.blob` loses its default; approval mode `event-based` is gone (DESIGN §13).

Up to 1.2.4 a `storage` without `blob` stored blobs locally (`{type: local}`);
from 1.2.5 `blob` is required there, so the old default is written out. The
approval mode `event-based` (approvals answered through the UI's events) is
what 1.2.5 calls `manual`. It was also the default: up to 1.2.4 an agent asked
before every tool call unless its file chose otherwise, while 1.2.5 approves
them all by default, so a file that names no mode gets `mode: manual` written
out (leaving it to the default would let the agent run tools unasked).

1.2.5 also rebuilt the agent card on the A2A protocol: its `description`
lost its default (written out), and `authentication` (`schemes`,
`credentials`) gave way to `securitySchemes` and `security`, which say more
than the old list did: an empty one goes, any other is refused.
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
    write_out_default,
)

version = "1.2.5"
summary = (
    "storage without blob gets blob: {type: local}; "
    "toolConfirmation mode event-based (the old default) -> manual"
)
breaking = True

STORAGE: DataPath = ("storage",)
CONFIRMATION: DataPath = ("toolConfirmation",)
MODE: DataPath = (*CONFIRMATION, "mode")
MANUAL = {"mode": "manual"}
CARD: DataPath = ("agentCard",)
OLD_CARD_DESCRIPTION = (
    "Dexto is an AI assistant capable of chat and task delegation, "
    "accessible via multiple protocols."
)
_EMPTY_AUTHENTICATION: tuple[object, ...] = (None, {}, {"schemes": []})
_DEFAULT_REASON = (
    "up to 1.2.4 tools ran only once approved (event-based, the default); "
    "1.2.5 approves them all by default"
)
LOCAL_BLOB = {"type": "local"}


def migrate_agent(document: EditableDocument, context: StepContext) -> StepResult:
    """Write out the old blob default and the old approval mode, renamed to manual."""
    result = StepResult()
    reason = "Dexto 1.2.5 requires storage.blob; before it, blobs were stored locally"
    write_out_default(document, result, STORAGE, "blob", LOCAL_BLOB, reason)
    if document.find(MODE) == "event-based":
        document.set_value(MODE, "manual")
        reason = "Dexto 1.2.5 renamed the approval mode event-based to manual"
        result.changes.append(Change(MODE, "event-based", "manual", reason))
    result.extend(_write_out_manual_default(document))
    result.extend(_agent_card(document))
    return result


def _agent_card(document: EditableDocument) -> StepResult:
    """Drop an empty `authentication`, refuse another; write out the old default description."""
    result = StepResult()
    card = document.find(CARD)
    if not isinstance(card, dict):
        return result
    authentication = (*CARD, "authentication")
    if "authentication" in card:
        if card["authentication"] not in _EMPTY_AUTHENTICATION:
            raise RefusedMigration(
                "agentCard.authentication: Dexto 1.2.5 removed it; the agent card declares "
                "authentication as securitySchemes and security (A2A) instead: write it "
                "there, remove authentication, then migrate again",
                authentication,
            )
        old = card["authentication"]
        document.remove_key(authentication)
        reason = "Dexto 1.2.5 removed agentCard.authentication (this one declared nothing)"
        result.changes.append(Change(authentication, old, REMOVED, reason))
    reason = "Dexto 1.2.5 requires agentCard.description; before it, this was the default"
    write_out_default(document, result, CARD, "description", OLD_CARD_DESCRIPTION, reason)
    return result


def _write_out_manual_default(document: EditableDocument) -> StepResult:
    """Name the approval mode the file's release defaulted to, where the file names none."""
    result = StepResult()
    write_out_default(document, result, (), "toolConfirmation", MANUAL, _DEFAULT_REASON)
    write_out_default(document, result, CONFIRMATION, "mode", "manual", _DEFAULT_REASON)
    return result
