"""What Dexto does to an agent file's data before its schema sees it.

Dexto's pipeline (DESIGN §3.1): `loadAgentConfig` (a JSON round trip, so
`.inf`/`.nan` become null, and `${{dexto.agent_dir}}` expansion with a
path-escape check), `cleanNullValues` (null mapping values dropped; nulls
inside lists stay), then `enrichAgentConfig` (agent id, default logger,
storage defaults and the sqlite path) before the strict schema check.
"""

from __future__ import annotations

import math
import posixpath
import re
from pathlib import Path, PurePath

from dexto_config.models.issues import SchemaIssue
from dexto_config.records import Record
from dexto_config.yamlio.fast import DataPath

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_TEMPLATE_RES = {
    "agent_dir": re.compile(r"\$\{\{\s*dexto\.agent_dir\s*\}\}"),
    "project_dir": re.compile(r"\$\{\{\s*dexto\.project_dir\s*\}\}"),
}
# Stands in for the agent's folder when the caller gives no file path.
_DEFAULT_AGENT_DIR = "/agent"
# `${{dexto.project_dir}}` is the context's `.dexto` folder (the project's, or
# ~/.dexto for the global CLI): only the escape check depends on it, and that
# check is relative to the folder itself.
_PROJECT_DIR = "/project/.dexto"
_LOG_FILE_SIZE = 10 * 1024 * 1024
_LOG_FILES = 5


class LoadedAgent(Record):
    """Agent data as Dexto's schema would receive it, or the loader's errors."""

    data: Any
    issues: list[SchemaIssue]


def load_agent(
    data: Any, source_path: Path | None, *, expand_project_dir: bool = False
) -> LoadedAgent:
    """Apply Dexto's loader, null cleaning and enrichment to parsed agent data.

    `expand_project_dir`: the loader also expands `${{dexto.project_dir}}` (1.6.0 on).
    """
    roots = {"agent_dir": _agent_dir(source_path)}
    if expand_project_dir:
        roots["project_dir"] = _PROJECT_DIR
    issues: list[SchemaIssue] = []
    loaded = _Loader(roots, issues).load(data, ())
    if issues:
        return LoadedAgent(data, issues)
    if isinstance(loaded, dict):
        loaded = enrich_agent(loaded, source_path)
    return LoadedAgent(loaded, [])


def _agent_dir(source_path: Path | None) -> str:
    if source_path is None:
        return _DEFAULT_AGENT_DIR
    return posixpath.normpath(Path(source_path).absolute().parent.as_posix())


class _Loader:
    def __init__(self, roots: dict[str, str], issues: list[SchemaIssue]) -> None:
        self._roots = roots
        self._issues = issues

    def load(self, value: Any, path: DataPath) -> Any:
        if isinstance(value, dict):
            loaded = ((key, self._child(item, path, key)) for key, item in value.items())
            return {key: item for key, item in loaded if item is not None}
        if isinstance(value, list):
            return [self._child(item, path, index) for index, item in enumerate(value)]
        if isinstance(value, float) and (math.isinf(value) or math.isnan(value)):
            return None
        if isinstance(value, str) and "dexto." in value:
            return self._expand(value, path)
        return value

    def _child(self, item: Any, path: DataPath, step: str | int) -> Any:
        # Most values are scalars `load` keeps as they are: no call, no path tuple for them.
        if isinstance(item, (dict, list, float)) or (isinstance(item, str) and "dexto." in item):
            return self.load(item, (*path, step))
        return item

    def _expand(self, text: str, path: DataPath) -> str:
        expanded = text
        used = []
        for name, root in self._roots.items():
            expanded, count = _TEMPLATE_RES[name].subn(root.replace("\\", "\\\\"), expanded)
            if count:
                used.append((name, root))
        for name, root in used:
            if _escapes(expanded, root):
                self._issues.append(_escape_issue(path, name))
                break
        return expanded


def _escape_issue(path: DataPath, name: str) -> SchemaIssue:
    template = "${{dexto." + name + "}}"
    folder = "agent directory" if name == "agent_dir" else "project's .dexto folder"
    return SchemaIssue(
        path,
        f"{template} expansion leaves the {folder}, so Dexto refuses to load the file; "
        f"start the value with {template}/ and stay inside that folder",
        "template_escape",
    )


def _escapes(expanded: str, root: str) -> bool:
    """Node's `path.relative(root, path.resolve(expanded))` leaving `root`.

    A relative result resolves against the working directory, which is not
    inside the agent's folder, so it escapes too.
    """
    if not expanded.startswith("/"):
        return True
    # Node's check is a plain prefix test, so a name such as `..notes` escapes too.
    return posixpath.relpath(posixpath.normpath(expanded), root).startswith("..")


def derive_agent_id(config: dict[str, Any], source_path: Path | None) -> str:
    """Dexto's `deriveAgentId`: agentCard.name sanitised, else the file's stem, else a default."""
    card = config.get("agentCard")
    name = card.get("name") if isinstance(card, dict) else None
    if isinstance(name, str) and name:
        sanitised = re.sub(r"-+", "-", re.sub(r"[^a-z0-9\-_]", "-", name.lower())).strip("-")
        if sanitised:
            return sanitised
    if source_path is not None:
        stem = PurePath(source_path).stem
        if stem and stem not in ("agent", "config"):
            return stem
    return "coding-agent"


def enrich_agent(config: dict[str, Any], source_path: Path | None) -> dict[str, Any]:
    """Dexto's `enrichAgentConfig` in headless mode, without prompt discovery."""
    agent_id = derive_agent_id(config, source_path)
    enriched = {**config, "agentId": agent_id}
    log_path = f"~/.dexto/logs/{agent_id}.log"
    db_path = f"~/.dexto/database/{agent_id}.db"
    blob_path = f"~/.dexto/blobs/{agent_id}"
    if not js_truthy(config.get("logger")):
        enriched["logger"] = {
            "level": "error",
            "transports": [
                {"type": "console", "colorize": True},
                {
                    "type": "file",
                    "path": log_path,
                    "maxSize": _LOG_FILE_SIZE,
                    "maxFiles": _LOG_FILES,
                },
            ],
        }
    storage = config.get("storage")
    if not js_truthy(storage):
        enriched["storage"] = {
            "cache": {"type": "in-memory"},
            "database": {"type": "sqlite", "path": db_path},
            "blob": {"type": "local", "storePath": blob_path},
        }
    elif isinstance(storage, dict):
        enriched["storage"] = _enrich_storage(storage, db_path, blob_path)
    return enriched


def _enrich_storage(storage: dict[str, Any], db_path: str, blob_path: str) -> dict[str, Any]:
    enriched = dict(storage)
    database = storage.get("database")
    if isinstance(database, dict) and database.get("type") == "sqlite":
        enriched["database"] = {**database, "path": _or(database.get("path"), db_path)}
    blob = storage.get("blob")
    if isinstance(blob, dict) and blob.get("type") == "local":
        enriched["blob"] = {**blob, "storePath": _or(blob.get("storePath"), blob_path)}
    return enriched


def _or(value: Any, fallback: Any) -> Any:
    """JavaScript's `value || fallback`."""
    return value if js_truthy(value) else fallback


def js_truthy(value: Any) -> bool:
    """JavaScript's truthiness of parsed file data."""
    if value is None or value is False or value == "":
        return False
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value != 0 and not math.isnan(value)
    return True
