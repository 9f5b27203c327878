"""Where keys and values sit in a parsed file: positions and the index of them by data path.

Apart from the parser (`dexto_config.yamlio.fast`, which re-exports them) so
that what only names positions, such as the lint rules' metadata read by
`rules` and `explain`, does not import PyYAML.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from dexto_config.records import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from yaml.nodes import Node

PathKey = str | int
DataPath = tuple[PathKey, ...]


class Position(Record):
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


class Entry(Record):
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

    def key_paths(self) -> dict[tuple[int, int], DataPath]:
        """The data path of every mapping key by the key's 1-based (line, column); the first
        recorded path wins (a key reached again through an alias)."""
        found: dict[tuple[int, int], DataPath] = {}
        for path, (key, _value) in self._nodes.items():
            if key is not None:  # read from the node: no Entry is made for the other paths
                found.setdefault((key.start_mark.line + 1, key.start_mark.column + 1), path)
        return found

    def nearest(self, path: DataPath) -> tuple[DataPath, Entry]:
        """The entry of `path`, or of its longest recorded prefix."""
        for end in range(len(path), -1, -1):
            if path[:end] in self._nodes:
                return path[:end], self.entries[path[:end]]
        return (), Entry(None, FILE_START)
