"""Fast parsing with positions: libyaml's C composer, YAML 1.2 core semantics.

Dexto parses with the `yaml` npm package (YAML 1.2 core schema), so `yes` and
`on` are strings, `0o17` is octal, `<<` is an ordinary key and a duplicate key
is an error. PyYAML's composer gives the node tree with marks; this module
builds plain Python data from it with those semantics and records where every
key and value sits, so later layers can point at `file:line:col`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from datetime import datetime

import yaml
from yaml._yaml import CParser
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from dexto_config.jsonio import MAX_INPUT_BYTES, MAX_INT_DIGITS
from dexto_config.records import Record
from dexto_config.yamlio.fidelity import (
    ALIAS_RE,
    MAX_ALIAS_COUNT,
    MAX_REPAIRS,
    ScanText,
    is_prelude,
    js_number_string,
)
from dexto_config.yamlio.jstags import JsMap, JsSet, node_base64, timestamp, yaml11_time
from dexto_config.yamlio.positions import (  # re-exported: the parser's callers use them
    FILE_START as FILE_START,
)
from dexto_config.yamlio.positions import DataPath as DataPath
from dexto_config.yamlio.positions import Position as Position
from dexto_config.yamlio.positions import PositionIndex as PositionIndex
from dexto_config.yamlio.text import decode as decode

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Far beyond any real configuration; keeps every recursive walk of the data safe.
MAX_DEPTH = 100
_TOO_DEEP = f"nesting deeper than {MAX_DEPTH} levels: no Dexto file is shaped like this"
# What may stand before a block collection's first entry on its line: indentation and the
# compact indicators of the entries it nests in (`- - - x`, `? - x`, `--- `).
_BLOCK_LEAD_CHARS = " \t?:\\-"
# Line breaks libyaml knows besides '\n' and '\r\n' (then the exact check runs).
_OTHER_BREAKS = ("\x85", "\u2028", "\u2029")
# A decimal integer (signs and YAML 1.1 underscores allowed) too long for Python's int().
_LONG_NUMBER_RE = re.compile(r"\A[-+]?[0-9_]+\Z")
# Values a document may expand to through aliases ("billion laughs" guard).
MAX_VALUES = 200_000
_PLAIN_TAG = "tag:dexto-config,2024:plain"
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
# Plain scalars starting with anything else can only be strings in YAML 1.2 core.
_NON_STRING_STARTS = frozenset("0123456789+-.~nNtTfF")

_NULL_RE = re.compile(r"\A(?:~|null|Null|NULL|)\Z")
_TRUE_RE = re.compile(r"\A(?:true|True|TRUE)\Z")
_FALSE_RE = re.compile(r"\A(?:false|False|FALSE)\Z")
_INT_RE = re.compile(r"\A[-+]?[0-9]+\Z")
_OCT_RE = re.compile(r"\A0o[0-7]+\Z")
_HEX_RE = re.compile(r"\A0x[0-9a-fA-F]+\Z")
_FLOAT_RE = re.compile(r"\A[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_INF_RE = re.compile(r"\A([-+]?)\.(?:inf|Inf|INF)\Z")
_NAN_RE = re.compile(r"\A\.(?:nan|NaN|NAN)\Z")
_CORE_TAG = "tag:yaml.org,2002:"
_BLOCK_HEADER_RE = re.compile(r"[|>][-+0-9]*")
_GLUED_VERSION_RE = re.compile(r"^%YAML[ \t]+([^\s#]*#\S*)", re.MULTILINE)
# An anchor and tags before a node (npm yaml writes them back in a collection key).
_ANCHOR_PROP_RE = re.compile(r"&([^\s,\[\]{}]+)")
_PROPS_RE = re.compile(r"[&!][^\s,\[\]{}]*(?:[ \t]+[&!][^\s,\[\]{}]*)*")
_GLUED_RE = re.compile(r"[^ \t\r\n]#")
_GLUED_COMMENT = "a comment must be separated by a space from what is before it: write ' #'"
_SET_TAG = "tag:yaml.org,2002:set"
_PAIR_TAGS = ("tag:yaml.org,2002:omap", "tag:yaml.org,2002:pairs")
# `!` (the non-specific tag) makes a plain scalar a string; libyaml resolves it as untagged.
_NON_SPECIFIC_TAG_RE = re.compile(r"(?:&\S+\s+)?!(?:\s|\Z)")
# A `!` with white space after it (a literal first: the search is fast); the one before is checked.
_BARE_TAG_RE = re.compile(r"!(?:\s|\Z)")
# A `%YAML 1.1` directive before the document switches npm yaml to its YAML 1.1 schema.
_YAML11_DIRECTIVE_RE = re.compile(
    r"\A\ufeff?(?:[ \t]*(?:#[^\n]*)?\r?\n|%[^\n]*\n)*%YAML[ \t]+1\.1[ \t\r\n#]"
)
_YAML11_TRUE_RE = re.compile(r"\A(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)\Z")
_YAML11_FALSE_RE = re.compile(r"\A(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)\Z")
_YAML11_INTS = (
    (re.compile(r"\A[-+]?0b[0-1_]+\Z"), 2, 2),
    (re.compile(r"\A[-+]?0[0-7_]+\Z"), 8, 1),
    (re.compile(r"\A[-+]?[0-9][0-9_]*\Z"), 10, 0),
    (re.compile(r"\A[-+]?0x[0-9a-fA-F_]+\Z"), 16, 2),
)
_YAML11_FLOAT_RE = re.compile(
    r"\A[-+]?(?:(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+|(?:[0-9][0-9_]*)?\.[0-9_]*)\Z"
)
# JavaScript numbers hold integers exactly up to 2**53; larger ones are rounded doubles.
_JS_SAFE_INTEGER = 2**53


class YamlSyntaxError(Exception):
    """The text is not well-formed YAML (or breaks a YAML 1.2 rule Dexto enforces)."""

    def __init__(self, message: str, position: Position) -> None:
        self.message = message
        self.position = position
        super().__init__(f"{position.line}:{position.col}: {message}")


class ParsedYaml(Record):
    """Plain data of a document (None for an empty one) and where its parts sit."""

    data: Any
    positions: PositionIndex
    root: Node | None


class _Resolver(yaml.resolver.BaseResolver):
    """Leaves plain scalars untyped so YAML 1.2 rules can be applied afterwards."""

    # Called by the C composer for every untagged node: keep it trivial.
    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return _PLAIN_TAG if implicit[0] else _STR_TAG
        return _SEQ_TAG if kind is SequenceNode else _MAP_TAG


class _Composer(CParser, _Resolver):
    def __init__(self, stream: str | bytes) -> None:
        CParser.__init__(self, stream)
        _Resolver.__init__(self)


def _compose(text: str) -> tuple[Node | None, ScanText]:
    """One YAML document composed by libyaml, repaired where Dexto reads it; marks are in `text`."""
    root, scan = _compose_repaired(text)
    if root is not None and text.endswith((" ", " \n")):
        dropped = len(scan.text) - len(_without_ignored_blank_lines(root, scan.text))
        if dropped:
            return _compose_repaired(text[: len(text) - dropped])
    return root, scan


def _without_ignored_blank_lines(root: Node | None, text: str) -> str:
    """`text` without the blank lines that end it when Dexto ignores them and libyaml does not.

    A block scalar with an explicit indentation indicator (and no keep
    chomping) that ends the file: Dexto ignores its last lines of spaces no
    deeper than its first line, libyaml reads the spaces past the
    indicator's indentation as content. Dropping them moves no character
    before them.
    """
    node = root
    while isinstance(node, MappingNode | SequenceNode) and node.value:
        node = node.value[-1][1] if isinstance(node, MappingNode) else node.value[-1]
    if not (isinstance(node, ScalarNode) and node.style in ("|", ">")):
        return text
    header = _BLOCK_HEADER_RE.search(text, node.start_mark.index)
    if header is None or "+" in header.group() or header.group()[1:].strip("-") == "":
        return text
    lines = text[text.find("\n", header.end()) + 1 :].split("\n")
    first = next((line for line in lines if line.strip(" ")), None)
    if first is None:
        return text
    depth = len(first) - len(first.lstrip(" "))
    end = len(lines)
    while end > 0 and not lines[end - 1].strip(" ") and len(lines[end - 1]) <= depth:
        end -= 1
    dropped = "\n".join(lines[end:])
    return text[: len(text) - len(dropped)]


def _compose_repaired(text: str) -> tuple[Node | None, ScanText]:
    """`text` composed with the repairs; anchors renamed for libyaml only where they start nodes."""
    if len(text) > MAX_INPUT_BYTES:
        raise YamlSyntaxError(f"larger than {MAX_INPUT_BYTES // 2**20} MiB", FILE_START)
    if "%YAML" in text:
        _refuse_glued_version(text)
    if may_nest_deeply(text):
        _check_nesting(text)
    scan = ScanText.of(text)
    if not scan.renamed_anchors:
        return _compose_scan(scan)
    try:
        root, scan = _compose_scan(scan)
    except YamlSyntaxError:
        return _compose_scan(ScanText.of(text, rename_anchors=False))
    if scan.anchors_start_nodes(root):
        return root, scan
    return _compose_scan(ScanText.of(text, rename_anchors=False))


def _compose_scan(scan: ScanText) -> tuple[Node | None, ScanText]:
    """Compose the scanned text, repairing where libyaml stops and Dexto reads on."""
    for _ in range(MAX_REPAIRS + 1):
        try:
            root = _compose_once(scan.text)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            if mark is None or not scan.repair(error.problem, error.context, mark.index, mark.line):
                raise _syntax_error(error, scan) from None
            continue
        except yaml.YAMLError as error:
            raise YamlSyntaxError(str(error), FILE_START) from None
        if scan.key_marks and root is not None:
            scan.settle(root)
        return root, scan
    raise YamlSyntaxError("too many tab characters on blank lines", FILE_START)


def _refuse_glued_version(text: str) -> None:
    """A `%YAML` version glued to a comment (`1.1#...`) is a version Dexto does not support."""
    found = _GLUED_VERSION_RE.search(text)
    if found is None or not is_prelude(text[: found.start()]):
        return
    line = text.count("\n", 0, found.start())
    raise YamlSyntaxError(
        f"unsupported YAML version {found.group(1)!r} in the %YAML directive: "
        "put a space before the comment",
        _point(line, found.start(1) - found.start()),
    )


def may_nest_deeply(text: str) -> bool:
    """A cheap test that lets ordinary files skip the exact nesting check.

    A chain of nested collections holds at most one flow collection per '['
    or '{' of the text. Its block collections start ever further right (a
    sequence under a key may share the key's column, the next level may
    not), so k of them need a line whose first k/2 characters are
    indentation or compact indicators. False only when neither can reach
    MAX_DEPTH, with a margin: a run a third of the way there counts.
    """
    flow = text.count("[") + text.count("{")
    if flow >= MAX_DEPTH:
        return True
    if any(mark in text for mark in _OTHER_BREAKS) or text.count("\r") != text.count("\r\n"):
        return True
    reach = max(1, (MAX_DEPTH - flow) // 3)
    lead = f"[{_BLOCK_LEAD_CHARS}]{{{reach}}}"
    # Searched from each '\n' (a literal the regex engine skips to quickly).
    return re.match(f"\ufeff?{lead}", text) is not None or re.search(f"\n{lead}", text) is not None


def _check_nesting(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH from the parser's events, before composing.

    libyaml's composer recurses in C: a document nested 100,000 deep would
    overflow the stack instead of raising. The event stream needs no recursion.
    """
    parser = CParser(text)
    depth = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    where = _point(mark.line, mark.column) if mark is not None else FILE_START
                    raise YamlSyntaxError(_TOO_DEEP, where)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        # Newer libyaml stops deep flow nesting itself, while scanning ahead.
        if error.problem is not None and "nesting depth" in error.problem:
            mark = error.problem_mark
            where = _point(mark.line, mark.column) if mark is not None else FILE_START
            raise YamlSyntaxError(_TOO_DEEP, where) from None
        return  # composing reports the syntax error
    except yaml.YAMLError:
        return
    finally:
        parser.dispose()


def _refuse_long_number(node: ScalarNode) -> None:
    """Python cannot convert a decimal integer of more than 4,300 digits: report it instead."""
    if len(node.value) > MAX_INT_DIGITS and _LONG_NUMBER_RE.match(node.value):
        raise YamlSyntaxError(f"a number longer than {MAX_INT_DIGITS} digits", Position.of(node))


class _Evener:
    """Node by node, makes libyaml's tree read as Dexto reads the text, or raises YamlSyntaxError.

    Every check is idempotent: a node reached again through an alias is unchanged.
    """

    def __init__(self, text: str, scan: ScanText) -> None:
        self._text = text
        self._scan = scan
        self._lines: list[str] | None = None
        self.every_scalar = scan.masked or bool(scan.tab_lines)

    def scalar(self, node: ScalarNode, parent_indent: int) -> None:
        """Restore, complete or refuse a scalar (plain ones only need it when `every_scalar`)."""
        node.value = self._scan.restore(node.value)
        style = node.style
        if style in ("|", ">"):
            self._block_scalar(node, parent_indent)
        elif style in ("'", '"'):
            self._refuse_glued_comment(node, "a quoted scalar")
            self._refuse_under_indented(node, parent_indent, "a quoted scalar", flow=False)
        elif self._scan.tab_lines:
            self._refuse_tab_line_inside(node)

    def _block_scalar(self, node: ScalarNode, parent_indent: int) -> None:
        """Refuse a comment glued to the header; a clip or keep scalar ends with a line break.

        The break is there even at the end of a file, where libyaml leaves it
        out, and a keep scalar whose only line is spaces ending the file holds it.
        """
        header = _BLOCK_HEADER_RE.search(self._text, node.start_mark.index)
        if header is None:
            return
        if self._text.startswith("#", header.end()):
            raise YamlSyntaxError(_GLUED_COMMENT, self._point_at(header.end()))
        if not node.value.strip("\n") and not any(map(str.isdigit, header.group())):
            self._refuse_deeper_leading_blank_lines(header.end(), parent_indent)
        if self._scan.folded_tabs and node.style == ">":
            self._keep_break_after_tab_line(node)
        if node.value and not node.value.endswith("\n") and "-" not in header.group():
            node.value += "\n"
        elif not node.value and "+" in header.group() and self._ends_in_spaces(header.end()):
            node.value = "\n"

    def _keep_break_after_tab_line(self, node: ScalarNode) -> None:
        """A folded scalar's first line starting with a tab keeps the line break after it.

        The tab makes it a more-indented line for Dexto; libyaml saw it
        masked, as text, and folded the break into a space (or dropped one
        before blank lines) when the next line is text.
        """
        start, end = node.start_mark.index, node.end_mark.index
        tab = next((index for index in self._scan.folded_tabs if start < index < end), None)
        line_end = -1 if tab is None else self._text.find("\n", tab, end)
        if tab is None or line_end < 0:
            return
        indent = tab - (self._text.rfind("\n", 0, tab) + 1)
        first = self._scan.restore(self._text[tab:line_end])
        lines = self._text[line_end + 1 : end].split("\n")
        blank = next((count for count, line in enumerate(lines) if line.strip(" \r")), None)
        value = node.value
        leading = len(value) - len(value.lstrip("\n"))
        if blank is None or not value.startswith(first, leading):
            return
        following = lines[blank]
        if len(following) - len(following.lstrip(" ")) != indent or following[indent] == "\t":
            return
        joint = leading + len(first)
        folded = 1 if blank == 0 else blank
        node.value = value[:joint] + "\n" * (blank + 1) + value[joint + folded :]

    def _ends_in_spaces(self, header_end: int) -> bool:
        """True when the only line after the header ends the file with spaces and no break.

        npm yaml reads that line as an empty line of a keep (`|+`) scalar;
        libyaml reads nothing there.
        """
        start = self._text.find("\n", header_end) + 1
        rest = self._text[start:] if start else ""
        return bool(rest) and not rest.strip(" ")

    def _refuse_deeper_leading_blank_lines(self, header_end: int, parent_indent: int) -> None:
        """Refuse leading blank lines deeper than the first content line (npm yaml does).

        libyaml takes the deepest of them for the indentation and reads the
        scalar as empty; Dexto wants an indentation indicator then.
        """
        start = self._text.find("\n", header_end) + 1
        deepest = 0
        for line in self._text[start:].split("\n") if start else ():
            content = line.rstrip("\r").lstrip(" ")
            depth = len(line) - len(line.lstrip(" "))
            if content:
                if parent_indent < depth < deepest:
                    raise YamlSyntaxError(
                        "a block scalar's leading blank lines are deeper than its first line: "
                        "add an indentation indicator (e.g. '|2') or remove their spaces",
                        self._point_at(start + depth),
                    )
                return
            deepest = max(deepest, depth)
            start += len(line) + 1

    def flow_collection(self, node: Node, parent_indent: int) -> None:
        """Refuse a flow collection glued to a comment or not indented past its parent.

        Inside it, a comment glued to a ',' or the opening bracket and a
        sequence entry that is only '-' (npm yaml: a block sequence) are refused too.
        """
        kind = "a flow sequence" if isinstance(node, SequenceNode) else "a flow mapping"
        self._refuse_glued_comment(node, kind)
        self._refuse_under_indented(node, parent_indent, kind, flow=True)
        if self._text.find("#", node.start_mark.index, node.end_mark.index) >= 0:
            self._refuse_glued_comment_inside(node)
        if isinstance(node, SequenceNode):
            for child in node.value:
                if isinstance(child, ScalarNode) and not child.style and child.value == "-":
                    raise YamlSyntaxError(
                        "a '-' entry in a flow sequence starts a block sequence, which Dexto "
                        "refuses inside '[...]': quote it (\"-\")",
                        Position.of(child),
                    )

    def _refuse_glued_comment_inside(self, node: Node) -> None:
        """A comment glued to what is before it between a flow collection's entries."""
        children = children_of(node)
        starts = [node.start_mark.index + 1, *(child.end_mark.index for child in children)]
        ends = [*(child.start_mark.index for child in children), node.end_mark.index - 1]
        for start, end in zip(starts, ends, strict=True):
            glued = _GLUED_RE.search(self._text, start - 1, end)
            if glued is not None:
                raise YamlSyntaxError(_GLUED_COMMENT, self._point_at(glued.start() + 1))

    def _point_at(self, index: int) -> Position:
        line_start = self._text.rfind("\n", 0, index) + 1
        return _point(self._text.count("\n", 0, index), index - line_start)

    def _refuse_glued_comment(self, node: Node, kind: str) -> None:
        end = node.end_mark.index
        if end < len(self._text) and self._text[end] == "#":
            raise YamlSyntaxError(
                f"a comment must be separated by a space from {kind} before it: "
                "write ' #' instead of '#'",
                _point(node.end_mark.line, node.end_mark.column),
            )

    def _refuse_under_indented(
        self, node: Node, parent_indent: int, kind: str, *, flow: bool
    ) -> None:
        first, last = node.start_mark.line, node.end_mark.line
        if parent_indent < 0 or first == last:
            return
        lines = self._split_lines()
        for number in range(first + 1, last + 1):
            line = lines[number].rstrip("\r")
            content = line.lstrip(" ")
            if not content or (flow and (content[0] in "]}#" or not content.strip("\t"))):
                continue
            if len(line) - len(content) <= parent_indent:
                raise YamlSyntaxError(
                    f"this line continues {kind} that starts on line {first + 1}; indent it "
                    f"past column {parent_indent + 1}, where its parent starts",
                    _point(number, len(line) - len(content)),
                )

    def refuse_comment_before_flow_key(self, key: Node, previous: Node, map_indent: int) -> None:
        """Refuse a flow collection as a later key of a block mapping right after a comment line.

        npm yaml keeps such a comment (one no deeper than the mapping) as an
        entry of its own and then refuses the mapping ("Map comment with
        trailing content"), unless the first comment line sits at the
        indentation of a block collection ending the previous value, which
        then takes all of them. Only the blank and comment lines just above
        the key are looked at.
        """
        lines = self._split_lines()
        before = lines[key.start_mark.line][: key.start_mark.column]
        if self._text[key.start_mark.index] not in "[{" or before.strip(" "):
            return  # a key with properties, or an explicit key ('? [a]')
        indents: list[int] = []
        for number in range(key.start_mark.line - 1, -1, -1):
            line = lines[number].rstrip("\r")
            content = line.lstrip(" \t")
            if content and not content.startswith("#"):
                break
            if content:
                indents.append(len(line) - len(content))
        if not indents or map_indent < indents[-1] in _block_indents(previous, self._text):
            return
        if min(indents) <= map_indent:
            raise YamlSyntaxError(
                "Dexto refuses a comment line right before a key written as a flow "
                "collection ('[...]' or '{...}'): move the comment or quote the key",
                Position.of(key),
            )

    def _split_lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self._text.split("\n")
        return self._lines

    def _refuse_tab_line_inside(self, node: ScalarNode) -> None:
        first, last = node.start_mark.line, node.end_mark.line
        for number in self._scan.tab_lines:
            if first < number < last:
                raise YamlSyntaxError(
                    f"a line with a tab ('\\t') inside the multi-line value that starts on line "
                    f"{first + 1}; remove the tab or quote the value",
                    _point(number, 0),
                )


def _block_indents(node: Node, text: str) -> set[int]:
    """Columns of the block collections that end with `node` (it and its last descendants)."""
    indents: set[int] = set()
    while isinstance(node, MappingNode | SequenceNode) and not node.flow_style and node.value:
        indents.add(_block_column(node, text))
        node = node.value[-1][1] if isinstance(node, MappingNode) else node.value[-1]
    return indents


def _block_column(node: Node, text: str) -> int:
    """The column a collection's entries start at.

    libyaml starts a node at its anchor or tag, which for a block collection
    sits after its parent's key (`defaults: &d`), not where its entries are.
    """
    start = node.start_mark
    if not node.value or not text.startswith(("&", "!"), start.index):
        return int(start.column)
    if isinstance(node, MappingNode):
        return int(node.value[0][0].start_mark.column)
    dash = text.rfind("-", 0, node.value[0].start_mark.index)
    return dash - (text.rfind("\n", 0, dash) + 1)


def _point(line: int, column: int) -> Position:
    """A 1-based position from libyaml's 0-based line and column."""
    return Position(line + 1, column + 1, line + 1, column + 1)


class _AliasCounter:
    """npm yaml's guard: refuse when an anchor's count times its own alias weight exceeds 100.

    The count starts at 1 for the anchor itself and grows by one per alias,
    so 100 aliases of a scalar are refused. The weight, taken at the first
    alias, is 1 for a scalar, the largest weight of a collection's members
    (0 when it is empty), and count times weight for a nested alias.
    """

    def __init__(self) -> None:
        self._first_seen: set[int] = set()
        self._alias_slots: set[tuple[int, int]] = set()
        self._uses: dict[int, list[int]] = {}

    def visit(self, node: Node) -> None:
        for slot, child in enumerate(children_of(node)):
            if id(child) in self._first_seen:
                self._alias_slots.add((id(node), slot))
                self._use(child)
            else:
                self._first_seen.add(id(child))
                self.visit(child)

    def _use(self, source: Node) -> None:
        data = self._uses.setdefault(id(source), [1, 0])
        data[0] += 1
        if data[1] == 0:
            data[1] = self._weight(source)
        if data[0] * data[1] > MAX_ALIAS_COUNT:
            raise YamlSyntaxError(
                f"aliases are used more than {MAX_ALIAS_COUNT} times; Dexto refuses such a file "
                "as a resource-exhaustion attack",
                Position.of(source),
            )

    def _weight(self, node: Node) -> int:
        if isinstance(node, ScalarNode):
            return 1
        weight = 0
        for slot, child in enumerate(children_of(node)):
            if (id(node), slot) in self._alias_slots:
                uses = self._uses.get(id(child), [1, 0])
                weight = max(weight, uses[0] * uses[1])
            else:
                weight = max(weight, self._weight(child))
        return weight


def children_of(node: Node) -> list[Node]:
    """A collection's nodes in document order (a mapping's keys and values); none for a scalar."""
    if isinstance(node, MappingNode):
        return [child for pair in node.value for child in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _compose_once(text: str) -> Node | None:
    loader = _Composer(text)
    try:
        node: Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def parse(text: str | bytes, *, last_key_wins: bool = False) -> ParsedYaml:
    """Parse one YAML document into plain data with a position index, as Dexto reads it.

    Bytes are decoded as Dexto decodes a file (`decode`). A duplicate key is a
    YamlSyntaxError (as in Dexto's YAML loader) unless `last_key_wins`, which
    is how `JSON.parse` reads JSON files.
    """
    if isinstance(text, bytes):
        text = decode(text)
    root, scan = _compose(text)
    index = PositionIndex()
    if root is None:
        return ParsedYaml(None, index, None)
    index.record((), None, root)
    builder = _Builder(index, last_key_wins, _Evener(scan.text, scan), scan.text)
    builder.yaml11 = _YAML11_DIRECTIVE_RE.match(text) is not None
    data = builder.build(root, (), -1)
    if "*" in text and ALIAS_RE.search(text):
        _AliasCounter().visit(root)
    return ParsedYaml(data, index, root)


def scalar_value(node: ScalarNode, *, yaml11: bool = False) -> Any:
    """A scalar node's value (YAML 1.2 core schema, or 1.1), numbers as JavaScript holds them."""
    _refuse_long_number(node)
    text = node.value
    if node.tag != _PLAIN_TAG:
        return _tagged_scalar(node, yaml11)
    if yaml11:
        return yaml11_value(text)
    if text and text[0] not in _NON_STRING_STARTS:
        return text
    return _core_value(text, text)


def _core_value(text: str, otherwise: Any) -> Any:
    """`text` resolved by the core schema's tests, or `otherwise` when none matches."""
    if _NULL_RE.match(text):
        return None
    if _TRUE_RE.match(text):
        return True
    if _FALSE_RE.match(text):
        return False
    if _INT_RE.match(text):
        return _js_integer(int(text))
    if _OCT_RE.match(text):
        return _js_integer(int(text[2:], 8))
    if _HEX_RE.match(text):
        return _js_integer(int(text[2:], 16))
    if _FLOAT_RE.match(text):
        return float(text)
    inf = _INF_RE.match(text)
    if inf:
        return -math.inf if inf.group(1) == "-" else math.inf
    if _NAN_RE.match(text):
        return math.nan
    return otherwise


def yaml11_value(text: str) -> Any:
    """A plain scalar under npm yaml's YAML 1.1 schema (`yes` is true, `010` is octal, `1_000`)."""
    if _NULL_RE.match(text):
        return None
    if _YAML11_TRUE_RE.match(text):
        return True
    if _YAML11_FALSE_RE.match(text):
        return False
    for pattern, base, prefix in _YAML11_INTS:
        if pattern.match(text):
            sign = -1 if text[0] == "-" else 1
            digits = text.lstrip("+-")[prefix:].replace("_", "")
            return _js_integer(sign * int(digits or "0", base))
    if _YAML11_FLOAT_RE.match(text):
        number = text.replace("_", "")
        return float(number if any(char.isdigit() for char in number) else "nan")
    inf = _INF_RE.match(text)
    if inf:
        return -math.inf if inf.group(1) == "-" else math.inf
    if _NAN_RE.match(text):
        return math.nan
    time = yaml11_time(text)
    if time is not None:
        return time
    moment = timestamp(text)
    return text if moment is None else moment


def _js_integer(value: int) -> int | float:
    """An integer as a JavaScript number: exact up to 2**53, a rounded double beyond."""
    if -_JS_SAFE_INTEGER <= value <= _JS_SAFE_INTEGER:
        return value
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


# An explicit core tag applies only when its own test matches; otherwise the value is a string.
_TAG_TESTS: dict[str, tuple[type, ...]] = {
    "null": (type(None),),
    "bool": (bool,),
    "int": (int,),
    "float": (float,),
}


def _tagged_scalar(node: ScalarNode, yaml11: bool) -> Any:
    tag = node.tag
    if not tag.startswith(_CORE_TAG):
        return node.value
    name = tag[len(_CORE_TAG) :]
    if name == "binary":
        return node_base64(node.value)
    if name == "timestamp":
        moment = timestamp(node.value)
        if moment is None:
            raise YamlSyntaxError(
                "!!timestamp expects a date, starting with yyyy-mm-dd", Position.of(node)
            )
        return moment
    wanted = _TAG_TESTS.get(name)
    if wanted is None:
        return node.value
    value = yaml11_value(node.value) if yaml11 else _core_value(node.value, node.value)
    if wanted == (float,) and _INT_RE.match(node.value):
        return node.value
    if wanted == (int,) and isinstance(value, float) and not _FLOAT_RE.match(node.value):
        return value
    if isinstance(value, bool) != (wanted == (bool,)) or not isinstance(value, wanted):
        return node.value
    return value


class _Builder:
    def __init__(
        self, index: PositionIndex, last_key_wins: bool, evener: _Evener, text: str
    ) -> None:
        self._index = index
        self._last_key_wins = last_key_wins
        self._evener = evener
        self._text = text
        # Whether the text may hold a `!` tag at all: most files do not, and skip the check.
        self._bare_tags = any(
            found.start() == 0 or text[found.start() - 1] in " \t\r\n"
            for found in _BARE_TAG_RE.finditer(text)
        )
        self._budget = MAX_VALUES
        self.yaml11 = False

    def build(self, node: Node, path: DataPath, parent_indent: int) -> Any:
        self._budget -= 1
        if self._budget < 0:
            raise YamlSyntaxError(
                f"aliases expand this document to more than {MAX_VALUES} values; "
                "refusing to expand it (a YAML 'billion laughs')",
                Position.of(node),
            )
        if isinstance(node, ScalarNode):  # the common case: kept free of calls it does not need
            if node.style or self._evener.every_scalar:
                self._evener.scalar(node, parent_indent)
            if self._bare_tags:
                self._settle_tag(node)
            return scalar_value(node, yaml11=self.yaml11)
        if len(path) >= MAX_DEPTH:
            raise YamlSyntaxError(_TOO_DEEP, Position.of(node))
        indent = _block_column(node, self._text)
        if getattr(node, "flow_style", False):
            self._evener.flow_collection(node, parent_indent)
            indent = -1
        if isinstance(node, SequenceNode):
            items: list[Any] = []
            for position, child in enumerate(node.value):
                child_path = (*path, position)
                self._index.record(child_path, None, child)
                items.append(self.build(child, child_path, indent))
            return self._pairs(node, items, path) if node.tag in _PAIR_TAGS else items
        if isinstance(node, MappingNode):
            mapping = self._build_mapping(node, path, indent)
            return self._set(node, path) if node.tag == _SET_TAG else mapping
        raise YamlSyntaxError("unsupported YAML node", Position.of(node))

    def _settle_tag(self, node: ScalarNode) -> None:
        """`!` (the non-specific tag) makes a plain scalar a string."""
        if node.tag == _PLAIN_TAG and _NON_SPECIFIC_TAG_RE.match(self._text, node.start_mark.index):
            node.tag = _STR_TAG

    def _js_value(self, node: Node, path: DataPath) -> Any:
        """A key as JavaScript holds it before any stringification (a Set member, a Map key)."""
        if isinstance(node, ScalarNode):
            return scalar_value(node, yaml11=self.yaml11)
        return self.build(node, path, -1)

    def _set(self, node: MappingNode, path: DataPath) -> JsSet:
        """`!!set`: the keys of a mapping whose values are all empty, as a JavaScript Set."""
        for _, value_node in node.value:
            if not (
                isinstance(value_node, ScalarNode)
                and value_node.tag == _PLAIN_TAG
                and scalar_value(value_node, yaml11=self.yaml11) is None
            ):
                raise YamlSyntaxError(
                    "the members of a !!set must have no values: write '? member' or '{a, b}'",
                    Position.of(value_node),
                )
        return JsSet(self._js_value(key, path) for key, _ in node.value)

    def _pairs(self, node: SequenceNode, items: list[Any], path: DataPath) -> Any:
        """`!!pairs` (a list of one-key objects) or `!!omap` (a JavaScript Map)."""
        pairs: list[tuple[Any, Any]] = []
        objects: list[dict[str, Any]] = []
        for item_node, item in zip(node.value, items, strict=True):
            if isinstance(item_node, MappingNode) and len(item_node.value) > 1:
                raise YamlSyntaxError(
                    "each pair must have its own sequence indicator ('- ')",
                    Position.of(item_node.value[1][0]),
                )
            if isinstance(item_node, MappingNode) and item_node.value:
                key_node = item_node.value[0][0]
                pairs.append((key_node, item[next(iter(item))]))
                objects.append(item)
            elif isinstance(item_node, MappingNode):
                pairs.append((None, None))
                objects.append({"": None})
            else:
                pairs.append((item_node, None))
                objects.append({_key_and_identity(item_node, self.yaml11)[0]: None})
        if node.tag != _PAIR_TAGS[0]:
            return objects
        return JsMap(self._omap_entries(pairs, path))

    def _omap_entries(
        self, pairs: list[tuple[Node | None, Any]], path: DataPath
    ) -> list[tuple[Any, Any]]:
        entries: list[tuple[Any, Any]] = []
        seen: set[object] = set()
        for key_node, value in pairs:
            if key_node is None:
                identity: object = (None, None)
            elif isinstance(key_node, ScalarNode):
                identity = _key_and_identity(key_node, self.yaml11)[1] or ("nan",)
            else:
                identity = id(key_node)
            if identity in seen:
                where = FILE_START if key_node is None else Position.of(key_node)
                raise YamlSyntaxError("ordered maps (!!omap) must not repeat a key", where)
            seen.add(identity)
            key = None if key_node is None else self._js_value(key_node, path)
            entries.append((key, value))
        return entries

    def _build_mapping(self, node: MappingNode, path: DataPath, indent: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: set[object] = set()
        for entry, (key_node, value_node) in enumerate(node.value):
            if isinstance(key_node, ScalarNode):
                if key_node.style or self._evener.every_scalar:
                    self._evener.scalar(key_node, indent)
                if self._bare_tags:
                    self._settle_tag(key_node)
            elif entry and indent >= 0 and getattr(key_node, "flow_style", False):
                previous = node.value[entry - 1][1]
                self._evener.refuse_comment_before_flow_key(key_node, previous, indent)
            if self.yaml11 and _is_merge_key(key_node):
                self._merge(result, self.build(value_node, (*path, "<<"), indent), key_node)
                continue
            if isinstance(key_node, ScalarNode):
                key, identity = _key_and_identity(key_node, self.yaml11)
            else:
                key, identity = self._collection_key(node, entry), None
            if identity is not None and identity in seen and not self._last_key_wins:
                raise YamlSyntaxError(
                    f"duplicate key {key_node.value!r}: map keys must be unique",
                    Position.of(key_node),
                )
            seen.add(identity)
            child_path = (*path, key)
            self._index.record(child_path, key_node, value_node)
            result[key] = self.build(value_node, child_path, indent)
        return result

    def _collection_key(self, node: MappingNode, entry: int) -> str:
        """The string of the collection key of `node`'s entry (an alias starts before it)."""
        after = node.value[entry - 1][1].end_mark.index if entry else node.start_mark.index
        return _FlowKeyWriter(self._text).key(node.value[entry][0], after)

    @staticmethod
    def _merge(result: dict[str, Any], sources: Any, key_node: Node) -> None:
        """YAML 1.1 `<<`: keys of the merged mappings that the mapping does not set yet."""
        for source in sources if isinstance(sources, list) else [sources]:
            if not isinstance(source, dict):
                raise YamlSyntaxError(
                    "a '<<' merge key needs a mapping or a list of mappings", Position.of(key_node)
                )
            for key, value in source.items():
                result.setdefault(key, value)


def _is_merge_key(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _PLAIN_TAG and node.value == "<<"


def _key_and_identity(node: Node, yaml11: bool = False) -> tuple[str, object]:
    """The key's string, and what makes two keys duplicates for npm yaml.

    A collection key is written without the anchors and aliases of its
    entries here (the builder, which knows the text, writes them).

    Duplicates are keys whose scalar values are equal (`===`: 1 and 1.0 are,
    1 and "1" are not, NaN never is); collections are never duplicates.
    """
    if not isinstance(node, ScalarNode):
        return _FlowKeyWriter(None).key(node, -1), None
    text = node.value
    if node.tag == _PLAIN_TAG and not yaml11 and text and text[0] not in _NON_STRING_STARTS:
        return text, text
    value = scalar_value(node, yaml11=yaml11)
    if value is None:
        return "", (None, None)
    if isinstance(value, str):
        return value, value
    if isinstance(value, bytes | datetime):
        return _js_string(value), None
    if isinstance(value, bool):
        return _js_string(value), (bool, value)
    if isinstance(value, float) and math.isnan(value):
        return "NaN", None
    return _js_string(value), (float, float(value))


def mapping_key(node: Node) -> str:
    """A mapping key as the string JavaScript makes of it (collections as flow YAML)."""
    return _key_and_identity(node)[0]


def _js_string(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, bytes):  # a Buffer's String() is its UTF-8 text
        return value.decode("utf-8", "replace")
    if isinstance(value, datetime):  # a Date's String(), as in a UTC time zone
        return value.strftime("%a %b %d %Y %H:%M:%S GMT+0000 (Coordinated Universal Time)")
    return js_number_string(value)


class _FlowKeyWriter:
    """How npm yaml writes a collection used as a key: its `toString` in flow style.

    `[ a, b ]` and `{ k: v }` on one line when they fit in 80 columns and no
    entry spans lines, else one entry a line; a collection key in a flow
    mapping is written explicitly (`? [ a ]` then `: v` on the next line);
    scalars keep the spelling npm yaml keeps (`~`, `0x1f`, `1.0`, `1e+3`);
    anchors and tags of the entries, and aliases, are written when the
    document's text is known (`text`), as marks do not hold them.
    """

    def __init__(self, text: str | None) -> None:
        self._text = text

    def key(self, node: Node, after: int) -> str:
        """The key's string; `after` is where the previous entry ends (an alias starts before)."""
        if self._is_alias(node, after):
            return self._alias(node)
        return self._collection(node, "")

    def _is_alias(self, node: Node, after: int) -> bool:
        """An alias is the node it names, which starts before the place the alias stands."""
        return self._text is not None and node.start_mark.index < after

    def _alias(self, node: Node) -> str:
        """`*name`, the name read from the anchor where the aliased node starts."""
        assert self._text is not None
        found = _ANCHOR_PROP_RE.match(self._text, node.start_mark.index)
        return f"*{found.group(1)}" if found else self._collection(node, "")

    def _item(self, node: Node, indent: str, after: int, *, implicit_key: bool = False) -> str:
        """An entry (or a key or value of one): an alias, or the node with its anchor and tag."""
        if self._is_alias(node, after):
            return self._alias(node) + (" " if implicit_key else "")
        if isinstance(node, ScalarNode):
            written = _scalar_text(node)
        else:
            written = self._collection(node, indent)
        props = self._props(node)
        return f"{props} {written}" if props else written

    def _props(self, node: Node) -> str:
        """The node's anchor, then its tag, as the text writes them."""
        found = None if self._text is None else _PROPS_RE.match(self._text, node.start_mark.index)
        if found is None:
            return ""
        props = found.group().split()
        return " ".join(sorted(props, key=lambda prop: not prop.startswith("&")))

    def _has_no_value(self, key: Node, value: Node) -> bool:
        """True for a flow mapping entry with no ':' (`{a}`), whose value npm yaml leaves out."""
        return (
            self._text is not None
            and isinstance(value, ScalarNode)
            and not value.style
            and not value.value
            and ":" not in self._text[key.end_mark.index : value.start_mark.index]
        )

    def _collection(self, node: Node, indent: str) -> str:
        """A sequence's or mapping's flow text, its entries indented past `indent` if on lines."""
        if isinstance(node, SequenceNode):
            start, end, step = "[", "]", indent + "    "
            lines = self._entries(node.value, node.start_mark.index, step, self._item)
        else:
            assert isinstance(node, MappingNode)
            start, end, step = "{", "}", indent + "  "
            lines = self._entries(node.value, node.start_mark.index, step, self._pair)
        if not lines:
            return start + end
        if any("\n" in line for line in lines) or sum(len(line) + 2 for line in lines) + 2 > 80:
            return start + "".join(f"\n  {indent}{line}" for line in lines) + f"\n{indent}{end}"
        return f"{start} {' '.join(lines)} {end}"

    @staticmethod
    def _entries(
        entries: list[Any], after: int, indent: str, write: Callable[[Any, str, int], str]
    ) -> list[str]:
        """Each entry written, with ',' after all but the last; `after` moves past each."""
        lines: list[str] = []
        for entry in entries:
            lines.append(write(entry, indent, after))
            after = (entry[1] if isinstance(entry, tuple) else entry).end_mark.index
        return [f"{line}," for line in lines[:-1]] + lines[-1:]

    def _pair(self, pair: tuple[Node, Node], indent: str, after: int) -> str:
        """A flow mapping entry as npm yaml's `stringifyPair` writes it in flow context."""
        key, value = pair
        explicit = not isinstance(key, ScalarNode)
        inner = indent + "  "
        written = self._item(key, inner, after, implicit_key=not explicit)
        if self._has_no_value(key, value):
            return f"? {written}" if explicit else written or "?"
        written = f"? {written}\n{indent}:" if explicit else f"{written}:"
        value_text = self._item(value, inner, key.end_mark.index)
        if not explicit and not isinstance(value, ScalarNode) and "\n" in value_text:
            return f"{written}\n{inner}{value_text}"
        return f"{written}{' ' if value_text else ''}{value_text}"


def _scalar_text(node: ScalarNode) -> str:
    """A scalar as npm yaml writes it back: a null or boolean as spelled, a number by its format."""
    value = scalar_value(node)
    source = node.value
    if node.style and node.start_mark.index == node.end_mark.index:
        return ""  # a key that is not there (`: x`), read as null
    if value is None:
        return source if not node.style and _NULL_RE.match(source) else "null"
    if isinstance(value, str):
        if node.style == "'":
            return "'" + value.replace("'", "''") + "'"
        if node.style == '"':
            return json.dumps(value, ensure_ascii=False)
        return value
    if node.style or not isinstance(value, int | float):
        return _js_string(value)  # a tagged quoted scalar, bytes, a date
    return source if isinstance(value, bool) else _number_text(source, value)


def _number_text(source: str, value: Any) -> str:
    """npm yaml's `stringifyNumber` and its hexadecimal, octal and exponent formats."""
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else ".inf" if value > 0 else "-.inf"
    if _HEX_RE.match(source) and value >= 0:
        return f"0x{int(value):x}"
    if _OCT_RE.match(source) and value >= 0:
        return f"0o{int(value):o}"
    if "e" in source.lower() and _FLOAT_RE.match(source):
        return _exponential(value)
    written = "-0" if value == 0 and math.copysign(1, value) < 0 else _js_string(value)
    dot = source.find(".")
    if dot < 0 or not source.endswith("0") or not written[:1].isdigit():
        return written
    point = written.find(".")
    fraction = 0 if point < 0 else len(written) - point - 1
    padded = written if point >= 0 else written + "."
    return padded + "0" * (len(source) - dot - 1 - fraction)


def _exponential(value: float) -> str:
    """JavaScript's `Number.prototype.toExponential()` with no argument (shortest digits)."""
    if value == 0:
        return "0e+0"
    import decimal  # ~1.5 ms, for an exponent-written number only (DESIGN §9)

    exact = decimal.Decimal(repr(abs(float(value))))
    digits = "".join(map(str, exact.as_tuple().digits)).rstrip("0") or "0"
    exponent = exact.adjusted()
    mantissa = digits if len(digits) == 1 else f"{digits[0]}.{digits[1:]}"
    sign = "-" if value < 0 else ""
    return f"{sign}{mantissa}e{'+' if exponent >= 0 else '-'}{abs(exponent)}"


def _syntax_error(error: yaml.MarkedYAMLError, scan: ScanText) -> YamlSyntaxError:
    """The error at the place it really is, naming the character, as yamllint does.

    An unclosed quote or bracket is reported where it opens (libyaml stops at
    the end of the file); a character libyaml stops at is shown as `'\\t'`.
    """
    problem = error.problem or str(error)
    context = error.context or ""
    mark = error.problem_mark or error.context_mark
    if context in _OPENING_CONTEXTS and error.context_mark is not None:
        mark = error.context_mark
        problem = f"{_OPENING_CONTEXTS[context]} opened here is never closed ({problem})"
    elif context == "while parsing a flow node" and mark is not None:
        opener = _unclosed_bracket(scan.text, mark.index)
        if opener is not None:
            line_start = scan.text.rfind("\n", 0, opener) + 1
            where = _point(scan.text.count("\n", 0, opener), opener - line_start)
            return YamlSyntaxError(
                f"the {scan.text[opener]!r} opened here is never closed ({problem})", where
            )
    elif mark is not None and mark.index < len(scan.text) and "character" in problem:
        char = scan.restore(scan.text[mark.index])
        if char == "\t":
            return YamlSyntaxError(_TAB_HERE, _point(mark.line, mark.column))
        problem = f"{problem}: {char!r}"
    message = f"{context}: {problem}" if context and context not in _OPENING_CONTEXTS else problem
    if mark is None:
        return YamlSyntaxError(message, FILE_START)
    return YamlSyntaxError(message, _point(mark.line, mark.column))


def _unclosed_bracket(text: str, end: int) -> int | None:
    """Where the innermost '[' or '{' still open at `end` opens (quotes and comments skipped)."""
    open_at: list[int] = []
    index = 0
    while index < end:
        char = text[index]
        if char in "[{":
            open_at.append(index)
        elif char in "]}" and open_at:
            open_at.pop()
        elif char in "\"'" and open_at and text[:index].rstrip()[-1:] in ("[", "{", ",", ":"):
            index = _closing_quote(text, index)
        elif char == "#" and (index == 0 or text[index - 1] in " \t\n"):
            index = text.find("\n", index) % (len(text) + 1)
        index += 1
    return open_at[-1] if open_at else None


def _closing_quote(text: str, start: int) -> int:
    """The index of the quote closing the one at `start` (the end of the text if none)."""
    quote = text[start]
    index = start + 1
    while index < len(text):
        if quote == '"' and text[index] == "\\":
            index += 2
            continue
        if text[index] == quote:
            if quote == "'" and text.startswith("'", index + 1):
                index += 2
                continue
            return index
        index += 1
    return len(text)


_TAB_HERE = "a tab character ('\\t') where YAML needs spaces: indent and separate with spaces"
_OPENING_CONTEXTS = {
    "while scanning a quoted scalar": "the quote",
    "while parsing a flow sequence": "the '['",
    "while parsing a flow mapping": "the '{'",
}
