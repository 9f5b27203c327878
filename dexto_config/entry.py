"""Console-script entry point.

The auto-update hook runs on every Dexto start-up, so `hook` is dispatched to
its fast path before click, pydantic or ruamel are imported (DESIGN §6, §9).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["hook"]:
        from dexto_config.home.fastpath import fast_hook

        code = fast_hook(args[1:], os.environ)
        if code is not None:
            return code
    from dexto_config.cli import run

    return run(args)
