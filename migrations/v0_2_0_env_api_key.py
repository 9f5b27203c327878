"""0.2.0: `apiKey: env:NAME` becomes `apiKey: $NAME` (read from Dexto's history, not in DESIGN §13).

saiki 0.1 read an `llm.apiKey` starting with `env:` from that environment
variable; from 0.2.0 the loader expands `$NAME` and `env:NAME` is a literal
key, so the reference is rewritten in the form the later releases expand.
"""

from __future__ import annotations

import re

from dexto_config.migrate.step_api import (
    Change,
    DataPath,
    EditableDocument,
    StepContext,
    StepResult,
)

version = "0.2.0"
summary = "llm.apiKey env:NAME -> $NAME"
breaking = True

API_KEY: DataPath = ("llm", "apiKey")
_ENV_REFERENCE = re.compile(r"\Aenv:([A-Za-z_][A-Za-z0-9_]*)\Z")


def migrate_agent(document: EditableDocument, context: StepContext) -> StepResult:
    """Rewrite an `env:NAME` API key as `$NAME`."""
    result = StepResult()
    key = document.find(API_KEY)
    match = _ENV_REFERENCE.match(key) if isinstance(key, str) else None
    if match is not None:
        new = f"${match.group(1)}"
        document.set_value(API_KEY, new)
        reason = "saiki 0.2.0 reads environment variables as $NAME (env:NAME became a literal)"
        result.changes.append(Change(API_KEY, key, new, reason))
    return result
