"""The one reader of JSON input: `JSON.parse` semantics within size, depth and number limits.

Every JSON file the tool reads (custom models, the agent registry, `auth.json`,
its own state, journal and backup manifests) goes through `read_json`, so a
hostile or damaged file is a positioned error instead of a RecursionError or
Python's integer-string limit deep inside a command. Import-light: the hook's
fast path reads its state with it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from dexto_config.yamlio.text import decode

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Far beyond any real configuration file; the 5 MB systemPrompt benchmark fits easily.
MAX_INPUT_BYTES = 32 * 1024 * 1024
# Nesting levels of lists and objects (the YAML reader allows as many).
MAX_DEPTH = 100
# Python refuses to convert longer digit strings (sys.get_int_max_str_digits()).
MAX_INT_DIGITS = 4300

_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_LONG_INT = re.compile(rf"-?[0-9]{{{MAX_INT_DIGITS + 1},}}")


class JsonLimitError(json.JSONDecodeError):
    """Well-formed or not, the input is beyond what the tool reads: too large, deep or long."""


def read_json(data: str | bytes, *, parse_constant: Callable[[str], Any] | None = None) -> Any:
    """Parse `data` like `JSON.parse`; JsonLimitError (a JSONDecodeError) beyond the limits.

    Bytes are decoded as Dexto reads a file (`yamlio.text.decode`): a BOM is
    kept, so it is refused as `JSON.parse` refuses it.
    """
    text = decode(data) if isinstance(data, bytes) else data
    if len(data) > MAX_INPUT_BYTES:
        raise JsonLimitError(f"larger than {MAX_INPUT_BYTES // 2**20} MiB", text, 0)
    _check_depth(text)
    try:
        return json.loads(text, parse_constant=parse_constant)
    except json.JSONDecodeError:
        raise
    except ValueError as error:
        if "integer string conversion" not in str(error):
            raise
        found = _LONG_INT.search(text)
        position = found.start() if found is not None else 0
        message = f"a number longer than {MAX_INT_DIGITS} digits"
        raise JsonLimitError(message, text, position) from error


def _check_depth(text: str) -> None:
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    depth = 0
    for token in _TOKENS.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise JsonLimitError(
                    f"nested more than {MAX_DEPTH} levels deep", text, token.start()
                )
        elif char in "]}":
            depth -= 1
