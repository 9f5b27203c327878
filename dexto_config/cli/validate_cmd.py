"""`dexto-config validate`: schema check of files, as Dexto's validator judges them."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

import click

from dexto_config import exitcodes
from dexto_config.cli.app import main
from dexto_config.cli.options import (
    dexto_version_option,
    format_option,
    kind_option,
    paths_argument,
    resolve_targets,
)
from dexto_config.cli.progress import tracked
from dexto_config.cli.validate_report import FORMATS, Tally, ValidateRun
from dexto_config.discovery import Target
from dexto_config.kinds import FileKind
from dexto_config.parallel import ordered_map
from dexto_config.reporting import unreadable_text
from dexto_config.terminal import escape_text
from dexto_config.validation import CheckedFile, UnreadableFile, check_file


@main.command()
@paths_argument
@kind_option
@dexto_version_option("a file's version marker, else the newest known release")
@format_option(FORMATS, "Output format.")
def validate(
    paths: tuple[Path, ...], kind: FileKind | None, dexto_version: str | None, output_format: str
) -> int:
    """Check files as the Dexto release you run would judge them.

    Prints one line per error as `file:line:col: message`, then a summary.
    Exit 0 when every file is valid, 1 when any is invalid, 2 when a file
    cannot be read.

    \b
    Examples:
      dexto-config validate agents/
      dexto-config validate --dexto-version 1.6.2 my-agent.yml
      dexto-config validate --kind preferences prefs.yml --format json
    """
    targets = resolve_targets(paths, kind)
    judged = ordered_map(partial(_judged, dexto_version=dexto_version), targets)
    # Each file's lines are printed as it is judged: on a terminal they are the progress,
    # and a bar on stderr would be torn by them.
    verdicts = judged if sys.stdout.isatty() else tracked(judged, len(targets), "Validating")
    tally = Tally()
    for piece in FORMATS[output_format](ValidateRun(tally.checked(verdicts), tally)):
        click.echo(piece, nl=False)
    for failure in tally.unreadable:
        click.echo(escape_text(unreadable_text(failure.path, failure.reason)), err=True)
    if tally.unreadable:
        return exitcodes.USAGE_OR_IO
    return exitcodes.FINDINGS if tally.invalid else exitcodes.OK


def _judged(target: Target, dexto_version: str | None) -> CheckedFile | UnreadableFile:
    """One file's verdict without its text and tree: a long run keeps only verdicts."""
    try:
        checked = check_file(target.path, target.kind, target=dexto_version)
    except UnreadableFile as error:
        return error
    checked.keep_verdict_only()
    return checked
