"""Table-driven cases for the minimal-edit engine: input text, edits, exact output text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dexto_config.versions import marker_line
from dexto_config.yamlio.edit import EditableDocument, JsonDocument

MARKER = marker_line("1.5.6")
Edit = Callable[[EditableDocument], None]


def _set(path: tuple[str | int, ...], value: str | int | float | bool | None) -> Edit:
    return lambda document: document.set_value(path, value)


def _remove(*path: str | int) -> Edit:
    return lambda document: document.remove_key(path)


def _add(
    path: tuple[str | int, ...], key: str, value: str | None, after: str | None = None
) -> Edit:
    return lambda document: document.add_key(path, key, value, after=after)


def _marker(document: EditableDocument) -> None:
    document.set_marker(MARKER)


CASES: list[tuple[str, str, list[Edit], str]] = [
    (
        "plain-value-keeps-comment",
        "llm:\n  provider: anthropic  # p\n",
        [_set(("llm", "provider"), "dexto")],
        "llm:\n  provider: dexto  # p\n",
    ),
    (
        "single-quoted-stays-single",
        "model: 'claude'\n",
        [_set(("model",), "anthropic/claude-sonnet-4.5")],
        "model: 'anthropic/claude-sonnet-4.5'\n",
    ),
    (
        "double-quoted-stays-double",
        'model: "gpt-5"\n',
        [_set(("model",), "openai/gpt-5")],
        'model: "openai/gpt-5"\n',
    ),
    (
        "plain-that-would-change-type-is-quoted",
        "model: gpt\n",
        [_set(("model",), "1.5")],
        "model: '1.5'\n",
    ),
    (
        "number-replaces-quoted-string-unquoted",
        "n: 'x'\n",
        [_set(("n",), 5)],
        "n: 5\n",
    ),
    (
        "empty-value-gets-a-space",
        "a:\nb: # c\n",
        [_set(("a",), "x"), _set(("b",), "z")],
        "a: x\nb: z # c\n",
    ),
    (
        "anchor-on-unshared-scalar-is-kept",
        "a: &x 1\n",
        [_set(("a",), 2)],
        "a: &x 2\n",
    ),
    (
        "flow-value-in-place",
        "llm: {provider: openai, model: gpt-5}\n",
        [_set(("llm", "provider"), "dexto"), _set(("llm", "model"), "openai/gpt-5")],
        "llm: {provider: dexto, model: openai/gpt-5}\n",
    ),
    (
        "flow-value-needing-quotes",
        "llm: {model: a}\n",
        [_set(("llm", "model"), "a, b")],
        "llm: {model: 'a, b'}\n",
    ),
    (
        "remove-keeps-comments-above-and-below",
        "llm:\n  model: m\n  # above\n  apiKey: $K # eol\n  # below\nz: 1\n",
        [_remove("llm", "apiKey")],
        "llm:\n  model: m\n  # above\n  # below\nz: 1\n",
    ),
    (
        "remove-nested-block-value",
        "a:\n  b:\n    c: 1\n    d: [1,\n      2]\n  e: 2\n",
        [_remove("a", "b")],
        "a:\n  e: 2\n",
    ),
    (
        "remove-block-scalar-keeps-blank-lines-after",
        "a: |-\n  x\n\n   \n  y\n\n# c\nb: 1\n",
        [_remove("a")],
        "\n# c\nb: 1\n",
    ),
    (
        "remove-last-key-without-final-newline-keeps-the-line-before",
        "a: 1\n# mine\nb: 2",
        [_remove("b")],
        "a: 1\n# mine\n",
    ),
    (
        "remove-crlf",
        "a: 1\r\nb: 2\r\nc: 3\r\n",
        [_remove("b")],
        "a: 1\r\nc: 3\r\n",
    ),
    (
        "remove-only-entry-leaves-empty-flow-mapping",
        "llm:  # c\n  apiKey: x\nb: 1\n",
        [_remove("llm", "apiKey")],
        "llm: {}  # c\nb: 1\n",
    ),
    (
        "remove-only-root-entry",
        "# c\na: 1\n",
        [_remove("a")],
        "# c\n{}\n",
    ),
    (
        "remove-first-key-of-list-item",
        "- a: 1\n  b: 2\n- c: 3\n",
        [_remove(0, "a"), _remove(1, "c")],
        "- b: 2\n- {}\n",
    ),
    (
        "remove-from-flow-mapping",
        "a: {x: 1, y: 2, z: 3}\n",
        [_remove("a", "y")],
        "a: {x: 1, z: 3}\n",
    ),
    (
        "remove-last-from-flow-mapping",
        "a: {x: 1, y: 2}\n",
        [_remove("a", "y")],
        "a: {x: 1}\n",
    ),
    (
        "remove-only-from-flow-mapping",
        "a: {x: 1}\n",
        [_remove("a", "x")],
        "a: {}\n",
    ),
    (
        "marker-inserted-with-crlf-after-bom",
        "\ufeffa: 1\r\n",
        [_marker],
        f"\ufeff{MARKER}\r\na: 1\r\n",
    ),
    (
        "older-marker-replaced-in-place",
        "# dexto-config: schemaVersion=1.5.4\na: 1\n",
        [_marker],
        f"{MARKER}\na: 1\n",
    ),
    (
        "marker-and-removal-of-first-key",
        "a: 1\nb: 2\n",
        [_remove("a"), _marker],
        f"{MARKER}\nb: 2\n",
    ),
    (
        "add-after-key-with-indent",
        "llm:\n    provider: x\n    model: y\n",
        [_add(("llm",), "apiKey", "$K", after="provider")],
        "llm:\n    provider: x\n    apiKey: $K\n    model: y\n",
    ),
    (
        "add-at-end-without-final-newline",
        "a: 1\nb: 2",
        [_add((), "c", "x"), _add((), "d", None)],
        "a: 1\nb: 2\nc: x\nd: null",
    ),
    (
        "add-to-flow-mapping",
        "a: {x: 1}\n",
        [_add(("a",), "w", "two words")],
        "a: {x: 1, w: two words}\n",
    ),
    (
        "add-to-empty-flow-mapping",
        "a: {}\n",
        [_add(("a",), "w", "1")],
        "a: {w: '1'}\n",
    ),
    (
        # Found by test_edits_compose_in_any_order: the blank line after a `|+`
        # scalar is its value, so removing the last entry keeps it.
        "remove-last-entry-after-keep-scalar",
        "b: |+\n  a\n\nc: a",
        [_remove("c")],
        "b: |+\n  a\n\n",
    ),
    (
        # A line of spaces past a block scalar's indentation is its text, not a blank line.
        "remove-entry-after-scalar-ending-in-spaces",
        "a: |\n  a\n     \n\nb: a",
        [_remove("b")],
        "a: |\n  a\n     \n",
    ),
    (
        "remove-scalar-ending-in-spaces-takes-them",
        "a: |\n  a\n     \nb: a\n",
        [_remove("a")],
        "b: a\n",
    ),
    (
        "remove-last-entry-drops-its-blank-line",
        "b: |\n  a\n\nc: a\n",
        [_remove("c")],
        "b: |\n  a\n",
    ),
]


@pytest.mark.parametrize(
    ("source", "edits", "expected"),
    [pytest.param(source, edits, expected, id=name) for name, source, edits, expected in CASES],
)
def test_yaml_edit(source: str, edits: list[Edit], expected: str) -> None:
    document = EditableDocument.from_bytes(source.encode("utf-8"))
    for edit in edits:
        edit(document)
    assert document.to_bytes().decode("utf-8") == expected


PRETTY_2 = (
    '{\n  "version": 1,\n  "models": [\n    {\n      "name": "a",\n'
    '      "provider": "openrouter"\n    }\n  ]\n}\n'
)
PRETTY_4 = PRETTY_2.replace("  ", "    ")


@pytest.mark.parametrize("indent", ["  ", "    ", "\t"], ids=["2-spaces", "4-spaces", "tab"])
def test_json_keeps_indentation(indent: str) -> None:
    source = PRETTY_2.replace("  ", indent)
    document = JsonDocument.from_bytes(source.encode("utf-8"))
    document.set_value(("models", 0, "provider"), "dexto")
    document.add_key(("models", 0), "displayName", 'A "quoted" name')
    document.remove_key(("version",))
    expected = (
        '{\n  "models": [\n    {\n      "name": "a",\n      "provider": "dexto",\n'
        '      "displayName": "A \\"quoted\\" name"\n    }\n  ]\n}\n'
    ).replace("  ", indent)
    assert document.to_bytes().decode("utf-8") == expected


def test_json_compact_and_no_final_newline() -> None:
    document = JsonDocument.from_bytes(b'{"a":1,"b":"x"}')
    document.set_value(("b",), "y")
    document.remove_key(("a",))
    assert document.to_bytes() == b'{"b":"y"}'


def test_unchanged_document_is_byte_identical() -> None:
    raw = PRETTY_4.encode("utf-8")
    document = JsonDocument.from_bytes(raw)
    document.set_value(("version",), 1)
    assert not document.changed
    assert document.to_bytes() == raw
