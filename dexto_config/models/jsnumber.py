"""JavaScript's `Number()` conversion, as Zod's `z.coerce.number()` applies it.

Dexto coerces `llm` number fields and MCP server `timeout` this way, so
`"0.5"`, `true`, `"0x10"` and `[5]` are numbers there, and `""` and `[]` are 0.
"""

from __future__ import annotations

import math
import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# JavaScript's StrWhiteSpaceChar: WhiteSpace and LineTerminator code points.
_JS_WHITESPACE = (
    "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
_DECIMAL_RE = re.compile(r"\A[+-]?(?:Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\Z")
_RADIX_RE = re.compile(r"\A0(?:[xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)\Z")
_RADIX = {"x": 16, "o": 8, "b": 2}


def js_number(value: Any) -> float | int:
    """`Number(value)` for data parsed from YAML or JSON; NaN when JavaScript gives NaN."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    if value is None:
        return 0
    if isinstance(value, str):
        return string_to_number(value)
    if isinstance(value, list):
        return string_to_number(_array_to_string(value))
    return math.nan


def string_to_number(text: str) -> float | int:
    """JavaScript's StringToNumber: trimmed, empty is 0, otherwise a numeric literal or NaN."""
    text = text.strip(_JS_WHITESPACE)
    if text == "":
        return 0
    if _RADIX_RE.match(text):
        return int(text[2:], _RADIX[text[1].lower()])
    if not _DECIMAL_RE.match(text):
        return math.nan
    return float(text.replace("Infinity", "inf"))


def _array_to_string(items: list[Any]) -> str:
    """`Array.prototype.toString`: elements joined by commas, null as empty."""
    return ",".join(_element_to_string(item) for item in items)


def _element_to_string(item: Any) -> str:
    if item is None:
        return ""
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, list):
        return _array_to_string(item)
    if isinstance(item, dict):
        return "[object Object]"
    if isinstance(item, float) and item.is_integer():
        return str(int(item))
    return str(item)
