"""`dexto-config migrate`: rewrite legacy files into the explicit form (DESIGN §4, §5)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import click

from dexto_config import exitcodes
from dexto_config.cli.app import main
from dexto_config.cli.migrate_report import FORMATS, MigrateRun, io_error_lines
from dexto_config.cli.options import (
    dexto_home_option,
    kind_option,
    paths_argument,
    resolve_targets,
    version_option,
)
from dexto_config.cli.progress import tracked
from dexto_config.cli.rewrite import machine_routing
from dexto_config.discovery import Target
from dexto_config.kinds import SELECTABLE_KINDS, FileKind
from dexto_config.migrate.engine import FileMigration, migrate_bytes
from dexto_config.migrate.routing import ROUTE_VIA_CHOICES, RouteVia, RoutingContext
from dexto_config.migrate.verify import VerifyFailure, verify_backends
from dexto_config.parallel import ordered_map
from dexto_config.problem import Problem
from dexto_config.reporting import unreadable_file, unwritable_file
from dexto_config.validation import UnreadableFile, read_file
from dexto_config.versions import LATEST_VERSION


@dataclass(slots=True)
class MigratedFile:
    """What `migrate` did with one file: its migration (or why it could not be read or
    written) and what `--verify` found."""

    target: Target
    migration: FileMigration | None = None
    io_error: Problem | None = None
    verify_failures: list[VerifyFailure] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Mode:
    """What the user asked the run to do with the results."""

    write: bool
    diff: bool
    check: bool
    verify: bool
    output_format: str
    """The reporter's name in `migrate_report.FORMATS`: `json` with --json, else `text`."""
    verbose: bool = False


@main.command()
@paths_argument
@kind_option
@version_option("--from", "from_version", "Schema version of files without a version marker.")
@version_option("--to", "to_version", "Target schema version (default: the latest).")
@click.option("--dry-run", is_flag=True, help="Write nothing; print what would change.")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of each change.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if any file would change.")
@click.option(
    "--route-via",
    type=click.Choice(ROUTE_VIA_CHOICES),
    default="auto",
    show_default=True,
    help="auto: decide like the legacy runtime did on this machine; dexto/direct: force it.",
)
@click.option(
    "--verify",
    is_flag=True,
    help="Fail if any llm block's explicit backend differs from its legacy backend.",
)
@click.option("--json", "as_json", is_flag=True, help="Emit per-file results as JSON.")
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Also say where each file's release comes from (its marker, --from, or its shape).",
)
@dexto_home_option(
    "Dexto home with auth.json, .env, preferences.yml (default: $DEXTO_HOME or ~/.dexto)."
)
def migrate(
    paths: tuple[Path, ...],
    kind: FileKind | None,
    from_version: str | None,
    to_version: str | None,
    dry_run: bool,
    show_diff: bool,
    check: bool,
    route_via: RouteVia,
    verify: bool,
    as_json: bool,
    verbose: bool,
    dexto_home: Path | None,
) -> int:
    """Migrate files to the Dexto release you run, keeping every other byte.

    Files are rewritten in place (atomically, mode kept) unless --dry-run or
    --check is given. A file that cannot be migrated safely (invalid YAML,
    unknown keys, a literal API key that would change backend, a newer
    schema version) is refused and left untouched. Exit 0 when every file was
    migrated or already current, 1 when any was refused (or, with --check,
    would change), 2 when a file cannot be read or written.

    \b
    Examples:
      dexto-config migrate --dry-run --diff ~/.dexto
      dexto-config migrate --route-via dexto agents/
      dexto-config migrate --check --from 1.5.4 agents/my-agent.yml
    """
    output_format = "json" if as_json else "text"
    mode = Mode(not (dry_run or check), show_diff, check, verify, output_format, verbose)
    # The agent registry is Dexto's bookkeeping, not a schema'd file: only the hook touches it.
    found = resolve_targets(paths, kind, frozenset(SELECTABLE_KINDS))
    context = machine_routing(((t.path, t.kind) for t in found), route_via, dexto_home)
    one = partial(
        _migrate_one,
        from_version=from_version,
        to_version=to_version or LATEST_VERSION,
        context=context,
        mode=mode,
    )
    # Preferences are migrated once every agent is done (the agents may use a pool).
    agents = [t for t in found if t.kind is not FileKind.PREFERENCES]
    preferences = [t for t in found if t.kind is FileKind.PREFERENCES]
    migrated = itertools.chain(ordered_map(one, agents), map(one, preferences))
    outcomes = list(tracked(migrated, len(found), "Migrating"))
    run = MigrateRun(outcomes, context, mode)
    for line in io_error_lines(run):
        click.echo(line, err=True)
    click.echo(FORMATS[mode.output_format](run), nl=False)
    return _exit_code(outcomes, mode)


def _migrate_one(
    target: Target, from_version: str | None, to_version: str, context: RoutingContext, mode: Mode
) -> MigratedFile:
    outcome = MigratedFile(target)
    try:
        raw = read_file(target.path)
    except UnreadableFile as error:
        outcome.io_error = unreadable_file(target.path, error.reason)
        return outcome
    migration = migrate_bytes(
        raw,
        target.kind,
        assumed_version=from_version,
        target=to_version,
        context=context,
        source_path=target.path,
    )
    outcome.migration = migration
    if mode.verify:
        outcome.verify_failures = verify_backends(migration, context)
    if mode.write and migration.status == "migrated" and not outcome.verify_failures:
        _write(outcome, migration.result)
    return outcome


def _write(outcome: MigratedFile, data: bytes) -> None:
    from dexto_config.home.atomic import atomic_write_bytes

    try:
        atomic_write_bytes(outcome.target.path, data)
    except OSError as error:
        outcome.io_error = unwritable_file(outcome.target.path, error.strerror or str(error))


def _exit_code(outcomes: list[MigratedFile], mode: Mode) -> int:
    if any(o.io_error for o in outcomes):
        return exitcodes.USAGE_OR_IO
    migrations = [o.migration for o in outcomes if o.migration is not None]
    if any(m.status == "refused" for m in migrations):
        return exitcodes.FINDINGS
    if any(o.verify_failures for o in outcomes):
        return exitcodes.FINDINGS
    if mode.check and any(m.status == "migrated" for m in migrations):
        return exitcodes.FINDINGS
    return exitcodes.OK
