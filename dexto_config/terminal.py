"""Making any value safe to print as text on a terminal or in a CI log.

Values in text output come from the files being checked (keys, model IDs,
paths, parser messages), so they may hold a newline followed by a GitHub
workflow command (`::error file=…::`) or ESC/OSC sequences that a terminal
would obey. Every text reporter passes each value through `escape_text`, so
no line of text output can begin with `::` and no control character reaches
the terminal.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the
# bidirectional overrides that can make a line read differently than it is.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_WORKFLOW_COMMAND = "::"


def escape_text(value: str) -> str:
    """`value` with control characters shown as escapes (`\\n`, `\\x1b`) and a leading `::` broken.

    Plain text is returned unchanged.
    """
    escaped = _UNSAFE.sub(_visible, value)
    if escaped.startswith(_WORKFLOW_COMMAND):
        escaped = "\\x3a" + escaped[1:]
    return escaped


def escape_lines(text: str) -> str:
    """`text` made safe line by line: each line escaped, its `\n` line breaks kept."""
    return "\n".join(escape_text(line) for line in text.split("\n"))


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
