"""The parts of `agents/registry.json` the hook relies on: bundled agents and their hashes.

Accepted shapes: `{"agents": [{"id": ..., "bundledHash": ...}, ...]}` or
`{"agents": {"<id>": {"bundledHash": ...}, ...}}`. An agent with a
`bundledHash` is a bundled agent installed at `agents/<id>/<id>.yml`; the
hash is the lower-case hex SHA-256 of that file as Dexto installed it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

HASH_FIELD = "bundledHash"
_HASH_RE = re.compile(r"\A[0-9a-f]{64}\Z")
_ID_RE = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9._-]*\Z")


class RegistryError(Exception):
    """registry.json is not JSON or not the shape described above."""


@dataclass(frozen=True, slots=True)
class BundledAgent:
    """A bundled agent: its id, its home-relative file, and the hash it was installed with."""

    agent_id: str
    rel: str
    bundled_hash: str

    @property
    def bundled_rel(self) -> str:
        """Where its new version lives inside a `--bundled-dir`."""
        return f"{self.agent_id}/{self.agent_id}.yml"


def bundled_agents(raw: bytes) -> dict[str, BundledAgent]:
    """Bundled agents recorded in a registry, keyed by home-relative file path."""
    found: dict[str, BundledAgent] = {}
    for agent_id, entry in _entries(_load(raw)):
        digest = entry.get(HASH_FIELD)
        if isinstance(digest, str) and _HASH_RE.match(digest) and _ID_RE.match(agent_id):
            agent = BundledAgent(agent_id, f"agents/{agent_id}/{agent_id}.yml", digest)
            found[agent.rel] = agent
    return found


def with_bundled_hashes(raw: bytes, new_hashes: Mapping[str, str]) -> bytes:
    """`raw` with the `bundledHash` of each agent id in `new_hashes` replaced.

    Each old hash that occurs exactly once in the text is swapped in place, so
    the file keeps its formatting byte for byte; otherwise the JSON is written
    again with the indentation it had.
    """
    data = _load(raw)
    text = raw.decode("utf-8")
    entries = dict(_entries(data))
    in_place = True
    for agent_id, digest in new_hashes.items():
        old = entries[agent_id][HASH_FIELD]
        if text.count(f'"{old}"') == 1:
            text = text.replace(f'"{old}"', f'"{digest}"')
        else:
            in_place = False
        entries[agent_id][HASH_FIELD] = digest
    if in_place:
        return text.encode("utf-8")
    return _dump_like(data, raw)


def _load(raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise RegistryError(f"registry.json is not valid JSON: {error}") from error
    if not isinstance(data, dict):
        raise RegistryError("registry.json: the top level is not an object")
    return data


def _entries(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    agents = data.get("agents")
    if isinstance(agents, dict):
        return [(str(k), v) for k, v in agents.items() if isinstance(v, dict)]
    if isinstance(agents, list):
        return [
            (entry["id"], entry)
            for entry in agents
            if isinstance(entry, dict) and isinstance(entry.get("id"), str)
        ]
    return []


def _dump_like(data: dict[str, Any], raw: bytes) -> bytes:
    lines = raw.decode("utf-8-sig").splitlines()
    second = lines[1] if len(lines) > 1 else ""
    indent = len(second) - len(second.lstrip(" ")) or 2
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    return (text + ("\n" if raw.endswith(b"\n") else "")).encode("utf-8")
