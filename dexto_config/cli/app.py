"""The click group every command attaches to.

Command modules are imported only when their command runs (or help lists
them): `lint` over 2,000 files should not pay for importing the hook, the
catalog refresh or the schema checker.
"""

from __future__ import annotations

import importlib

import click

from dexto_config import __version__

# Every top-level command, and the module under dexto_config.cli that defines it.
COMMAND_MODULES = {
    "backups": "hook_cmd",
    "catalog": "models_cmd",
    "doctor": "doctor_cmd",
    "explain": "lint_cmd",
    "hook": "hook_cmd",
    "lint": "lint_cmd",
    "migrate": "migrate_cmd",
    "models": "models_cmd",
    "rollback": "hook_cmd",
    "rules": "lint_cmd",
    "schema": "schema_cmd",
    "validate": "validate_cmd",
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if module is not None and cmd_name not in self.commands:
            importlib.import_module(f"dexto_config.cli.{module}")
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="dexto-config")
def main() -> None:
    """Validate, lint and migrate Dexto configuration files.

    \b
    Examples:
      dexto-config validate agents/
      dexto-config migrate --dry-run --diff ~/.dexto
      dexto-config lint --format sarif . > dexto.sarif
      dexto-config doctor
    """
