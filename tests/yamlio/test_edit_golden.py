"""Golden tests: each fixture in fixtures/yaml-edge/, a migration-like edit script, the diff.

The snapshot is a unified diff of input and output with line endings, BOM and
tabs made visible, so a reviewer sees exactly which lines changed and that
every other line (ending included) stayed as it was.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

import pytest
from syrupy.assertion import SnapshotAssertion

from dexto_config.versions import marker_line
from dexto_config.yamlio.edit import AliasedNodeError, EditableDocument, JsonDocument
from tests.conftest import FIXTURES

EDGE = FIXTURES / "yaml-edge"
MARKER = marker_line("1.5.6")
Script = Callable[[EditableDocument], None]


def _to_dexto(document: EditableDocument) -> None:
    document.set_value(("llm", "provider"), "dexto")
    document.set_value(("llm", "model"), "vendor/" + document.get(("llm", "model")))
    document.remove_key(("llm", "apiKey"))
    document.set_marker(MARKER)


def _preferences(document: EditableDocument) -> None:
    document.remove_key(("preferDextoCredits",))
    document.remove_key(("llm", "apiKey"))
    document.set_marker(MARKER)


def _marker_only(document: EditableDocument) -> None:
    document.set_marker(MARKER)


def _anchors(document: EditableDocument) -> None:
    document.set_value(("llm", "provider"), "dexto")
    document.remove_key(("llm", "apiKey"))
    with pytest.raises(AliasedNodeError):
        document.set_value(("fallback", "provider"), "dexto")
    with pytest.raises(AliasedNodeError):
        document.set_value(("llm", "model"), "anthropic/claude-haiku-4.5")


def _sequence_items(document: EditableDocument) -> None:
    document.remove_key(("mcpServers", 1, "type"))
    document.set_value(("mcpServers", 0, "type"), "http")
    document.add_key(("mcpServers", 0), "url", "https://example.com/a#b", after="type")


def _custom_models(document: EditableDocument) -> None:
    document.set_value(("models", 0, "provider"), "dexto")
    document.remove_key(("models", 0, "displayName"))
    document.add_key(("models", 1), "baseURL", "http://localhost:11434/v1", after="name")
    document.add_key((), "note", "migrated")


def _compact_json(document: EditableDocument) -> None:
    document.set_value(("models", 0, "provider"), "dexto")
    document.remove_key(("models", 0, "maxInputTokens"))
    document.add_key(("models", 0), "displayName", "GPT-5 ✓")


SCRIPTS: dict[str, Script] = {
    "agent-crlf-bom.yml": _to_dexto,
    "agent-block-scalars-chomping.yml": _to_dexto,
    "agent-mixed-line-endings.yml": _to_dexto,
    "agent-flow-and-quotes.yml": _to_dexto,
    "preferences-no-final-newline.yml": _preferences,
    "agent-older-marker.yml": _marker_only,
    "agent-anchors-aliases.yml": _anchors,
    "agent-sequence-items.yml": _sequence_items,
    "custom-models-2-space.json": _custom_models,
    "custom-models-4-space.json": _custom_models,
    "custom-models-compact-no-newline.json": _compact_json,
}


def _visible(text: str) -> list[str]:
    shown = text.replace("\ufeff", "<BOM>").replace("\t", "<TAB>").replace("\r", "<CR>")
    lines = shown.split("\n")
    if lines[-1]:
        lines[-1] += "<no final newline>"
    else:
        lines.pop()
    return lines


def test_every_edge_fixture_has_a_script() -> None:
    assert sorted(path.name for path in EDGE.iterdir()) == sorted(SCRIPTS)


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_golden(name: str, snapshot: SnapshotAssertion) -> None:
    raw = (EDGE / name).read_bytes()
    opener = JsonDocument if name.endswith(".json") else EditableDocument
    document = opener.from_bytes(raw)
    SCRIPTS[name](document)
    result = document.to_bytes()
    before, after = raw.decode("utf-8"), result.decode("utf-8")
    diff = difflib.unified_diff(_visible(before), _visible(after), "before", "after", n=1)
    assert "\n".join(line.rstrip("\n") for line in diff) == snapshot
    assert opener.from_bytes(result).data == document.data
