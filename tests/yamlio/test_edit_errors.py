"""Refusals, reading, positions and the memory budget of the edit engine."""

from __future__ import annotations

import tracemalloc

import pytest

from dexto_config.yamlio.edit import (
    AliasedNodeError,
    EditableDocument,
    JsonDocument,
    OverlappingEdits,
    PathNotFound,
    UndecodableInput,
    UnsupportedEdit,
)
from dexto_config.yamlio.fast import YamlSyntaxError


def _document(text: str) -> EditableDocument:
    return EditableDocument.from_bytes(text.encode("utf-8"))


def test_undecodable_bytes_are_refused_with_offset() -> None:
    with pytest.raises(UndecodableInput, match="at byte 3"):
        EditableDocument.from_bytes(b"a: \xff\n")


def test_bad_yaml_and_bad_json_raise_syntax_errors() -> None:
    with pytest.raises(YamlSyntaxError):
        _document("a: [1,\n")
    with pytest.raises(YamlSyntaxError, match="invalid JSON") as caught:
        JsonDocument.from_bytes(b'{\n  "a": 1,\n}\n')
    assert caught.value.position.line == 3


@pytest.mark.parametrize(
    ("text", "path"),
    [
        pytest.param("a: &x {k: 1}\nb: *x\n", ("a", "k"), id="anchored-mapping"),
        pytest.param("a: &x {k: 1}\nb: *x\n", ("b", "k"), id="through-alias"),
        pytest.param("a: &x 1\nb: *x\n", ("b",), id="alias-itself"),
    ],
)
def test_shared_nodes_are_never_edited(text: str, path: tuple[str, ...]) -> None:
    document = _document(text)
    with pytest.raises(AliasedNodeError):
        document.set_value(path, 2)
    assert not document.changed


@pytest.mark.parametrize(
    ("text", "paths"),
    [
        # Found by test_edits_compose_in_any_order: once `b` goes, the blank line
        # would follow the `|+` scalar and become part of its value.
        pytest.param("a: |+\n  keep\nb: 1\n\nc: 2\n", [("b",)], id="blank-line-after"),
        pytest.param("a: |+\n  keep\nx: 0\nb: 1\n\nc: 2\n", [("x",), ("b",)], id="two-removals"),
        pytest.param("a: |+\n  keep\n\nb: 1\n\nc: 2\n", [("b",)], id="kept-blank-lines"),
    ],
)
def test_blank_lines_never_join_a_keep_block_scalar(
    text: str, paths: list[tuple[str, ...]]
) -> None:
    document = _document(text)
    for path in paths:
        document.remove_key(path)
    with pytest.raises(UnsupportedEdit, match="keep"):
        document.to_bytes()


def test_removing_an_entry_that_holds_a_used_anchor_is_refused() -> None:
    document = _document("a: &x 1\nb: *x\nc: 3\n")
    with pytest.raises(AliasedNodeError):
        document.remove_key(("a",))
    document.remove_key(("c",))
    assert document.to_bytes() == b"a: &x 1\nb: *x\n"


@pytest.mark.parametrize(
    ("text", "path"),
    [
        pytest.param("a: |\n  x\n", ("a",), id="block-scalar"),
        pytest.param("a: !!str 5\n", ("a",), id="explicit-tag"),
        pytest.param("a: {b: 1}\n", ("a",), id="mapping"),
    ],
)
def test_unsupported_replacements(text: str, path: tuple[str, ...]) -> None:
    with pytest.raises(UnsupportedEdit):
        _document(text).set_value(path, "new")


def test_missing_paths() -> None:
    document = _document("a:\n  b: 1\n")
    with pytest.raises(PathNotFound):
        document.remove_key(("a", "c"))
    with pytest.raises(PathNotFound):
        document.set_value(("x",), 1)
    with pytest.raises(PathNotFound):
        document.add_key(("a",), "c", 1, after="nope")
    assert not document.has(("a", "c"))
    assert document.get(("a", "b")) == 1


def test_edit_inside_a_removed_entry_is_refused_and_removal_covers_earlier_edits() -> None:
    document = _document("a:\n  b: 1\n  c: 2\nd: 3\n")
    document.set_value(("a", "b"), 5)
    document.remove_key(("a",))
    with pytest.raises(PathNotFound):
        document.set_value(("a", "c"), 6)
    assert document.to_bytes() == b"d: 3\n"


def test_overlapping_edits_are_rejected() -> None:
    document = _document("a: {x: 1, y: 2}\n")
    document.add_key(("a",), "w", 3, after="x")
    with pytest.raises(OverlappingEdits):
        document.remove_key(("a", "x"))


def test_setting_twice_keeps_one_edit() -> None:
    document = _document("a:\nb: 'x'\n")
    document.set_value(("a",), "one")
    document.set_value(("a",), "two")
    document.set_value(("b",), "y")
    document.set_value(("b",), "x")
    assert document.to_bytes() == b"a: two\nb: 'x'\n"


def test_positions_refer_to_the_original_text() -> None:
    document = _document("# c\nllm:\n  apiKey: $K\n  model: m\nlist:\n  - 1\n")
    assert document.position(("llm", "model")) is not None
    assert document.position(("llm", "model")).line == 4  # type: ignore[union-attr]
    assert document.position(("list", 0)).col == 5  # type: ignore[union-attr]
    document.remove_key(("llm", "apiKey"))
    assert document.position(("llm", "apiKey")) is None
    assert document.position(("llm", "model")).line == 4  # type: ignore[union-attr]


def test_json_refuses_values_json_cannot_hold() -> None:
    document = JsonDocument.from_bytes(b'{"a": 1}\n')
    with pytest.raises(UnsupportedEdit):
        document.set_value(("a",), float("inf"))
    with pytest.raises(UnsupportedEdit):
        document.set_marker("# dexto-config: schemaVersion=1.5.6")


def test_five_megabyte_block_scalar_stays_within_memory_budget() -> None:
    body = "".join(f"  line {number} of a long system prompt\n" for number in range(140_000))
    raw = f"# agent\nsystemPrompt: |\n{body}llm:\n  provider: openai\n  apiKey: $K\n".encode()
    assert len(raw) > 5_000_000
    tracemalloc.start()
    try:
        document = EditableDocument.from_bytes(raw)
        document.set_value(("llm", "provider"), "dexto")
        document.remove_key(("llm", "apiKey"))
        document.set_marker("# dexto-config: schemaVersion=1.5.6")
        result = document.to_bytes()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.endswith(b"llm:\n  provider: dexto\n")
    assert peak < 10 * len(raw), f"peak {peak / len(raw):.1f}x the file size"
