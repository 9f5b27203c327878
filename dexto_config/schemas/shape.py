"""The shape of a JSON Schema, flattened to one entry per field path.

`schema check` compares shapes, not schema text: a field is identified by its
path (`llm.provider`, `mcpServers.*(type=stdio).command`, `models[].name`), so
moving a definition or reordering keys changes nothing, while a removed field,
a narrowed type, a removed enum value or a new constraint shows up at its path.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

# Keywords that describe structure or documentation; every other keyword
# restricts the values a field accepts and is kept as a constraint.
_STRUCTURAL_KEYWORDS = frozenset(
    {
        "$ref", "$defs", "$schema", "$id", "$comment", "title", "description", "default",
        "examples", "deprecated", "readOnly", "writeOnly", "type", "enum", "const",
        "properties", "required", "items", "additionalProperties", "anyOf", "oneOf", "allOf",
    }
)  # fmt: skip

Constraint = tuple[str, str]


@dataclass(frozen=True)
class FieldShape:
    """What one field path accepts.

    `types` empty means any type; `enum` None means any value of those types;
    constraints are (keyword, JSON text) pairs such as ("minLength", "1").
    """

    path: str
    types: frozenset[str] = frozenset()
    enum: frozenset[str] | None = None
    required: bool = False
    has_default: bool = False
    constraints: frozenset[Constraint] = field(default_factory=frozenset)

    def merged(self, other: FieldShape) -> FieldShape:
        """The shape of a path reached twice (two union branches): it accepts what either does."""
        any_type = not self.types or not other.types
        either_enum = None if self.enum is None or other.enum is None else self.enum | other.enum
        return replace(
            self,
            types=frozenset() if any_type else self.types | other.types,
            enum=either_enum,
            required=self.required and other.required,
            has_default=self.has_default or other.has_default,
            constraints=self.constraints | other.constraints,
        )


Shapes = dict[str, FieldShape]


def extract_shapes(schema: Mapping[str, Any]) -> Shapes:
    """Every field path of `schema` (the top level is path "") with what it accepts."""
    walker = _Walker(schema.get("$defs", {}))
    walker.visit(schema, "", required=True, has_default=False, refs=())
    return walker.shapes


def json_text(value: Any) -> str:
    """A canonical JSON text for comparing values found in schemas."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


@dataclass
class _Alternative:
    """One branch of a (possibly nested) anyOf/oneOf, with its `$ref` name if it had one."""

    node: Mapping[str, Any]
    ref_name: str | None
    refs: tuple[str, ...]


class _Walker:
    def __init__(self, defs: Mapping[str, Any]) -> None:
        self.defs = defs
        self.shapes: Shapes = {}

    def visit(
        self,
        node: Mapping[str, Any],
        path: str,
        *,
        required: bool,
        has_default: bool,
        refs: tuple[str, ...],
    ) -> None:
        alternatives = list(self._alternatives(node, None, refs))
        self._record(_own_shape(path, alternatives, required=required, has_default=has_default))
        objects = [alt for alt in alternatives if "properties" in alt.node]
        for alt in alternatives:
            self._visit_children(alt, path + _label(alt, objects))

    def _visit_children(self, alt: _Alternative, prefix: str) -> None:
        node = alt.node
        required_names = set(node.get("required", ()))
        for name, child in node.get("properties", {}).items():
            self.visit(
                child,
                _join(prefix, name),
                required=name in required_names,
                has_default="default" in child,
                refs=alt.refs,
            )
        additional = node.get("additionalProperties")
        if isinstance(additional, Mapping):
            self.visit(
                additional, _join(prefix, "*"), required=False, has_default=False, refs=alt.refs
            )
        items = node.get("items")
        if isinstance(items, Mapping):
            self.visit(items, prefix + "[]", required=False, has_default=False, refs=alt.refs)

    def _alternatives(
        self, node: Mapping[str, Any], ref_name: str | None, refs: tuple[str, ...]
    ) -> Iterator[_Alternative]:
        ref = node.get("$ref")
        if isinstance(ref, str):
            name = ref.rsplit("/", 1)[-1]
            if name in refs:
                # A recursive definition: its fields were recorded on the way in.
                yield _Alternative({}, name, refs)
                return
            yield from self._alternatives(self.defs.get(name, {}), name, (*refs, name))
            return
        branches = [*node.get("anyOf", ()), *node.get("oneOf", ())]
        if not branches:
            yield _Alternative(node, ref_name, refs)
            return
        for branch in branches:
            yield from self._alternatives(branch, None, refs)

    def _record(self, shape: FieldShape) -> None:
        known = self.shapes.get(shape.path)
        self.shapes[shape.path] = shape if known is None else known.merged(shape)


def _own_shape(
    path: str, alternatives: list[_Alternative], *, required: bool, has_default: bool
) -> FieldShape:
    shape: FieldShape | None = None
    for alt in alternatives:
        one = FieldShape(
            path,
            types=_types(alt.node),
            enum=_enum(alt.node),
            required=required,
            has_default=has_default,
            constraints=_constraints(alt.node),
        )
        shape = one if shape is None else shape.merged(one)
    return shape if shape is not None else FieldShape(path, required=required)


def _types(node: Mapping[str, Any]) -> frozenset[str]:
    declared = node.get("type")
    if isinstance(declared, str):
        return frozenset({declared})
    if isinstance(declared, list):
        return frozenset(str(t) for t in declared)
    if "properties" in node or "additionalProperties" in node:
        return frozenset({"object"})
    return frozenset()


def _enum(node: Mapping[str, Any]) -> frozenset[str] | None:
    if "const" in node:
        return frozenset({json_text(node["const"])})
    if "enum" in node:
        return frozenset(json_text(value) for value in node["enum"])
    return None


def _constraints(node: Mapping[str, Any]) -> frozenset[Constraint]:
    found = {
        (key, json_text(value)) for key, value in node.items() if key not in _STRUCTURAL_KEYWORDS
    }
    if node.get("additionalProperties") is False:
        found.add(("additionalProperties", "false"))
    found.update(("allOf", json_text(rule)) for rule in node.get("allOf", ()))
    return frozenset(found)


def _label(alt: _Alternative, objects: list[_Alternative]) -> str:
    """The path segment telling apart the object variants of one field.

    A variant with a string constant (`type: stdio`) is always labelled by it, so
    that adding or removing a sibling variant leaves its paths unchanged.
    """
    for name, child in alt.node.get("properties", {}).items():
        if isinstance(child, Mapping) and isinstance(child.get("const"), str):
            return f"({name}={child['const']})"
    if len(objects) < 2 or alt not in objects:
        return ""
    return f"({alt.ref_name})" if alt.ref_name else f"(#{objects.index(alt) + 1})"


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name
