"""1.1.11: a file contributor's relative `files` are rejected; storage backends split (DESIGN §13).

Before 1.1.11 they were resolved from the config file's folder, which is
what `${{dexto.agent_dir}}` names, so `notes.md` becomes
`${{dexto.agent_dir}}/notes.md`.

Up to 1.1.10 the cache and the database each took any of the four backends;
from 1.1.11 the cache is `in-memory` or `redis` and the database `in-memory`,
`sqlite` or `postgres`. A cache kept in SQLite or Postgres, or a database in
Redis, has no equivalent: the file is refused and a person chooses.
"""

from __future__ import annotations

import re

from dexto_config.migrate.step_api import (
    Change,
    DataPath,
    EditableDocument,
    RefusedMigration,
    StepContext,
    StepResult,
)

version = "1.1.11"
summary = (
    "relative file-contributor paths -> ${{dexto.agent_dir}}/<path>; "
    "a cache in sqlite/postgres or a database in redis refused"
)
breaking = True

CONTRIBUTORS: DataPath = ("systemPrompt", "contributors")
AGENT_DIR = "${{dexto.agent_dir}}"
# Absolute (POSIX or Windows), home-relative, or already templated.
_NOT_RELATIVE = re.compile(r"\A(?:/|\\|~|[A-Za-z]:[\\/]|\$\{\{)")
# Every backend up to 1.1.10 took; what each storage section takes from 1.1.11.
_OLD_BACKENDS = frozenset({"in-memory", "redis", "sqlite", "postgres"})
_BACKENDS = {"cache": ("in-memory", "redis"), "database": ("in-memory", "sqlite", "postgres")}


def migrate_agent(document: EditableDocument, context: StepContext) -> StepResult:
    """Anchor each relative contributor file at the agent's folder; refuse a split backend."""
    _refuse_split_backends(document)
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


def _refuse_split_backends(document: EditableDocument) -> None:
    for section, takes in _BACKENDS.items():
        path = ("storage", section, "type")
        backend = document.find(path)
        if isinstance(backend, str) and backend in _OLD_BACKENDS and backend not in takes:
            raise RefusedMigration(
                f"storage.{section}.type: {backend}: from Dexto 1.1.11 the {section} is kept "
                f"in {' or '.join(takes)} only, and {backend} has no equivalent there; "
                "choose one of them, then migrate again",
                path,
            )
