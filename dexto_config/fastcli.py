"""`--help`, `rules`, `explain` and `lint FILE...` answered before click is imported (DESIGN §9).

`--help`, `rules` and `explain` must each cost at most 3x `python -c pass`,
and `lint one.yml` (what pre-commit and editors run) at most what yamllint
costs on the same file; importing click alone costs about 3x `python -c
pass`. This answers only the command lines whose output it can show to be
the click CLI's, byte for byte: the help pages click printed into
`help_pages.txt` (`dexto_config.cli.help_pages`), under the same click
version and at the terminal's width; the `rules` and `explain` texts of
`lint.docs`, which the click commands print too; and `lint` with paths and
the options of `LINT_OPTIONS`, each given once with a value click takes as
it is, run by the click command's own runner, `cli.lint_run.run_lint`.
Anything else, or a usage error the runner finds, returns None and the
click CLI runs: it stays the one owner of usage errors.
"""

from __future__ import annotations

import os
import sys

from dexto_config.console import takes

TYPE_CHECKING = False  # `typing` alone costs a third of `python -c pass`
if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from dexto_config.cli.lint_run import LintRequest
    from dexto_config.kinds import FileKind
    from dexto_config.lint.findings import Severity

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
    if args[:1] == ["lint"]:
        return _lint(args[1:])
    text = _help_page(args, environ) if args[-1:] and args[-1].startswith("-") else None
    if text is None:
        text = _rules_text(args)
    if text is None or not takes(sys.stdout, text):
        return None
    sys.stdout.write(text)
    return 0


# `lint`'s options the fast path reads (a test holds them to the click command's): those
# that take a value, and the flags.
LINT_OPTIONS = ("--format", "--kind", "--dexto-version", "--select", "--ignore", "--fail-on")
LINT_FLAGS = ("--exit-zero",)


class _LeftToClick(Exception):
    """A `lint` command line the fast path does not vouch for."""


def _lint(args: list[str]) -> int | None:
    """Run `lint ARGS` as the click command would, or return None to leave it to click."""
    from dexto_config.cli.failures import report_aborted, report_internal_error
    from dexto_config.cli.lint_run import LintUsageError, run_lint
    from dexto_config.console import echo

    try:
        return run_lint(_lint_request(args))
    except (_LeftToClick, LintUsageError):
        return None  # raised before anything is written
    except KeyboardInterrupt:
        echo("", err=True)  # as click does, closing the terminal's `^C`
        return report_aborted()
    except OSError:
        raise  # stdout on a full disk or a closed pipe: entry.main says so, exit 2
    except Exception as error:  # a bug is reported in one line, never as a traceback
        return report_internal_error(error)


def _lint_request(args: list[str]) -> LintRequest:
    """What `lint ARGS` asks for, read as click reads it; raises _LeftToClick where the
    fast path cannot be sure it reads as click does, or where click finds a usage error."""
    from dexto_config.cli.lint_run import LintRequest

    paths: list[str] = []
    values: dict[str, str] = {}
    flags: set[str] = set()
    position = 0
    while position < len(args):
        arg = args[position]
        position += 1
        name, equals, value = arg.partition("=")
        if arg and not arg.startswith("-"):
            paths.append(arg)
        elif name in LINT_FLAGS and not equals and name not in flags:
            flags.add(name)
        elif name in LINT_OPTIONS and name not in values:
            if not equals and position < len(args):
                value = args[position]
                position += 1
            elif not equals:
                raise _LeftToClick  # click: the option requires an argument
            if value.startswith("-"):
                raise _LeftToClick
            values[name] = value
        else:
            raise _LeftToClick
    if not paths:
        raise _LeftToClick  # click: missing argument
    return LintRequest(
        tuple(_readable_path(path) for path in paths),
        kind=_kind(values.get("--kind")),
        dexto_version=_dexto_version(values.get("--dexto-version")),
        output_format=_output_format(values.get("--format")),
        select=_selectors(values.get("--select"), "--select"),
        ignore=_selectors(values.get("--ignore"), "--ignore"),
        fail_on=_fail_on(values.get("--fail-on")),
        exit_zero="--exit-zero" in flags,
    )


def _readable_path(path: str) -> Path:
    """`click.Path()`'s value: a path that does not exist, or one that is readable."""
    from pathlib import Path

    if os.path.exists(path) and not os.access(path, os.R_OK):
        raise _LeftToClick  # click: the path is not readable
    return Path(path)


def _kind(value: str | None) -> FileKind | None:
    from dexto_config.kinds import SELECTABLE_KINDS, FileKind

    if value is None:
        return None
    if value not in SELECTABLE_KINDS:
        raise _LeftToClick
    return FileKind(value)


def _dexto_version(value: str | None) -> str | None:
    from dexto_config.versions import FutureSchemaVersion, UnknownSchemaVersion, effective_version

    if value is not None:
        try:
            effective_version(value)
        except (FutureSchemaVersion, UnknownSchemaVersion):
            raise _LeftToClick from None
    return value


def _output_format(value: str | None) -> str:
    from dexto_config.cli.lint_run import DEFAULT_FORMAT
    from dexto_config.lint.reporters import formats

    if value is None:
        return DEFAULT_FORMAT
    if value not in formats():
        raise _LeftToClick
    return value


def _selectors(value: str | None, option: str) -> tuple[str, ...] | None:
    from dexto_config.cli.lint_run import parse_selectors
    from dexto_config.lint.config import UnknownSelector

    if value is None:
        return None
    try:
        return parse_selectors(value, option)
    except UnknownSelector:
        raise _LeftToClick from None


def _fail_on(value: str | None) -> Severity:
    from dexto_config.cli.lint_run import DEFAULT_FAIL_ON, FAIL_ON_CHOICES
    from dexto_config.lint.findings import Severity

    if value is None:
        return DEFAULT_FAIL_ON
    if value not in FAIL_ON_CHOICES:
        raise _LeftToClick
    return Severity(value)


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
