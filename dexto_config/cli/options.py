"""Options and argument handling shared by the file-processing commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from dexto_config.cli.targets import find_targets
from dexto_config.console import echo
from dexto_config.discovery import MissingPath, Target
from dexto_config.kinds import SELECTABLE_KINDS, FileKind
from dexto_config.terminal import escape_text
from dexto_config.versions import (
    KNOWN_VERSIONS,
    FutureSchemaVersion,
    UnknownSchemaVersion,
    effective_version,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from dexto_config.reporting import Reporters, StreamReporters

F = TypeVar("F", bound=Callable[..., Any])

paths_argument = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))


def _to_kind(_ctx: click.Context, _param: click.Parameter, value: str | None) -> FileKind | None:
    return None if value is None else FileKind(value)


kind_option = click.option(
    "--kind",
    type=click.Choice([str(k) for k in SELECTABLE_KINDS]),
    callback=_to_kind,
    help="Treat every file as this kind instead of recognising it by name.",
)


def _known_version(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        effective_version(value)
    except FutureSchemaVersion:
        message = (
            f"{escape_text(value)} is newer than this tool knows"
            f" (known: {', '.join(KNOWN_VERSIONS)}); update dexto-config"
        )
        raise click.BadParameter(message, param=param) from None
    except UnknownSchemaVersion as error:
        raise click.BadParameter(str(error), param=param) from None
    return value


def version_option(flag: str, name: str, help_text: str) -> Callable[[F], F]:
    """A `--from`/`--to` style option accepting a known schema version."""
    return click.option(
        flag,
        name,
        metavar="VERSION",
        callback=_known_version,
        help=f"{help_text} Known: {', '.join(KNOWN_VERSIONS)}.",
    )


def dexto_version_option(default_source: str) -> Callable[[F], F]:
    """`--dexto-version VERSION`: the release every file is judged as, else `default_source`."""
    return version_option(
        "--dexto-version",
        "dexto_version",
        f"Judge every file as this Dexto release would (default: {default_source}).",
    )


def dexto_home_option(
    help_text: str = "The Dexto home. Default: $DEXTO_HOME, else ~/.dexto.",
) -> Callable[[F], F]:
    """`--dexto-home DIR`: the Dexto home a command reads (None: $DEXTO_HOME, else ~/.dexto)."""
    return click.option(
        "--dexto-home",
        "dexto_home",
        type=click.Path(file_okay=False, path_type=Path),
        help=help_text,
    )


def format_option(
    reporters: Reporters[Any] | StreamReporters[Any], help_text: str
) -> Callable[[F], F]:
    """`--format NAME`, one of the command's reporters (default: its first, `text`)."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(list(reporters)),
        default=next(iter(reporters)),
        show_default=True,
        help=help_text,
    )


def resolve_targets(
    paths: tuple[Path, ...], kind: FileKind | None, kinds: frozenset[FileKind] | None = None
) -> list[Target]:
    """The files under `paths` (of `kinds`, if given); a missing path is a usage error (exit 2).

    Folders of this tool's own inside a Dexto home are named once on stderr.
    """
    try:
        targets, notes = find_targets(paths, kind, kinds)
    except MissingPath as error:
        raise click.UsageError(str(error)) from None
    for note in notes:
        echo(note, err=True)
    return targets
