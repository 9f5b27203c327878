"""Positions in a rewritten text told in the user's own (DESIGN §4, §13)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from dexto_config.migrate.origin import Origin

USER = "llm:\n  provider: openai\n  systemPrompt: |\n    hi\n  router: x\nfoo: 1\n"
# The prompt moved to the top (re-indented), the router removed, a line written at the end.
REWRITTEN = "systemPrompt: |\n  hi\nllm:\n  provider: openai\nfoo: 1\nblob: x\n"
# Then a key renamed in place, with CRLF line ends.
RENAMED = "system: |\r\n  hi\r\nllm:\r\n  provider: openai\r\nfoo: 1\r\nblob: x\r\n"


@pytest.mark.parametrize(
    ("texts", "position", "expected"),
    [
        pytest.param((USER,), (4, 3), (4, 3), id="the-users-text-itself"),
        pytest.param((USER, REWRITTEN), (1, 1), (3, 3), id="moved-and-dedented"),
        pytest.param((USER, REWRITTEN), (2, 3), (4, 5), id="moved-block-line"),
        pytest.param((USER, REWRITTEN), (4, 3), (2, 3), id="kept-line-shifted-down"),
        pytest.param((USER, REWRITTEN), (6, 7), (6, 1), id="written-line-at-its-place"),
        pytest.param((USER, REWRITTEN, RENAMED), (1, 1), (3, 3), id="composed-through-a-rename"),
        pytest.param((USER, REWRITTEN, RENAMED), (5, 4), (6, 4), id="composed-kept-line"),
    ],
)
def test_locate(
    texts: tuple[str, ...], position: tuple[int, int], expected: tuple[int, int]
) -> None:
    origin = Origin.unchanged()
    for before, after in pairwise(texts):
        origin = origin.then(before, after)
    assert origin.locate(*position) == expected
