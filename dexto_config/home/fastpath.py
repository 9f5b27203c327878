"""The hook's no-op path: answer "nothing to do" from stat calls alone (DESIGN §6, §9).

Runs before click, pydantic, ruamel or the catalog are imported, and imports
nothing `python -c pass` has not loaded but this package's own small modules
and the built-in C module `binascii`: no `json`, `re`, `typing` or
`collections` (`--json` alone imports `json`, to print its answer). It
proves from the state's stamp (`home.stamp`) that nothing changed since the
last completed run (same tool version, same target, no interrupted journal,
the same managed files with the same size, mtime_ns and inode, the same
bundled agents, no failed write to retry); anything else returns None and
the caller takes the full path, which also handles every usage error.
"""

from __future__ import annotations

import os
import sys

from dexto_config import __version__
from dexto_config.home import layout
from dexto_config.home.stamp import Stamp, read_stamp
from dexto_config.versions import (
    LATEST_VERSION,
    FutureSchemaVersion,
    UnknownSchemaVersion,
    effective_version,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

NOTHING_TO_DO = 0  # dexto_config.exitcodes.OK, not imported: the no-op path stays lean
_QUIET_FLAGS = ("-v", "--verbose")
_VALUE_OPTIONS = (
    "--dexto-home",
    "--from-version",
    "--to",
    "--bundled-dir",
    "--previous-bundled-dir",
    "--lock-wait",
)


class _Request:
    """The parts of a `hook` command line the fast path needs."""

    __slots__ = ("as_json", "values")

    def __init__(self, values: dict[str, str], as_json: bool) -> None:
        self.values = values
        self.as_json = as_json


def fast_hook(args: list[str], environ: Mapping[str, str]) -> int | None:
    """Exit code 0 when the home provably needs nothing; None to take the full path."""
    request = _parse(args)
    if request is None:
        return None
    target = _target(request.values.get("--to"))
    home = os.path.realpath(request.values.get("--dexto-home") or layout.default_home(environ))
    if target is None or os.path.exists(layout.tool_path(home, layout.JOURNAL_NAME)):
        return None
    stamp = read_stamp(home)
    if stamp is None or not _unchanged(stamp, home, target, request.values.get("--bundled-dir")):
        return None
    return _print_report(home, target) if request.as_json else NOTHING_TO_DO


def _print_report(home: str, target: str) -> int | None:
    """Print the `--json` answer of a run with nothing to do, from the state file."""
    # Here, not at the top: they import `json`, which only --json needs (DESIGN §9).
    from dexto_config.home.report import outcomes_from_state, report_json
    from dexto_config.home.state import load_state

    state = load_state(layout.tool_path(home, layout.STATE_NAME))
    if state is None:
        return None
    text = report_json(
        home=home,
        target=target,
        tool_version=__version__,
        outcomes=outcomes_from_state(state),
        backup_id=None,
        recovered=None,
    )
    sys.stdout.write(text + "\n")
    return NOTHING_TO_DO


def _parse(args: list[str]) -> _Request | None:
    values: dict[str, str] = {}
    as_json = False
    position = 0
    while position < len(args):
        arg = args[position]
        name, has_value, value = arg.partition("=")
        if arg == "--json":
            as_json = True
        elif arg in _QUIET_FLAGS:
            pass  # a run with nothing to do prints nothing, verbose or not
        elif name in _VALUE_OPTIONS and has_value:
            values[name] = value
        elif arg in _VALUE_OPTIONS and position + 1 < len(args):
            position += 1
            values[arg] = args[position]
        else:
            return None
        position += 1
    from_version = values.get("--from-version")
    if from_version is not None and _target(from_version) is None:
        return None
    return _Request(values, as_json)


def _target(requested: str | None) -> str | None:
    if requested is None:
        return LATEST_VERSION
    try:
        return effective_version(requested)
    except (FutureSchemaVersion, UnknownSchemaVersion):
        return None


def _unchanged(stamp: Stamp, home: str, target: str, bundled_dir: str | None) -> bool:
    versions = (stamp.tool_version, stamp.target, stamp.home_version)
    if stamp.retry or versions != (__version__, target, target):
        return False
    if bundled_dir is not None and not _same_bundled(stamp, bundled_dir):
        return False
    files = layout.managed_files(home, stamp.listings)
    return stamp.files == {rel: layout.signature(os.path.join(home, rel)) for rel in files}


def _same_bundled(stamp: Stamp, bundled_dir: str) -> bool:
    real = os.path.realpath(bundled_dir)
    return stamp.bundled_dir == real and stamp.bundled == layout.bundled_signatures(real)
