"""Console-script entry point.

The auto-update hook runs on every Dexto start-up, so `hook` is dispatched to
its fast path before click, pydantic or ruamel are imported (DESIGN §6, §9);
`--help`, `rules` and `explain` go to theirs, `dexto_config.fastcli`, likewise.
"""

from __future__ import annotations

import os
import sys

USAGE_OR_IO = 2  # dexto_config.exitcodes.USAGE_OR_IO, not imported: the fast path stays lean


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; exit 2, not a traceback, when stdout is unwritable."""
    args = sys.argv[1:] if argv is None else argv
    try:
        code = _dispatch(args)
        sys.stdout.flush()
    except OSError as error:  # stdout on a full disk (`> /dev/full`) or a closed pipe
        _discard_stdout()
        where = error.filename if error.filename is not None else "cannot write the output"
        sys.stderr.write(f"dexto-config: {where}: {error.strerror or error}\n")
        return USAGE_OR_IO
    return code


def _discard_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's own flush at exit cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    finally:
        os.close(devnull)


def _dispatch(args: list[str]) -> int:
    if args[:1] == ["hook"]:
        from dexto_config.home.fastpath import fast_hook

        code = fast_hook(args[1:], os.environ)
        if code is not None:
            return code
    from dexto_config.fastcli import fast_cli

    code = fast_cli(args, os.environ)
    if code is not None:
        return code
    # pydantic looks for plugins in every installed distribution's entry points
    # (~25 ms a run); none has any business observing this tool's own models.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from dexto_config.cli import run

    return run(args)
