"""Command-line interface: command modules attach themselves to `main` when loaded."""

from __future__ import annotations

import io

import click

from dexto_config import exitcodes
from dexto_config.cli.app import main
from dexto_config.cli.failures import internal_error
from dexto_config.terminal import escape_lines


def run(args: list[str]) -> int:
    """Run the click application on `args` and return the exit code."""
    try:
        result = main.main(args=args, prog_name="dexto-config", standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.Abort:
        click.echo("Aborted.", err=True)
        return exitcodes.USAGE_OR_IO
    except click.ClickException as error:
        shown = io.StringIO()
        error.show(file=shown)
        click.echo(escape_lines(shown.getvalue()), err=True, nl=False)  # may quote user input
        return exitcodes.USAGE_OR_IO if error.exit_code == 2 else error.exit_code
    except OSError:
        raise  # stdout on a full disk or a closed pipe: entry.main says so, exit 2
    except Exception as error:  # a bug is reported in one line, never as a traceback
        click.echo(f"dexto-config: {internal_error(error)}", err=True)
        return exitcodes.USAGE_OR_IO
    return result if isinstance(result, int) else exitcodes.OK
