"""Reading as Dexto reads: repaired text keeps the user's positions; keys are JavaScript's."""

from __future__ import annotations

from typing import Any

import pytest

from dexto_config.yamlio.fast import DataPath, YamlSyntaxError, may_nest_deeply, parse
from dexto_config.yamlio.fidelity import ALIAS_RE


@pytest.mark.parametrize(
    ("text", "value", "path", "where"),
    [
        # (line, col, end_line, end_col) of the value at `path`, 1-based, in the user's text.
        pytest.param("a: [:x, y]\n", {"a": [":x", "y"]}, ("a", 1), (1, 9, 1, 10), id="colon-start"),
        pytest.param("- [ : x, y ]\n", [[{"": "x"}, "y"]], (0, 1), (1, 10, 1, 11), id="no-key"),
        pytest.param(
            "a: {b:, c: d}\n",
            {"a": {"b": None, "c": "d"}},
            ("a", "c"),
            (1, 12, 1, 13),
            id="colon-comma",
        ),
        pytest.param("a:\n \tb\nc: d\n", {"a": "b", "c": "d"}, ("c",), (3, 4, 3, 5), id="tab"),
        pytest.param("\t[x]\n", ["x"], (0,), (1, 3, 1, 4), id="tab-flow"),
        pytest.param("a: &x! b\nc: *x!\n", {"a": "b", "c": "b"}, ("a",), (1, 4, 1, 9), id="anchor"),
        pytest.param(
            "a: &x:y b\nc: *x:y\n", {"a": "b", "c": "b"}, ("a",), (1, 4, 1, 10), id="anchor-colon"
        ),
        pytest.param(
            "a: |\n  &amp; x\n", {"a": "&amp; x\n"}, ("a",), (1, 4, 3, 1), id="anchor-like-content"
        ),
        pytest.param("a: >\n \tx\n y\n", {"a": "\tx\ny\n"}, ("a",), (1, 4, 4, 1), id="folded-tab"),
        pytest.param("a: {?b: c}\n", {"a": {"?b": "c"}}, ("a", "?b"), (1, 9, 1, 10), id="question"),
        pytest.param("--- >\nab\ncd\n", "ab cd\n", (), (1, 5, 4, 1), id="column-0-scalar"),
    ],
)
def test_repaired_text_reads_as_dexto_with_the_users_positions(
    text: str, value: Any, path: DataPath, where: tuple[int, int, int, int]
) -> None:
    parsed = parse(text)
    assert parsed.data == value
    position = parsed.positions.nearest(path)[1].value
    assert (position.line, position.col, position.end_line, position.end_col) == where


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # npm yaml's own spelling of a collection used as a key (String() of an object).
        pytest.param("? [a, 'b', \"c\"]\n: x\n", "[ a, 'b', \"c\" ]", id="scalars"),
        pytest.param(
            "? [1.0, 0x1F, 0o7, 1e3, +1, .inf]\n: x\n",
            "[ 1.0, 0x1f, 0o7, 1e+3, 1, .inf ]",
            id="numbers",
        ),
        pytest.param("? [~, Null, TRUE]\n: x\n", "[ ~, Null, TRUE ]", id="as-spelled"),
        pytest.param("? {a: , b}\n: x\n", "{ a:, b }", id="no-value"),
        pytest.param("? [&x a, !!str b, *x]\n: x\n", "[ &x a, !!str b, *x ]", id="props"),
        pytest.param("- &k [a]\n- {*k : 1}\n", "*k", id="alias"),
        pytest.param("? {[a]: b}\n: x\n", "{\n  ? [ a ]\n  : b\n}", id="explicit"),
        pytest.param("? [" + "a, " * 30 + "b]\n: x\n", "[\n" + "  a,\n" * 30 + "  b\n]", id="wide"),
    ],
)
def test_collection_keys_are_spelled_as_dexto_spells_them(text: str, key: str) -> None:
    data = parse(text).data
    keys = data[-1] if isinstance(data, list) else data
    assert list(keys) == [key]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # libyaml starts an anchored or tagged block collection at its `&`/`!`; the entries'
        # column is what a flow collection's continuation lines must pass (npm yaml's rule).
        pytest.param("d: &d\n  m: [a\n   b]\n", {"d": {"m": ["a b"]}}, id="anchored-mapping"),
        pytest.param("a: !!map\n  b: [x\n   y]\n", {"a": {"b": ["x y"]}}, id="tagged-mapping"),
        pytest.param("a: &s\n  - [x\n   y]\n", {"a": [["x y"]]}, id="anchored-sequence"),
        pytest.param("a: &s\n- [x\n y]\n", {"a": [["x y"]]}, id="anchored-sequence-column-0"),
        pytest.param("d: &d\n  m: [a\n  b]\n", None, id="anchored-mapping-under-indented"),
        pytest.param("a: &s\n  - [x\n  y]\n", None, id="anchored-sequence-under-indented"),
    ],
)
def test_anchored_block_collections_indent_at_their_entries(text: str, value: Any) -> None:
    if value is None:
        with pytest.raises(YamlSyntaxError, match="this line continues a flow sequence"):
            parse(text)
    else:
        assert parse(text).data == value


@pytest.mark.parametrize(
    ("text", "may_alias"),
    [
        ("*a", True),
        ("x\n*a", True),
        ("a: *b", True),
        ("[*a]", True),
        ("{k: v,*a}", True),
        ("- *a", True),
        ("? *a", True),
        ("a:\t*b", True),
        ("a: x*b", False),
        ("a: **bold**", False),
        ("a: * b", False),
        ("a: *", False),
        ("a:*b", True),
    ],
)
def test_an_alias_is_told_from_other_stars(text: str, may_alias: bool) -> None:
    assert (ALIAS_RE.search(text) is not None) is may_alias


@pytest.mark.parametrize(
    ("text", "deep"),
    [
        ("a: b\nc:\n  - d\n", False),
        ("- " * 17 + "x", True),
        ("a:\n" + " " * 33 + "b", True),
        ("a:\n" + " " * 32 + "b", False),
        ("\ufeff" + "- " * 17 + "x", True),
        ("a: b" + " " * 40 + "# far right, not leading", False),
        ("[" * 100, True),
        ("[" * 70 + "\n" + " " * 10 + "x", True),
        ("[" * 70 + "\n" + " " * 9 + "x", False),
        ("a: b\rc: d", True),
        ("a: b\r\nc: d", False),
        ("a: b\u2028c", True),
    ],
)
def test_what_may_nest_past_the_depth_limit_is_noticed(text: str, deep: bool) -> None:
    assert may_nest_deeply(text) is deep


def test_key_paths_name_each_key_by_where_it_is_written() -> None:
    parsed = parse("a:\n  b: &x {c: 1}\n  d: *x\n")

    assert parsed.positions.key_paths() == {
        (1, 1): ("a",),
        (2, 3): ("a", "b"),
        (2, 10): ("a", "b", "c"),
        (3, 3): ("a", "d"),
    }


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("- " * 150 + "x\n", id="compact-sequences"),
        pytest.param("".join(" " * n + "a:\n" for n in range(150)), id="indented-mappings"),
        pytest.param("a:\n" + "".join(" " * n + "- \n" for n in range(1, 150)), id="sequences"),
    ],
)
def test_deep_block_nesting_is_refused(text: str) -> None:
    with pytest.raises(YamlSyntaxError, match="nesting deeper than 100 levels"):
        parse(text)
