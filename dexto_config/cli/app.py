"""The click group every command attaches to."""

from __future__ import annotations

import click

from dexto_config import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="dexto-config")
def main() -> None:
    """Validate, lint and migrate Dexto configuration files.

    \b
    Examples:
      dexto-config validate agents/
      dexto-config migrate --dry-run --diff ~/.dexto
      dexto-config lint --format sarif . > dexto.sarif
    """
