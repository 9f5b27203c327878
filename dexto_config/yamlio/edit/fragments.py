"""Lines a restructuring edit writes: new lines, or original ones moved from elsewhere.

A `Fragment` is a new line (`str`, indentation included, no line ending), the
original lines of an entry (`SourceLines`), or only the comments above one
(`CommentsAbove`). `join` turns fragments into text with the file's own line
ending.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from yaml.nodes import MappingNode, SequenceNode

from dexto_config.yamlio.edit.errors import UnsupportedEdit, show
from dexto_config.yamlio.edit.lines import (
    line_end,
    line_ending_near,
    line_start,
    next_line_start,
    shifted,
)
from dexto_config.yamlio.edit.locate import OriginalText
from dexto_config.yamlio.fast import DataPath

TRAILING_COMMENT_RE = re.compile(r"[ \t]*(?:#[^\r\n]*)?\Z")


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


def join(source: OriginalText, lines: Sequence[Fragment], near: int) -> str:
    """The fragments' text, joined by the line ending found near `near`, without a final one."""
    line_ending = line_ending_near(source.text, near)
    texts = (line if isinstance(line, str) else source_text(source, line) for line in lines)
    return line_ending.join(text for text in texts if text)


def source_text(source: OriginalText, lines: SourceLines | CommentsAbove) -> str:
    """The original text of `lines.path`'s entry, shifted, without its final line break."""
    text = source.text
    start = line_start(text, source.entry_start(lines.path))
    if isinstance(lines, CommentsAbove):
        comments = text[source.comment_start(start) : start]
        return shifted(comments, lines.shift).rstrip("\r\n")
    located = source.locate(lines.path)
    if lines.value_only:
        if located.key is None or not isinstance(located.node, MappingNode | SequenceNode):
            raise UnsupportedEdit(f"{show(lines.path)} has no block value to move")
        start = next_line_start(text, located.key.end_mark.index)
    elif lines.comments:
        start = source.comment_start(start)
    if located.key is not None:
        end = source.entry_end(located.key, located.node)
    else:
        end = source.content_end(located.node)
    source.refuse_shared_inside(located.node, lines.path)
    end_of_line = line_end(text, end)
    if TRAILING_COMMENT_RE.match(text, end, end_of_line):
        end = end_of_line
    return shifted(text[start:end], lines.shift)
