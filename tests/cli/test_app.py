"""The lazily loaded command table matches what the command modules define."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from dexto_config.cli.app import COMMAND_MODULES, COMMANDS, main


def test_every_command_is_in_the_lazy_table() -> None:
    for module in set(COMMAND_MODULES.values()):
        importlib.import_module(f"dexto_config.cli.{module}")
    assert sorted(main.commands) == sorted(COMMAND_MODULES)


def test_help_summaries_are_the_commands_own() -> None:
    for module in set(COMMAND_MODULES.values()):
        importlib.import_module(f"dexto_config.cli.{module}")
    for name, (_module, summary) in COMMANDS.items():
        assert main.commands[name].get_short_help_str(limit=1000) == summary, name


@pytest.mark.parametrize(
    "args", [["--help"], ["rules"], ["rules", "--format", "json"], ["explain", "DX301"]]
)
def test_reading_help_and_rules_imports_no_parser_models_or_catalog_data(args: list[str]) -> None:
    script = (
        f"import sys; from dexto_config.cli import run; run({args!r});"
        "print(sorted(m for m in sys.modules if m in ('pydantic', 'yaml') or m.startswith("
        "('dexto_config.models', 'dexto_config.catalog.index', 'dexto_config.catalog.sources'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


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
