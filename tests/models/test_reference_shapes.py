"""Our models' shapes against the JSON Schema dumps of Dexto's Zod schemas.

Every property path and every enum of Dexto's dumps must be in our exported
schema and vice versa (unions are flattened: a path belongs to any variant).
Skips when ../shared is absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dexto_config.kinds import FileKind
from dexto_config.models import json_schema

Shape = dict[str, frozenset[str]]
"""Property path -> the enum values allowed there (empty when not an enum)."""


def flatten(schema: dict[str, Any]) -> Shape:
    """Every property path of `schema`, with `*` for map values and `[]` for list items."""
    shape: dict[str, set[str]] = {}
    _walk(schema, schema, "", shape)
    return {path: frozenset(values) for path, values in shape.items()}


def _resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = root
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[int(part)] if isinstance(target, list) else target[part]
        node = target
    return node


def _walk(
    root: dict[str, Any],
    node: dict[str, Any],
    path: str,
    shape: dict[str, set[str]],
) -> None:
    node = _resolve(root, node)
    values = shape.setdefault(path, set())
    values.update(str(v) for v in node.get("enum", []))
    for union in ("anyOf", "oneOf", "allOf"):
        for member in node.get(union, []):
            _walk(root, member, path, shape)
    for key, child in node.get("properties", {}).items():
        _walk(root, child, f"{path}.{key}" if path else key, shape)
    extra = node.get("additionalProperties", False)
    if extra is True or isinstance(extra, dict):  # `{}` and `true` both mean "any value"
        _walk(root, extra if isinstance(extra, dict) else {}, f"{path}.*", shape)
    if isinstance(node.get("items"), dict):
        _walk(root, node["items"], f"{path}[]", shape)


def _without_root(shape: Shape) -> Shape:
    return {path: values for path, values in shape.items() if path}


CASES = [
    pytest.param(FileKind.AGENT, version, "agent-config", id=f"agent-{version}")
    for version in ("1.5.4", "1.5.6")
] + [
    pytest.param(FileKind.PREFERENCES, version, "preferences", id=f"preferences-{version}")
    for version in ("1.5.4", "1.5.6")
]


@pytest.mark.parametrize(("kind", "version", "dump"), CASES)
def test_shape_matches_dexto_dump(
    shared_dir: Path, kind: FileKind, version: str, dump: str
) -> None:
    reference = json.loads(
        (shared_dir / "reference" / f"dexto-{version}" / f"{dump}.schema.json").read_text()
    )
    theirs = _without_root(flatten(reference))
    ours = _without_root(flatten(json_schema(kind, version)))
    assert sorted(set(theirs) - set(ours)) == [], "paths missing from our models"
    assert sorted(set(ours) - set(theirs)) == [], "paths Dexto does not have"
    assert {p: v for p, v in ours.items() if v != theirs[p]} == {}, "enums differ"
