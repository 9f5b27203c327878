"""The click group every command attaches to.

Command modules are imported only when their command runs (or help lists
them): `lint` over 2,000 files should not pay for importing the hook, the
catalog refresh or the schema checker.
"""

from __future__ import annotations

import importlib

import click

from dexto_config import __version__

# Every top-level command: the module under dexto_config.cli that defines it, and
# the summary `--help` lists, so that listing imports no command module (a test
# keeps each summary equal to its command's own short help).
COMMANDS: dict[str, tuple[str, str]] = {
    "backups": ("hook_cmd", "Backups the hook made before rewriting files."),
    "catalog": ("models_cmd", "Manage the model catalog's cache."),
    "doctor": ("doctor_cmd", "Show what Dexto will really run for each agent, and why."),
    "explain": (
        "rules_cmd",
        "Explain one lint rule, by code or name, with a bad and a good example.",
    ),
    "hook": ("hook_cmd", "Bring a Dexto home up to date after a Dexto upgrade."),
    "lint": ("lint_cmd", "Lint Dexto agent, preferences and custom-models files."),
    "migrate": (
        "migrate_cmd",
        "Migrate files to the Dexto release you run, keeping every other byte.",
    ),
    "models": ("models_cmd", "Known model IDs per provider, and native ↔ OpenRouter IDs."),
    "rollback": ("hook_cmd", "Restore a backup (default: the newest) byte for byte."),
    "rules": (
        "rules_cmd",
        "List every lint rule: code, name, default severity, fixable, summary.",
    ),
    "schema": (
        "schema_cmd",
        "Export the JSON Schemas of every version, and guard them against breaking changes.",
    ),
    "validate": ("validate_cmd", "Check files as the Dexto release you run would judge them."),
}
COMMAND_MODULES = {name: module for name, (module, _summary) in COMMANDS.items()}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if module is not None and cmd_name not in self.commands:
            importlib.import_module(f"dexto_config.cli.{module}")
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the commands from `COMMANDS`, as click would, without importing them."""
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [
            (name, click.Command(name, help=summary).get_short_help_str(limit))
            for name, (_module, summary) in sorted(COMMANDS.items())
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


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
