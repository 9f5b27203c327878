"""The lazily loaded command table matches what the command modules define."""

from __future__ import annotations

import importlib
import subprocess
import sys

from dexto_config.cli.app import COMMAND_MODULES, main


def test_every_command_is_in_the_lazy_table() -> None:
    for module in set(COMMAND_MODULES.values()):
        importlib.import_module(f"dexto_config.cli.{module}")
    assert sorted(main.commands) == sorted(COMMAND_MODULES)


def test_running_validate_does_not_import_other_commands() -> None:
    script = (
        "import sys; from dexto_config.cli import run; run(['validate', '--help']);"
        "print(sorted(m for m in sys.modules if m.startswith('dexto_config.cli.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    loaded = result.stdout.strip().splitlines()[-1]
    assert "validate_cmd" in loaded
    for other in ("lint_cmd", "hook_cmd", "migrate_cmd", "schema_cmd", "models_cmd"):
        assert other not in loaded


def test_help_lists_every_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dexto_config", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0
    for name in COMMAND_MODULES:
        assert f"  {name}" in result.stdout
