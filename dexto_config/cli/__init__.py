"""Command-line interface: command modules attach themselves to `main` when loaded.

Importing this package does not import click: `dexto_config.fastcli` runs
`lint` through `cli.lint_run` without it (DESIGN §9).
"""

from __future__ import annotations

import io

from dexto_config import exitcodes
from dexto_config.cli.failures import report_aborted, report_internal_error
from dexto_config.console import echo
from dexto_config.terminal import escape_lines


def run(args: list[str]) -> int:
    """Run the click application on `args` and return the exit code."""
    import click

    from dexto_config.cli.app import main

    try:
        result = main.main(args=args, prog_name="dexto-config", standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.Abort:
        return report_aborted()
    except click.ClickException as error:
        shown = io.StringIO()
        error.show(file=shown)
        echo(escape_lines(shown.getvalue()), err=True, nl=False)  # may quote user input
        return exitcodes.USAGE_OR_IO if error.exit_code == 2 else error.exit_code
    except OSError:
        raise  # stdout on a full disk or a closed pipe: entry.main says so, exit 2
    except Exception as error:  # a bug is reported in one line, never as a traceback
        return report_internal_error(error)
    return result if isinstance(result, int) else exitcodes.OK
