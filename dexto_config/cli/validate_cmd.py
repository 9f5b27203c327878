"""`dexto-config validate`: schema check of files, as Dexto's validator judges them."""

from __future__ import annotations

import json
from pathlib import Path

import click

from dexto_config import exitcodes
from dexto_config.cli.app import main
from dexto_config.cli.options import kind_option, paths_argument, resolve_targets, version_option
from dexto_config.cli.progress import tracked
from dexto_config.kinds import FileKind
from dexto_config.redaction import redact_text
from dexto_config.reporting import position_json, problem_text, unreadable_text
from dexto_config.terminal import escape_text
from dexto_config.validation import CheckedFile, UnreadableFile, check_file


@main.command()
@paths_argument
@kind_option
@version_option(
    "--dexto-version",
    "dexto_version",
    "Judge every file as this Dexto release would (default: a file's version marker, "
    "else the newest known release).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
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
    results: list[CheckedFile] = []
    unreadable: list[UnreadableFile] = []
    for target in tracked(targets, "Validating"):
        try:
            results.append(check_file(target.path, target.kind, target=dexto_version))
        except UnreadableFile as error:
            unreadable.append(error)
    if output_format == "json":
        _print_json(results, unreadable)
    else:
        _print_text(results, unreadable)
    if unreadable:
        return exitcodes.USAGE_OR_IO
    return exitcodes.FINDINGS if any(not r.valid for r in results) else exitcodes.OK


def _print_text(results: list[CheckedFile], unreadable: list[UnreadableFile]) -> None:
    for result in results:
        for problem in result.problems:
            line = problem_text(result.path, problem)
            click.echo(escape_text(redact_text(line)))
    for error in unreadable:
        line = unreadable_text(error.path, error.reason)
        click.echo(escape_text(line), err=True)
    invalid = sum(1 for r in results if not r.valid)
    checked = len(results) + len(unreadable)
    parts = [f"{len(results) - invalid} valid", f"{invalid} invalid"]
    if unreadable:
        parts.append(f"{len(unreadable)} unreadable")
    noun = "file" if checked == 1 else "files"
    click.echo(f"{checked} {noun} checked: {', '.join(parts)}")


def _print_json(results: list[CheckedFile], unreadable: list[UnreadableFile]) -> None:
    files = [
        {
            "path": str(r.path),
            "kind": str(r.kind),
            "version": r.version,
            "valid": r.valid,
            "errors": [
                {
                    **position_json(p),
                    "code": p.code,
                    "message": redact_text(p.message),
                }
                for p in r.problems
            ],
        }
        for r in results
    ]
    files.extend(
        {
            "path": str(e.path),
            "kind": None,
            "version": None,
            "valid": False,
            "errors": [],
            "unreadable": e.reason,
        }
        for e in unreadable
    )
    click.echo(json.dumps({"files": files}, indent=2))
