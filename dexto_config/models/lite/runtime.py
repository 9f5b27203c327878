"""Compiling a generated table into checks that behave as pydantic-core's validators.

A table (`tables/<schema>_<version>.py`) is a tuple of nodes, children
before parents, the root last. Each node becomes a `Check`: it takes a value,
its location and the error list, appends pydantic-shaped error details for
what it refuses (in pydantic-core's order) and returns the validated value,
or FAILED. Locations are built only for errors: a check receives its
location as a chain of `(parent, step)` pairs, `()` at the root.

Nodes (what `generate` writes):
- `("any",)`, `("bool",)`
- `("str", min_length, max_length, pattern)`
- `("int",)`, `("float",)`, and `("bound", name, limit, inner)` after them (`gt`, `ge`, `le`)
- `("literal", values, expected)`: `expected` as pydantic words it
- `("list", item, min_length)`, `("dict", key, value)`
- `("model", name, extra, fields)`: extra is forbid, allow or ignore; each field is
  `(name, alias, check, required, default)`
- `("union", what, key, expected, shapes, skip_disabled, choices)`: choices are
  `(variant, check)` pairs, selected by `checks.union_variant`; RELEASE_MARK in
  `what` stands for the release validated (an image's table serves several)
- `("before", check_name, inner)`, `("after", check_name, inner)`: a function of `checks`
- `("rule", rule_name, inner)`: a function of `rules`, on the model's field values
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from functools import cache

from dexto_config.models import checks, rules
from dexto_config.models.checks import UNION_ERROR, Refusal, UnionInfo, format_message
from dexto_config.models.lite import table_name, table_version
from dexto_config.models.translate import ErrorDetails

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

Loc = tuple["Any", ...]
"""A location chain: `()` or `(parent chain, step)`."""
Errors = list[ErrorDetails]
Check = Callable[["Any", Loc, Errors], "Any"]


class _Failed:
    """The result of a check that refused its value."""


FAILED: Any = _Failed()
_I64 = 2**63


RELEASE_MARK = "{release}"


@cache
def validator(schema: str, version: str) -> Check:
    """The root check of `schema` at `version`, compiled on first use from its table
    (that of `table_version(schema, version)`)."""
    compiled: list[Check] = []
    for node in _nodes(schema, version):
        compiled.append(_COMPILERS[node[0]](node, compiled, version))
    return compiled[-1]


def _nodes(schema: str, version: str) -> tuple[tuple[Any, ...], ...]:
    name = table_name(schema, table_version(schema, version))
    nodes: tuple[tuple[Any, ...], ...] = importlib.import_module(
        f"dexto_config.models.lite.tables.{name}"
    ).NODES
    return nodes


def allowed_keys(schema: str, version: str, parent: tuple[int | str, ...]) -> frozenset[str]:
    """The keys `schema` at `version` allows in the mapping at data path `parent`.

    Every variant of a union on the way counts; empty when no object is there.
    """
    nodes = _nodes(schema, version)
    current = _objects(nodes, len(nodes) - 1)
    for step in parent:
        current = [
            child for index in current for child in _objects(nodes, _child(nodes[index], step))
        ]
    models = [nodes[index] for index in current if nodes[index][0] == "model"]
    return frozenset(field[1] for model in models for field in model[3])


def _objects(nodes: tuple[tuple[Any, ...], ...], index: int | None) -> list[int]:
    """The nodes `index` stands for, through functions and unions: models, lists, dicts."""
    if index is None:
        return []
    node = nodes[index]
    kind = node[0]
    if kind in ("before", "after", "rule"):
        return _objects(nodes, node[2])
    if kind == "bound":
        return _objects(nodes, node[3])
    if kind == "union":
        return [found for _, choice in node[6] for found in _objects(nodes, choice)]
    return [index] if kind in ("model", "list", "dict") else []


def _child(node: tuple[Any, ...], step: int | str) -> int | None:
    kind = node[0]
    if kind == "model" and isinstance(step, str):
        return next((field[2] for field in node[3] if field[1] == step), None)
    if kind == "dict" and isinstance(step, str):
        child: int = node[2]
        return child
    if kind == "list" and isinstance(step, int):
        item: int = node[1]
        return item
    return None


def _location(loc: Loc) -> tuple[int | str, ...]:
    steps: list[int | str] = []
    while loc:
        loc, step = loc
        steps.append(step)
    return tuple(reversed(steps))


def _error(
    kind: str, loc: Loc, value: Any, message: str = "", context: dict[str, Any] | None = None
) -> ErrorDetails:
    detail: dict[str, Any] = {"type": kind, "loc": _location(loc), "msg": message, "input": value}
    if context is not None:
        detail["ctx"] = context
    return detail


def _refused(refusal: Refusal, loc: Loc, value: Any) -> ErrorDetails:
    message = format_message(refusal.message, refusal.context)
    return _error(refusal.error_type, loc, value, message, refusal.context)


def _key_step(key: Any) -> int | str:
    """A mapping key as pydantic-core puts it in a location."""
    if isinstance(key, str):
        return key
    if isinstance(key, int) and -_I64 <= key < _I64:
        return int(key)
    return str(key)


# --- scalars ------------------------------------------------------------------------


def _any(node: tuple[Any, ...], compiled: list[Check], version: str) -> Check:
    def check(value: Any, loc: Loc, errors: Errors) -> Any:
        return value

    return check


def _bool(node: tuple[Any, ...], compiled: list[Check], version: str) -> Check:
    def check(value: Any, loc: Loc, errors: Errors) -> Any:
        if value is True or value is False:
            return value
        errors.append(_error("bool_type", loc, value))
        return FAILED

    return check


def python_pattern(pattern: str) -> re.Pattern[str]:
    """`pattern` as pydantic-core's Rust regex reads it: `$` ends the text, not a last line."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _str(node: tuple[Any, ...], compiled: list[Check], version: str) -> Check:
    _, min_length, max_length, pattern = node
    regex = python_pattern(pattern) if pattern is not None else None

    def check(value: Any, loc: Loc, errors: Errors) -> Any:
        if not isinstance(value, str):
            errors.append(_error("string_type", loc, value))
            return FAILED
        if min_length is not None and len(value) < min_length:
            errors.append(_error("string_too_short", loc, value, "", {"min_length": min_length}))
            return FAILED
        if max_length is not None and len(value) > max_length:
            errors.append(_error("string_too_long", loc, value, "", {"max_length": max_length}))
            return FAILED
        if regex is not None and regex.search(value) is None:
            errors.append(_error("string_pattern_mismatch", loc, value, "", {"pattern": pattern}))
            return FAILED
        return value

    return check


def _number_type(kind: str, accepts: Callable[[Any], bool]) -> Callable[..., Check]:
    def compile_number(node: tuple[Any, ...], compiled: list[Check], version: str) -> Check:
        def check(value: Any, loc: Loc, errors: Errors) -> Any:
            if accepts(value):
                return value
            errors.append(_error(f"{kind}_type", loc, value))
            return FAILED

        return check

    return compile_number


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_float(value: Any) -> bool:
    return isinstance(value, float) or _is_int(value)


_BOUNDS: dict[str, tuple[str, Callable[[Any, Any], bool]]] = {
    "gt": ("greater_than", lambda value, limit: value > limit),
    "ge": ("greater_than_equal", lambda value, limit: value >= limit),
    "le": ("less_than_equal", lambda value, limit: value <= limit),
}


def _bound(node: tuple[Any, ...], compiled: list[Check], version: str) -> Check:
    _, name, limit, inner_index = node
    error_type, holds = _BOUNDS[name]
    inner = compiled[inner_index]

    def check(value: Any, loc: Loc, errors: Errors) -> Any:
        number = inner(value, loc, errors)
        if number is FAILED:
            return FAILED
        if holds(number, limit):
            return number
        errors.append(_error(error_type, loc, value, "", {name: limit}))
        return FAILED

    return check


def _literal(node: tuple[Any, ...], compiled: list[Check], version: str) -> Check:
    _, values, expected = node
    context = {"expected": expected}

    def check(value: Any, loc: Loc, errors: Errors) -> Any:
        for allowed in values:
            if type(value) is type(allowed) and value == allowed:
                return value
        errors.append(_error("literal_error", loc, value, "", dict(context)))
        return FAILED

    return check


# --- containers ---------------------------------------------------------------------


def _list(node: tuple[Any, ...], compiled: list[Check], version: str) -> Check:
    item, min_length = compiled[node[1]], node[2]

    def check(value: Any, loc: Loc, errors: Errors) -> Any:
        if not isinstance(value, list):
            errors.append(_error("list_type", loc, value))
            return FAILED
        before = len(errors)
        for index, entry in enumerate(value):
            item(entry, (loc, index), errors)
        if len(errors) > before:
            return FAILED
        if min_length is not None and len(value) < min_length:
            context = {"field_type": "List", "min_length": min_length, "actual_length": len(value)}
            errors.append(_error("too_short", loc, value, "", context))
            return FAILED
        return value

    return check


def _dict(node: tuple[Any, ...], compiled: list[Check], version: str) -> Check:
    key_check, value_check = compiled[node[1]], compiled[node[2]]

    def check(value: Any, loc: Loc, errors: Errors) -> Any:
        if not isinstance(value, dict):
            errors.append(_error("dict_type", loc, value))
            return FAILED
        before = len(errors)
        for key, entry in value.items():
            entry_loc = (loc, _key_step(key))
            key_check(key, (entry_loc, "[key]"), errors)
            value_check(entry, entry_loc, errors)
        return FAILED if len(errors) > before else value

    return check


def _model(node: tuple[Any, ...], compiled: list[Check], version: str) -> Check:
    _, name, extra, field_nodes = node
    fields = tuple(
        (field, alias, compiled[index], required, default)
        for field, alias, index, required, default in field_nodes
    )
    aliases = frozenset(alias for _, alias, _, _, _ in fields)
    checks_extra = extra != "ignore"
    forbids = extra == "forbid"
    context = {"class_name": name}

    def check(value: Any, loc: Loc, errors: Errors) -> Any:
        if not isinstance(value, dict):
            errors.append(_error("model_type", loc, value, "", dict(context)))
            return FAILED
        before = len(errors)
        values: dict[str, Any] = {}
        for field, alias, field_check, required, default in fields:
            if alias in value:
                values[field] = field_check(value[alias], (loc, alias), errors)
            elif required:
                errors.append(_error("missing", (loc, alias), value))
            else:
                values[field] = default
        if checks_extra:
            for key, entry in value.items():
                if not isinstance(key, str):
                    message = "Keys should be strings"
                    errors.append(_error("invalid_key", (loc, _key_step(key)), key, message))
                elif forbids and key not in aliases:
                    errors.append(_error("extra_forbidden", (loc, key), entry))
        return FAILED if len(errors) > before else values

    return check


def _union(node: tuple[Any, ...], compiled: list[Check], version: str) -> Check:
    _, what_in_table, key, expected, shapes, skip_disabled, choice_nodes = node
    what = what_in_table.replace(RELEASE_MARK, version)
    info = checks.register_union(UnionInfo(what, key, expected, shapes, skip_disabled))
    choices = {variant: compiled[index] for variant, index in choice_nodes}
    variant_of = checks.union_variant

    def check(value: Any, loc: Loc, errors: Errors) -> Any:
        variant = variant_of(info, value)
        if variant is None:
            errors.append(_error(UNION_ERROR, loc, value, what))
            return FAILED
        return choices[variant](value, loc, errors)

    return check


# --- functions of checks and rules ------------------------------------------------------


def _before(node: tuple[Any, ...], compiled: list[Check], version: str) -> Check:
    function: Callable[[Any], Any] = getattr(checks, node[1])
    inner = compiled[node[2]]

    def check(value: Any, loc: Loc, errors: Errors) -> Any:
        try:
            converted = function(value)
        except Refusal as refusal:
            errors.append(_refused(refusal, loc, value))
            return FAILED
        return inner(converted, loc, errors)

    return check


def _after(node: tuple[Any, ...], compiled: list[Check], version: str) -> Check:
    function: Callable[[Any], Any] = getattr(checks, node[1])
    inner = compiled[node[2]]

    def check(value: Any, loc: Loc, errors: Errors) -> Any:
        validated = inner(value, loc, errors)
        if validated is FAILED:
            return FAILED
        try:
            return function(validated)
        except Refusal as refusal:
            errors.append(_refused(refusal, loc, validated))
            return FAILED

    return check


def _rule(node: tuple[Any, ...], compiled: list[Check], version: str) -> Check:
    rule: Callable[[Any, str | None], None] = getattr(rules, node[1])
    inner = compiled[node[2]]

    def check(value: Any, loc: Loc, errors: Errors) -> Any:
        values = inner(value, loc, errors)
        if values is FAILED:
            return FAILED
        try:
            rule(values, version)
        except Refusal as refusal:
            errors.append(_refused(refusal, loc, value))
            return FAILED
        return values

    return check


_COMPILERS: dict[str, Callable[[tuple[Any, ...], list[Check], str], Check]] = {
    "any": _any,
    "bool": _bool,
    "str": _str,
    "int": _number_type("int", _is_int),
    "float": _number_type("float", _is_float),
    "bound": _bound,
    "literal": _literal,
    "list": _list,
    "dict": _dict,
    "model": _model,
    "union": _union,
    "before": _before,
    "after": _after,
    "rule": _rule,
}
