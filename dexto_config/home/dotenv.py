"""Reading a `.env` file as the Dexto CLI does (the `dotenv` package, 16.x).

Dexto passes every `.env` it loads through `dotenv.config(...).parsed`: no
variable expansion, the last assignment of a name wins, a value may be
single-, double- or back-quoted (quotes may span lines), and only a
double-quoted value turns `\\n` and `\\r` into line breaks. An unquoted value
ends at `#`.
"""

from __future__ import annotations

import re
from pathlib import Path

# One assignment: `[export] NAME = value` (or `NAME: value`), a quoted value possibly
# spanning lines, then an optional comment. The leading `\s*` may cross blank lines,
# as dotenv's own pattern does.
_ASSIGNMENT = re.compile(
    r"^\s*(?:export\s+)?([A-Za-z0-9_.-]+)(?:\s*=\s*?|:\s+?)"
    r"(\s*'(?:\\'|[^'])*'|\s*\"(?:\\\"|[^\"])*\"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?"
    r"\s*(?:#.*)?$",
    re.MULTILINE,
)
_SURROUNDING_QUOTES = re.compile(r"^(['\"`])([\s\S]*)\1$", re.MULTILINE)


def parse_dotenv(text: str) -> dict[str, str]:
    """The variables `dotenv` reads from `text`, in file order (last assignment wins)."""
    variables: dict[str, str] = {}
    for match in _ASSIGNMENT.finditer(re.sub(r"\r\n?", "\n", text)):
        value = (match.group(2) or "").strip()
        quote = value[:1]
        value = _SURROUNDING_QUOTES.sub(r"\2", value)
        if quote == '"':
            value = value.replace("\\n", "\n").replace("\\r", "\r")
        variables[match.group(1)] = value
    return variables


def read_dotenv(path: Path) -> dict[str, str]:
    """Variables of the `.env` file at `path`; empty when it is missing or unreadable."""
    try:
        raw = path.read_bytes()
    except OSError:
        return {}
    return parse_dotenv(raw.decode("utf-8", "replace"))
