"""1.1.11: a file contributor's relative `files` are rejected (DESIGN §13).

Before 1.1.11 they were resolved from the config file's folder, which is
what `${{dexto.agent_dir}}` names, so `notes.md` becomes
`${{dexto.agent_dir}}/notes.md`.
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

version = "1.1.11"
summary = "relative file-contributor paths -> ${{dexto.agent_dir}}/<path>"
breaking = True

CONTRIBUTORS: DataPath = ("systemPrompt", "contributors")
AGENT_DIR = "${{dexto.agent_dir}}"
# Absolute (POSIX or Windows), home-relative, or already templated.
_NOT_RELATIVE = re.compile(r"\A(?:/|\\|~|[A-Za-z]:[\\/]|\$\{\{)")


def migrate_agent(document: EditableDocument, context: StepContext) -> StepResult:
    """Anchor each relative contributor file at the agent's folder."""
    result = StepResult()
    contributors = document.find(CONTRIBUTORS)
    for index, contributor in enumerate(contributors if isinstance(contributors, list) else []):
        if not isinstance(contributor, dict) or contributor.get("type") != "file":
            continue
        files = contributor.get("files")
        for number, name in enumerate(files if isinstance(files, list) else []):
            if isinstance(name, str) and name and not _NOT_RELATIVE.match(name):
                path = (*CONTRIBUTORS, index, "files", number)
                new = f"{AGENT_DIR}/{name.removeprefix('./')}"
                document.set_value(path, new)
                reason = "Dexto 1.1.11 rejects relative paths; they were the agent's folder's"
                result.changes.append(Change(path, name, new, reason))
    return result
