"""The one text and JSON form of a positioned problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from dexto_config.problem import Problem
from dexto_config.reporting import position_json, problem_text, unreadable_text

UNKNOWN_KEY = Problem(Path("a.yml"), 3, 5, 3, 11, "unknown key 'router' in llm", "schema")


@pytest.mark.parametrize(
    ("detail", "expected"),
    [
        ("", "agents/a.yml:3:5: unknown key 'router' in llm"),
        ("refused: ", "agents/a.yml:3:5: refused: unknown key 'router' in llm"),
    ],
    ids=["plain", "with-detail"],
)
def test_problem_text_names_file_line_column_then_message(detail: str, expected: str) -> None:
    assert problem_text("agents/a.yml", UNKNOWN_KEY, detail) == expected


def test_an_unreadable_file_is_a_problem_of_the_whole_file() -> None:
    text = unreadable_text(Path("a.yml"), "Permission denied")
    assert text == "a.yml:1:1: cannot read the file: Permission denied"


def test_position_json_is_one_based_with_the_end() -> None:
    expected = {"line": 3, "column": 5, "end_line": 3, "end_column": 11}
    assert position_json(UNKNOWN_KEY) == expected
