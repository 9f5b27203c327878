"""Fast parsing with positions: libyaml's C composer, YAML 1.2 core semantics.

Dexto parses with the `yaml` npm package (YAML 1.2 core schema), so `yes` and
`on` are strings, `0o17` is octal, `<<` is an ordinary key and a duplicate key
is an error. PyYAML's composer gives the node tree with marks; this module
builds plain Python data from it with those semantics and records where every
key and value sits, so later layers can point at `file:line:col`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

PathKey = str | int
DataPath = tuple[PathKey, ...]

# Far beyond any real configuration; keeps every recursive walk of the data safe.
MAX_DEPTH = 100
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


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column, with the end of the node."""

    line: int
    col: int
    end_line: int
    end_col: int

    @classmethod
    def of(cls, node: Node) -> Position:
        start, end = node.start_mark, node.end_mark
        return cls(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


FILE_START = Position(1, 1, 1, 1)


@dataclass(frozen=True, slots=True)
class Entry:
    """Where one mapping entry or list item sits: its key (if any) and its value."""

    key: Position | None
    value: Position


class _Entries(Mapping[DataPath, Entry]):
    """Entries made on demand from the recorded nodes (most are never asked for)."""

    def __init__(self, nodes: dict[DataPath, tuple[Node | None, Node]]) -> None:
        self._nodes = nodes

    def __getitem__(self, path: DataPath) -> Entry:
        key, value = self._nodes[path]
        return Entry(None if key is None else Position.of(key), Position.of(value))

    def __iter__(self) -> Iterator[DataPath]:
        return iter(self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)


class PositionIndex:
    """Positions of every key and value, by data path."""

    def __init__(self) -> None:
        self._nodes: dict[DataPath, tuple[Node | None, Node]] = {}
        self.entries: Mapping[DataPath, Entry] = _Entries(self._nodes)

    def record(self, path: DataPath, key: Node | None, value: Node) -> None:
        """Remember where the entry at `path` sits."""
        self._nodes[path] = (key, value)

    def nearest(self, path: DataPath) -> tuple[DataPath, Entry]:
        """The entry of `path`, or of its longest recorded prefix."""
        for end in range(len(path), -1, -1):
            if path[:end] in self._nodes:
                return path[:end], self.entries[path[:end]]
        return (), Entry(None, FILE_START)


class YamlSyntaxError(Exception):
    """The text is not well-formed YAML (or breaks a YAML 1.2 rule Dexto enforces)."""

    def __init__(self, message: str, position: Position) -> None:
        self.message = message
        self.position = position
        super().__init__(f"{position.line}:{position.col}: {message}")


@dataclass(frozen=True, slots=True)
class ParsedYaml:
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


def decode(raw: bytes) -> str:
    """The text Dexto parses: `fs.readFile(path, 'utf-8')` keeps a BOM, bad bytes become U+FFFD."""
    return raw.decode("utf-8", "replace")


def compose(text: str | bytes) -> Node | None:
    """Compose a single YAML document into a node tree, raising YamlSyntaxError."""
    loader = _Composer(text)
    try:
        node: Node | None = loader.get_single_node()
        return node
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error) from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(str(error), FILE_START) from None
    finally:
        loader.dispose()


def parse(text: str | bytes, *, last_key_wins: bool = False) -> ParsedYaml:
    """Parse one YAML document into plain data with a position index.

    A duplicate key is a YamlSyntaxError (as in Dexto's YAML loader) unless
    `last_key_wins`, which is how `JSON.parse` reads JSON files.
    """
    root = compose(text)
    index = PositionIndex()
    if root is None:
        return ParsedYaml(None, index, None)
    index.record((), None, root)
    data = _Builder(index, last_key_wins).build(root, ())
    return ParsedYaml(data, index, root)


def scalar_value(node: ScalarNode) -> Any:
    """The YAML 1.2 core-schema value of a scalar node."""
    text = node.value
    if node.tag != _PLAIN_TAG:
        return _tagged_scalar(node)
    if text and text[0] not in _NON_STRING_STARTS:
        return text
    if _NULL_RE.match(text):
        return None
    if _TRUE_RE.match(text):
        return True
    if _FALSE_RE.match(text):
        return False
    if _INT_RE.match(text):
        return int(text)
    if _OCT_RE.match(text):
        return int(text[2:], 8)
    if _HEX_RE.match(text):
        return int(text[2:], 16)
    if _FLOAT_RE.match(text):
        return float(text)
    inf = _INF_RE.match(text)
    if inf:
        return -math.inf if inf.group(1) == "-" else math.inf
    if _NAN_RE.match(text):
        return math.nan
    return text


def _tagged_scalar(node: ScalarNode) -> Any:
    tag = node.tag
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return _TRUE_RE.match(node.value) is not None
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(node.value, 0)
        except ValueError:
            pass
    if tag == "tag:yaml.org,2002:float":
        try:
            return float(node.value)
        except ValueError:
            pass
    return node.value


class _Builder:
    def __init__(self, index: PositionIndex, last_key_wins: bool) -> None:
        self._index = index
        self._last_key_wins = last_key_wins
        self._budget = MAX_VALUES

    def build(self, node: Node, path: DataPath) -> Any:
        self._budget -= 1
        if self._budget < 0:
            raise YamlSyntaxError(
                f"aliases expand this document to more than {MAX_VALUES} values; "
                "refusing to expand it (a YAML 'billion laughs')",
                Position.of(node),
            )
        if isinstance(node, ScalarNode):
            return scalar_value(node)
        if len(path) >= MAX_DEPTH:
            raise YamlSyntaxError(
                f"nesting deeper than {MAX_DEPTH} levels: no Dexto file is shaped like this",
                Position.of(node),
            )
        if isinstance(node, SequenceNode):
            items: list[Any] = []
            for position, child in enumerate(node.value):
                child_path = (*path, position)
                self._index.record(child_path, None, child)
                items.append(self.build(child, child_path))
            return items
        if isinstance(node, MappingNode):
            return self._build_mapping(node, path)
        raise YamlSyntaxError("unsupported YAML node", Position.of(node))

    def _build_mapping(self, node: MappingNode, path: DataPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = mapping_key(key_node)
            if key in result and not self._last_key_wins:
                raise YamlSyntaxError(
                    f"duplicate key {key!r}: map keys must be unique", Position.of(key_node)
                )
            child_path = (*path, key)
            self._index.record(child_path, key_node, value_node)
            result[key] = self.build(value_node, child_path)
        return result


def mapping_key(node: Node) -> str:
    """Object keys become strings, as in JavaScript; collections cannot be keys."""
    if not isinstance(node, ScalarNode):
        raise YamlSyntaxError("a mapping or list cannot be used as a key", Position.of(node))
    value = scalar_value(node)
    if value is None:
        return "" if node.value in ("", "~") else node.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    return node.value if node.tag == _PLAIN_TAG else str(value)


def _syntax_error(error: yaml.MarkedYAMLError) -> YamlSyntaxError:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or str(error)
    message = f"{error.context}: {problem}" if error.context else problem
    if mark is None:
        return YamlSyntaxError(message, FILE_START)
    position = Position(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 1)
    return YamlSyntaxError(message, position)
