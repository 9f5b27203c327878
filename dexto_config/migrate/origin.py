"""Where a line of a rewritten text stands in the text the user has (DESIGN §4, §13).

The steps before the seed each rewrite the text the previous one wrote, so a
position a later step or the final check finds is one in a text the user never
saw. An `Origin` carries every line of the current text back to the user's
own: a line kept or moved column_kept (possibly re-indented) to its own line and
column, a line a step wrote to the user's line it was written at, column 1.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

# YAML's line breaks (1.1, as the position parser counts them).
_BREAK = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029")


@dataclass(frozen=True, slots=True)
class _Source:
    """A current line's origin: its 1-based line in the user's text, and how far right it moved."""

    line: int
    shift: int
    column_kept: bool


@dataclass(frozen=True, slots=True)
class Origin:
    """Maps 1-based (line, column) positions of a rewritten text to the user's original text.

    No sources: the text is the user's own.
    """

    sources: tuple[_Source, ...]

    @classmethod
    def unchanged(cls) -> Origin:
        """The origin of the user's text itself: every position is its own."""
        return cls(())

    def then(self, before: str, after: str) -> Origin:
        """The origin of `after`, a rewrite of `before` (whose origin this is)."""
        old, new = _lines(before), _lines(after)
        own = _line_sources(old, new)
        return Origin(tuple(self._compose(source) for source in own))

    def locate(self, line: int, col: int) -> tuple[int, int]:
        """Where (`line`, `col`) of the current text is in the user's text."""
        if not self.sources:
            return line, col
        source = self.sources[min(max(line, 1), len(self.sources)) - 1]
        if not source.column_kept:
            return source.line, 1
        return source.line, max(col - source.shift, 1)

    def _compose(self, source: _Source) -> _Source:
        if not self.sources:
            return source
        earlier = self.sources[min(source.line, len(self.sources)) - 1]
        return _Source(
            earlier.line,
            earlier.shift + source.shift,
            earlier.column_kept and source.column_kept,
        )


def _lines(text: str) -> list[str]:
    return _BREAK.split(text.removeprefix("\ufeff"))


def _line_sources(old: list[str], new: list[str]) -> list[_Source]:
    """For each line of `new`: the line of `old` it was kept or moved from, else written at."""
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    opcodes = matcher.get_opcodes()
    moved = _moved_lines(old, new, opcodes)
    sources: list[_Source] = []
    for tag, i1, i2, j1, j2 in opcodes:
        for j in range(j1, j2):
            if tag == "equal":
                sources.append(_Source(i1 + (j - j1) + 1, 0, True))
            elif tag == "replace" and i2 - i1 == j2 - j1:  # rewritten line by line
                i = i1 + (j - j1)
                sources.append(_Source(i + 1, _indent(new[j]) - _indent(old[i]), True))
            elif j in moved:
                i = moved[j]
                sources.append(_Source(i + 1, _indent(new[j]) - _indent(old[i]), True))
            else:
                sources.append(_Source(_written_at(i1, i2, j - j1), 0, False))
    return sources


def _moved_lines(
    old: list[str], new: list[str], opcodes: Sequence[tuple[str, int, int, int, int]]
) -> dict[int, int]:
    """New lines whose text (indentation aside) left exactly one old line: moved, not written."""
    gone = [i for tag, i1, i2, _, _ in opcodes if tag != "equal" for i in range(i1, i2)]
    came = [j for tag, _, _, j1, j2 in opcodes if tag != "equal" for j in range(j1, j2)]
    gone_text = Counter(old[i].strip() for i in gone)
    came_text = Counter(new[j].strip() for j in came)
    where = {old[i].strip(): i for i in gone}
    return {
        j: where[text]
        for j in came
        if (text := new[j].strip()) and gone_text[text] == 1 and came_text[text] == 1
    }


def _written_at(i1: int, i2: int, offset: int) -> int:
    """The 1-based old line a written line stands for: the one it replaced, else the one above."""
    if i2 > i1:
        return i1 + min(offset, i2 - i1 - 1) + 1
    return max(i1, 1)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
