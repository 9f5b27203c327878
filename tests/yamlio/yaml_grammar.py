"""A small YAML grammar for property tests: documents that know which lines each entry owns.

A generated `Document` renders to text with a line ending chosen per line, and
can render what the text must become after removing an entry or replacing a
scalar by minimal edits, so tests compare whole outputs byte for byte.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from dexto_config.yamlio.fast import parse

Path = tuple[str, ...]
SENTINEL = "\x00"


@dataclass(frozen=True)
class Scalar:
    """A flow scalar as written, e.g. `'it''s'`, `12`, `` (empty: null)."""

    text: str


@dataclass(frozen=True)
class BlockScalar:
    """`|`/`>` with chomping; content lines without indentation (may be whitespace-only)."""

    header: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class FlowMap:
    """`{a: 1, b: 'x'}` on one line."""

    items: tuple[tuple[str, Scalar], ...]


@dataclass(frozen=True)
class Entry:
    key: str
    value: Scalar | BlockScalar | FlowMap | Mapping
    comments_above: tuple[str, ...] = ()
    blank_above: bool = False
    comment: str | None = None


@dataclass(frozen=True)
class Mapping:
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Line:
    """One rendered line: who owns it (None: nobody, it survives any removal) and its text."""

    number: int
    owner: Path | None
    text: str
    # Part of a block scalar's value, even when it holds nothing but spaces.
    text_line: bool = False
    # A keep (`|+`) scalar's text: blank lines right after it are its value too.
    keeps_blank_lines: bool = False


@dataclass
class Change:
    """What to render: `removed` entry path, or `replaced` scalar path (rendered as SENTINEL)."""

    removed: Path | None = None
    replaced: Path | None = None


@dataclass
class _Renderer:
    change: Change
    lines: list[Line] = field(default_factory=list)
    counter: int = 0

    def emit(
        self, owner: Path | None, text: str, *, text_line: bool = False, keep: bool = False
    ) -> None:
        self.lines.append(Line(self.counter, owner, text, text_line, keep and text_line))
        self.counter += 1

    def mapping(self, mapping: Mapping, path: Path, indent: int) -> None:
        for entry in mapping.entries:
            self.entry(entry, (*path, entry.key), indent, path)

    def entry(self, entry: Entry, path: Path, indent: int, parent: Path) -> None:
        pad = " " * indent
        if entry.blank_above:
            self.emit(parent, "")
        for comment in entry.comments_above:
            self.emit(parent, f"{pad}{comment}")
        tail = f"  {entry.comment}" if entry.comment else ""
        value = entry.value
        if isinstance(value, Mapping):
            emptied = self.change.removed is not None and _only_child_removed(
                value, path, self.change.removed
            )
            self.emit(path, f"{pad}{entry.key}:{' {}' if emptied else ''}{tail}")
            self.mapping(value, path, indent + 2)
        elif isinstance(value, BlockScalar):
            self.emit(path, f"{pad}{entry.key}: {value.header}")
            # A line of spaces reaching past the indentation is text, not a blank line.
            indent = len(pad) + 2
            last_text = max(
                i for i, line in enumerate(value.lines) if line.strip() or len(line) > indent
            )
            for number, line in enumerate(value.lines):
                owner = path if number <= last_text else None
                self.emit(
                    owner,
                    f"{pad}  {line}" if line.strip() else line,
                    text_line=owner is not None,
                    keep=value.header == "|+",
                )
        elif isinstance(value, FlowMap):
            items = [
                f"{key}: {self.scalar(scalar, (*path, key))}"
                for key, scalar in value.items
                if (*path, key) != self.change.removed
            ]
            self.emit(path, f"{pad}{entry.key}: {{{', '.join(items)}}}{tail}")
        else:
            text = self.scalar(value, path)
            self.emit(path, f"{pad}{entry.key}:{' ' if text else ''}{text}{tail}")

    def scalar(self, scalar: Scalar, path: Path) -> str:
        return SENTINEL if path == self.change.replaced else scalar.text


def _only_child_removed(mapping: Mapping, path: Path, removed: Path) -> bool:
    return len(mapping.entries) == 1 and removed == (*path, mapping.entries[0].key)


def _without_removed(lines: list[Line], removed: Path | None) -> list[Line]:
    """Drop the removed entry's lines: from its key line to its last owned line."""
    if removed is None:
        return lines
    owned = [
        index
        for index, line in enumerate(lines)
        if line.owner is not None and line.owner[: len(removed)] == removed
    ]
    if not owned:
        return lines
    return lines[: owned[0]] + lines[owned[-1] + 1 :]


@dataclass(frozen=True)
class Document:
    root: Mapping
    endings: tuple[str, ...]
    final_newline: bool
    bom: bool

    def render(self, change: Change | None = None) -> str:
        """The text, optionally as it must look after `change` (removal or SENTINEL value)."""
        renderer = _Renderer(change or Change())
        renderer.mapping(self.root, (), 0)
        kept = _without_removed(renderer.lines, renderer.change.removed)
        if change is not None and change.removed and not _ENDS_IN_BLANK_LINES.search(self.render()):
            # Blank lines that separated a removed last entry go with it.
            blank = 0
            while blank < len(kept) - 1 and self._ends_in_a_blank_line(
                kept[-1 - blank], renderer.counter
            ):
                blank += 1
            # Blank lines after a keep (`|+`) scalar are its text: they stay.
            if blank and not kept[-1 - blank].keeps_blank_lines:
                kept = kept[: len(kept) - blank]
        text = "".join(line.text + self.endings[line.number] for line in kept)
        # Only the original last line lacks an ending; removing it leaves the one before.
        last_kept = bool(kept) and kept[-1].number == renderer.counter - 1
        if last_kept and not self.final_newline:
            text = text.removesuffix("\r\n") if text.endswith("\r\n") else text[:-1]
        return text

    def _ends_in_a_blank_line(self, line: Line, line_count: int) -> bool:
        """A line of nothing but spaces and tabs, with a line ending, that is no scalar's text."""
        has_ending = self.final_newline or line.number != line_count - 1
        return has_ending and not line.text.strip(" \t") and not line.text_line

    def to_bytes(self) -> bytes:
        return (("\ufeff" if self.bom else "") + self.render()).encode("utf-8")

    def line_count(self) -> int:
        renderer = _Renderer(Change())
        renderer.mapping(self.root, (), 0)
        return renderer.counter


# A line ending, then one or more lines of nothing but spaces and tabs, at the very end.
_ENDS_IN_BLANK_LINES = re.compile(r"(\r?\n)(?:[ \t]*\r?\n)+\Z")


def scalar_paths(mapping: Mapping, path: Path = ()) -> list[Path]:
    """Paths of flow scalars (block-mapping values and flow-mapping items)."""
    found: list[Path] = []
    for entry in mapping.entries:
        here = (*path, entry.key)
        if isinstance(entry.value, Scalar):
            found.append(here)
        elif isinstance(entry.value, FlowMap):
            found.extend((*here, key) for key, _ in entry.value.items)
        elif isinstance(entry.value, Mapping):
            found.extend(scalar_paths(entry.value, here))
    return found


def entry_paths(mapping: Mapping, path: Path = ()) -> list[Path]:
    """Every mapping entry except the root's only one (the root keeps two or more)."""
    found: list[Path] = []
    for entry in mapping.entries:
        here = (*path, entry.key)
        found.append(here)
        if isinstance(entry.value, FlowMap):
            found.extend((*here, key) for key, _ in entry.value.items)
        elif isinstance(entry.value, Mapping):
            found.extend(entry_paths(entry.value, here))
    return found


def block_scalars_in(mapping: Mapping) -> list[BlockScalar]:
    """Every block scalar of the document."""
    found: list[BlockScalar] = []
    for entry in mapping.entries:
        if isinstance(entry.value, BlockScalar):
            found.append(entry.value)
        elif isinstance(entry.value, Mapping):
            found.extend(block_scalars_in(entry.value))
    return found


# -- strategies ----------------------------------------------------------------

_LOWER = "abcdefghijklmnopqrstuvwxyz"
_WORD = st.builds(str.__add__, st.sampled_from(_LOWER), st.text(_LOWER + "0123456789", max_size=7))
_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=10)
_COMMENT = st.text(_LOWER + "XYZ0189 #:'\"-", max_size=12).map("#".__add__)


def _plain_ok(text: str) -> bool:
    try:
        parse(f"k: {text}\n")
    except Exception:
        return False
    return True


block_context_scalar = st.one_of(
    _WORD,
    st.builds(str.__add__, _WORD, st.text("/._-a0", max_size=4)).filter(_plain_ok),
    st.integers(-1000, 1000).map(str),
    st.sampled_from(["true", "false", "~", "null", "1.5", "0x1F", "yes", ""]),
    _TEXT.map(lambda text: "'" + text.replace("'", "''") + "'").filter(_plain_ok),
    _TEXT.map(lambda text: json.dumps(text, ensure_ascii=False)).filter(_plain_ok),
).map(Scalar)
flow_scalar = st.one_of(
    _WORD,
    st.integers(-1000, 1000).map(str),
    st.sampled_from(["true", "null"]),
    _TEXT.map(lambda text: "'" + text.replace("'", "''") + "'").filter(_plain_ok),
).map(Scalar)

_CONTENT_LINE = st.builds(
    str.__add__, st.sampled_from(_LOWER), st.text(_LOWER + " \t", max_size=11)
)
_BLANK_LINE = st.sampled_from(["", " ", "  ", "     "])


@st.composite
def block_scalars(draw: st.DrawFn) -> BlockScalar:
    header = draw(st.sampled_from(["|", "|-", "|+", ">", ">-"]))
    first = draw(_CONTENT_LINE)
    rest = draw(st.lists(st.one_of(_CONTENT_LINE, _BLANK_LINE), max_size=4))
    return BlockScalar(header, (first, *rest))


def _unique_keys(size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(_WORD, min_size=size, max_size=size + 3, unique=True)


@st.composite
def flow_maps(draw: st.DrawFn) -> FlowMap:
    keys = draw(_unique_keys(1))
    return FlowMap(tuple((key, draw(flow_scalar)) for key in keys))


@st.composite
def mappings(draw: st.DrawFn, depth: int, min_entries: int = 1) -> Mapping:
    keys = draw(_unique_keys(min_entries))
    values: list[Any] = [block_context_scalar, block_scalars(), flow_maps()]
    if depth > 0:
        values.append(mappings(depth - 1))
    entries = []
    for key in keys:
        value = draw(st.one_of(*values))
        comment = None if isinstance(value, BlockScalar) else draw(st.none() | _COMMENT)
        entries.append(
            Entry(
                key,
                value,
                comments_above=tuple(draw(st.lists(_COMMENT, max_size=2))),
                blank_above=draw(st.booleans()),
                comment=comment,
            )
        )
    return Mapping(tuple(entries))


@st.composite
def documents(draw: st.DrawFn) -> Document:
    root = draw(mappings(depth=2, min_entries=2))
    size = Document(root, (), True, False).line_count()
    endings = draw(st.lists(st.sampled_from(["\n", "\r\n"]), min_size=size, max_size=size))
    return Document(root, tuple(endings), draw(st.booleans()), draw(st.booleans()))


new_values = st.one_of(
    _TEXT,
    _WORD,
    st.integers(-(10**12), 10**12),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
)
