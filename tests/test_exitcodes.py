"""One exit-code table: the modules of the hook's no-op path repeat its values, equal."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from dexto_config import entry, exitcodes
from dexto_config.home import report

PACKAGE = Path(exitcodes.__file__).parent


@pytest.mark.parametrize(
    ("module", "name"),
    [
        (entry, "USAGE_OR_IO"),
        (report, "OK"),
        (report, "FINDINGS"),
        (report, "USAGE_OR_IO"),
    ],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_a_repeated_exit_code_is_the_tables(module: object, name: str) -> None:
    assert getattr(module, name) == getattr(exitcodes, name)


def test_no_command_returns_a_bare_exit_code() -> None:
    """Every `return N` in the command modules names its code from the table."""
    bare = [
        f"{path.name}:{node.lineno}"
        for path in sorted((PACKAGE / "cli").glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Return)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, int)
        and not isinstance(node.value.value, bool)
    ]
    assert bare == []
