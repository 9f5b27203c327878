"""`EditableDocument`: a YAML or JSON file's data, changed by minimal text edits.

Each operation checks the change against the current data, locates the nodes
in the original text (`locate`), plans the spans it replaces (`plan`), records
them (`apply.PendingEdits`) and updates the intended data. `to_bytes()` splices
the edits into the original text and verifies the result (`apply`).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any, ClassVar

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from dexto_config.versions import MARKER_PREFIX
from dexto_config.yamlio.edit import plan
from dexto_config.yamlio.edit.apply import PendingEdits, refuse_invalid_json, same, verified_text
from dexto_config.yamlio.edit.errors import PathNotFound, UndecodableInput, UnsupportedEdit, show
from dexto_config.yamlio.edit.fragments import Fragment
from dexto_config.yamlio.edit.lines import BREAK_RE, line_end, line_start
from dexto_config.yamlio.edit.locate import OriginalText
from dexto_config.yamlio.fast import DataPath, Position, parse
from dexto_config.yamlio.render import Scalar

BOM = "\ufeff"
# The slot of the edit that writes the version marker line.
_MARKER = "marker"


class EditableDocument:
    """A YAML document changed by minimal text edits on its original bytes."""

    is_json: ClassVar[bool] = False

    def __init__(self, text: str, *, bom: bool) -> None:
        parsed = parse(text)
        self._source = OriginalText(text, parsed.root)
        self._bom = bom
        self._positions = parsed.positions
        self._data: Any = copy.deepcopy(parsed.data)
        self._edits = PendingEdits()
        self._marker: str | None = None

    @classmethod
    def from_bytes(cls, raw: bytes) -> EditableDocument:
        """Decode UTF-8 (BOM optional) and parse; raise UndecodableInput or YamlSyntaxError."""
        text, bom = _decode(raw)
        return cls(text, bom=bom)

    # -- reading --------------------------------------------------------------

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
        entry = self._positions.entries.get(self._source.original_path(path))
        if entry is None or not self.has(path):
            return None
        return entry.key or entry.value

    def column(self, path: DataPath) -> int:
        """The 0-based column of the entry's key, or of the list item's `-`, in the original."""
        start = self._source.entry_start(path)
        return start - line_start(self._source.text, start)

    def is_flow(self, path: DataPath) -> bool:
        """True when the list or mapping at `path` is written in flow style, or lies in one."""
        located = self._source.locate(path)
        return located.in_flow or bool(getattr(located.node, "flow_style", False))

    # -- editing in place -----------------------------------------------------

    def set_value(self, path: DataPath, value: Scalar) -> None:
        """Replace the scalar at `path` in place, keeping its quoting style when it round-trips."""
        if not path:
            raise UnsupportedEdit("the document root is not a scalar entry")
        current = self.get(path)
        if same(current, value):
            return
        located = self._source.locate(path)
        if not isinstance(located.node, ScalarNode) or isinstance(current, dict | list):
            raise UnsupportedEdit(f"{show(path)} is a mapping or list, not a scalar")
        span = plan.scalar_replacement(self._source, located, path, value, as_json=self.is_json)
        self._edits.add(*span, owner=path, slot=id(located.node))
        self._parent_data(path)[path[-1]] = value

    def rename_key(self, path: DataPath, new_key: str) -> None:
        """Rename the mapping entry at `path` in place: its value's text is not touched."""
        old_key = self._entry_key(path)
        parent_data = self._parent_data(path)
        if new_key in parent_data:
            raise UnsupportedEdit(f"{show((*path[:-1], new_key))} already exists")
        located = self._source.locate(path)
        span = plan.key_rename(self._source, located, path, new_key, as_json=self.is_json)
        new_path = (*path[:-1], new_key)
        self._edits.add(*span, owner=new_path, slot=id(located.key))
        items = [
            (new_key if name == old_key else name, value) for name, value in parent_data.items()
        ]
        parent_data.clear()
        parent_data.update(items)
        self._source.rename(located.parent, old_key, new_key)

    def replace_value(self, path: DataPath, value: Any, lines: Sequence[Fragment] = ()) -> None:
        """Give the mapping entry at `path` a new value of any kind.

        Without `lines` the value is written in flow style where the old one was.
        With `lines`, those become the value's block lines under the key (the
        key's own line, with its comment, stays); they must read as `value`.
        """
        self.get(path)
        located = self._source.locate(path)
        if located.key is None or not isinstance(path[-1], str):
            raise UnsupportedEdit(f"{show(path)} is not a mapping entry")
        self._source.refuse_shared_inside(located.node, path)
        span = plan.value_replacement(
            self._source, located, path, value, lines, as_json=self.is_json
        )
        self._edits.add(*span, owner=path)
        self._parent_data(path)[path[-1]] = copy.deepcopy(value)

    def set_marker(self, marker_line: str) -> None:
        """Make the first line (after a BOM) exactly `marker_line`, replacing an older marker."""
        if self.is_json:
            raise UnsupportedEdit("JSON has no comments, so it carries no version marker")
        if not marker_line.startswith("#") or BREAK_RE.search(marker_line):
            raise ValueError(f"a marker must be one comment line, not {marker_line!r}")
        text = self._source.text
        first_line = text[: line_end(text, 0)]
        self._marker = marker_line
        self._edits.clear(_MARKER)
        if first_line == marker_line:
            return
        if first_line.startswith(MARKER_PREFIX):
            self._edits.add(0, len(first_line), marker_line, owner=(), slot=_MARKER)
            return
        first_break = BREAK_RE.search(text)
        line_ending = first_break.group() if first_break else "\n"
        self._edits.add(0, 0, marker_line + line_ending, owner=(), first=True, slot=_MARKER)

    # -- removing -------------------------------------------------------------

    def remove_key(self, path: DataPath) -> None:
        """Remove a mapping entry: its own lines (with its end-of-line comment), nothing else."""
        key = self._entry_key(path)
        located = self._source.locate(path)
        parent = located.parent
        if not isinstance(parent, MappingNode):
            raise UnsupportedEdit(f"{show(path)} is not a mapping entry")
        self._source.refuse_shared_inside(located.node, path)
        index = next(i for i, (key, _) in enumerate(parent.value) if key is located.key)
        remaining = set(self._parent_data(path)) - {key}
        for start, end, text in plan.entry_removal(self._source, located, index, path, remaining):
            self._edits.add(start, end, text, owner=path[:-1] if text else path, removes=path)
        del self._parent_data(path)[key]

    def remove_moved(self, path: DataPath) -> None:
        """Remove the entry at `path` with the comment lines right above it.

        For an entry whose lines a `SourceLines(path)` wrote elsewhere.
        """
        start = self._source.entry_start(path)
        first = line_start(self._source.text, start)
        comment_start = self._source.comment_start(first)
        self.remove_key(path)
        if comment_start < first:
            # Owned by the parent: an edit owned by `path` would count as made moot.
            self._edits.add(comment_start, first, "", owner=path[:-1])

    # -- inserting ------------------------------------------------------------

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
            raise UnsupportedEdit(f"{show(mapping_path)} is not a mapping")
        if key in mapping:
            raise UnsupportedEdit(f"{show((*mapping_path, key))} already exists")
        if after is not None and after not in mapping:
            raise PathNotFound((*mapping_path, after))
        located = self._source.locate_mapping(mapping_path)
        node = located.node
        assert isinstance(node, MappingNode)
        anchor = after if after is not None else next(reversed(mapping), None)
        after_index = plan.anchor_index(self._source, node, list(mapping), anchor)
        in_flow = located.in_flow or bool(node.flow_style)
        key_text = plan.render(key, style="", in_flow=in_flow, as_json=self.is_json)
        value_text = plan.render(value, style="", in_flow=in_flow, as_json=self.is_json)
        if lines and in_flow:
            raise UnsupportedEdit(f"{show(mapping_path)} is a flow mapping; no block fits")
        span = plan.entry_insertion(self._source, node, after_index, (key_text, value_text), lines)
        self._edits.add(*span, owner=(*mapping_path, key))
        _insert_after(mapping, key, copy.deepcopy(value), anchor)

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
            raise UnsupportedEdit(f"{show(list_path)} has no place {index} for new items")
        located = self._source.locate(list_path)
        node = located.node
        if not isinstance(node, SequenceNode):
            raise UnsupportedEdit(f"{show(list_path)} is not a list in the original text")
        self._source.refuse_shared_inside(node, list_path)
        if index < len(items) and len(items) != len(node.value):
            raise UnsupportedEdit(f"{show(list_path)} changed already: add items at its end")
        span = plan.items_insertion(
            self._source, located, list_path, index, values, lines, as_json=self.is_json
        )
        self._edits.add(*span, owner=(*list_path, index))
        items[index:index] = copy.deepcopy(values)

    # -- writing --------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The original bytes with all edits applied, verified to parse to the intended data."""
        text = verified_text(
            self._source, self._edits, self._data, self._marker, as_json=self.is_json
        )
        return ((BOM if self._bom else "") + text).encode("utf-8")

    def _entry_key(self, path: DataPath) -> str:
        """The key of the existing mapping entry at `path`."""
        if not path or not isinstance(path[-1], str):
            raise UnsupportedEdit(f"{show(path)} is not a mapping entry")
        self.get(path)
        return path[-1]

    def _parent_data(self, path: DataPath) -> Any:
        return self.get(path[:-1])


class JsonDocument(EditableDocument):
    """A JSON file edited like YAML; new strings and keys are written as JSON."""

    is_json: ClassVar[bool] = True

    @classmethod
    def from_bytes(cls, raw: bytes) -> JsonDocument:
        """Decode UTF-8 (with or without BOM) and parse as JSON; raise on invalid input."""
        text, bom = _decode(raw)
        refuse_invalid_json(text)
        return cls(text, bom=bom)


def _decode(raw: bytes) -> tuple[str, bool]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UndecodableInput(error.start, error.reason) from None
    if text.startswith(BOM):
        return text[1:], True
    return text, False


def _child(value: Any, part: str | int, path: DataPath) -> Any:
    if isinstance(value, dict) and isinstance(part, str) and part in value:
        return value[part]
    if isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
        return value[part]
    raise PathNotFound(path)


def _insert_after(mapping: dict[str, Any], key: str, value: Any, after: str | None) -> None:
    items = list(mapping.items())
    position = next((i + 1 for i, (k, _) in enumerate(items) if k == after), len(items))
    items.insert(position, (key, value))
    mapping.clear()
    mapping.update(items)
