"""Lint stays linear in the size of a file, and caps what no one could act on."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from dexto_config.cli import run
from dexto_config.lint.rule import MAX_FINDINGS_PER_RULE

KEYS = 10_000
# Before the fix, 10,000 unknown keys took 92 s (quadratic); now about 1 s on a loaded machine.
BUDGET_SECONDS = 20


def test_many_unknown_keys_are_linted_in_linear_time_and_capped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agent = tmp_path / "agent.yml"
    keys = "".join(f"unknownKey{n}: {n}\n" for n in range(KEYS))
    agent.write_text("systemPrompt: hi\nllm: {provider: openai, model: gpt-5}\n" + keys)
    started = time.monotonic()
    assert run(["lint", "--select", "DX003", str(agent)]) == 1
    elapsed = time.monotonic() - started
    out = capsys.readouterr().out
    assert elapsed < BUDGET_SECONDS
    assert out.count(": DX003 [error]") == MAX_FINDINGS_PER_RULE + 1
    hidden = KEYS - MAX_FINDINGS_PER_RULE
    assert f"{hidden:,} more DX003 findings in this file are not shown" in out
