"""Inline suppressions: `# dexto-config: ignore[DX101, DX201]` or a bare `# dexto-config: ignore`.

A comment at the end of a line silences that line; a comment alone on a line
silences the next line.
"""

from __future__ import annotations

import re

from dexto_config.records import Record

MARKER = "dexto-config:"
_COMMENT = re.compile(r"(?:^|\s)#\s*dexto-config:\s*ignore(?:\[(?P<codes>[^\]]*)\])?\s*(?:#.*)?$")
ALL = frozenset({"*"})


class Suppressions(Record):
    """Which codes are silenced on which 1-based lines (`*` means every code)."""

    by_line: dict[int, frozenset[str]]

    def silences(self, line: int, code: str) -> bool:
        codes = self.by_line.get(line)
        return codes is not None and ("*" in codes or code in codes)


NONE = Suppressions({})


def find_suppressions(text: str) -> Suppressions:
    """Every suppression comment of `text`, keyed by the line it applies to."""
    if MARKER not in text:
        return NONE
    by_line: dict[int, frozenset[str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if MARKER not in line:
            continue
        match = _COMMENT.search(line)
        if match is None:
            continue
        codes = _codes(match.group("codes"))
        target = number + 1 if line.lstrip().startswith("#") else number
        by_line[target] = by_line.get(target, frozenset()) | codes
    return Suppressions(by_line)


def _codes(listed: str | None) -> frozenset[str]:
    if listed is None:
        return ALL
    return frozenset(part.strip().upper() for part in listed.split(",") if part.strip())
