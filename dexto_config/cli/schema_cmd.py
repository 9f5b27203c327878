"""`dexto-config schema export` and `schema check`: the committed JSON Schemas (DESIGN §3, §8)."""

from __future__ import annotations

from pathlib import Path

import click

from dexto_config import exitcodes
from dexto_config.cli.app import main
from dexto_config.schemas.check import (
    KindReport,
    SchemaCheckError,
    SchemaCheckReport,
    check_schemas,
    repository_root,
    resolve_base,
)
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
        return exitcodes.USAGE_OR_IO
    for path in touched:
        click.echo(f"{'updated' if path.exists() else 'deleted'} {path}")
    click.echo(f"{out}: {len(touched)} schema file(s) changed" if touched else f"{out}: up to date")
    return exitcodes.OK


@schema.command("check")
@click.option(
    "--base",
    "base",
    metavar="REF",
    help="Git ref to compare with. Default: origin/main, else main.",
)
def check(base: str | None) -> int:
    """Fail on breaking schema changes since REF that no new migration step covers.

    Compares the schema shapes generated from the current models with those
    committed at REF: a removed field, a changed type, a removed enum value, a
    new required field without default or a stricter rule needs a migration
    step that is new since REF, targets a version above REF's newest step and
    transforms that file kind. Also fails when schemas/ is stale. Exit 0 when
    all is well, 1 on a problem, 2 when there is no usable git ref.

    \b
    Examples:
      dexto-config schema check
      dexto-config schema check --base HEAD~1
    """
    try:
        repo = repository_root(Path.cwd())
        ref = resolve_base(repo, base)
        report = check_schemas(repo, ref, current_schemas)
    except SchemaCheckError as error:
        click.echo(f"schema check: {error}", err=True)
        return exitcodes.USAGE_OR_IO
    _print_report(report)
    return exitcodes.OK if report.ok else exitcodes.FINDINGS


def _print_report(report: SchemaCheckReport) -> None:
    for name in report.stale_files:
        click.echo(f"schemas/{name}: stale; run `dexto-config schema export` and commit it")
    for kind_report in report.kinds:
        _print_kind(kind_report, report.base_ref)
    failing = len(report.stale_files) + sum(1 for k in report.kinds if not k.covered)
    if failing:
        click.echo(f"schema check against {report.base_ref}: {failing} problem(s)")
    else:
        click.echo(f"schema check against {report.base_ref}: ok")


def _print_kind(report: KindReport, base_ref: str) -> None:
    count = len(report.changes)
    click.echo(
        f"schemas/{report.current_file}: {count} breaking change(s) "
        f"since {base_ref}:{report.base_file}"
    )
    for change in report.changes:
        click.echo(f"  {change.describe()}")
    if report.covering_step is not None:
        step = report.covering_step
        click.echo(f"  covered by migrations/{step.module} (version {step.version})")
    else:
        click.echo(f"  not covered by a new migration step: {report.advice}")
