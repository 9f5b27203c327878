"""Where libyaml and Dexto's parser (npm `yaml` 2.8) disagree, and how each case is evened out.

libyaml scans YAML 1.1; Dexto reads YAML 1.2 with the `yaml` package. Measured
differentially (tests/yamlio/test_dexto_parity.py), the differences fall in a
few classes, each handled here without moving any character (or moving the marks back),
so libyaml's marks stay true positions in the user's text:

- characters libyaml refuses but Dexto reads as content (C0/C1 controls,
  U+2028/U+2029, U+0085, a BOM after the first character, U+FFFE/U+FFFF), and
  a '?' glued to a flow entry's content (`[?x]`: plain for Dexto, a key
  indicator for libyaml), are masked with private-use stand-ins before
  scanning and restored in values;
- a tab on a blank or comment-only line, which libyaml takes for indentation,
  becomes a space when libyaml stops there, and so do tabs between a block
  sequence's '-' and a one-line scalar entry, and tabs after a line's
  indentation before a flow collection or a scalar; a tab right after a
  block scalar's indentation is masked like a control character (in a folded
  scalar, the reader keeps the line break after its line);
- in flow context, a ':' starting a plain scalar (`[:x]`) is masked, a ':'
  with no key before it (`[ : x ]`) gets '""' and a ':' right before a flow
  indicator (`{a:, b}`) gets two spaces after it;
- a multi-line implicit key in a flow mapping (`{first\n  second: x}`) and a
  block mapping entry with no key (`: x`), which libyaml refuses, are scanned
  with '? ' or '""' put before them, and a document that is a block
  scalar with lines at column 0 (`--- >` then `text`) gets two spaces before
  each line; the marks are moved back afterwards;
- a directive Dexto ignores with a warning (unknown, a second %YAML, a
  version other than 1.1 or 1.2) becomes a comment, and so does a '...' in
  a stream with no document; a reused anchor name
  (Dexto lets the later definition win), one libyaml cannot scan (`&😁`) or
  would end early (`&an:chor`, renamed before scanning, kept only where it
  starts a node) gets a fresh name of equal length;
- checks for what libyaml accepts and Dexto refuses: a comment glued to a
  quoted scalar or flow collection, continuation lines of a quoted scalar or
  flow collection not indented past their block parent, and too many alias uses.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Iterator

from yaml.error import Mark
from yaml.nodes import MappingNode, Node, SequenceNode

# Stand-ins: character c is scanned as U+F0000 + ord(c) (Supplementary Private Use Area-A).
_STAND_IN_BASE = 0xF0000
_STAND_IN_RE = re.compile("[\U000f0000-\U000fffff]")
_MASKED_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
# A '?' starting a flow entry and glued to what follows (`[?x]`) is plain content for Dexto
# (YAML 1.2) and a key indicator for libyaml; it is masked wherever it stands so.
# Found from the '?' (a literal the regex engine skips to quickly), then checked backwards.
_GLUED_QUESTION_RE = re.compile(r"\?[^\s,\[\]{}]")
# A possible alias (`*name` at a line's start or after a space or indicator); a cheap test
# before counting aliases. Found from the '*' (a literal the regex engine skips to quickly),
# then checked backwards: a pattern opening with that check would be tried at every character.
ALIAS_RE = re.compile(r"\*(?<![^\n \t\[{,:?-]\*)[^\s,\[\]{}*]")
_TAB_LINE_RE = re.compile(r"[ \t]*(?:#.*)?")
# A line before a document's content: blank, a comment or a directive.
_PRELUDE_LINE_RE = re.compile(r"(?:[ \t]*(?:#[^\n]*)?|%[^\n]*)\r?\n")
_BLANK_OR_COMMENT_TAB_PROBLEMS = (
    "found a tab character that violates indentation",
    "found character that cannot start any token",
)
# Dexto reads a multi-line implicit key in a flow mapping (not in a flow sequence's pair).
_FLOW_KEY_PROBLEM = "did not find expected ',' or '}'"
_FLOW_MAPPING_CONTEXT = "while parsing a flow mapping"
_KEY_MARK = "? "
_DOCUMENT_END_PROBLEM = ("while parsing a block node", "did not find expected node content")
# A document that is a block scalar whose lines start at column 0 (`--- >` then `text`):
# Dexto reads it, libyaml wants it indented (it is, by two spaces a line, then back).
_DOCUMENT_START_PROBLEM = (None, "did not find expected <document start>")
_ROOT_BLOCK_HEADER_RE = re.compile(
    r"^(?:---[ \t]+)?(?:[!&][^\s]*[ \t]+)*[|>][-+]?[ \t]*(?:#[^\n]*)?\r?\n(?:\r?\n)*\Z"
)
_LINE_RE = re.compile(r"[^\n]*\n|[^\n]+")
_DOCUMENT_MARKER_RE = re.compile(r"^(?:---|\.\.\.)(?=[ \t\r\n]|\Z)", re.MULTILINE)
_DOCUMENT_END_RE = re.compile(r"\.\.\.(?:[ \t]+#[^\n]*|[ \t]*)(?:\r?\n|$)")
# A block sequence entry whose separation holds tabs: indentation, '-', then tabs and the entry.
_DASH_TABS_RE = re.compile(r"([ ]*(?:[-?:][ ]+)*-)([ \t]*\t[ \t]*)([^\n]*)")
# Tabs after a line's indentation: before a flow collection (even at column 0), or, after
# at least one space, before a scalar; Dexto reads them as separation.
_INDENT_TABS_RE = re.compile(r"( *)(\t[ \t]*)([^\n]*)")
_FLOW_KEY_END_RE = re.compile(r"[\]}][ \t]*:(?:[ \t]|$)")
# A ':' where libyaml wants a flow node: a plain scalar starting with ':' (`[:x]`), or a
# flow entry with no key (`[ : x ]`), both of which Dexto reads.
_FLOW_NODE_PROBLEM = ("while parsing a flow node", "did not find expected node content")
# A ':' right before a flow indicator (`{a:, b}`): a value indicator for Dexto.
_FLOW_COLON_PROBLEM = ("while scanning a plain scalar", "found unexpected ':'")
_FLOW_INDICATORS = ",[]{}"
_VALUE_GAP = "  "
_MAPPING_VALUE_RE = re.compile(r":(?:[ \t]|$)")
_BLOCK_INDICATOR_RE = re.compile(r"[-?:](?:[ \t]|$)")
_EMPTY_KEY = '""'
_INSERTED = 2  # the length of both
_SPACE = ("", " ", "\t", "\r", "\n")
_EMPTY_KEY_PROBLEM = ("while parsing a block mapping", "did not find expected key")
_DUPLICATE_ANCHOR_CONTEXT = "found duplicate anchor; first occurrence"
_ANCHOR_NAME_RE = re.compile(r"[0-9A-Za-z_-]+")
# An anchor or alias name libyaml cannot scan (YAML 1.2 allows any character but
# white space and flow indicators: `&😁`, `&:@*!$"<foo>:`) gets a fresh name too.
_ANCHOR_NAME_PROBLEM = (
    "while scanning an anchor",
    "did not find expected alphabetic or numeric character",
)
_YAML12_ANCHOR_CHARS = r"^\s,\[\]{}"
_YAML12_ANCHOR_NAME_RE = re.compile(rf"[{_YAML12_ANCHOR_CHARS}]+")
# What may be an anchor libyaml reads with a shorter name (`&an:chor`: `an`, then `:chor`).
# Found from the '&', then checked backwards, as ALIAS_RE.
_SPLIT_ANCHOR_RE = re.compile(r"&(?<![^\s\[{,]&)[0-9A-Za-z_-]+[^\s0-9A-Za-z_,\[\]{}-]")
_NAME_CHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-"
_IGNORED_DIRECTIVE_PROBLEMS = (
    "found unknown directive name",
    "found duplicate %YAML directive",
    "found incompatible YAML document",
)
_OTHER_YAML_VERSION_RE = re.compile(r"^%YAML[ \t]+(?!1\.[12](?:[ \t#]|$))", re.MULTILINE)
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


class ScanText:
    """The text libyaml scans: the user's text with same-length stand-ins and repairs.

    `tab_lines` are the 0-based lines whose tabs became spaces; `key_marks`
    the indices where two characters were put for libyaml, an explicit-key
    indicator ('? ') before a multi-line implicit key in a flow mapping or
    '""' before an entry with no key (`: x`), which Dexto reads and libyaml
    refuses (`settle` takes them out again once composed).
    """

    __slots__ = ("folded_tabs", "key_marks", "masked", "renamed_anchors", "tab_lines", "text")

    def __init__(self, text: str, masked: bool, tab_lines: list[int]) -> None:
        self.text = text
        self.masked = masked
        self.tab_lines = tab_lines
        self.key_marks: list[int] = []
        self.renamed_anchors: list[int] = []
        self.folded_tabs: list[int] = []

    @classmethod
    def of(cls, text: str, *, rename_anchors: bool = True) -> ScanText:
        """Mask the characters libyaml refuses (when the text uses none of the stand-ins).

        The byte-order marks Dexto skips go: libyaml's marks never count the
        first one, so indices into the scanned text are libyaml's. With
        `rename_anchors`, what looks like an anchor whose name libyaml would
        end early (`&an:chor`) gets a fresh name; `renamed_anchors` says where,
        for the caller to check that each starts a node.
        """
        if "\ufeff" in text:
            text = _without_skipped_boms(text)
        scan = cls._masked(text)
        if rename_anchors and "&" in text:
            for found in _SPLIT_ANCHOR_RE.finditer(scan.text):
                if scan._rename_anchor(found.start(), _YAML12_ANCHOR_NAME_RE, _YAML12_ANCHOR_CHARS):
                    scan.renamed_anchors.append(found.start())
        return scan

    @classmethod
    def _masked(cls, text: str) -> ScanText:
        masked = _MASKED_RE.search(text) is not None
        questions = _flow_questions(text) if "?" in text else []
        if not (masked or questions) or _STAND_IN_RE.search(text):
            return cls(text, False, [])
        if masked:
            text = _MASKED_RE.sub(lambda match: stand_in(match.group()), text)
        for question in questions:
            text = f"{text[:question]}{stand_in('?')}{text[question + 1 :]}"
        return cls(text, True, [])

    def anchors_start_nodes(self, root: Node | None) -> bool:
        """True when every renamed anchor starts a node (it was an anchor, not content)."""
        starts = {node.start_mark.index for node in _nodes_of(root)} if root else set()
        return all(index in starts for index in self.renamed_anchors)

    def restore(self, value: str) -> str:
        """A scalar's value with every stand-in back to the character it stands for."""
        return value.translate(_RESTORE) if self.masked else value

    def repair(self, problem: str | None, context: str | None, index: int, line: int) -> bool:
        """Even out the place libyaml stopped at, when Dexto reads it; False when it cannot."""
        if problem == _BLOCK_SCALAR_TAB_PROBLEM:
            return self._mask_block_scalar_tab(index)
        if problem in _BLANK_OR_COMMENT_TAB_PROBLEMS and context != "while scanning a block scalar":
            return (
                self._space_tabs_on_line(line)
                or self._space_tabs_after_dash(index)
                or self._space_tabs_after_indent(index)
            )
        if (context, problem) == _FLOW_NODE_PROBLEM:
            return self._mend_flow_colon(index)
        if (context, problem) == _FLOW_COLON_PROBLEM:
            return self._separate_flow_value(index)
        if problem in _IGNORED_DIRECTIVE_PROBLEMS:
            return self._ignore_directive(index)
        if (context, problem) == _DOCUMENT_START_PROBLEM:
            return self._indent_root_block_scalar(index)
        if (context, problem) == _DOCUMENT_END_PROBLEM:
            return self._ignore_leading_document_end(index)
        if context == _DUPLICATE_ANCHOR_CONTEXT:
            return self._rename_anchor(index, _ANCHOR_NAME_RE, "0-9A-Za-z_-")
        if (context, problem) == _ANCHOR_NAME_PROBLEM:
            anchor = self.text.rfind("&", 0, index + 1)  # libyaml stops inside the name
            return self._rename_anchor(anchor, _YAML12_ANCHOR_NAME_RE, _YAML12_ANCHOR_CHARS)
        if (context, problem) == _EMPTY_KEY_PROBLEM:
            return self._mark_empty_key(index)
        if problem == _FLOW_KEY_PROBLEM and context == _FLOW_MAPPING_CONTEXT:
            return self._mark_multi_line_key(index)
        return False

    def _space_tabs_after_dash(self, index: int) -> bool:
        """Tabs between a block sequence's '-' and a one-line scalar entry separate, as in Dexto.

        Before a mapping or a nested sequence they would be indentation,
        which Dexto refuses too; those are left to libyaml's error.
        """
        found = _DASH_TABS_RE.match(self.text, self.text.rfind("\n", 0, index) + 1)
        if found is None or not found.end(1) <= index < found.end(2):
            return False
        if not _is_one_line_scalar(found.group(3)):
            return False
        tabs = found.group(2)
        self.text = self.text[: found.start(2)] + " " * len(tabs) + self.text[found.end(2) :]
        return True

    def _space_tabs_after_indent(self, index: int) -> bool:
        """Tabs after a line's indentation separate, as in Dexto, before what is not a block node.

        That is a flow collection that is not a key (even at column 0), or,
        after at least one space of indentation, a scalar.
        """
        found = _INDENT_TABS_RE.match(self.text, self.text.rfind("\n", 0, index) + 1)
        if found is None or not found.start(2) <= index < found.end(2):
            return False
        rest = found.group(3)
        if rest.startswith(("[", "{")):
            if _FLOW_KEY_END_RE.search(rest):
                return False
        elif not found.group(1) or not _is_one_line_scalar(rest):
            return False
        tabs = found.group(2)
        self.text = self.text[: found.start(2)] + " " * len(tabs) + self.text[found.end(2) :]
        return True

    def _mend_flow_colon(self, index: int) -> bool:
        """A ':' where libyaml wants a flow node: content before a safe character, else no key."""
        if not self.text.startswith(":", index):
            return False
        following = self.text[index + 1 : index + 2]
        if following and not following.isspace() and following not in _FLOW_INDICATORS:
            self.text = self.text[:index] + stand_in(":") + self.text[index + 1 :]
            self.masked = True
            return True
        return self._insert(index, _EMPTY_KEY)

    def _separate_flow_value(self, index: int) -> bool:
        """Put spaces after a ':' right before a flow indicator, which libyaml wants there."""
        following = self.text[index + 1 : index + 2]
        if not (self.text.startswith(":", index) and following and following in _FLOW_INDICATORS):
            return False
        return self._insert(index + 1, _VALUE_GAP)

    def _indent_root_block_scalar(self, index: int) -> bool:
        """Indent a document's block scalar whose lines start at column 0 (Dexto reads it).

        Each line up to the next document marker gets two spaces, which
        `settle` takes out again.
        """
        if self.key_marks or (index and self.text[index - 1] != "\n"):
            return False
        header = self.text[:index].rstrip("\r\n").rfind("\n") + 1
        if not (
            _ROOT_BLOCK_HEADER_RE.match(self.text[header:index]) and is_prelude(self.text[:header])
        ):
            return False
        marker = _DOCUMENT_MARKER_RE.search(self.text, index)
        end = len(self.text) if marker is None else marker.start()
        lines = _LINE_RE.findall(self.text, index, end)
        starts = itertools.accumulate((len(line) + _INSERTED for line in lines), initial=index)
        self.key_marks = list(starts)[:-1]
        indented = "".join(_VALUE_GAP + line for line in lines)
        self.text = self.text[:index] + indented + self.text[end:]
        return True

    def _ignore_leading_document_end(self, index: int) -> bool:
        """A '...' in a stream with no document ends nothing; Dexto reads it as empty (null)."""
        found = _DOCUMENT_END_RE.match(self.text, index)
        if found is None:
            return False
        prelude, rest = self.text[:index], self.text[found.end() :]
        if not all(
            _PRELUDE_LINE_RE.fullmatch(line) and not line.startswith("%")
            for line in (prelude + rest + "\n").splitlines(keepends=True)
        ):
            return False
        self.text = f"{prelude}#{self.text[index + 1 :]}"
        return True

    def _ignore_directive(self, index: int) -> bool:
        """Make a directive Dexto ignores (with a warning) a comment: '%' becomes '#'.

        Those are an unknown directive, a second %YAML and a %YAML version
        other than 1.1 and 1.2 (libyaml stops at the document, then).
        """
        start = self.text.rfind("\n", 0, index) + 1
        if not self.text.startswith("%", start):
            found = _OTHER_YAML_VERSION_RE.search(self.text)
            if found is None:
                return False
            start = found.start()
        prelude = self.text[:start]
        if not is_prelude(prelude):
            return False
        self.text = f"{prelude}#{self.text[start + 1 :]}"
        return True

    def _rename_anchor(self, index: int, name_re: re.Pattern[str], name_chars: str) -> bool:
        """Give the anchor at `index` a fresh name of equal length that libyaml reads.

        That is a reused name (Dexto lets the later definition win) or a name
        libyaml cannot scan. The definition and its aliases up to the next
        definition of the same name are renamed; anchor names are never values.
        """
        found = name_re.match(self.text, index + 1)
        if not self.text.startswith("&", index) or found is None:
            return False
        name = found.group()
        following = re.compile(rf"([&*]){re.escape(name)}(?![{name_chars}])")
        again = following.search(self.text, found.end())
        while again is not None and again.group(1) == "*":
            again = following.search(self.text, again.end())
        end = len(self.text) if again is None else again.start()
        fresh = next(
            (
                candidate
                for candidate in map("".join, itertools.product(_NAME_CHARS, repeat=len(name)))
                if f"&{candidate}" not in self.text and f"*{candidate}" not in self.text
            ),
            None,
        )
        if fresh is None:
            return False
        renamed = following.sub(lambda match: match.group(1) + fresh, self.text[index:end])
        self.text = self.text[:index] + renamed + self.text[end:]
        return True

    def _mark_multi_line_key(self, colon: int) -> bool:
        """Put '? ' before the multi-line implicit key that ends at the ':' at `colon`."""
        if colon >= len(self.text) or self.text[colon] != ":":
            return False
        before = self.text[:colon].rstrip(" \t\r\n")
        if before.endswith(('"', "'")):
            start = before.rfind(before[-1], 0, len(before) - 1)
        else:
            opener = max(before.rfind(char) for char in "{,")
            start = opener + 1 + len(before[opener + 1 :]) - len(before[opener + 1 :].lstrip())
        return "\n" in self.text[start:colon] and self._insert(start, _KEY_MARK)

    def _mark_empty_key(self, colon: int) -> bool:
        """Put '""' before a ':' that starts a block mapping entry with no key (Dexto: key '')."""
        if not self.text.startswith(":", colon) or self.text[colon + 1 : colon + 2] not in _SPACE:
            return False
        return self._insert(colon, _EMPTY_KEY)

    def _insert(self, start: int, what: str) -> bool:
        """Insert two characters libyaml needs at `start`; `settle` takes them out again."""
        if start < max(self.key_marks, default=0) or len(self.key_marks) >= MAX_REPAIRS:
            return False  # libyaml stops ever further on; anything else is not ours to mend
        self.text = f"{self.text[:start]}{what}{self.text[start:]}"
        self.key_marks.append(start)
        return True

    def settle(self, root: Node) -> None:
        """Take the key indicators out again and move every mark back to the user's text."""
        starts, self.key_marks = self.key_marks, []

        def moved_back(mark: Mark) -> Mark:
            before = bisect.bisect_left(starts, mark.index)
            line_start = self.text.rfind("\n", 0, mark.index) + 1
            on_line = before - bisect.bisect_left(starts, line_start)
            index = mark.index - _INSERTED * before
            column = mark.column - _INSERTED * on_line
            return Mark(mark.name, index, mark.line, column, None, 0)

        for node in _nodes_of(root):
            node.start_mark = moved_back(node.start_mark)
            node.end_mark = moved_back(node.end_mark)
        for start in reversed(starts):
            self.text = self.text[:start] + self.text[start + _INSERTED :]

    def _mask_block_scalar_tab(self, index: int) -> bool:
        """Mask a tab right after a block scalar's indentation (content for Dexto).

        In a folded scalar that tab starts a more-indented line, whose line
        breaks are kept; libyaml folds the masked line like text, so its
        place goes to `folded_tabs` for the reader to keep the break after it.
        """
        if index >= len(self.text) or self.text[index] != "\t":
            return False
        if self.text.rfind(">", 0, index) > self.text.rfind("|", 0, index):
            self.folded_tabs.append(index)
        self.text = self.text[:index] + stand_in("\t") + self.text[index + 1 :]
        self.masked = True
        return True

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


def _flow_questions(text: str) -> list[int]:
    """Where a '?' glued to what follows starts a flow entry (after '[', '{' or ',')."""
    found: list[int] = []
    for match in _GLUED_QUESTION_RE.finditer(text):
        before = match.start() - 1
        while before >= 0 and text[before] in " \t\r\n":
            before -= 1
        if before >= 0 and text[before] in "[{,":
            found.append(match.start())
    return found


def is_prelude(text: str) -> bool:
    """True when every line of `text` is blank, a comment or a directive (before a document)."""
    return all(_PRELUDE_LINE_RE.fullmatch(line) for line in text.splitlines(keepends=True))


def _is_one_line_scalar(rest: str) -> bool:
    """True when the rest of a line is no block indicator and no mapping entry."""
    return not (_BLOCK_INDICATOR_RE.match(rest) or _MAPPING_VALUE_RE.search(rest))


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


def _nodes_of(root: Node) -> Iterator[Node]:
    """Every distinct node under `root` (an aliased node once)."""
    seen: set[int] = set()
    pending = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, MappingNode):
            pending.extend(child for pair in node.value for child in pair)
        elif isinstance(node, SequenceNode):
            pending.extend(node.value)


def js_number_string(value: float) -> str:
    """JavaScript's `String(number)`: how Dexto writes a numeric mapping key."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    import decimal  # ~1.5 ms, for an exponent-written number only (DESIGN §9)

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
