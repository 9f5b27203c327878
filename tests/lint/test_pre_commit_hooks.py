"""`.pre-commit-hooks.yaml`: the two hooks exist, select Dexto files and run real commands."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from dexto_config.cli import run

HOOKS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
)
BY_ID = {hook["id"]: hook for hook in HOOKS}


def test_hook_ids() -> None:
    assert set(BY_ID) == {"dexto-config-lint", "dexto-config-migrate-check"}
    assert BY_ID["dexto-config-migrate-check"]["entry"] == "dexto-config migrate --check"


@pytest.mark.parametrize("hook_id", sorted(BY_ID))
def test_entry_is_a_working_command(hook_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    program, *args = shlex.split(BY_ID[hook_id]["entry"])
    assert program == "dexto-config"
    assert run([*args, "--help"]) == 0
    assert "Usage:" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("path", "selected"),
    [
        ("agents/coding-agent/coding-agent.yml", True),
        ("config/agents/review.yaml", True),
        ("preferences.yml", True),
        (".github/workflows/ci.yml", False),
        ("docker-compose.yml", False),
    ],
)
def test_files_pattern(path: str, selected: bool) -> None:
    assert bool(re.search(BY_ID["dexto-config-lint"]["files"], path)) is selected
