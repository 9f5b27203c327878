"""What the commands that rewrite files (`migrate`, `lint --fix`) share."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from pathlib import Path

from dexto_config.home.layout import default_home
from dexto_config.home.machine import read_routing_context
from dexto_config.kinds import FileKind
from dexto_config.migrate.routing import RouteVia, RoutingContext
from dexto_config.redaction import find_secrets, redact_text
from dexto_config.terminal import escape_lines


def machine_routing(
    targets: Iterable[tuple[Path, FileKind]], route_via: RouteVia, dexto_home: Path | None = None
) -> RoutingContext:
    """The routing facts of this machine, read once before anything is written.

    The home is `dexto_home`, else `$DEXTO_HOME`, else `~/.dexto`; a preferences
    file among the targets supplies `preferDextoCredits` as it is now.
    """
    home = dexto_home or Path(default_home(os.environ))
    preferences = next((path for path, kind in targets if kind is FileKind.PREFERENCES), None)
    return read_routing_context(home, os.environ, route_via, preferences)


def unified_diff(
    path: Path, before: bytes, after: bytes, secrets: frozenset[str] | None = None
) -> str:
    """A unified diff of two versions of a file, marking a missing final newline as git does.

    Ready to print: secrets (`secrets`, else those found in `before`) are redacted
    on every line, context lines included, and control characters escaped.
    """
    name = path.as_posix().lstrip("/")
    old = before.decode("utf-8", "replace").splitlines(keepends=True)
    new = after.decode("utf-8", "replace").splitlines(keepends=True)
    lines = difflib.unified_diff(old, new, f"a/{name}", f"b/{name}")
    diff = "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )
    found = secrets if secrets is not None else file_secrets(before)
    return escape_lines(redact_text(diff, found))


def file_secrets(raw: bytes) -> frozenset[str]:
    """The secrets in a YAML or JSON file's bytes (none when it does not parse)."""
    from dexto_config.yamlio.fast import YamlSyntaxError, parse

    try:
        return find_secrets(parse(raw, last_key_wins=True).data)
    except (YamlSyntaxError, UnicodeDecodeError, ValueError):
        return frozenset()
