"""Rendering values as YAML or JSON text that parses back to the same value.

A YAML scalar (`render_yaml`) is checked by parsing it back with `fast.parse`
(YAML 1.2 semantics), so a style is only used when it round-trips; a JSON
scalar (`render_json`) is written by JSON's own rules. `render_flow` writes
lists and mappings on one line from those scalars.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from dexto_config.yamlio.fast import YamlSyntaxError, parse

Scalar = str | int | float | bool | None

PLAIN = ""
SINGLE_QUOTED = "'"
DOUBLE_QUOTED = '"'

# YAML 1.1 readers (PyYAML, older tools) take these as booleans; quoting them
# keeps the file unambiguous although YAML 1.2 reads them as strings.
_YAML11_BOOLEANS = frozenset(["y", "yes", "n", "no", "on", "off", "true", "false"])
_PLAIN_FIRST_FORBIDDEN = frozenset("-?:,[]{}#&*!|>'\"%@` \t")
_FLOW_INDICATORS = frozenset(",[]{}")
_PRINTABLE_RE = re.compile(
    "\\A[\\t\\x20-\\x7e\\u00a0-\\u2027\\u202a-\\ud7ff\\ue000-\\ufefe\\uff00-\\ufffd"
    "\\U00010000-\\U0010ffff]*\\Z"
)
_ESCAPE_IN_DOUBLE_RE = re.compile("[\\x7f-\\x9f\\u2028\\u2029\\ufeff\\ufffe\\uffff]")
_SURROGATE_RE = re.compile("[\\ud800-\\udfff]")


class UnrenderableValue(ValueError):
    """A value that cannot be written as a scalar of the requested kind."""


def render_yaml(value: Scalar, *, style: str, in_flow: bool) -> str:
    """YAML text for `value`, keeping `style` (plain, ' or ") when it round-trips."""
    _check_type(value)
    if not isinstance(value, str):
        return _plain_non_string(value)
    if _SURROGATE_RE.search(value):
        raise UnrenderableValue("a string with unpaired surrogates cannot be encoded as UTF-8")
    candidates: list[str] = []
    if style == PLAIN and _may_be_plain(value, in_flow=in_flow):
        candidates.append(value)
    if style in (PLAIN, SINGLE_QUOTED) and _PRINTABLE_RE.match(value):
        candidates.append(_single_quoted(value))
    candidates.append(double_quoted(value))
    for text in candidates:
        if _round_trips(text, value, in_flow=in_flow):
            return text
    raise UnrenderableValue(f"no YAML scalar style round-trips {value!r}")


def render_json(value: Scalar) -> str:
    """JSON text for `value` (strings double-quoted; no NaN or infinity)."""
    _check_type(value)
    if isinstance(value, float) and not math.isfinite(value):
        raise UnrenderableValue(f"JSON cannot represent {value!r}")
    if isinstance(value, str):
        if _SURROGATE_RE.search(value):
            raise UnrenderableValue("a string with unpaired surrogates cannot be encoded as UTF-8")
        return double_quoted(value)
    return _plain_non_string(value)


def render_flow(value: Any, *, as_json: bool) -> str:
    """One-line flow text (`{type: x, enabledTools: [a, b]}`) for scalars, lists and mappings.

    With `as_json` every scalar is JSON, so the text is valid in a JSON file too.
    """
    if isinstance(value, dict):
        entries = (
            f"{render_flow(key, as_json=as_json)}: {render_flow(item, as_json=as_json)}"
            for key, item in value.items()
        )
        return "{" + ", ".join(entries) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(render_flow(item, as_json=as_json) for item in value) + "]"
    if as_json:
        return render_json(value)
    return render_yaml(value, style=PLAIN, in_flow=True)


def double_quoted(value: str) -> str:
    """A double-quoted scalar valid in both JSON and YAML (JSON escapes, YAML-safe)."""
    text = json.dumps(value, ensure_ascii=False)
    return _ESCAPE_IN_DOUBLE_RE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _check_type(value: object) -> None:
    if value is not None and not isinstance(value, str | int | float | bool):
        raise UnrenderableValue(f"only scalars can be written, not {type(value).__name__}")


def _plain_non_string(value: int | float | bool | None) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    return repr(value)


def _may_be_plain(value: str, *, in_flow: bool) -> bool:
    if not value or value[0] in _PLAIN_FIRST_FORBIDDEN or value[-1] in " \t:":
        return False
    if "\t" in value or ": " in value or " #" in value or not _PRINTABLE_RE.match(value):
        return False
    if in_flow and (":" in value or any(char in _FLOW_INDICATORS for char in value)):
        return False
    return value.lower() not in _YAML11_BOOLEANS


def _single_quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _round_trips(text: str, value: str, *, in_flow: bool) -> bool:
    document = f"[{text}]" if in_flow else f"- {text}"
    try:
        parsed = parse(document).data
    except YamlSyntaxError:
        return False
    return isinstance(parsed, list) and len(parsed) == 1 and parsed[0] == value
