"""Planning edits: the character spans an operation replaces, and the text it writes.

Each function answers one operation on the original text (replace a scalar,
rename a key, remove an entry, insert an entry or list items, give an entry a
new value) with `Span`s: `(start, end, text)`, offsets into the original text.
Nothing here changes the document; `EditableDocument` records the spans.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from dexto_config.yamlio.edit.errors import UnsupportedEdit, show
from dexto_config.yamlio.edit.fragments import TRAILING_COMMENT_RE, Fragment, join
from dexto_config.yamlio.edit.lines import (
    ends_with_break,
    indentation,
    line_end,
    line_ending_near,
    line_start,
    next_line_start,
    only_indent_before,
)
from dexto_config.yamlio.edit.locate import Located, OriginalText
from dexto_config.yamlio.fast import DataPath
from dexto_config.yamlio.render import (
    UnrenderableValue,
    render_flow,
    render_json,
    render_yaml,
)

Span = tuple[int, int, str]

_KEY_VALUE_SEPARATOR_RE = re.compile(r"\A[ \t]*:[ \t]*\Z")
_ITEM_SEPARATOR_RE = re.compile(r"\A[ \t]*,[ \t]*\Z")
_NEXT_KEY_GAP_RE = re.compile(r"\A[ \t]*(?:#[^\r\n]*)?(?:(?:\r\n|\r|\n)[ \t]*)+\Z")
_BLOCK_STYLES = ("|", ">")


def render(value: Any, *, style: str, in_flow: bool, as_json: bool) -> str:
    """`value` as YAML (or JSON) text, a list or mapping in flow style; UnsupportedEdit when
    no text reads back as `value`."""
    try:
        if isinstance(value, dict | list):
            return render_flow(value, as_json=as_json)
        if as_json:
            return render_json(value)
        return render_yaml(value, style=style, in_flow=in_flow)
    except UnrenderableValue as error:
        raise UnsupportedEdit(str(error)) from None


# -- in place -------------------------------------------------------------------


def scalar_replacement(
    source: OriginalText, located: Located, path: DataPath, value: Any, *, as_json: bool
) -> Span:
    """The scalar at `path` written as `value`, in its own quoting style when that round-trips."""
    node = located.node
    assert isinstance(node, ScalarNode)
    if node.style in _BLOCK_STYLES:
        raise UnsupportedEdit(f"{show(path)} is a block scalar; it is not replaced in place")
    start = source.scalar_start(node, path)
    end = node.end_mark.index
    text = render(value, style=node.style or "", in_flow=located.in_flow, as_json=as_json)
    if start == end and start > 0 and source.text[start - 1] not in " \t\r\n":
        text = " " + text
    return start, end, text


def key_rename(
    source: OriginalText, located: Located, path: DataPath, new_key: str, *, as_json: bool
) -> Span:
    """The key of the entry at `path` written as `new_key`, in the key's own quoting style."""
    key = located.key
    if not isinstance(key, ScalarNode) or key.style in _BLOCK_STYLES:
        raise UnsupportedEdit(f"the key of {show(path)} is not a plain or quoted scalar")
    start = source.scalar_start(key, path)
    in_flow = located.in_flow or bool(getattr(located.parent, "flow_style", False))
    text = render(new_key, style=key.style or "", in_flow=in_flow, as_json=as_json)
    return start, key.end_mark.index, text


def value_replacement(
    source: OriginalText,
    located: Located,
    path: DataPath,
    value: Any,
    lines: Sequence[Fragment],
    *,
    as_json: bool,
) -> Span:
    """The value of the entry at `path` replaced: by `lines` under the key, else in flow style."""
    key, node = located.key, located.node
    assert key is not None
    text = source.text
    block = not getattr(node, "flow_style", False) and not isinstance(node, ScalarNode)
    block = block or (isinstance(node, ScalarNode) and node.style in _BLOCK_STYLES)
    if lines:
        if located.in_flow:
            raise UnsupportedEdit(f"{show(path)} lies in a flow collection; no block fits")
        start = source.after_value_indicator(key)
        if block:
            start = line_end(text, start)
        end = source.entry_end(key, node)
        end_of_line = line_end(text, end)
        if TRAILING_COMMENT_RE.match(text, end, end_of_line):
            end = end_of_line  # the old last line's comment goes with it (`lines` may keep it)
        return start, end, line_ending_near(text, start) + join(source, lines, start)
    start, end = source.after_value_indicator(key), source.entry_end(key, node)
    if not block:
        start = node.start_mark.index
        if isinstance(node, ScalarNode):
            start = source.scalar_start(node, path)
    new = render(value, style="", in_flow=located.in_flow, as_json=as_json)
    if block or text[start - 1] not in " \t":
        new = " " + new
    return start, end, new


# -- removal --------------------------------------------------------------------


def entry_removal(
    source: OriginalText, located: Located, index: int, path: DataPath, remaining: set[str]
) -> list[Span]:
    """Remove the mapping entry at `path` (entry `index` of its mapping): its own text only.

    `remaining` are the mapping's keys that stay.
    """
    mapping = located.parent
    assert isinstance(mapping, MappingNode)
    if mapping.flow_style:
        return _flow_entry_removal(source, mapping, index, remaining)
    return _block_entry_removal(source, located, index, path, remaining)


def _block_entry_removal(
    source: OriginalText, located: Located, index: int, path: DataPath, remaining: set[str]
) -> list[Span]:
    text = source.text
    mapping = located.parent
    assert isinstance(mapping, MappingNode) and located.key is not None
    key_start = located.key.start_mark.index
    end = source.entry_end(located.key, located.node)
    first = line_start(text, key_start)
    if not only_indent_before(text, key_start):
        return _inline_entry_removal(source, mapping, index, (key_start, end), remaining)
    region_end = next_line_start(text, end - 1)
    if not remaining:
        return _emptied_mapping_edits(source, located, (first, region_end), path)
    return [(first, region_end, "")]


def _inline_entry_removal(
    source: OriginalText,
    mapping: MappingNode,
    index: int,
    entry: tuple[int, int],
    remaining: set[str],
) -> list[Span]:
    """The first key shares its line with `- ` (or `? `): keep that indicator."""
    key_start, end = entry
    if not remaining:
        return [(key_start, end, "{}")]
    next_key = mapping.value[index + 1][0]
    if source.current_name(mapping, next_key) not in remaining:
        raise UnsupportedEdit("on a `- key:` line, remove the first key before the next one")
    next_key_start = next_key.start_mark.index
    if not _NEXT_KEY_GAP_RE.match(source.text[end:next_key_start]):
        raise UnsupportedEdit(
            "comment lines separate this entry from the next one on a `- key:` line"
        )
    return [(key_start, next_key_start, "")]


def _emptied_mapping_edits(
    source: OriginalText, located: Located, region: tuple[int, int], path: DataPath
) -> list[Span]:
    """The mapping loses its only entry: it becomes `{}` so its key keeps a mapping."""
    start, end = region
    if len(located.chain) == 2:
        # At the first entry's place, whichever entry goes last: the result is order-free.
        first_key = located.parent.value[0][0]
        first_line = line_start(source.text, first_key.start_mark.index)
        braces = "{}" + line_ending_near(source.text, first_line)
        return [(first_line, first_line, braces), (start, end, "")]
    owner = located.chain[-3]
    if not isinstance(owner, MappingNode):
        raise UnsupportedEdit(f"removing {show(path)} would leave an empty list item")
    owner_key = next(key for key, value in owner.value if value is located.parent)
    insertion = source.after_value_indicator(owner_key)
    return [(insertion, insertion, " {}"), (start, end, "")]


def _flow_entry_removal(
    source: OriginalText, mapping: MappingNode, index: int, remaining: set[str]
) -> list[Span]:
    """Remove the item and the separator up to the next remaining item (or from the last).

    Spans are measured between items that are still there, so they cover any
    items removed before and never overlap those edits.
    """
    text = source.text
    key, value = mapping.value[index]
    start = key.start_mark.index
    later = [
        pair
        for pair in mapping.value[index + 1 :]
        if source.current_name(mapping, pair[0]) in remaining
    ]
    if later:
        successor = later[0][0].start_mark.index
        if only_indent_before(text, start) and only_indent_before(text, successor):
            return [(line_start(text, start), line_start(text, successor), "")]
        return [(start, successor, "")]
    earlier = [
        pair for pair in mapping.value[:index] if source.current_name(mapping, pair[0]) in remaining
    ]
    if earlier:
        return [(source.entry_end(*earlier[-1]), source.entry_end(key, value), "")]
    opening = text.index("{", mapping.start_mark.index)
    return [(opening + 1, mapping.end_mark.index - 1, "")]


# -- insertion ------------------------------------------------------------------


def anchor_index(
    source: OriginalText, node: MappingNode, keys: list[str], target: str | None
) -> int:
    """Index in the original node of the entry a new one after `target` follows (-1: none).

    `keys` are the mapping's current keys, in order.
    """
    if target is None:
        return -1
    original = {source.current_name(node, key): i for i, (key, _) in enumerate(node.value)}
    # A key added in this session has no node: insert where it was inserted, after it.
    for candidate in reversed(keys[: keys.index(target) + 1]):
        if candidate in original:
            return original[candidate]
    raise UnsupportedEdit(f"no original entry of the mapping precedes {target!r}")


def entry_insertion(
    source: OriginalText,
    node: MappingNode,
    after_index: int,
    entry: tuple[str, str],
    lines: Sequence[Fragment],
) -> Span:
    """A new entry (`key text`, `value text`) after entry `after_index` of the mapping `node`.

    In a block mapping `lines`, when given, are the whole entry's lines.
    """
    if node.flow_style:
        return _flow_entry_insertion(source, node, after_index, entry)
    key_text, value_text = entry
    indent = indentation(source.text, node.value[0][0].start_mark.index)
    position = _block_insertion_point(source, node, after_index)
    line = join(source, lines, position) if lines else f"{indent}{key_text}: {value_text}"
    return position, position, _block_line(source.text, position, line)


def _block_insertion_point(source: OriginalText, node: MappingNode, index: int) -> int:
    """The start of the line after the entry at `index` of a block mapping."""
    key, value = node.value[index]
    return next_line_start(source.text, source.entry_end(key, value) - 1)


def _block_line(text: str, position: int, line: str) -> str:
    """`line` as inserted at a line start `position`, with its line ending on the right side."""
    before = text[:position]
    line_ending = next(
        (end for end in ("\r\n", "\n", "\r") if before.endswith(end)),
        line_ending_near(text, position),
    )
    if position == len(text) and not ends_with_break(text):
        return line_ending + line
    return line + line_ending


def _flow_entry_insertion(
    source: OriginalText, node: MappingNode, after_index: int, entry: tuple[str, str]
) -> Span:
    text = source.text
    key_text, value_text = entry
    if not node.value:
        position = node.start_mark.index + 1
        return position, position, f"{key_text}: {value_text}"
    first_key, first_value = node.value[0]
    separator = text[first_key.end_mark.index : first_value.start_mark.index]
    if not _KEY_VALUE_SEPARATOR_RE.match(separator):
        separator = ": "
    item = f"{key_text}{separator}{value_text}"
    position = source.entry_end(*node.value[after_index])
    if line_start(text, first_key.start_mark.index) > node.start_mark.index:
        indent = indentation(text, first_key.start_mark.index)
        return position, position, f",{line_ending_near(text, position)}{indent}{item}"
    return position, position, f"{_flow_item_separator(source, node)}{item}"


def _flow_item_separator(source: OriginalText, node: MappingNode) -> str:
    """The text between entries on one line (`, ` or `,` as in compact JSON)."""
    if len(node.value) < 2:
        return ", "
    first_end = source.entry_end(*node.value[0])
    separator = source.text[first_end : node.value[1][0].start_mark.index]
    return separator if _ITEM_SEPARATOR_RE.match(separator) else ", "


def items_insertion(
    source: OriginalText,
    located: Located,
    list_path: DataPath,
    index: int,
    values: list[Any],
    lines: Sequence[Fragment],
    *,
    as_json: bool,
) -> Span:
    """New items before item `index` of the list at `list_path` (at its end for its length).

    A flow list gets `values` in flow style; a block list gets `lines`.
    """
    node = located.node
    assert isinstance(node, SequenceNode)
    if node.flow_style or located.in_flow:
        return _flow_items_insertion(source, node, index, values, as_json=as_json)
    if not lines:
        raise UnsupportedEdit(f"{show(list_path)} is a block list: new items need lines")
    text = source.text
    if index < len(node.value):
        position = source.comment_start(line_start(text, source.item_start(node, index)))
        return position, position, join(source, lines, position) + line_ending_near(text, position)
    end = source.content_end(node.value[-1])
    position = next_line_start(text, end - 1)
    body = join(source, lines, position)
    line_ending = line_ending_near(text, end)
    at_unterminated_end = position == len(text) and not ends_with_break(text)
    return position, position, (line_ending + body if at_unterminated_end else body + line_ending)


def _flow_items_insertion(
    source: OriginalText, node: SequenceNode, index: int, values: list[Any], *, as_json: bool
) -> Span:
    text = ", ".join(render(value, style="", in_flow=True, as_json=as_json) for value in values)
    if not node.value:
        position = node.start_mark.index + 1
        return position, position, text
    if index < len(node.value):
        position = node.value[index].start_mark.index
        return position, position, text + ", "
    position = source.content_end(node.value[-1])
    return position, position, ", " + text
