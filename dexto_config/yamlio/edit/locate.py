"""Locating nodes in a document's original text: the node at a data path, and the
character spans of entries, list items, values and the comments above them.

Positions are offsets into the original text, found from libyaml's marks. Nodes
are looked up by their current names: a key renamed by an edit is still found
under its new name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from dexto_config.versions import MARKER_PREFIX
from dexto_config.yamlio.edit.errors import AliasedNodeError, PathNotFound, UnsupportedEdit, show
from dexto_config.yamlio.edit.lines import last_visible_end, line_start, only_indent_before
from dexto_config.yamlio.fast import DataPath, YamlSyntaxError, children_of, mapping_key

_GAP_RE = re.compile(r"(?:[ \t\r\n]|#[^\r\n]*)*")
_PROPERTY_RE = re.compile(r"[^ \t\r\n]*")
_DASH_PREFIX_RE = re.compile(r"\A[ ]*-[ ]+\Z")


@dataclass(frozen=True, slots=True)
class Located:
    """A value node found by path, with its mapping key (if any) and its ancestors."""

    node: Node
    key: Node | None
    chain: tuple[Node, ...]

    @property
    def parent(self) -> Node:
        return self.chain[-2]

    @property
    def in_flow(self) -> bool:
        """True when the node lies inside a flow collection."""
        return any(getattr(node, "flow_style", False) for node in self.chain[:-1])


class OriginalText:
    """The text a document was read from, its node tree, and the keys renamed since."""

    def __init__(self, text: str, root: Node | None) -> None:
        self.text = text
        self.root = root
        self.shared = shared_node_ids(root)
        # (id of an original mapping node, current key) -> the key's text in the original.
        self._renamed: dict[tuple[int, str], str] = {}

    def rename(self, mapping: Node, old: str, new: str) -> None:
        """Record that the key `old` of `mapping` is now called `new`."""
        self._renamed[(id(mapping), new)] = self._renamed.pop((id(mapping), old), old)

    def original_path(self, path: DataPath) -> DataPath:
        """`path` with renamed keys spelled as in the original text."""
        if not self._renamed or self.root is None:
            return path
        node: Node = self.root
        original: list[str | int] = []
        for part in path:
            name = self._original_name(node, part)
            original.append(name)
            try:
                node = child_node(node, name, path)[1]
            except PathNotFound:
                return (*original, *path[len(original) :])
        return tuple(original)

    def current_name(self, mapping: Node, key: Node) -> str | None:
        """The current name of an original key of `mapping`."""
        text = key_text(key)
        for (owner, new), old in self._renamed.items():
            if owner == id(mapping) and old == text:
                return new
        return text

    def locate(self, path: DataPath) -> Located:
        """The node at `path`; AliasedNodeError when it is reached through a shared node."""
        if self.root is None:
            raise PathNotFound(path)
        node: Node = self.root
        key: Node | None = None
        chain: list[Node] = [node]
        for depth, part in enumerate(path):
            key, node = child_node(node, self._original_name(node, part), path)
            chain.append(node)
            if id(node) in self.shared:
                raise AliasedNodeError(path[: depth + 1])
        return Located(node, key, tuple(chain))

    def locate_mapping(self, path: DataPath) -> Located:
        """The mapping node at `path` (the root for `()`); UnsupportedEdit when it is none."""
        if path:
            located = self.locate(path)
        elif self.root is not None:
            located = Located(self.root, None, (self.root,))
        else:
            raise UnsupportedEdit("the document is empty; there is no mapping to add to")
        if not isinstance(located.node, MappingNode):
            raise UnsupportedEdit(f"{show(path)} is not a mapping in the original text")
        return located

    def refuse_shared_inside(self, node: Node, path: DataPath) -> None:
        """AliasedNodeError when any node under `node` is shared through an anchor."""
        if any(id(inner) in self.shared for inner in walk(node)):
            raise AliasedNodeError(path)

    def scalar_start(self, node: ScalarNode, path: DataPath) -> int:
        """Where the scalar's own text starts, after its anchor (kept) and any tag."""
        text = self.text
        position, end = node.start_mark.index, node.end_mark.index
        while position < end and text[position] in "&!":
            if text[position] == "!":
                raise UnsupportedEdit(f"{show(path)} has an explicit tag; it is not replaced")
            position = _PROPERTY_RE.match(text, position).end()  # type: ignore[union-attr]
            position = _GAP_RE.match(text, position).end()  # type: ignore[union-attr]
        return min(position, end)

    def after_value_indicator(self, key: Node) -> int:
        """The position after `key:` and the value's anchor or tag on that line."""
        text = self.text
        position = key.end_mark.index
        while position < len(text) and text[position] in " \t":
            position += 1
        if position >= len(text) or text[position] != ":":
            raise UnsupportedEdit("cannot find the `:` of the enclosing mapping entry")
        insertion = position = position + 1
        while True:
            while position < len(text) and text[position] in " \t":
                position += 1
            if position >= len(text) or text[position] not in "&!":
                return insertion
            position = insertion = _PROPERTY_RE.match(text, position).end()  # type: ignore[union-attr]

    def content_end(self, node: Node) -> int:
        """Where a value's own text ends: not its trailing blank lines or comments."""
        return _content_end(self.text, node, self.shared)

    def entry_end(self, key: Node, value: Node) -> int:
        """Where a mapping entry's text ends (its key's, when the value is empty)."""
        return max(key.end_mark.index, self.content_end(value))

    def entry_start(self, path: DataPath) -> int:
        """Where the entry's key, or the list item's `-`, starts; it must open its line."""
        if not path:
            raise UnsupportedEdit("the document root is not an entry")
        located = self.locate(path)
        if isinstance(path[-1], int):
            parent = located.parent
            assert isinstance(parent, SequenceNode)
            return self.item_start(parent, path[-1])
        assert located.key is not None
        start = int(located.key.start_mark.index)
        if not only_indent_before(self.text, start):
            raise UnsupportedEdit(f"{show(path)} does not start its own line")
        return start

    def item_start(self, sequence: SequenceNode, index: int) -> int:
        """The position of a block list item's `-`, which must open its line."""
        start = int(sequence.value[index].start_mark.index)
        first = line_start(self.text, start)
        prefix = self.text[first:start]
        if not _DASH_PREFIX_RE.match(prefix):
            raise UnsupportedEdit("a list item does not start its own line with `- `")
        return first + prefix.index("-")

    def comment_start(self, start_of_line: int) -> int:
        """The start of the full-line comments right above `start_of_line` (itself if none).

        The version marker on the first line is never part of them.
        """
        text = self.text
        start = start_of_line
        while start > 0:
            previous = line_start(text, start - 1)
            if start - 1 > 0 and text[start - 2 : start] == "\r\n":
                previous = line_start(text, start - 2)
            line = text[previous:start].strip(" \t\r\n")
            if not line.startswith("#") or (previous == 0 and line.startswith(MARKER_PREFIX)):
                break
            start = previous
        return start

    def _original_name(self, node: Node, part: str | int) -> str | int:
        return self._renamed.get((id(node), part), part) if isinstance(part, str) else part


def child_node(node: Node, part: str | int, path: DataPath) -> tuple[Node | None, Node]:
    """The (key, value) nodes of `part` in a mapping or list node; PathNotFound if none."""
    if isinstance(node, MappingNode) and isinstance(part, str):
        for key, value in node.value:
            if key_text(key) == part:
                return key, value
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    raise PathNotFound(path)


def key_text(key: Node) -> str | None:
    """A mapping key node's name as the data holds it; None for a key that is no name."""
    try:
        return mapping_key(key)
    except YamlSyntaxError:
        return None


def walk(root: Node) -> list[Node]:
    """Every node under `root` once (an aliased node is not entered twice)."""
    seen: set[int] = set()
    order: list[Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        order.append(node)
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.extend(children_of(node))
    return order


def shared_node_ids(root: Node | None) -> frozenset[int]:
    """Ids of nodes used more than once, i.e. anchored nodes that aliases point at."""
    if root is None:
        return frozenset()
    seen: set[int] = set()
    shared: set[int] = set()
    for node in walk(root):
        (shared if id(node) in seen else seen).add(id(node))
    return frozenset(shared)


def _block_scalar_end(text: str, node: ScalarNode) -> int:
    """Where a block scalar's text ends: its last visible character, or a later
    line of spaces reaching past its indentation (such a line is content, not blank)."""
    start, end = node.start_mark.index, node.end_mark.index
    visible = last_visible_end(text, start, end)
    indent = _block_indent(text, start, visible)
    pieces = text[visible:end].splitlines(keepends=True)
    ends = visible
    offset = visible + (len(pieces[0]) if pieces else 0)
    for piece in pieces[1:]:
        spaces = piece.rstrip("\r\n")
        if len(spaces) > indent and not spaces.strip(" "):
            ends = offset + len(spaces)
        offset += len(piece)
    return ends


def _block_indent(text: str, start: int, visible: int) -> int:
    """The indentation of a block scalar's first line that holds text."""
    header_end = text.find("\n", start, visible)
    for line in text[header_end + 1 : visible].splitlines() if header_end >= 0 else ():
        if line.strip(" \t"):
            return len(line) - len(line.lstrip(" "))
    return 0


def _content_end(text: str, node: Node, shared: frozenset[int]) -> int:
    """Where a value's own text ends: not its trailing blank lines or comments."""
    if id(node) in shared:
        raise UnsupportedEdit("the entry ends in an alias; its extent is not known")
    if isinstance(node, ScalarNode):
        if node.style in ("|", ">"):
            return _block_scalar_end(text, node)
        return int(node.end_mark.index)
    if getattr(node, "flow_style", False) or not node.value:
        return int(node.end_mark.index)
    last = node.value[-1]
    if isinstance(node, MappingNode):
        key, value = last
        return max(int(key.end_mark.index), _content_end(text, value, shared))
    return _content_end(text, last, shared)
