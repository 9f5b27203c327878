"""`dexto-config lint`: the linter's command line (DESIGN §8).

The options are declared here; the run itself is `cli.lint_run.run_lint`,
which the fast path of `lint one.yml` (`dexto_config.fastcli`) calls too.
"""

from __future__ import annotations

from pathlib import Path

import click

from dexto_config.cli.app import main
from dexto_config.cli.lint_run import (
    DEFAULT_FAIL_ON,
    FAIL_ON_CHOICES,
    ROUTE_VIA_DEFAULT,
    LintRequest,
    LintUsageError,
    parse_selectors,
    run_lint,
)
from dexto_config.cli.options import (
    dexto_version_option,
    format_option,
    kind_option,
    paths_argument,
    version_option,
)
from dexto_config.console import echo
from dexto_config.kinds import FileKind
from dexto_config.lint.config import UnknownSelector
from dexto_config.lint.findings import Severity
from dexto_config.lint.reporters import formats


def _selectors(
    _ctx: click.Context, param: click.Parameter, value: str | None
) -> tuple[str, ...] | None:
    if value is None:
        return None
    try:
        return parse_selectors(value, f"--{param.name}")
    except UnknownSelector as error:  # click names the option itself
        raise click.BadParameter(error.detail, param=param) from None


@main.command()
@paths_argument
@kind_option
@dexto_version_option(
    "the config's `dexto-version`, else a file's version marker, else the newest known release"
)
@version_option(
    "--from", "from_version", "With --fix: the release unmarked files were written for."
)
@format_option(formats(), "Report format, written to stdout.")
@click.option(
    "--select",
    callback=_selectors,
    metavar="CODES",
    help="Comma-separated codes, code prefixes (DX2) or rule names to run; replaces the config's.",
)
@click.option(
    "--ignore",
    callback=_selectors,
    metavar="CODES",
    help="Comma-separated codes, prefixes or names to skip; replaces the config's.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Use this pyproject.toml or .dexto-config.toml instead of searching upward.",
)
@click.option(
    "--fail-on",
    type=click.Choice([str(severity) for severity in FAIL_ON_CHOICES]),
    default=DEFAULT_FAIL_ON.value,
    show_default=True,
    help="Lowest severity that makes the run fail (exit 1).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--fix", is_flag=True, help="Apply the fixable findings' fixes (comment-preserving).")
@click.option("--diff", is_flag=True, help="With --fix: print the patch instead of writing files.")
@click.option(
    "--route-via",
    type=click.Choice(["auto", "dexto", "direct"]),
    default=ROUTE_VIA_DEFAULT,
    show_default=True,
    help="With --fix: how migrations decide legacy routing (as `migrate --route-via`).",
)
def lint(
    paths: tuple[Path, ...],
    kind: FileKind | None,
    dexto_version: str | None,
    from_version: str | None,
    output_format: str,
    select: tuple[str, ...] | None,
    ignore: tuple[str, ...] | None,
    config_path: Path | None,
    fail_on: str,
    exit_zero: bool,
    fix: bool,
    diff: bool,
    route_via: str,
) -> int:
    """Lint Dexto agent, preferences and custom-models files.

    Reports `path:line:col: DX123 [severity] message` per finding, then a
    summary. Exit 0 when nothing at or above --fail-on was found, 1 when
    something was, 2 on a usage error or an unreadable file. Suppress a
    finding with `# dexto-config: ignore[DX123]` on its line or alone on the
    line above; configure with [tool.dexto-config] in pyproject.toml.

    \b
    Examples:
      dexto-config lint agents/
      dexto-config lint --format sarif . > dexto-config.sarif
      dexto-config lint --select DX2,DX3 --fail-on error ~/.dexto
      dexto-config lint --fix --diff agents/coding-agent.yml
    """
    request = LintRequest(
        paths,
        kind,
        dexto_version,
        from_version,
        output_format,
        select,
        ignore,
        config_path,
        Severity(fail_on),
        exit_zero,
        fix,
        diff,
        route_via,
    )
    try:
        return run_lint(request)
    except LintUsageError as error:
        for note in error.notes:
            echo(note, err=True)
        raise click.UsageError(str(error)) from None
