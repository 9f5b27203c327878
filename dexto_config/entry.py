"""Console-script entry point.

The auto-update hook runs on every Dexto start-up, so `hook` is dispatched to
its fast path before click, pydantic or ruamel are imported (DESIGN §6, §9).
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code."""
    args = sys.argv[1:] if argv is None else argv
    from dexto_config.cli import run

    return run(args)
