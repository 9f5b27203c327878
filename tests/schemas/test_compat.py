"""Shape extraction and the breaking-change table, on small hand-written schemas."""

from __future__ import annotations

import json
from typing import Any

import pytest

from dexto_config.schemas.compat import ChangeKind, breaking_changes
from dexto_config.schemas.shape import extract_shapes
from tests.conftest import REPO

STRING = {"type": "string"}


def obj(properties: dict[str, Any], required: tuple[str, ...] = (), **extra: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(required), **extra}


def server(kind: str, **fields: Any) -> dict[str, Any]:
    return obj({"type": {"const": kind, "type": "string"}, **fields}, ("type",))


BASE = obj(
    {
        "llm": {"$ref": "#/$defs/LLM"},
        "greeting": {"maxLength": 500, "type": "string"},
        "servers": {
            "type": "object",
            "additionalProperties": {
                "oneOf": [server("stdio", command=STRING), server("http", url=STRING)]
            },
        },
        "tags": {"type": "array", "items": STRING},
        "retries": {"type": "integer"},
    },
    **{
        "$defs": {
            "LLM": obj(
                {"provider": {"enum": ["openai", "anthropic"], "type": "string"}, "model": STRING},
                ("provider",),
            )
        }
    },
)


def changed(path: str, schema: Any) -> dict[str, Any]:
    """BASE with the sub-schema at a JSON-pointer-like `path` replaced (None deletes it)."""
    copy: dict[str, Any] = json.loads(json.dumps(BASE))
    *parents, last = path.split("/")
    node = copy
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if schema is None:
        del node[last]
    else:
        node[last] = schema
    return copy


def kinds_of(new: dict[str, Any]) -> list[tuple[str, ChangeKind]]:
    changes = breaking_changes(extract_shapes(BASE), extract_shapes(new))
    return [(c.path, c.kind) for c in changes]


LLM = "$defs/LLM/properties"
STDIO = "properties/servers/additionalProperties/oneOf/0"


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (changed("properties/greeting", None), [("greeting", ChangeKind.REMOVED_FIELD)]),
        (changed("properties/llm", None), [("llm", ChangeKind.REMOVED_FIELD)]),
        (changed(f"{LLM}/model", {"type": "integer"}), [("llm.model", ChangeKind.CHANGED_TYPE)]),
        (
            changed(f"{LLM}/provider/enum", ["openai"]),
            [("llm.provider", ChangeKind.REMOVED_ENUM_VALUE)],
        ),
        (
            changed(f"{LLM}/model", {"enum": ["a"], "type": "string"}),
            [("llm.model", ChangeKind.STRICTER)],
        ),
        (
            changed("$defs/LLM/required", ["provider", "model"]),
            [("llm.model", ChangeKind.MADE_REQUIRED)],
        ),
        (
            changed("required", ["city"]) | {"properties": {**BASE["properties"], "city": STRING}},
            [("city", ChangeKind.NEW_REQUIRED_FIELD)],
        ),
        (changed("properties/greeting/maxLength", 100), [("greeting", ChangeKind.STRICTER)]),
        (changed("properties/greeting/minLength", 1), [("greeting", ChangeKind.STRICTER)]),
        (
            changed("additionalProperties", False),
            [("", ChangeKind.STRICTER)],
        ),
        (
            changed(f"{STDIO}/properties/command", None),
            [("servers.*(type=stdio).command", ChangeKind.REMOVED_FIELD)],
        ),
        (
            changed("properties/servers/additionalProperties/oneOf", [server("http", url=STRING)]),
            [("servers.*(type=stdio)", ChangeKind.REMOVED_FIELD)],
        ),
        (
            changed("properties/tags/items", {"type": "integer"}),
            [("tags[]", ChangeKind.CHANGED_TYPE)],
        ),
    ],
    ids=[
        "field-removed",
        "section-removed-once",
        "type-changed",
        "enum-value-removed",
        "enum-introduced",
        "optional-made-required",
        "required-field-added",
        "max-length-lowered",
        "min-length-added",
        "made-strict",
        "variant-field-removed",
        "variant-removed-once",
        "item-type-changed",
    ],
)
def test_breaking(new: dict[str, Any], expected: list[tuple[str, ChangeKind]]) -> None:
    assert kinds_of(new) == expected


@pytest.mark.parametrize(
    "new",
    [
        BASE,
        changed("properties/city", STRING),
        changed("properties/city", {"type": "string", "default": "x"}) | {"required": ["city"]},
        changed(f"{LLM}/provider/enum", ["openai", "anthropic", "dexto"]),
        changed("properties/retries", {"type": "number"}),
        changed("properties/greeting/maxLength", 1000),
        changed("properties/greeting", {"type": ["string", "null"]}),
        changed(
            "properties/servers/additionalProperties/oneOf",
            [
                *BASE["properties"]["servers"]["additionalProperties"]["oneOf"],
                server("sse", url=STRING),
            ],
        ),
        changed("$defs/LLM/properties/model", {}),
    ],
    ids=[
        "unchanged",
        "optional-field-added",
        "required-field-with-default-added",
        "enum-value-added",
        "integer-widened-to-number",
        "max-length-raised",
        "null-allowed",
        "variant-added",
        "type-relaxed-to-any",
    ],
)
def test_additive_changes_are_not_breaking(new: dict[str, Any]) -> None:
    assert kinds_of(new) == []


def test_a_new_variant_with_required_fields_is_additive() -> None:
    sse = server("sse", url=STRING, endpoint=STRING) | {"required": ["type", "url", "endpoint"]}
    oneof = [*BASE["properties"]["servers"]["additionalProperties"]["oneOf"], sse]
    assert kinds_of(changed("properties/servers/additionalProperties/oneOf", oneof)) == []


def test_change_description_names_path_and_detail() -> None:
    change = breaking_changes(
        extract_shapes(BASE), extract_shapes(changed(f"{LLM}/provider/enum", ["openai"]))
    )[0]
    assert change.describe() == 'llm.provider: removed enum value ("anthropic")'


def test_real_agent_schema_shapes() -> None:
    schema = json.loads((REPO / "schemas" / "agent-1.5.6.json").read_text(encoding="utf-8"))
    shapes = extract_shapes(schema)
    stdio_command = shapes["mcpServers.*(type=stdio).command"]
    assert stdio_command.required and stdio_command.types == {"string"}
    assert '"anthropic"' in (shapes["llm.provider"].enum or set())
    assert breaking_changes(shapes, extract_shapes(schema)) == []
