"""`--help`, `rules` and `explain` answered before click is imported (DESIGN §9).

Each must cost at most 3x `python -c pass`, and importing click alone costs
more than 4x. This answers only the command lines whose output it can show
to be the click CLI's, byte for byte: the help pages click printed into
`help_pages.txt` (`dexto_config.cli.help_pages`), under the same click
version and at the terminal's width, and the `rules` and `explain` texts of
`lint.docs`, which the click commands print too. Anything else returns None
and the click CLI runs: it stays the one owner of usage errors.
"""

from __future__ import annotations

import os
import sys

from dexto_config.console import takes

TYPE_CHECKING = False  # `typing` alone costs a third of `python -c pass`
if TYPE_CHECKING:
    from collections.abc import Mapping

PAGES_PATH = os.path.join(os.path.dirname(__file__), "help_pages.txt")
# The pages file: the click version's line, then each page's header line and its lines.
CLICK_LINE = "@@ click "
_PAGE_HEADER = "@@ "
_SEPARATOR = " @@ "
# Set when a shell asks click for completions (`_<PROG_NAME>_COMPLETE`): click answers.
COMPLETION_VARIABLE = "_DEXTO_CONFIG_COMPLETE"


def fast_cli(args: list[str], environ: Mapping[str, str]) -> int | None:
    """Print what the click CLI would for `args` and return its exit code, 0; or None."""
    if environ.get(COMPLETION_VARIABLE):
        return None
    text = _help_page(args, environ) if args[-1:] and args[-1].startswith("-") else None
    if text is None:
        text = _rules_text(args)
    if text is None or not takes(sys.stdout, text):
        return None
    sys.stdout.write(text)
    return 0


def _rules_text(args: list[str]) -> str | None:
    """`rules [--format F]` and `explain RULE` for a rule that exists; None for the rest."""
    if args[:1] == ["rules"]:
        from dexto_config.lint import docs

        listing = _listing(args[1:])
        return docs.LISTINGS[listing]() if listing in docs.LISTINGS else None
    if len(args) == 2 and args[0] == "explain" and not args[1].startswith("-"):
        from dexto_config.lint import docs
        from dexto_config.lint.rulebook import find_rule

        found = find_rule(args[1])
        return docs.rule_text(found) if found is not None else None
    return None


def _listing(options: list[str]) -> str | None:
    """The listing `rules OPTIONS` asks for, where click reads the options one way."""
    from dexto_config.lint.docs import DEFAULT_LISTING, LISTING_OPTION

    if not options:
        return DEFAULT_LISTING
    if len(options) == 2 and options[0] == LISTING_OPTION:
        return options[1]
    if len(options) == 1 and options[0].startswith(f"{LISTING_OPTION}="):
        return options[0].partition("=")[2]
    return None


def _help_page(args: list[str], environ: Mapping[str, str]) -> str | None:
    """The page click printed for `args` at this terminal's width, under this click."""
    try:
        with open(PAGES_PATH, encoding="utf-8") as file:
            lines = file.read().split("\n")
    except OSError:
        return None  # an install without the pages: click prints them
    wanted, columns = " ".join(args), terminal_columns(environ)
    page = None
    position = 0
    while position < len(lines):
        line = lines[position]
        position += 1
        if line.startswith(CLICK_LINE):
            if not _click_is(line.removeprefix(CLICK_LINE)):
                return None
        elif line.startswith(_PAGE_HEADER):
            forms, start, count = line.removeprefix(_PAGE_HEADER).split(_SEPARATOR)
            length = int(count.split()[0])
            if wanted in forms.split(" | ") and int(start.split()[1]) <= columns:
                page = "\n".join(lines[position : position + length]) + "\n"
            position += length
    return page


def page_header(forms: list[list[str]], columns: int, length: int) -> str:
    """The line before a page of `length` lines that `forms` print from `columns` columns on."""
    commands = " | ".join(" ".join(form) for form in forms)
    return f"{_PAGE_HEADER}{commands}{_SEPARATOR}from {columns} columns{_SEPARATOR}{length} lines"


def terminal_columns(environ: Mapping[str, str]) -> int:
    """The columns `shutil.get_terminal_size()` reports, from which click sizes its help;
    without importing shutil, which costs most of `python -c pass`."""
    try:
        columns = int(environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    stream = sys.__stdout__
    try:
        columns = os.get_terminal_size(stream.fileno()).columns if stream is not None else 0
    except (AttributeError, ValueError, OSError):
        columns = 0
    return columns or 80


def _click_is(version: str) -> bool:
    """True when the click that `import click` would load is `version` (by its dist-info)."""
    for entry in sys.path:
        if os.path.isfile(os.path.join(entry, "click", "__init__.py")):
            return os.path.isdir(os.path.join(entry, f"click-{version}.dist-info"))
    return False
