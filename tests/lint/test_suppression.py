"""Inline suppression comments: on the line, or alone on the line above."""

from __future__ import annotations

import pytest

from dexto_config.lint.suppression import find_suppressions
from tests.lint.conftest import LATEST_MARKER, codes, lint_text

BASE = LATEST_MARKER + "systemPrompt: hi\nllm:\n  provider: openai\n"


@pytest.mark.parametrize(
    ("model_lines", "expected"),
    [
        pytest.param("  model: gpt-5-nope\n", ["DX201"], id="not-suppressed"),
        pytest.param("  model: gpt-5-nope  # dexto-config: ignore[DX201]\n", [], id="same-line"),
        pytest.param("  # dexto-config: ignore[DX201]\n  model: gpt-5-nope\n", [], id="line-above"),
        pytest.param("  model: gpt-5-nope  # dexto-config: ignore\n", [], id="bare-ignore"),
        pytest.param(
            "  model: gpt-5-nope  # dexto-config: ignore[DX202, dx201]\n", [], id="list-any-case"
        ),
        pytest.param(
            "  model: gpt-5-nope  # dexto-config: ignore[DX301]\n", ["DX201"], id="other-code"
        ),
        pytest.param(
            "  # dexto-config: ignore[DX201]\n\n  model: gpt-5-nope\n",
            ["DX201"],
            id="only-the-next-line",
        ),
        pytest.param(
            "  model: gpt-5-nope  # dexto-config ignore[DX201]\n", ["DX201"], id="needs-colon"
        ),
    ],
)
def test_suppression_comments(model_lines: str, expected: list[str]) -> None:
    assert codes(lint_text(BASE + model_lines)) == expected


def test_version_marker_is_not_a_suppression() -> None:
    assert find_suppressions(LATEST_MARKER + "llm: {}\n").by_line == {}


def test_text_without_marker_is_skipped_cheaply() -> None:
    assert find_suppressions("llm:\n  model: x # ignore[DX201]\n").by_line == {}
