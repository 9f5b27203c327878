"""Syntax errors: where they point (at the mistake) and what they say (at least yamllint's)."""

from __future__ import annotations

import pytest

from dexto_config.yamlio.fast import YamlSyntaxError, parse


@pytest.mark.parametrize(
    ("text", "line", "col", "says"),
    [
        # An unclosed quote or bracket is reported where it opens, not at the end of the file.
        pytest.param('a: "open\nb: 1\n', 1, 4, "the quote opened here is never closed", id="quote"),
        pytest.param("a: 'open\nb: 1\n", 1, 4, "the quote opened here", id="single"),
        pytest.param("a: [1, 2\nb: 1\n", 1, 4, "the '[' opened here is never closed", id="bracket"),
        pytest.param("a: {b: 1\nc: 2\n", 1, 4, "the '{' opened here is never closed", id="brace"),
        # The character is named, as yamllint names it.
        pytest.param("a:\n\tb: 1\n", 2, 1, "a tab character ('\\t') where YAML", id="tab"),
        pytest.param("a: @b\n", 1, 4, "cannot start any token: '@'", id="reserved-character"),
        pytest.param("a: b: c\n", 1, 5, "mapping values are not allowed", id="nested-colon"),
        pytest.param("a: 1\na: 2\n", 2, 1, "duplicate key 'a'", id="duplicate-key"),
        # What libyaml reads and Dexto refuses, at the offending character.
        pytest.param('a: "x"# c\n', 1, 7, "separated by a space", id="glued-comment-quote"),
        pytest.param("a: [b,#c\n  ]\n", 1, 7, "separated by a space", id="glued-comment-flow"),
        pytest.param("a: >#c\n  x\n", 1, 5, "separated by a space", id="glued-comment-header"),
        pytest.param("a: [-]\n", 1, 5, "a '-' entry in a flow sequence", id="dash-in-flow"),
        pytest.param("a: 1\n# c\n[b]: 2\n", 3, 1, "a comment line right", id="flow-key"),
        pytest.param("a: !!timestamp soon\n", 1, 4, "!!timestamp expects a date", id="timestamp"),
        pytest.param("a: !!set {b: 1}\n", 1, 14, "!!set must have no values", id="set-value"),
        pytest.param("a: !!omap [b: 1, b: 2]\n", 1, 18, "must not repeat a key", id="omap-key"),
        pytest.param("a:\n  b: {c: [1,\nd: 2\n", 2, 10, "the '[' opened here", id="innermost"),
        pytest.param("%YAML 1.1#c\n---\na\n", 1, 7, "unsupported YAML version", id="version"),
        pytest.param("a: |\n   \n  # c\nb: 1\n", 3, 3, "blank lines are deeper", id="blank-lines"),
    ],
)
def test_syntax_error_points_at_the_mistake(text: str, line: int, col: int, says: str) -> None:
    with pytest.raises(YamlSyntaxError) as raised:
        parse(text)
    assert (raised.value.position.line, raised.value.position.col) == (line, col)
    assert says in raised.value.message
