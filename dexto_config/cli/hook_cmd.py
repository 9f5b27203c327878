"""`dexto-config hook`, `backups list` and `rollback`: the Dexto home commands (DESIGN §6)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from dexto_config import exitcodes
from dexto_config.cli.app import main
from dexto_config.cli.failures import describe_error, internal_error
from dexto_config.cli.hook_report import FORMATS, HookRun
from dexto_config.cli.options import dexto_home_option, version_option
from dexto_config.home.atomic import PathEscapesHome
from dexto_config.home.backups import BackupError, CorruptBackup, scan_backups
from dexto_config.home.hook import HookOptions, HookReport, NotADextoHome, run_hook
from dexto_config.home.journal import JournalError
from dexto_config.home.layout import default_home
from dexto_config.home.lock import DEFAULT_WAIT_SECONDS, LockBusy
from dexto_config.home.report import exit_code
from dexto_config.home.rollback import rollback as restore_backup
from dexto_config.redaction import redact_text
from dexto_config.terminal import escape_text
from dexto_config.versions import LATEST_VERSION, effective_version

home_option = dexto_home_option()
lock_wait_option = click.option(
    "--lock-wait",
    type=click.FloatRange(min=0),
    default=DEFAULT_WAIT_SECONDS,
    show_default=True,
    metavar="SECONDS",
    help="How long to wait for another run's lock before exiting 75.",
)


@main.command()
@home_option
@version_option(
    "--from-version", "from_version", "Version of unmarked files (the release upgraded from)."
)
@version_option("--to", "target", "Version to migrate to. Default: the latest.")
@click.option(
    "--bundled-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Folder of the new release's bundled agents, as <id>/<id>.yml.",
)
@click.option(
    "--previous-bundled-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Folder of the previous release's bundled agents: an installed copy identical"
    " to its file was never edited.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report for the Dexto CLI.")
@click.option(
    "-v", "--verbose", is_flag=True, help="Also list every rewritten file and its decisions."
)
@lock_wait_option
def hook(
    dexto_home: Path | None,
    from_version: str | None,
    target: str | None,
    bundled_dir: Path | None,
    previous_bundled_dir: Path | None,
    as_json: bool,
    verbose: bool,
    lock_wait: float,
) -> int:
    """Bring a Dexto home up to date after a Dexto upgrade.

    Migrates preferences.yml, every agent under agents/ and
    models/custom-models.json that is behind, with a backup and a journal
    (agents/registry.json is checked, never rewritten); prints nothing when
    there is nothing to do, else one summary line and one line per file that
    needs a person (`--verbose` lists every rewritten file). Exit 0 all
    current or migrated, 1 some files
    skipped (listed with the reason), 2 usage or I/O error, 75 another run
    holds the home's lock.

    \b
    Examples:
      dexto-config hook --from-version 1.5.4
      dexto-config hook --bundled-dir NEW/agents --previous-bundled-dir OLD/agents
      dexto-config hook --dexto-home ~/.dexto --json
    """
    options = HookOptions(
        home=dexto_home or Path(default_home(os.environ)),
        environ=os.environ,
        from_version=effective_version(from_version) if from_version else None,
        # The release itself (the marker names it); its schema is looked up when validating.
        target=target or LATEST_VERSION,
        bundled_dir=bundled_dir,
        previous_bundled_dir=previous_bundled_dir,
        lock_wait=lock_wait,
    )
    output_format = "json" if as_json else "text"
    try:
        report = run_hook(options)
    except LockBusy as busy:
        return _failed(options, output_format, exitcodes.TEMPFAIL, str(busy))
    except (NotADextoHome, JournalError, BackupError, PathEscapesHome, OSError) as error:
        return _failed(options, output_format, exitcodes.USAGE_OR_IO, describe_error(error))
    except Exception as error:  # a crash still answers the Dexto CLI with its document
        return _failed(options, output_format, exitcodes.USAGE_OR_IO, internal_error(error))
    click.echo(FORMATS[output_format](HookRun(report, verbose)), nl=False)
    return exit_code(report.outcomes)


@main.group()
def backups() -> None:
    """Backups the hook made before rewriting files."""


@backups.command("list")
@home_option
def backups_list(dexto_home: Path | None) -> int:
    """List the backups of a Dexto home, oldest first.

    \b
    Example:
      dexto-config backups list --dexto-home ~/.dexto
    """
    home = dexto_home or Path(default_home(os.environ))
    found = scan_backups(home)
    if not found:
        click.echo(escape_text(f"{home}: no backups"))
    for backup in found:
        if isinstance(backup, CorruptBackup):
            click.echo(escape_text(f"{backup.backup_id}  CORRUPT: {backup}"))
            continue
        versions = sorted({f"{f.from_version} -> {f.to_version}" for f in backup.files})
        line = (
            f"{backup.backup_id}  {len(backup.files)} files  "
            f"{', '.join(versions)}  (dexto-config {backup.tool_version})"
        )
        click.echo(escape_text(line))
    return exitcodes.OK


@main.command()
@click.argument("backup_id", required=False, metavar="[ID]")
@home_option
@lock_wait_option
@click.option(
    "--force",
    is_flag=True,
    help="Restore even files edited since the backup was taken (those edits are lost).",
)
def rollback(backup_id: str | None, dexto_home: Path | None, lock_wait: float, force: bool) -> int:
    """Restore a backup (default: the newest) byte for byte.

    Refuses, restoring nothing, when the backup's manifest is corrupt or when a
    file was edited after that run (unless --force). Restored files are left
    alone by later hook runs until they change.

    \b
    Examples:
      dexto-config rollback
      dexto-config rollback 20250102T030405Z --dexto-home ~/.dexto
    """
    home = dexto_home or Path(default_home(os.environ))
    try:
        result = restore_backup(home, backup_id, lock_wait, force=force)
    except LockBusy as busy:
        click.echo(f"dexto-config rollback: {busy}", err=True)
        return exitcodes.TEMPFAIL
    except (BackupError, JournalError, PathEscapesHome, OSError) as error:
        click.echo(escape_text(f"dexto-config rollback: {describe_error(error)}"), err=True)
        return exitcodes.USAGE_OR_IO
    click.echo(
        f"restored {len(result.restored)} files from backup {result.backup_id}"
        f" ({len(result.unchanged)} already identical)"
    )
    for rel in result.conflicts:
        click.echo(
            escape_text(f"{rel}: not restored (changed during the rollback or not writable)")
        )
    return exitcodes.FINDINGS if result.conflicts else exitcodes.OK


def _failed(options: HookOptions, output_format: str, code: int, message: str) -> int:
    """Say on stderr why the run stopped; the report (with --json, the document with the
    error) is still written."""
    click.echo(escape_text(redact_text(f"dexto-config hook: {message}")), err=True)
    stopped = HookReport(options.home, options.target, [])
    click.echo(FORMATS[output_format](HookRun(stopped, failure=(code, message))), nl=False)
    return code
