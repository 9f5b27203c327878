"""Where libyaml and Dexto's parser (npm `yaml` 2.8) disagree, and how each case is evened out.

libyaml scans YAML 1.1; Dexto reads YAML 1.2 with the `yaml` package. Measured
differentially (tests/yamlio/test_dexto_parity.py), the differences fall in a
few classes, each handled here without moving any character, so libyaml's
marks stay true positions in the user's text:

- characters libyaml refuses but Dexto reads as content (C0/C1 controls,
  U+2028/U+2029, U+0085, a BOM after the first character, U+FFFE/U+FFFF) are
  masked with private-use stand-ins before scanning and restored in values;
- a tab on a blank or comment-only line, which libyaml takes for indentation,
  becomes a space when libyaml stops there; a tab right after a literal block
  scalar's indentation is masked like a control character;
- checks for what libyaml accepts and Dexto refuses: a comment glued to a
  quoted scalar or flow collection, continuation lines of a quoted scalar or
  flow collection not indented past their block parent, and too many alias uses.
"""

from __future__ import annotations

import decimal
import math
import re
from dataclasses import dataclass

# Stand-ins: character c is scanned as U+F0000 + ord(c) (Supplementary Private Use Area-A).
_STAND_IN_BASE = 0xF0000
_STAND_IN_RE = re.compile("[\U000f0000-\U000fffff]")
_MASKED_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
# A possible alias (`*name` after a space or indicator); a cheap test before counting aliases.
ALIAS_RE = re.compile(r"(?:^|[ \t\[{,:?-])\*[^\s,\[\]{}*]", re.MULTILINE)
_TAB_LINE_RE = re.compile(r"[ \t]*(?:#.*)?")
# A line before a document's content: blank, a comment or a directive.
_PRELUDE_LINE_RE = re.compile(r"(?:[ \t]*(?:#[^\n]*)?|%[^\n]*)\r?\n")
_BLANK_OR_COMMENT_TAB_PROBLEMS = (
    "found a tab character that violates indentation",
    "found character that cannot start any token",
)
_BLOCK_SCALAR_TAB_PROBLEM = "found a tab character where an indentation space is expected"
# Dexto's parser refuses a document whose aliases expand beyond this (npm yaml's maxAliasCount).
MAX_ALIAS_COUNT = 100
# libyaml is re-run after each repair; no real file needs more.
MAX_REPAIRS = 64


def stand_in(char: str) -> str:
    """The private-use character scanned in place of `char`."""
    return chr(_STAND_IN_BASE + ord(char))


class _Restore(dict[int, str]):
    """`str.translate` table mapping each stand-in back (built on demand, not at import)."""

    def __missing__(self, code: int) -> str:
        if not _STAND_IN_BASE <= code < _STAND_IN_BASE + 0x10000:
            raise LookupError(code)
        self[code] = chr(code - _STAND_IN_BASE)
        return self[code]


_RESTORE = _Restore()


@dataclass(slots=True)
class ScanText:
    """The text libyaml scans: the user's text with same-length stand-ins and repairs.

    `tab_lines` are the 0-based lines whose tabs became spaces.
    """

    text: str
    masked: bool
    tab_lines: list[int]

    @classmethod
    def of(cls, text: str) -> ScanText:
        """Mask the characters libyaml refuses (when the text uses none of the stand-ins).

        The byte-order marks Dexto skips go: libyaml's marks never count the
        first one, so indices into the scanned text are libyaml's.
        """
        if "\ufeff" in text:
            text = _without_skipped_boms(text)
        if not _MASKED_RE.search(text) or _STAND_IN_RE.search(text):
            return cls(text, False, [])
        return cls(_MASKED_RE.sub(lambda match: stand_in(match.group()), text), True, [])

    def restore(self, value: str) -> str:
        """A scalar's value with every stand-in back to the character it stands for."""
        return value.translate(_RESTORE) if self.masked else value

    def repair(self, problem: str | None, context: str | None, index: int, line: int) -> bool:
        """Even out the place libyaml stopped at, when Dexto reads it; False when it cannot."""
        if problem == _BLOCK_SCALAR_TAB_PROBLEM:
            return self._mask_tab_at(index, literal_only=True)
        if problem in _BLANK_OR_COMMENT_TAB_PROBLEMS and context != "while scanning a block scalar":
            return self._space_tabs_on_line(line)
        return False

    def _mask_tab_at(self, index: int, *, literal_only: bool) -> bool:
        if index >= len(self.text) or self.text[index] != "\t":
            return False
        if literal_only and not self._in_literal_block(index):
            return False
        self.text = self.text[:index] + stand_in("\t") + self.text[index + 1 :]
        self.masked = True
        return True

    def _in_literal_block(self, index: int) -> bool:
        """True when the nearest block scalar header above `index` is literal (`|`)."""
        header = self.text.rfind("|", 0, index)
        folded = self.text.rfind(">", 0, index)
        return header > folded

    def _space_tabs_on_line(self, line: int) -> bool:
        lines = self.text.split("\n")
        if line >= len(lines) or len(self.tab_lines) >= MAX_REPAIRS:
            return False
        content = lines[line].rstrip("\r")
        if "\t" not in content or not _TAB_LINE_RE.fullmatch(content):
            return False
        start = sum(len(earlier) + 1 for earlier in lines[:line])
        spaced = lines[line].replace("\t", " ")
        self.text = self.text[:start] + spaced + self.text[start + len(spaced) :]
        self.tab_lines.append(line)
        return True


def _without_skipped_boms(text: str) -> str:
    """`text` without the BOMs npm yaml skips: one at the start of each line before the document.

    Those lines are blank, comments, directives or the document's first
    line; a BOM after that is content (libyaml reads it masked).
    """
    kept: list[str] = []
    start = 0
    while True:
        if text.startswith("\ufeff", start):
            start += 1
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start : end + 1]
        kept.append(line)
        if end < 0 or not _PRELUDE_LINE_RE.fullmatch(line):
            return "".join(kept) + ("" if end < 0 else text[end + 1 :])
        start = end + 1


def js_number_string(value: float) -> str:
    """JavaScript's `String(number)`: how Dexto writes a numeric mapping key."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    exact = decimal.Decimal(repr(abs(float(value))))
    digits = "".join(map(str, exact.as_tuple().digits)).rstrip("0") or "0"
    point = exact.adjusted() + 1
    return sign + _place_point(digits, point)


def _place_point(digits: str, point: int) -> str:
    """ECMAScript Number::toString for shortest `digits` with the point after `point` digits."""
    count = len(digits)
    if count <= point <= 21:
        return digits + "0" * (point - count)
    if 0 < point <= 21:
        return f"{digits[:point]}.{digits[point:]}"
    if -6 < point <= 0:
        return "0." + "0" * -point + digits
    exponent = point - 1
    mantissa = digits if count == 1 else f"{digits[0]}.{digits[1:]}"
    return f"{mantissa}e{'+' if exponent > 0 else '-'}{abs(exponent)}"
