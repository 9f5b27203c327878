"""Lines in a text: where one starts and ends, its indentation, its line ending.

Line breaks are `\\r\\n`, `\\r` or `\\n`, as YAML reads them; positions are
character offsets into the text.
"""

from __future__ import annotations

import re

BREAK_RE = re.compile(r"\r\n|\r|\n")
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|\Z)")


def line_start(text: str, position: int) -> int:
    """The start of the line holding `position`."""
    return max(text.rfind("\n", 0, position), text.rfind("\r", 0, position)) + 1


def line_end(text: str, position: int) -> int:
    """Where the line holding `position` ends, before its line break."""
    found = BREAK_RE.search(text, position)
    return found.start() if found else len(text)


def next_line_start(text: str, position: int) -> int:
    """The start of the line after the one holding `position` (or the end of the text)."""
    found = BREAK_RE.search(text, max(position, 0))
    return found.end() if found else len(text)


def line_ending_near(text: str, position: int) -> str:
    """The first line ending at or after `position`, else the text's first, else `\\n`."""
    found = BREAK_RE.search(text, position) or BREAK_RE.search(text)
    return found.group() if found else "\n"


def last_visible_end(text: str, start: int, end: int) -> int:
    """`end` moved back over the whitespace that ends `text[start:end]`."""
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def ends_with_break(text: str) -> bool:
    """True when the text's last line is terminated."""
    return text.endswith(("\n", "\r"))


def only_indent_before(text: str, position: int) -> bool:
    """True when only spaces and tabs precede `position` on its line."""
    return not text[line_start(text, position) : position].strip(" \t")


def indentation(text: str, position: int) -> str:
    """The indentation a line starting at `position`'s column needs (`- ` counts as spaces)."""
    start = line_start(text, position)
    prefix = text[start:position]
    return prefix if not prefix.strip(" \t") else " " * len(prefix)


def starts_with_line(text: str, line: str) -> bool:
    """True when `line` is the whole first line of `text`."""
    if not text.startswith(line):
        return False
    return len(text) == len(line) or BREAK_RE.match(text, len(line)) is not None


def shifted(text: str, shift: int) -> str:
    """`text` with every non-empty line moved right by `shift` spaces (left when negative).

    Moving left takes off only leading spaces, so a line never loses its text.
    """
    pad = " " * max(shift, 0)
    lines = []
    for line in _LINE_RE.findall(text):
        if line.strip("\r\n"):
            spaces = len(line) - len(line.lstrip(" "))
            line = pad + line[min(max(-shift, 0), spaces) :]
        lines.append(line)
    return "".join(lines)
