"""Property tests: random documents keep every untouched line byte for byte."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dexto_config.versions import marker_line
from dexto_config.yamlio.edit import EditableDocument, UnsupportedEdit
from tests.yamlio.yaml_grammar import (
    SENTINEL,
    Change,
    Document,
    block_scalars_in,
    documents,
    entry_paths,
    new_values,
    scalar_paths,
)

PROPERTY_SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
BOM = "\ufeff"


def _decoded(raw: bytes) -> str:
    return raw.decode("utf-8").removeprefix(BOM)


def _same(left: Any, right: Any) -> bool:
    if isinstance(left, float) and isinstance(right, float) and math.isnan(left):
        return math.isnan(right)
    return type(left) is type(right) and left == right


@PROPERTY_SETTINGS
@given(documents(), st.data())
def test_removing_an_entry_touches_only_its_lines(document: Document, data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(entry_paths(document.root)), label="path")
    editable = EditableDocument.from_bytes(document.to_bytes())
    editable.remove_key(path)
    try:
        result = editable.to_bytes()
    except UnsupportedEdit:
        # Blank lines after a keep-chomped `|+` scalar are its content: when removing
        # an entry makes them follow it, the scalar would change, so the engine refuses.
        assert any(scalar.header == "|+" for scalar in block_scalars_in(document.root))
        return

    assert result.startswith(BOM.encode()) == document.bom
    assert _decoded(result) == document.render(Change(removed=path))
    assert not EditableDocument.from_bytes(result).has(path)


@PROPERTY_SETTINGS
@given(documents(), new_values, st.data())
def test_setting_a_scalar_touches_only_its_text(
    document: Document, value: Any, data: st.DataObject
) -> None:
    paths = scalar_paths(document.root)
    assume(paths)
    path = data.draw(st.sampled_from(paths), label="path")
    editable = EditableDocument.from_bytes(document.to_bytes())
    unchanged = _same(editable.get(path), value)
    editable.set_value(path, value)
    result = _decoded(editable.to_bytes())
    if unchanged:
        assert not editable.changed
        assert result == document.render()
        return

    before, after = document.render(Change(replaced=path)).split(SENTINEL)
    assert result.startswith(before)
    assert result.endswith(after)
    middle = result[len(before) : len(result) - len(after)]
    assert "\n" not in middle and "\r" not in middle
    reread = EditableDocument.from_bytes(result.encode("utf-8"))
    assert _same(reread.get(path), value)

    reread.set_value(path, value)
    assert not reread.changed, "setting the same value again must be a no-op"


@PROPERTY_SETTINGS
@given(documents())
def test_marker_is_added_once(document: Document) -> None:
    marker = marker_line("1.5.6")
    editable = EditableDocument.from_bytes(document.to_bytes())
    editable.set_marker(marker)
    result = editable.to_bytes()
    first_ending = document.endings[0]
    original = document.render()

    assert _decoded(result) == marker + first_ending + original
    again = EditableDocument.from_bytes(result)
    again.set_marker(marker)
    assert not again.changed
    assert again.to_bytes() == result


@settings(PROPERTY_SETTINGS, max_examples=60)
@given(documents(), st.data())
def test_edits_compose_in_any_order(document: Document, data: st.DataObject) -> None:
    paths = entry_paths(document.root)
    first = data.draw(st.sampled_from(paths), label="first")
    unrelated = [
        path for path in paths if path[: len(first)] != first and first[: len(path)] != path
    ]
    if not unrelated:
        return
    second = data.draw(st.sampled_from(unrelated), label="second")
    results: list[bytes | str] = []
    for order in ((first, second), (second, first)):
        editable = EditableDocument.from_bytes(document.to_bytes())
        for path in order:
            editable.remove_key(path)
        editable.set_marker(marker_line("1.5.6"))
        try:
            results.append(editable.to_bytes())
        except UnsupportedEdit as refusal:
            # Only the documented refusal (blank lines joining a `|+` scalar) may happen.
            assert "keep (`|+`)" in str(refusal)
            results.append("refused")
    assert results[0] == results[1]
