"""Dexto's agent registries, checked as strictly as Dexto parses them.

Dexto rejects a whole registry for one unknown key in an entry (a `bundledHash`,
say). Two shapes exist:
- the installed registry `~/.dexto/agents/registry.json`, which Dexto writes and
  reads at every release (from 1.8.0 a project's `agents/registry.json` has the
  same shape plus a few keys): `{"agents": [entry, ...]}`;
- the agent-registry form of Dexto's bundled `agent-registry.json` and of
  `~/.dexto/user-agent-registry.json`: `{"version": ..., "agents": {"<id>": entry}}`.
  Dexto fills a missing `id`, `name` and `version` and ignores other top-level
  keys; from 1.6.1 an entry may say `enabled`, and one with `enabled: false` is
  skipped unread. An `agent-registry.json` without this shape is a project
  registry, as in Dexto.
"""

from __future__ import annotations

from pathlib import Path

from dexto_config.models.issues import IssueKind, SchemaIssue
from dexto_config.models.translate import describe
from dexto_config.records import Record
from dexto_config.versions import version_key
from dexto_config.yamlio.fast import DataPath

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

INSTALLED_REGISTRY_NAME = "registry.json"
ENABLED_SINCE = "1.6.1"
PROJECT_KEYS_SINCE = "1.8.0"
_AGENT_TYPES = ("builtin", "custom")


class _Field(Record):
    """One key of a strict object: the value it takes, and the first release that knows it."""

    name: str
    value: str  # "string", "boolean", "strings", "agent-type" or "any" (Dexto fills it in)
    required: bool = False
    since: str | None = None


_INSTALLED_TOP = (
    _Field("agents", "list", required=True),
    _Field("primaryAgent", "string", since=PROJECT_KEYS_SINCE),
    _Field("allowGlobalAgents", "boolean", since=PROJECT_KEYS_SINCE),
)
_INSTALLED_ENTRY = (
    _Field("id", "string", required=True),
    _Field("name", "string", required=True),
    _Field("description", "string", required=True),
    _Field("configPath", "string", required=True),
    _Field("author", "string"),
    _Field("tags", "strings"),
    _Field("parentAgentId", "string", since=PROJECT_KEYS_SINCE),
)
_CATALOG_ENTRY = (
    _Field("id", "any"),
    _Field("name", "any"),
    _Field("description", "string", required=True),
    _Field("author", "string", required=True),
    _Field("tags", "strings", required=True),
    _Field("source", "string", required=True),
    _Field("main", "string"),
    _Field("enabled", "boolean", since=ENABLED_SINCE),
    _Field("type", "agent-type"),
)


def registry_issues(data: dict[str, Any], path: Path, release: str) -> list[SchemaIssue]:
    """What Dexto at `release` rejects in the registry `data` read from `path`."""
    agents = data.get("agents")
    if path.name != INSTALLED_REGISTRY_NAME and isinstance(agents, dict):
        return [
            issue
            for agent_id, entry in agents.items()
            if isinstance(entry, dict) and _read_by(entry, release)
            for issue in _object_issues(entry, ("agents", agent_id), _CATALOG_ENTRY, release)
        ]
    issues = _object_issues(data, (), _INSTALLED_TOP, release)
    if isinstance(agents, list):
        for index, entry in enumerate(agents):
            where: DataPath = ("agents", index)
            if isinstance(entry, dict):
                issues += _object_issues(entry, where, _INSTALLED_ENTRY, release)
            else:
                issues.append(_wrong_value(where, "entry", entry))
    return issues


def _read_by(entry: dict[str, Any], release: str) -> bool:
    """False for an entry Dexto skips: `enabled: false` from the release that knows `enabled`."""
    return not (entry.get("enabled") is False and _knows(release, ENABLED_SINCE))


def _object_issues(
    data: dict[str, Any], where: DataPath, fields: tuple[_Field, ...], release: str
) -> list[SchemaIssue]:
    known = {field.name: field for field in fields if _knows(release, field.since)}
    issues: list[SchemaIssue] = []
    for key, value in data.items():
        field = known.get(key)
        if field is None:
            message = (
                f"unknown key '{key}' in {_where(where)}: Dexto {release} rejects "
                "the whole registry for it; remove the key"
            )
            issue = SchemaIssue((*where, key), message, "unrecognized_keys", IssueKind.UNKNOWN_KEY)
            issues.append(issue)
        elif not _fits(field.value, value):
            issues.append(_wrong_value((*where, key), field.value, value))
    for field in known.values():
        if field.required and field.name not in data:
            message = f"missing required key '{field.name}' in {_where(where)}"
            issues.append(SchemaIssue(where, message, "invalid_type", IssueKind.MISSING_KEY))
    return issues


_EXPECTED = {
    "string": "a string",
    "boolean": "a boolean",
    "list": "a list of agent entries",
    "strings": "a list of strings",
    "agent-type": "one of builtin, custom",
    "entry": "an agent entry (a mapping)",
}


def _fits(expected: str, value: Any) -> bool:
    if expected == "string":
        return isinstance(value, str)
    if expected == "boolean":
        return isinstance(value, bool)
    if expected == "list":
        return isinstance(value, list)
    if expected == "strings":
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    if expected == "agent-type":
        return value in _AGENT_TYPES
    return True


def _wrong_value(where: DataPath, expected: str, value: Any) -> SchemaIssue:
    got = repr(value) if isinstance(value, str) else describe(value)
    message = f"{_where(where)}: expected {_EXPECTED[expected]}, got {got}"
    return SchemaIssue(where, message, "invalid_type")


def _knows(release: str, since: str | None) -> bool:
    return since is None or version_key(release) >= version_key(since)


def _where(path: DataPath) -> str:
    text = "the registry" if not path else ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
