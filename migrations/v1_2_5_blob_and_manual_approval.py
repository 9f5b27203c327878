"""1.2.5: `storage.blob` loses its default; approval mode `event-based` is gone (DESIGN §13).

Up to 1.2.4 a `storage` without `blob` stored blobs locally (`{type: local}`);
from 1.2.5 `blob` is required there, so the old default is written out. The
approval mode `event-based` (approvals answered through the UI's events) is
what 1.2.5 calls `manual`.
"""

from __future__ import annotations

from dexto_config.migrate.step_api import (
    Change,
    DataPath,
    EditableDocument,
    StepContext,
    StepResult,
)

version = "1.2.5"
summary = "storage without blob gets blob: {type: local}; toolConfirmation event-based -> manual"
breaking = True

STORAGE: DataPath = ("storage",)
MODE: DataPath = ("toolConfirmation", "mode")
LOCAL_BLOB = {"type": "local"}


def migrate_agent(document: EditableDocument, context: StepContext) -> StepResult:
    """Write out the old blob default and rename the event-based approval mode."""
    result = StepResult()
    storage = document.find(STORAGE)
    if isinstance(storage, dict) and "blob" not in storage:
        document.add_key(STORAGE, "blob", LOCAL_BLOB)
        reason = "Dexto 1.2.5 requires storage.blob; before it, blobs were stored locally"
        result.changes.append(Change((*STORAGE, "blob"), None, LOCAL_BLOB, reason))
    if document.find(MODE) == "event-based":
        document.set_value(MODE, "manual")
        reason = "Dexto 1.2.5 renamed the approval mode event-based to manual"
        result.changes.append(Change(MODE, "event-based", "manual", reason))
    return result
