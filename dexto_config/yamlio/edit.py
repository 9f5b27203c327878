"""Editable documents: change a YAML or JSON file by minimal text edits (DESIGN §4).

Nothing is ever re-dumped. Each operation locates its nodes in the *original*
text by libyaml's marks and records a `TextEdit` (a character span and its
replacement) together with the intended plain data. `to_bytes()` splices the
edits into the original text, re-parses the result and checks it equals the
intended data, so a wrong edit raises instead of writing a damaged file.
Every character outside the edited spans is kept as it was: BOM, line
endings, final newline (or its absence), comments, quoting, anchors, tabs.

Choices:
- Removing the only entry of a block mapping writes `{}` as that mapping's
  value (`llm: {}`), so the key keeps its meaning of "an empty mapping"; the
  root mapping becomes a `{}` line.
- A node reached through an alias, or one that carries an anchor used
  elsewhere, is never edited (`AliasedNodeError`): changing it would change
  every use of it.
- Scalars with an explicit tag and block scalars (`|`, `>`) are not replaced
  (`UnsupportedEdit`); no migration needs it and a guess could change meaning.
- Removing the last entry of a file without a final newline leaves the line
  before it (often a user's comment) byte-identical, ending included, so the
  file then ends with a newline (DESIGN §4: "so be it").
- In a flow mapping, an item is cut up to the next remaining item (or from the
  previous one), so comments between flow items go with it.
- Positions (`position()`) refer to the original text.
"""

from __future__ import annotations

import copy
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from dexto_config.jsonio import read_json
from dexto_config.versions import MARKER_PREFIX
from dexto_config.yamlio.fast import DataPath, Position, YamlSyntaxError, mapping_key, parse
from dexto_config.yamlio.render import (
    Scalar,
    UnrenderableValue,
    render_flow,
    render_json,
    render_yaml,
)

BOM = "\ufeff"
_BREAK_RE = re.compile(r"\r\n|\r|\n")
_GAP_RE = re.compile(r"(?:[ \t\r\n]|#[^\r\n]*)*")
_PROPERTY_RE = re.compile(r"[^ \t\r\n]*")
_KEY_VALUE_SEPARATOR_RE = re.compile(r"\A[ \t]*:[ \t]*\Z")
_ITEM_SEPARATOR_RE = re.compile(r"\A[ \t]*,[ \t]*\Z")
_BLANK_LINE_RE = re.compile(r"[ \t]*(?:\r\n|\r|\n)")
_KEEP_HEADER_RE = re.compile(r"[|>][-+0-9]*")
_NEXT_KEY_GAP_RE = re.compile(r"\A[ \t]*(?:#[^\r\n]*)?(?:(?:\r\n|\r|\n)[ \t]*)+\Z")
_DASH_PREFIX_RE = re.compile(r"\A[ ]*-[ ]+\Z")
_TRAILING_COMMENT_RE = re.compile(r"[ \t]*(?:#[^\r\n]*)?\Z")
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|\Z)")


class EditError(Exception):
    """Base of every error raised while editing a document."""


class UndecodableInput(EditError):
    """The bytes are not UTF-8 text."""

    def __init__(self, offset: int, reason: str) -> None:
        self.offset = offset
        super().__init__(f"not UTF-8 text: {reason} at byte {offset}")


class PathNotFound(EditError):
    """A path names no value in the document's current data."""

    def __init__(self, path: DataPath) -> None:
        self.path = path
        super().__init__(f"no value at {_show(path)}")


class UnsupportedEdit(EditError):
    """An edit this engine will not make, because it cannot be made faithfully."""


class AliasedNodeError(UnsupportedEdit):
    """The node is shared through an anchor and alias; editing it would change every use."""

    def __init__(self, path: DataPath) -> None:
        self.path = path
        super().__init__(
            f"{_show(path)} is shared through a YAML anchor/alias; "
            "editing it would change every place that uses it"
        )


class OverlappingEdits(EditError):
    """Two edits touch the same text."""


class EditVerificationError(EditError):
    """The edited text does not parse back to the intended data."""


@dataclass(frozen=True, slots=True)
class TextEdit:
    """Replace the characters [start, end) of the original text with `text`."""

    start: int
    end: int
    text: str
    sequence: int
    owner: DataPath
    removal: bool

    def overlaps(self, other: TextEdit) -> bool:
        """True when the two edits cannot both be applied unambiguously."""
        if self.start < other.end and other.start < self.end:
            return True
        return _strictly_inside(self, other) or _strictly_inside(other, self)

    def made_moot_by(self, removal: TextEdit, removed: DataPath) -> bool:
        """True when removing `removed` with `removal` makes this edit pointless.

        That holds for edits of the removed entry's own subtree, and for removals of
        other entries whose text the new span swallows; anything else inside it,
        such as a sibling added there, is an overlap.
        """
        if self.owner[: len(removed)] == removed:
            return True
        inside = removal.start <= self.start and self.end <= removal.end
        return self.removal and inside


def _strictly_inside(insertion: TextEdit, span: TextEdit) -> bool:
    return insertion.start == insertion.end and span.start < insertion.start < span.end


@dataclass(frozen=True, slots=True)
class SourceLines:
    """The original lines of the mapping entry or list item at `path`, written elsewhere.

    With `comments`, the full-line comments right above it come along: they
    describe it. With `value_only`, only the lines under a mapping entry's key
    (its block value, blank and comment lines included). Every non-empty line
    moves right by `shift` columns, left when negative (a block may sit deeper
    than its new parent needs, so 0 is usual).
    """

    path: DataPath
    shift: int = 0
    comments: bool = True
    value_only: bool = False


@dataclass(frozen=True, slots=True)
class CommentsAbove:
    """Only the full-line comments right above the entry at `path`, moved right by `shift`."""

    path: DataPath
    shift: int = 0


# A `str` is one new line, indentation included, without its line ending.
Fragment = str | SourceLines | CommentsAbove


@dataclass(frozen=True, slots=True)
class _Located:
    """A value node found by path, with its mapping key (if any) and its ancestors."""

    node: Node
    key: Node | None
    chain: tuple[Node, ...]

    @property
    def parent(self) -> Node:
        return self.chain[-2]

    @property
    def in_flow(self) -> bool:
        return any(getattr(node, "flow_style", False) for node in self.chain[:-1])


class EditableDocument:
    """A YAML document changed by minimal text edits on its original bytes."""

    is_json: ClassVar[bool] = False

    def __init__(self, text: str, *, bom: bool) -> None:
        parsed = parse(text)
        self._text = text
        self._bom = bom
        self._root = parsed.root
        self._positions = parsed.positions
        self._data: Any = copy.deepcopy(parsed.data)
        self._shared = _shared_node_ids(parsed.root)
        self._edits: list[TextEdit] = []
        self._sequence = 0
        self._marker: str | None = None
        self._marker_edit: TextEdit | None = None
        self._value_edits: dict[int, TextEdit] = {}
        # (id of an original mapping node, current key) -> the key's text in the original.
        self._renamed: dict[tuple[int, str], str] = {}

    @classmethod
    def from_bytes(cls, raw: bytes) -> EditableDocument:
        """Decode UTF-8 (BOM optional) and parse; raise UndecodableInput or YamlSyntaxError."""
        text, bom = _decode(raw)
        return cls(text, bom=bom)

    @property
    def data(self) -> Any:
        """The intended plain data after all edits so far (read-only: edit through methods)."""
        return self._data

    @property
    def changed(self) -> bool:
        """True when at least one edit is pending."""
        return bool(self._edits)

    def get(self, path: DataPath) -> Any:
        """The current value at `path`; raise PathNotFound if there is none."""
        value = self._data
        for part in path:
            value = _child(value, part, path)
        return value

    def find(self, path: DataPath) -> Any:
        """The current value at `path`, or None when there is none."""
        return self.get(path) if self.has(path) else None

    def has(self, path: DataPath) -> bool:
        """True when `path` names a value in the current data."""
        try:
            self.get(path)
        except PathNotFound:
            return False
        return True

    def position(self, path: DataPath) -> Position | None:
        """Where `path`'s key (or list item) sits in the original text, if it still exists there."""
        entry = self._positions.entries.get(self._original_path(path))
        if entry is None or not self.has(path):
            return None
        return entry.key or entry.value

    def _original_path(self, path: DataPath) -> DataPath:
        """`path` with renamed keys (`rename_key`) spelled as in the original text."""
        if not self._renamed or self._root is None:
            return path
        node: Node = self._root
        original: list[str | int] = []
        for part in path:
            name = self._renamed.get((id(node), part), part) if isinstance(part, str) else part
            original.append(name)
            try:
                node = _child_node(node, name, path)[1]
            except PathNotFound:
                return (*original, *path[len(original) :])
        return tuple(original)

    def set_value(self, path: DataPath, value: Scalar) -> None:
        """Replace the scalar at `path` in place, keeping its quoting style when it round-trips."""
        if not path:
            raise UnsupportedEdit("the document root is not a scalar entry")
        current = self.get(path)
        if _same(current, value):
            return
        located = self._locate(path)
        node = located.node
        if not isinstance(node, ScalarNode) or isinstance(current, dict | list):
            raise UnsupportedEdit(f"{_show(path)} is a mapping or list, not a scalar")
        if node.style in ("|", ">"):
            raise UnsupportedEdit(f"{_show(path)} is a block scalar; it is not replaced in place")
        start = self._scalar_start(node, path)
        end = node.end_mark.index
        text = self._render(value, style=node.style or "", in_flow=located.in_flow)
        if start == end and start > 0 and self._text[start - 1] not in " \t\r\n":
            text = " " + text
        self._drop_edit(self._value_edits.pop(id(node), None))
        self._value_edits[id(node)] = self._add_edit(start, end, text, owner=path)
        _assign(self._parent_data(path), path[-1], value)

    def remove_key(self, path: DataPath) -> None:
        """Remove a mapping entry: its own lines (with its end-of-line comment), nothing else."""
        if not path or not isinstance(path[-1], str):
            raise UnsupportedEdit(f"{_show(path)} is not a mapping entry")
        self.get(path)
        located = self._locate(path)
        parent = located.parent
        if not isinstance(parent, MappingNode):
            raise UnsupportedEdit(f"{_show(path)} is not a mapping entry")
        self._refuse_shared_inside(located.node, path)
        index = next(i for i, (key, _) in enumerate(parent.value) if key is located.key)
        remaining = set(self._parent_data(path)) - {path[-1]}
        if parent.flow_style:
            edits = self._flow_entry_removal(parent, index, remaining)
        else:
            edits = self._block_entry_removal(located, index, path, remaining)
        for start, end, text in edits:
            self._add_edit(start, end, text, owner=path[:-1] if text else path, removes=path)
        del self._parent_data(path)[path[-1]]

    def add_key(
        self,
        mapping_path: DataPath,
        key: str,
        value: Any,
        *,
        after: str | None = None,
        lines: Sequence[Fragment] = (),
    ) -> None:
        """Insert `key: value` into the mapping at `mapping_path`, after `after` (default: last).

        Without `lines` a list or mapping value is written in flow style (`tools:
        [{type: plan-tools}]`). With `lines` (block mappings only), those are the
        whole entry's lines, its key line included; they must read as `key: value`.
        """
        mapping = self.get(mapping_path)
        if not isinstance(mapping, dict):
            raise UnsupportedEdit(f"{_show(mapping_path)} is not a mapping")
        if key in mapping:
            raise UnsupportedEdit(f"{_show((*mapping_path, key))} already exists")
        if after is not None and after not in mapping:
            raise PathNotFound((*mapping_path, after))
        located = self._locate_mapping(mapping_path)
        node = located.node
        assert isinstance(node, MappingNode)
        anchor_index = self._anchor_index(node, mapping, after)
        in_flow = located.in_flow or bool(node.flow_style)
        entry_text = self._render_key(key, in_flow=in_flow)
        value_text = self._render(value, style="", in_flow=in_flow)
        if lines and in_flow:
            raise UnsupportedEdit(f"{_show(mapping_path)} is a flow mapping; no block fits")
        if node.flow_style:
            position, text = self._flow_insertion(node, anchor_index, entry_text, value_text)
        else:
            indent = _indentation(self._text, node.value[0][0].start_mark.index)
            position = self._block_insertion_point(node, anchor_index)
            entry = self._join(lines, position) if lines else f"{indent}{entry_text}: {value_text}"
            text = self._block_line(position, entry)
        self._add_edit(position, position, text, owner=(*mapping_path, key))
        anchor = after if after is not None else _last_key(mapping)
        _insert_after(mapping, key, copy.deepcopy(value), anchor)

    def set_marker(self, marker_line: str) -> None:
        """Make the first line (after a BOM) exactly `marker_line`, replacing an older marker."""
        if self.is_json:
            raise UnsupportedEdit("JSON has no comments, so it carries no version marker")
        if not marker_line.startswith("#") or _BREAK_RE.search(marker_line):
            raise ValueError(f"a marker must be one comment line, not {marker_line!r}")
        first_break = _BREAK_RE.search(self._text)
        first_line_end = first_break.start() if first_break else len(self._text)
        first_line = self._text[:first_line_end]
        self._marker = marker_line
        self._drop_edit(self._marker_edit)
        self._marker_edit = None
        if first_line == marker_line:
            return
        if first_line.startswith(MARKER_PREFIX):
            self._marker_edit = self._add_edit(0, first_line_end, marker_line, owner=())
        else:
            line_ending = first_break.group() if first_break else "\n"
            self._marker_edit = self._add_edit(
                0, 0, marker_line + line_ending, owner=(), first=True
            )

    # -- restructuring ------------------------------------------------------
    # Moves of whole blocks between keys, as a release that restructures its
    # schema needs them. The lines moved are the original ones (`SourceLines`).

    def column(self, path: DataPath) -> int:
        """The 0-based column of the entry's key, or of the list item's `-`, in the original."""
        start = self._entry_start(path)
        return start - _line_start(self._text, start)

    def is_flow(self, path: DataPath) -> bool:
        """True when the list or mapping at `path` is written in flow style, or lies in one."""
        located = self._locate(path)
        return located.in_flow or bool(getattr(located.node, "flow_style", False))

    def rename_key(self, path: DataPath, new_key: str) -> None:
        """Rename the mapping entry at `path` in place: its value's text is not touched."""
        if not path or not isinstance(path[-1], str):
            raise UnsupportedEdit(f"{_show(path)} is not a mapping entry")
        self.get(path)
        parent_data = self._parent_data(path)
        if new_key in parent_data:
            raise UnsupportedEdit(f"{_show((*path[:-1], new_key))} already exists")
        located = self._locate(path)
        key, parent = located.key, located.parent
        if not isinstance(key, ScalarNode) or key.style in ("|", ">"):
            raise UnsupportedEdit(f"the key of {_show(path)} is not a plain or quoted scalar")
        start = self._scalar_start(key, path)
        in_flow = located.in_flow or bool(getattr(parent, "flow_style", False))
        text = self._render(new_key, style=key.style or "", in_flow=in_flow)
        new_path = (*path[:-1], new_key)
        self._drop_edit(self._value_edits.pop(id(key), None))
        self._value_edits[id(key)] = self._add_edit(start, key.end_mark.index, text, owner=new_path)
        renamed = dict.fromkeys(parent_data)
        items = [(new_key if name == path[-1] else name, parent_data[name]) for name in renamed]
        parent_data.clear()
        parent_data.update(items)
        self._renamed[(id(parent), new_key)] = self._renamed.pop((id(parent), path[-1]), path[-1])

    def replace_value(self, path: DataPath, value: Any, lines: Sequence[Fragment] = ()) -> None:
        """Give the mapping entry at `path` a new value of any kind.

        Without `lines` the value is written in flow style where the old one was.
        With `lines`, those become the value's block lines under the key (the
        key's own line, with its comment, stays); they must read as `value`.
        """
        self.get(path)
        located = self._locate(path)
        key, node = located.key, located.node
        if key is None or not isinstance(path[-1], str):
            raise UnsupportedEdit(f"{_show(path)} is not a mapping entry")
        self._refuse_shared_inside(node, path)
        block = not getattr(node, "flow_style", False) and not isinstance(node, ScalarNode)
        block = block or (isinstance(node, ScalarNode) and node.style in ("|", ">"))
        if lines:
            if located.in_flow:
                raise UnsupportedEdit(f"{_show(path)} lies in a flow collection; no block fits")
            start = self._after_value_indicator(key)
            if block:
                start = _line_end(self._text, start)
            end = self._entry_end(key, node)
            line_end = _line_end(self._text, end)
            if _TRAILING_COMMENT_RE.match(self._text, end, line_end):
                end = line_end  # the old last line's comment goes with it (`lines` may keep it)
            text = self._line_ending_near(start) + self._join(lines, start)
        else:
            start, end = self._after_value_indicator(key), self._entry_end(key, node)
            if not block:
                start = node.start_mark.index
                if isinstance(node, ScalarNode):
                    start = self._scalar_start(node, path)
            text = self._render(value, style="", in_flow=located.in_flow)
            if block or self._text[start - 1] not in " \t":
                text = " " + text
        self._add_edit(start, end, text, owner=path)
        _assign(self._parent_data(path), path[-1], copy.deepcopy(value))

    def insert_items(
        self, list_path: DataPath, index: int, values: list[Any], lines: Sequence[Fragment] = ()
    ) -> None:
        """Insert `values` into the list at `list_path` before item `index` (or at its end).

        Once a list has new items, more may only go at its end.

        A block list gets `lines`, the new items' text with its indentation
        (see `column`); a flow list gets the values in flow style.
        """
        items = self.get(list_path)
        if not isinstance(items, list) or not 0 <= index <= len(items):
            raise UnsupportedEdit(f"{_show(list_path)} has no place {index} for new items")
        located = self._locate(list_path)
        node = located.node
        if not isinstance(node, SequenceNode):
            raise UnsupportedEdit(f"{_show(list_path)} is not a list in the original text")
        self._refuse_shared_inside(node, list_path)
        if index < len(items) and len(items) != len(node.value):
            raise UnsupportedEdit(f"{_show(list_path)} changed already: add items at its end")
        if node.flow_style or located.in_flow:
            position, text = self._flow_items_insertion(node, index, values)
        elif not lines:
            raise UnsupportedEdit(f"{_show(list_path)} is a block list: new items need lines")
        elif index < len(node.value):
            position = self._comment_start(_line_start(self._text, self._item_start(node, index)))
            text = self._join(lines, position) + self._line_ending_near(position)
        else:
            end = _content_end(self._text, node.value[-1], self._shared)
            position = _next_line_start(self._text, end - 1)
            body = self._join(lines, position)
            line_ending = self._line_ending_near(end)
            at_unterminated_end = position == len(self._text) and not _ends_with_break(self._text)
            text = line_ending + body if at_unterminated_end else body + line_ending
        self._add_edit(position, position, text, owner=(*list_path, index))
        items[index:index] = copy.deepcopy(values)

    def remove_moved(self, path: DataPath) -> None:
        """Remove the entry at `path` with the comment lines right above it.

        For an entry whose lines a `SourceLines(path)` wrote elsewhere.
        """
        start = self._entry_start(path)
        line_start = _line_start(self._text, start)
        comment_start = self._comment_start(line_start)
        self.remove_key(path)
        if comment_start < line_start:
            # Owned by the parent: an edit owned by `path` would count as made moot.
            self._add_edit(comment_start, line_start, "", owner=path[:-1])

    def to_bytes(self) -> bytes:
        """The original bytes with all edits applied, verified to parse to the intended data."""
        text = self._spliced_text()
        if self._edits:
            text = _without_new_trailing_blank_lines(text, self._text)
            self._refuse_blank_lines_joining_kept_scalars()
            self._verify(text)
        return ((BOM if self._bom else "") + text).encode("utf-8")

    # -- locating nodes -------------------------------------------------------

    def _locate(self, path: DataPath) -> _Located:
        if self._root is None:
            raise PathNotFound(path)
        node: Node = self._root
        key: Node | None = None
        chain: list[Node] = [node]
        for depth, part in enumerate(path):
            original = self._renamed.get((id(node), part), part) if isinstance(part, str) else part
            key, node = _child_node(node, original, path)
            chain.append(node)
            if id(node) in self._shared:
                raise AliasedNodeError(path[: depth + 1])
        return _Located(node, key, tuple(chain))

    def _locate_mapping(self, path: DataPath) -> _Located:
        if path:
            located = self._locate(path)
        elif self._root is not None:
            located = _Located(self._root, None, (self._root,))
        else:
            raise UnsupportedEdit("the document is empty; there is no mapping to add to")
        if not isinstance(located.node, MappingNode):
            raise UnsupportedEdit(f"{_show(path)} is not a mapping in the original text")
        return located

    def _refuse_shared_inside(self, node: Node, path: DataPath) -> None:
        if any(id(inner) in self._shared for inner in _walk(node)):
            raise AliasedNodeError(path)

    def _scalar_start(self, node: ScalarNode, path: DataPath) -> int:
        """Where the scalar's own text starts, after its anchor (kept) and any tag."""
        position, end = node.start_mark.index, node.end_mark.index
        while position < end and self._text[position] in "&!":
            if self._text[position] == "!":
                raise UnsupportedEdit(f"{_show(path)} has an explicit tag; it is not replaced")
            position = _PROPERTY_RE.match(self._text, position).end()  # type: ignore[union-attr]
            position = _GAP_RE.match(self._text, position).end()  # type: ignore[union-attr]
        return min(position, end)

    # -- removal --------------------------------------------------------------

    def _block_entry_removal(
        self, located: _Located, index: int, path: DataPath, remaining: set[str]
    ) -> list[tuple[int, int, str]]:
        text = self._text
        mapping = located.parent
        assert isinstance(mapping, MappingNode) and located.key is not None
        key_start = located.key.start_mark.index
        end = self._entry_end(located.key, located.node)
        line_start = _line_start(text, key_start)
        if not _only_indent_before(text, key_start):
            return self._inline_entry_removal(mapping, index, key_start, end, remaining)
        region_end = _next_line_start(text, end - 1)
        if not remaining:
            return self._emptied_mapping_edits(located, line_start, region_end, path)
        return [(line_start, region_end, "")]

    def _inline_entry_removal(
        self, mapping: MappingNode, index: int, key_start: int, end: int, remaining: set[str]
    ) -> list[tuple[int, int, str]]:
        """The first key shares its line with `- ` (or `? `): keep that indicator."""
        if not remaining:
            return [(key_start, end, "{}")]
        next_key = mapping.value[index + 1][0]
        if self._name(mapping, next_key) not in remaining:
            raise UnsupportedEdit("on a `- key:` line, remove the first key before the next one")
        next_key_start = next_key.start_mark.index
        if not _NEXT_KEY_GAP_RE.match(self._text[end:next_key_start]):
            raise UnsupportedEdit(
                "comment lines separate this entry from the next one on a `- key:` line"
            )
        return [(key_start, next_key_start, "")]

    def _emptied_mapping_edits(
        self, located: _Located, line_start: int, region_end: int, path: DataPath
    ) -> list[tuple[int, int, str]]:
        """The mapping loses its only entry: it becomes `{}` so its key keeps a mapping."""
        if len(located.chain) == 2:
            # At the first entry's place, whichever entry goes last: the result is order-free.
            first_key = located.parent.value[0][0]
            first_line = _line_start(self._text, first_key.start_mark.index)
            braces = "{}" + self._line_ending_near(first_line)
            return [(first_line, first_line, braces), (line_start, region_end, "")]
        owner = located.chain[-3]
        if not isinstance(owner, MappingNode):
            raise UnsupportedEdit(f"removing {_show(path)} would leave an empty list item")
        owner_key = next(key for key, value in owner.value if value is located.parent)
        insertion = self._after_value_indicator(owner_key)
        return [(insertion, insertion, " {}"), (line_start, region_end, "")]

    def _after_value_indicator(self, key: Node) -> int:
        """The position after `key:` and the value's anchor or tag on that line."""
        text = self._text
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

    def _flow_entry_removal(
        self, mapping: MappingNode, index: int, remaining: set[str]
    ) -> list[tuple[int, int, str]]:
        """Remove the item and the separator up to the next remaining item (or from the last).

        Spans are measured between items that are still there, so they cover any
        items removed before and never overlap those edits.
        """
        text = self._text
        key, value = mapping.value[index]
        start = key.start_mark.index
        later = [
            pair for pair in mapping.value[index + 1 :] if self._name(mapping, pair[0]) in remaining
        ]
        if later:
            successor = later[0][0].start_mark.index
            if _only_indent_before(text, start) and _only_indent_before(text, successor):
                return [(_line_start(text, start), _line_start(text, successor), "")]
            return [(start, successor, "")]
        earlier = [
            pair for pair in mapping.value[:index] if self._name(mapping, pair[0]) in remaining
        ]
        if earlier:
            return [(self._entry_end(*earlier[-1]), self._entry_end(key, value), "")]
        opening = text.index("{", mapping.start_mark.index)
        return [(opening + 1, mapping.end_mark.index - 1, "")]

    def _entry_end(self, key: Node, value: Node) -> int:
        return max(key.end_mark.index, _content_end(self._text, value, self._shared))

    # -- insertion ------------------------------------------------------------

    def _anchor_index(self, node: MappingNode, mapping: dict[str, Any], after: str | None) -> int:
        """Index in the original node of the entry the new one follows (-1: none)."""
        keys = list(mapping)
        target = after if after is not None else _last_key(mapping)
        if target is None:
            return -1
        original = {self._name(node, key): index for index, (key, _) in enumerate(node.value)}
        # A key added in this session has no node: insert where it was inserted, after it.
        for candidate in reversed(keys[: keys.index(target) + 1]):
            if candidate in original:
                return original[candidate]
        raise UnsupportedEdit(f"no original entry of the mapping precedes {target!r}")

    def _block_insertion_point(self, node: MappingNode, anchor_index: int) -> int:
        """The start of the line after the entry at `anchor_index` of a block mapping."""
        key, value = node.value[anchor_index]
        return _next_line_start(self._text, self._entry_end(key, value) - 1)

    def _block_line(self, position: int, line: str) -> str:
        """`line` as inserted at a line start `position`, with its line ending on the right side."""
        before = self._text[:position]
        line_ending = next(
            (end for end in ("\r\n", "\n", "\r") if before.endswith(end)),
            self._line_ending_near(position),
        )
        if position == len(self._text) and not _ends_with_break(self._text):
            return line_ending + line
        return line + line_ending

    def _flow_insertion(
        self, node: MappingNode, anchor_index: int, key_text: str, value_text: str
    ) -> tuple[int, str]:
        text = self._text
        if not node.value:
            return node.start_mark.index + 1, f"{key_text}: {value_text}"
        first_key, first_value = node.value[0]
        separator = text[first_key.end_mark.index : _value_start(first_value)]
        if not _KEY_VALUE_SEPARATOR_RE.match(separator):
            separator = ": "
        item = f"{key_text}{separator}{value_text}"
        key, value = node.value[anchor_index]
        position = self._entry_end(key, value)
        if _line_start(text, first_key.start_mark.index) > node.start_mark.index:
            indent = _indentation(text, first_key.start_mark.index)
            return position, f",{self._line_ending_near(position)}{indent}{item}"
        return position, f"{self._flow_item_separator(node)}{item}"

    def _flow_item_separator(self, node: MappingNode) -> str:
        """The text between entries on one line (`, ` or `,` as in compact JSON)."""
        if len(node.value) < 2:
            return ", "
        first_end = self._entry_end(*node.value[0])
        separator = self._text[first_end : node.value[1][0].start_mark.index]
        return separator if _ITEM_SEPARATOR_RE.match(separator) else ", "

    def _line_ending_near(self, position: int) -> str:
        found = _BREAK_RE.search(self._text, position) or _BREAK_RE.search(self._text)
        return found.group() if found else "\n"

    # -- rendering ------------------------------------------------------------

    def _render(self, value: Any, *, style: str, in_flow: bool) -> str:
        try:
            if isinstance(value, dict | list):
                return render_flow(value, as_json=self.is_json)
            if self.is_json:
                return render_json(value)
            return render_yaml(value, style=style, in_flow=in_flow)
        except UnrenderableValue as error:
            raise UnsupportedEdit(str(error)) from None

    def _render_key(self, key: str, *, in_flow: bool) -> str:
        return self._render(key, style="", in_flow=in_flow)

    # -- restructuring helpers ----------------------------------------------

    def _name(self, mapping: Node, key: Node) -> str | None:
        """The current name of an original key (after any `rename_key`)."""
        text = _key_text(key)
        for (owner, new), old in self._renamed.items():
            if owner == id(mapping) and old == text:
                return new
        return text

    def _entry_start(self, path: DataPath) -> int:
        """Where the entry's key, or the list item's `-`, starts; it must open its line."""
        if not path:
            raise UnsupportedEdit("the document root is not an entry")
        located = self._locate(path)
        if isinstance(path[-1], int):
            parent = located.parent
            assert isinstance(parent, SequenceNode)
            return self._item_start(parent, path[-1])
        assert located.key is not None
        start = int(located.key.start_mark.index)
        if not _only_indent_before(self._text, start):
            raise UnsupportedEdit(f"{_show(path)} does not start its own line")
        return start

    def _item_start(self, sequence: SequenceNode, index: int) -> int:
        """The position of a block list item's `-`, which must open its line."""
        start = int(sequence.value[index].start_mark.index)
        line_start = _line_start(self._text, start)
        prefix = self._text[line_start:start]
        if not _DASH_PREFIX_RE.match(prefix):
            raise UnsupportedEdit("a list item does not start its own line with `- `")
        return line_start + prefix.index("-")

    def _comment_start(self, line_start: int) -> int:
        """The start of the full-line comments right above `line_start` (itself if none).

        The version marker on the first line is never part of them.
        """
        start = line_start
        while start > 0:
            previous = _line_start(self._text, start - 1)
            if start - 1 > 0 and self._text[start - 2 : start] == "\r\n":
                previous = _line_start(self._text, start - 2)
            line = self._text[previous:start].strip(" \t\r\n")
            if not line.startswith("#") or (previous == 0 and line.startswith(MARKER_PREFIX)):
                break
            start = previous
        return start

    def _source_text(self, lines: SourceLines | CommentsAbove) -> str:
        """The original text of `lines.path`'s entry, shifted, without its final line break."""
        start = _line_start(self._text, self._entry_start(lines.path))
        if isinstance(lines, CommentsAbove):
            comments = self._text[self._comment_start(start) : start]
            return _shifted(comments, lines.shift).rstrip("\r\n")
        located = self._locate(lines.path)
        if lines.value_only:
            if located.key is None or not isinstance(located.node, MappingNode | SequenceNode):
                raise UnsupportedEdit(f"{_show(lines.path)} has no block value to move")
            start = _next_line_start(self._text, located.key.end_mark.index)
        elif lines.comments:
            start = self._comment_start(start)
        if located.key is not None:
            end = self._entry_end(located.key, located.node)
        else:
            end = _content_end(self._text, located.node, self._shared)
        self._refuse_shared_inside(located.node, lines.path)
        line_end = _line_end(self._text, end)
        if _TRAILING_COMMENT_RE.match(self._text, end, line_end):
            end = line_end
        return _shifted(self._text[start:end], lines.shift)

    def _join(self, lines: Sequence[Fragment], near: int) -> str:
        line_ending = self._line_ending_near(near)
        texts = (line if isinstance(line, str) else self._source_text(line) for line in lines)
        return line_ending.join(text for text in texts if text)

    def _flow_items_insertion(
        self, node: SequenceNode, index: int, values: list[Any]
    ) -> tuple[int, str]:
        text = ", ".join(self._render(value, style="", in_flow=True) for value in values)
        if not node.value:
            return node.start_mark.index + 1, text
        if index < len(node.value):
            return node.value[index].start_mark.index, text + ", "
        return _content_end(self._text, node.value[-1], self._shared), ", " + text

    # -- applying -------------------------------------------------------------

    def _drop_edit(self, edit: TextEdit | None) -> None:
        if edit is not None:
            self._edits = [kept for kept in self._edits if kept is not edit]

    def _add_edit(
        self,
        start: int,
        end: int,
        text: str,
        *,
        owner: DataPath,
        removes: DataPath | None = None,
        first: bool = False,
    ) -> TextEdit:
        """Record an edit of `owner`'s text; `first` puts an insertion before others there."""
        sequence = -1 if first else self._sequence
        edit = TextEdit(start, end, text, sequence, owner, removal=removes is not None and not text)
        self._sequence += 1
        kept = self._edits
        if removes is not None:
            kept = [old for old in kept if not old.made_moot_by(edit, removes)]
        for old in kept:
            if edit.overlaps(old):
                raise OverlappingEdits(
                    f"an edit of characters {start}-{end} overlaps an earlier edit of "
                    f"{old.start}-{old.end}; make one edit per node"
                )
        kept.append(edit)
        self._edits = kept
        return edit

    def _refuse_blank_lines_joining_kept_scalars(self) -> None:
        """Refuse edits that put blank lines right after a keep-chomped (`|+`) block scalar.

        Those blank lines are the user's and stay, but after a `|+` scalar they
        would become part of its value; the user has to decide which to give up.
        """
        for node in _walk(self._root) if self._root is not None else []:
            if not isinstance(node, ScalarNode) or node.style not in ("|", ">"):
                continue
            header = _KEEP_HEADER_RE.search(self._text, node.start_mark.index)
            end = node.end_mark.index
            if header is None or "+" not in header.group() or _BLANK_LINE_RE.match(self._text, end):
                continue
            if _BLANK_LINE_RE.match(self._text_after(end)):
                raise UnsupportedEdit(
                    f"this edit would put blank lines right after the keep (`|+`) block scalar "
                    f"on line {node.start_mark.line + 1}, changing its value; "
                    "remove the blank lines or make the edit by hand"
                )

    def _text_after(self, position: int) -> str:
        """The edited text from where original `position` ends up (edits there come after it)."""
        pieces: list[str] = []
        previous = position
        for edit in sorted(self._edits, key=lambda e: (e.start, e.end, e.sequence)):
            if edit.start < position:
                if edit.end > position:
                    return ""
                continue
            pieces.append(self._text[previous : edit.start])
            pieces.append(edit.text)
            previous = edit.end
        pieces.append(self._text[previous:])
        return "".join(pieces)

    def _spliced_text(self) -> str:
        pieces: list[str] = []
        previous = 0
        for edit in sorted(self._edits, key=lambda e: (e.start, e.end, e.sequence)):
            pieces.append(self._text[previous : edit.start])
            pieces.append(edit.text)
            previous = edit.end
        pieces.append(self._text[previous:])
        return "".join(pieces)

    def _verify(self, text: str) -> None:
        try:
            reparsed = parse(text).data
        except YamlSyntaxError as error:
            raise EditVerificationError(f"the edited text is not valid YAML: {error}") from None
        if not _same(reparsed, self._data):
            raise EditVerificationError("the edited text does not parse to the intended data")
        if self._marker is not None and not _starts_with_line(text, self._marker):
            raise EditVerificationError("the version marker is not the first line")
        if self.is_json:
            _verify_json(text)

    def _parent_data(self, path: DataPath) -> Any:
        return self.get(path[:-1])


class JsonDocument(EditableDocument):
    """A JSON file edited like YAML; new strings and keys are written as JSON."""

    is_json: ClassVar[bool] = True

    @classmethod
    def from_bytes(cls, raw: bytes) -> JsonDocument:
        """Decode UTF-8 (with or without BOM) and parse as JSON; raise on invalid input."""
        text, bom = _decode(raw)
        _verify_json(text)
        return cls(text, bom=bom)


def _decode(raw: bytes) -> tuple[str, bool]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UndecodableInput(error.start, error.reason) from None
    if text.startswith(BOM):
        return text[1:], True
    return text, False


def _verify_json(text: str) -> None:
    try:
        read_json(text)
    except json.JSONDecodeError as error:
        position = Position(error.lineno, error.colno, error.lineno, error.colno)
        raise YamlSyntaxError(f"invalid JSON: {error.msg}", position) from None


# -- plain data ---------------------------------------------------------------


def _same(left: Any, right: Any) -> bool:
    """Deep equality that tells 1, 1.0 and True apart, keeps key order and equates NaNs."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return list(left) == list(right) and all(_same(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(_same, left, right))
    if isinstance(left, float) and math.isnan(left):
        return math.isnan(right)
    return bool(left == right)


def _child(value: Any, part: str | int, path: DataPath) -> Any:
    if isinstance(value, dict) and isinstance(part, str) and part in value:
        return value[part]
    if isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
        return value[part]
    raise PathNotFound(path)


def _assign(container: Any, part: str | int, value: Scalar) -> None:
    container[part] = value


def _insert_after(mapping: dict[str, Any], key: str, value: Any, after: str | None) -> None:
    items = list(mapping.items())
    position = next((i + 1 for i, (k, _) in enumerate(items) if k == after), len(items))
    items.insert(position, (key, value))
    mapping.clear()
    mapping.update(items)


def _last_key(mapping: dict[str, Any]) -> str | None:
    return next(reversed(mapping), None)


def _show(path: DataPath) -> str:
    return ".".join(str(part) for part in path) or "(document root)"


# -- nodes --------------------------------------------------------------------


def _child_node(node: Node, part: str | int, path: DataPath) -> tuple[Node | None, Node]:
    if isinstance(node, MappingNode) and isinstance(part, str):
        for key, value in node.value:
            if _key_text(key) == part:
                return key, value
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    raise PathNotFound(path)


def _key_text(key: Node) -> str | None:
    try:
        return mapping_key(key)
    except YamlSyntaxError:
        return None


def _walk(root: Node) -> list[Node]:
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
        stack.extend(_children(node))
    return order


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [child for pair in node.value for child in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _shared_node_ids(root: Node | None) -> frozenset[int]:
    """Ids of nodes used more than once, i.e. anchored nodes that aliases point at."""
    if root is None:
        return frozenset()
    seen: set[int] = set()
    shared: set[int] = set()
    for node in _walk(root):
        (shared if id(node) in seen else seen).add(id(node))
    return frozenset(shared)


def _content_end(text: str, node: Node, shared: frozenset[int]) -> int:
    """Where a value's own text ends: not its trailing blank lines or comments."""
    if id(node) in shared:
        raise UnsupportedEdit("the entry ends in an alias; its extent is not known")
    if isinstance(node, ScalarNode):
        if node.style in ("|", ">"):
            return _last_visible_end(text, node.start_mark.index, node.end_mark.index)
        return int(node.end_mark.index)
    if getattr(node, "flow_style", False) or not node.value:
        return int(node.end_mark.index)
    last = node.value[-1]
    if isinstance(node, MappingNode):
        key, value = last
        return max(int(key.end_mark.index), _content_end(text, value, shared))
    return _content_end(text, last, shared)


def _value_start(node: Node) -> int:
    return int(node.start_mark.index)


# -- text positions -----------------------------------------------------------


_TRAILING_BLANK_LINES = re.compile(r"(\r?\n)(?:[ \t]*\r?\n)+\Z")


def _without_new_trailing_blank_lines(edited: str, original: str) -> str:
    """`edited` without the blank lines a removal left at the end of the file.

    The blank lines that separated a removed last entry from the one before it
    belonged to the removed entry; a file that did not end in blank lines does
    not start to.
    """
    if _TRAILING_BLANK_LINES.search(original):
        return edited
    return _TRAILING_BLANK_LINES.sub(lambda match: match.group(1), edited)


def _line_start(text: str, position: int) -> int:
    return max(text.rfind("\n", 0, position), text.rfind("\r", 0, position)) + 1


def _shifted(text: str, shift: int) -> str:
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


def _line_end(text: str, position: int) -> int:
    """Where the line holding `position` ends, before its line break."""
    found = _BREAK_RE.search(text, position)
    return found.start() if found else len(text)


def _next_line_start(text: str, position: int) -> int:
    """The start of the line after the one holding `position` (or the end of the text)."""
    found = _BREAK_RE.search(text, max(position, 0))
    return found.end() if found else len(text)


def _last_visible_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _ends_with_break(text: str) -> bool:
    return text.endswith(("\n", "\r"))


def _only_indent_before(text: str, position: int) -> bool:
    return not text[_line_start(text, position) : position].strip(" \t")


def _indentation(text: str, position: int) -> str:
    start = _line_start(text, position)
    prefix = text[start:position]
    return prefix if not prefix.strip(" \t") else " " * len(prefix)


def _starts_with_line(text: str, line: str) -> bool:
    if not text.startswith(line):
        return False
    return len(text) == len(line) or _BREAK_RE.match(text, len(line)) is not None
