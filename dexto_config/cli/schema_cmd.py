"""`dexto-config schema export` and `schema check`: the committed JSON Schemas (DESIGN §3, §8)."""

from __future__ import annotations

from pathlib import Path

import click

from dexto_config import exitcodes
from dexto_config.cli.app import main
from dexto_config.schemas.export import current_schemas, export_schemas


@main.group()
def schema() -> None:
    """Export the JSON Schemas of every version, and guard them against breaking changes."""


@schema.command("export")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="Folder to write <kind>-<version>.json into.",
)
def export(out: Path) -> int:
    """Write one Draft 2020-12 JSON Schema per file kind and schema version.

    Files already up to date are left alone; schema files no longer produced
    are deleted.

    \b
    Examples:
      dexto-config schema export
      dexto-config schema export --out build/schemas
    """
    try:
        touched = export_schemas(current_schemas(), out)
    except OSError as error:
        click.echo(f"{out}: cannot write the schemas: {error.strerror or error}", err=True)
        return exitcodes.USAGE
    for path in touched:
        click.echo(f"updated {path}")
    click.echo(f"{out}: {len(touched)} schema file(s) updated" if touched else f"{out}: up to date")
    return exitcodes.OK
