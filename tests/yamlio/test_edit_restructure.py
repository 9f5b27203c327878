"""Table-driven cases for the restructuring edits: rename, replace, insert, move (DESIGN §4)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from dexto_config.yamlio.edit import (
    CommentsAbove,
    EditableDocument,
    Fragment,
    JsonDocument,
    SourceLines,
    UnsupportedEdit,
)

Edit = Callable[[EditableDocument], None]


def _rename(path: tuple[str | int, ...], key: str) -> Edit:
    return lambda document: document.rename_key(path, key)


def _replace(path: tuple[str | int, ...], value: object, lines: Sequence[Fragment] = ()) -> Edit:
    return lambda document: document.replace_value(path, value, lines)


def _insert(
    path: tuple[str | int, ...], index: int, values: list[object], lines: list[str]
) -> Edit:
    return lambda document: document.insert_items(path, index, values, lines)


def _move_out(path: tuple[str | int, ...]) -> Edit:
    return lambda document: document.remove_moved(path)


CASES: list[tuple[str, str, list[Edit], str]] = [
    (
        "rename-keeps-value-lines-and-comments",
        "# confirm\ntoolConfirmation:  # tc\n  mode: manual # m\nx: 1\n",
        [_rename(("toolConfirmation",), "permissions")],
        "# confirm\npermissions:  # tc\n  mode: manual # m\nx: 1\n",
    ),
    (
        "rename-quoted-key-stays-quoted",
        "'internalResources': []\n",
        [_rename(("internalResources",), "resources")],
        "'resources': []\n",
    ),
    (
        "renamed-entry-can-still-be-edited-below",
        "toolConfirmation:\n  toolPolicies:\n    alwaysAllow: [internal--ask_user]\n",
        [
            _rename(("toolConfirmation",), "permissions"),
            lambda d: d.set_value(("permissions", "toolPolicies", "alwaysAllow", 0), "ask_user"),
        ],
        "permissions:\n  toolPolicies:\n    alwaysAllow: [ask_user]\n",
    ),
    (
        "rename-then-replace-scalar-with-flow-mapping",
        "llm:\n  reasoningEffort: high # mine\n",
        [
            _rename(("llm", "reasoningEffort"), "reasoning"),
            _replace(("llm", "reasoning"), {"variant": "high"}),
        ],
        "llm:\n  reasoning: {variant: high} # mine\n",
    ),
    (
        "replace-block-mapping-with-empty-list",
        "resources:\n  enabled: false\n  resources:\n    - type: blob\nnext: 1\n",
        [_replace(("resources",), [])],
        "resources: []\nnext: 1\n",
    ),
    (
        "hoist-inner-list-keeps-its-lines-and-blank-lines",
        "r:  # kept\n  enabled: true\n  resources:\n    # fs\n    - type: fs\n\n    - type: blob\n",
        [
            _replace(
                ("r",),
                [{"type": "fs"}, {"type": "blob"}],
                [SourceLines(("r", "resources"), value_only=True)],
            )
        ],
        "r:  # kept\n    # fs\n    - type: fs\n\n    - type: blob\n",
    ),
    (
        "insert-block-items-first-and-last",
        "tools:\n  # fs\n  - type: filesystem-tools\n",
        [
            _insert(("tools",), 0, [{"type": "builtin-tools"}], ["  - type: builtin-tools"]),
            _insert(("tools",), 2, [{"type": "plan-tools"}], ["  - type: plan-tools"]),
        ],
        "tools:\n  - type: builtin-tools\n  # fs\n  - type: filesystem-tools\n"
        "  - type: plan-tools\n",
    ),
    (
        "insert-flow-items",
        "tools: [{type: a}]\n",
        [
            lambda d: d.insert_items(("tools",), 0, [{"type": "b"}]),
            lambda d: d.insert_items(("tools",), 2, [{"type": "c"}]),
        ],
        "tools: [{type: b}, {type: a}, {type: c}]\n",
    ),
    (
        "insert-into-empty-flow-list",
        "tools: []\n",
        [lambda d: d.insert_items(("tools",), 0, [{"type": "plan-tools"}])],
        "tools: [{type: plan-tools}]\n",
    ),
    (
        "append-at-end-of-file-without-newline",
        "tools:\n  - a",
        [_insert(("tools",), 1, ["b"], ["  - b"])],
        "tools:\n  - a\n  - b",
    ),
    (
        "move-items-with-their-comments-and-crlf",
        "# internal\r\nit:\r\n- ask_user # ask\r\nct:\r\n  - type: fs\r\n",
        [
            _rename(("ct",), "tools"),
            _insert(
                ("tools",),
                0,
                [{"type": "builtin-tools", "enabledTools": ["ask_user"]}],
                [
                    CommentsAbove(("it",), shift=2),
                    "  - type: builtin-tools",
                    "    enabledTools:",
                    SourceLines(("it", 0), shift=4),
                ],
            ),
            _move_out(("it",)),
        ],
        "tools:\r\n  # internal\r\n  - type: builtin-tools\r\n    enabledTools:\r\n"
        "    - ask_user # ask\r\n  - type: fs\r\n",
    ),
    (
        "add-key-with-flow-list-value",
        "llm: {}\n",
        [lambda d: d.add_key((), "tools", [{"type": "plan-tools"}])],
        "llm: {}\ntools: [{type: plan-tools}]\n",
    ),
]


@pytest.mark.parametrize(
    ("source", "edits", "expected"), [pytest.param(*case[1:], id=case[0]) for case in CASES]
)
def test_restructure(source: str, edits: list[Edit], expected: str) -> None:
    document = EditableDocument.from_bytes(source.encode())
    for edit in edits:
        edit(document)
    assert document.to_bytes().decode() == expected


def test_json_rename_and_replace_write_json() -> None:
    document = JsonDocument.from_bytes(b'{"models": [{"name": "m", "reasoningEffort": "low"}]}\n')
    document.rename_key(("models", 0, "reasoningEffort"), "reasoning")
    document.replace_value(("models", 0, "reasoning"), {"variant": "low"})
    expected = '{"models": [{"name": "m", "reasoning": {"variant": "low"}}]}\n'
    assert document.to_bytes().decode() == expected


@pytest.mark.parametrize(
    ("source", "edit", "message"),
    [
        pytest.param("a: 1\nb: 2\n", _rename(("a",), "b"), "already exists", id="rename-onto-key"),
        pytest.param(
            "l:\n  - a\n", _insert(("l",), 0, ["b"], []), "need lines", id="block-needs-lines"
        ),
        pytest.param(
            "l:\n  - a\n",
            lambda d: [
                d.insert_items(("l",), 1, ["b"], ["  - b"]),
                d.insert_items(("l",), 0, ["c"], ["  - c"]),
            ],
            "changed already",
            id="insert-before-after-growth",
        ),
        pytest.param(
            "m: {a: 1}\n",
            _replace(("m", "a"), [1], [SourceLines(("m", "a"))]),
            "flow collection",
            id="lines-into-flow",
        ),
    ],
)
def test_restructure_refusals(source: str, edit: Edit, message: str) -> None:
    document = EditableDocument.from_bytes(source.encode())
    with pytest.raises(UnsupportedEdit, match=message):
        edit(document)


def test_positions_follow_renamed_keys_to_the_original_text() -> None:
    document = EditableDocument.from_bytes(b"a: 1\ntoolConfirmation:\n  mode: manual\n")
    document.rename_key(("toolConfirmation",), "permissions")
    position = document.position(("permissions", "mode"))
    assert position is not None and (position.line, position.col) == (3, 3)
    assert document.position(("toolConfirmation", "mode")) is None
