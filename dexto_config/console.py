"""Writing to stdout and stderr as `click.echo` would, without importing click (DESIGN §9).

Importing click costs about 3x `python -c pass`, more than `lint one.yml` may
cost in all. `echo` writes text itself where it can show that `click.echo`
would write the same bytes (a text stream click takes as it is, no ANSI code
click would strip) and calls `click.echo` for everything else, so the fast
command lines and the click CLI print the same bytes.
"""

from __future__ import annotations

import codecs
import sys

TYPE_CHECKING = False  # `typing` alone costs a third of `python -c pass`
if TYPE_CHECKING:
    from typing import TextIO

_ESCAPE = "\x1b"  # every ANSI code click strips starts with it


def takes(stream: TextIO, text: str) -> bool:
    """True where `click.echo` would write `text` to `stream` as it is, and could.

    Not on Windows (click has console streams of its own), nor where the
    stream is ASCII or has no `errors` (click re-wraps it), nor where `text`
    cannot be encoded (click reports that as an error).
    """
    encoding = getattr(stream, "encoding", None)
    errors = getattr(stream, "errors", None)
    if sys.platform == "win32" or not encoding or errors is None:
        return False
    try:
        if codecs.lookup(encoding).name == "ascii":
            return False
        text.encode(encoding, errors)
    except (LookupError, UnicodeError):
        return False
    return True


def echo(text: str, *, err: bool = False, nl: bool = True, colour: bool | None = None) -> None:
    """`click.echo(text, err=err, nl=nl, color=colour)`, by click only where it must be."""
    stream = sys.stderr if err else sys.stdout
    out = text + "\n" if nl else text
    if stream is not None and takes(stream, out) and (colour or _ESCAPE not in out):
        if out:
            stream.write(out)
        stream.flush()
        return
    import click

    click.echo(text, err=err, nl=nl, color=colour)
