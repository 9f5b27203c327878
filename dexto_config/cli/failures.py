"""Turning an exception a command could not avoid into one line for the user (DESIGN §5)."""

from __future__ import annotations


def describe_error(error: BaseException) -> str:
    """`path: what went wrong` for an OSError that names its file, else the error's own words.

    Never Python's `[Errno 2]` form: the user gets the reason and the file.
    """
    if isinstance(error, OSError) and error.strerror:
        if error.filename is not None:
            return f"{error.filename}: {error.strerror}"
        return error.strerror
    return str(error) or type(error).__name__


def internal_error(error: BaseException) -> str:
    """A bug of this tool, said in one line without a secret or a control character."""
    from dexto_config.redaction import redact_text
    from dexto_config.terminal import escape_text

    detail = escape_text(redact_text(f"{type(error).__name__}: {error}"))
    return f"internal error ({detail}); please report it"


def report_internal_error(error: BaseException) -> int:
    """Write the bug's one line to stderr and return the exit code of a run that could not
    do its job."""
    from dexto_config.console import echo
    from dexto_config.exitcodes import USAGE_OR_IO

    echo(f"dexto-config: {internal_error(error)}", err=True)
    return USAGE_OR_IO


def report_aborted() -> int:
    """Say that the run was interrupted (Ctrl-C), as the click CLI does, and return its
    exit code."""
    from dexto_config.console import echo
    from dexto_config.exitcodes import USAGE_OR_IO

    echo("Aborted.", err=True)
    return USAGE_OR_IO
