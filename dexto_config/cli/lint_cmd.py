"""`dexto-config lint`: the linter's command line (DESIGN §8)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from dexto_config import exitcodes
from dexto_config.catalog import CustomModelsError, UserModel, read_custom_models
from dexto_config.cli.app import main
from dexto_config.cli.options import (
    dexto_version_option,
    format_option,
    kind_option,
    paths_argument,
    resolve_targets,
    version_option,
)
from dexto_config.discovery import Target
from dexto_config.home.layout import default_home
from dexto_config.kinds import FileKind
from dexto_config.lint.config import (
    ConfigError,
    ConfigFinder,
    UnknownSelector,
    check_selectors,
    load_config_file,
)
from dexto_config.lint.engine import LintedFile, LintJob, lint_bytes, lint_jobs
from dexto_config.lint.findings import Severity
from dexto_config.lint.reporters import formats
from dexto_config.parallel import POOL_THRESHOLD
from dexto_config.redaction import redact_text
from dexto_config.reporting import unreadable_text
from dexto_config.terminal import escape_text
from dexto_config.validation import UnreadableFile, read_file

if TYPE_CHECKING:
    from dexto_config.migrate.routing import RouteVia


def _selectors(
    _ctx: click.Context, param: click.Parameter, value: str | None
) -> tuple[str, ...] | None:
    if value is None:
        return None
    selectors = [part.strip() for part in value.split(",") if part.strip()]
    try:
        return tuple(check_selectors(selectors, f"--{param.name}"))
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
    type=click.Choice(["error", "warning"]),
    default="warning",
    show_default=True,
    help="Lowest severity that makes the run fail (exit 1).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--fix", is_flag=True, help="Apply the fixable findings' fixes (comment-preserving).")
@click.option("--diff", is_flag=True, help="With --fix: print the patch instead of writing files.")
@click.option(
    "--route-via",
    type=click.Choice(["auto", "dexto", "direct"]),
    default="auto",
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
    if diff and not fix:
        raise click.UsageError("--diff only works with --fix")
    jobs = _jobs(paths, kind, dexto_version, from_version, (select, ignore), config_path)
    reports = _run(jobs, progress=len(jobs) >= POOL_THRESHOLD)
    if fix:
        reports, changed = _fix(jobs, reports, route_via, show_diff=diff)
        if diff:
            return exitcodes.FINDINGS if changed else exitcodes.OK
    _write_report(reports, output_format)
    return _exit_code(reports, Severity(fail_on), exit_zero)


def _jobs(
    paths: tuple[Path, ...],
    kind: FileKind | None,
    dexto_version: str | None,
    from_version: str | None,
    selection: tuple[tuple[str, ...] | None, tuple[str, ...] | None],
    config_path: Path | None,
) -> list[LintJob]:
    select, ignore = selection
    try:
        finder = ConfigFinder(load_config_file(config_path) if config_path else None)
        targets = resolve_targets(paths, kind)
        custom = _custom_models(targets)
        return [
            LintJob(
                t.path,
                t.kind,
                finder.for_file(t.path).with_overrides(select, ignore, dexto_version),
                from_version,
                custom,
            )
            for t in targets
        ]
    except ConfigError as error:
        raise click.UsageError(str(error)) from None


def _custom_models(targets: Sequence[Target]) -> tuple[UserModel, ...]:
    """The user's custom models (DESIGN §7 layer 3), known to every linted file.

    They come from the Dexto home's `models/custom-models.json` ($DEXTO_HOME or
    ~/.dexto) and from every `custom-models.json` being linted. A file that
    cannot be used adds nothing; its own findings say why.
    """
    home_file = Path(default_home(os.environ)) / "models" / "custom-models.json"
    paths = [home_file] if home_file.is_file() else []
    paths += [t.path for t in targets if t.kind is FileKind.CUSTOM_MODELS]
    found: list[UserModel] = []
    for path in dict.fromkeys(p.resolve() for p in paths):
        try:
            found.extend(read_custom_models(path))
        except CustomModelsError:
            continue
    return tuple(found)


def _run(jobs: Sequence[LintJob], *, progress: bool) -> list[LintedFile]:
    if not progress or not sys.stderr.isatty():
        return lint_jobs(jobs)
    with click.progressbar(length=len(jobs), label="Linting", file=sys.stderr) as bar:
        return lint_jobs(jobs, on_done=lambda _report: bar.update(1))


def _fix(
    jobs: Sequence[LintJob], reports: Sequence[LintedFile], route_via: str, *, show_diff: bool
) -> tuple[list[LintedFile], int]:
    """Fix every file with fixable findings; returns the reports after fixing and how many
    files changed. With `show_diff` the patch goes to stdout and nothing is written."""
    from dexto_config.cli.rewrite import machine_routing, unified_diff
    from dexto_config.lint.fixer import fix_bytes, fix_target

    routing = machine_routing(((j.path, j.kind) for j in jobs), cast("RouteVia", route_via))
    after: list[LintedFile] = []
    changed = fixed_findings = 0
    for job, report in zip(jobs, reports, strict=True):
        if report.unreadable is not None or not any(f.fix for f in report.findings):
            after.append(report)
            continue
        try:
            raw = read_file(job.path)
        except UnreadableFile as error:  # gone or replaced since it was linted
            after.append(LintedFile(job.path, job.kind, (), unreadable=error.reason))
            continue
        outcome = fix_bytes(
            raw,
            job.path,
            job.kind,
            report.findings,
            assumed_version=job.from_version,
            target=fix_target(job.config.dexto_version),
            routing=routing,
        )
        for note in outcome.notes:
            click.echo(escape_text(redact_text(f"{job.path}: {note}")), err=True)
        if outcome.changed:
            changed += 1
            fixed_findings += outcome.fixed
            if show_diff:
                click.echo(unified_diff(job.path, raw, outcome.result), nl=False)
            else:
                _write_fixed(job.path, outcome.result)
        config = replace(job.config, dexto_version=outcome.version or job.config.dexto_version)
        remaining = lint_bytes(outcome.result, job.path, job.kind, config, job.custom_models)
        after.append(LintedFile(job.path, job.kind, remaining))
    verb = "would fix" if show_diff else "fixed"
    click.echo(f"{verb} {fixed_findings} finding(s) in {changed} file(s)", err=True)
    return after, changed


def _write_fixed(path: Path, data: bytes) -> None:
    from dexto_config.home.atomic import atomic_write_bytes

    try:
        atomic_write_bytes(path, data)
    except OSError as error:
        raise click.ClickException(f"{path}: cannot write the fixed file: {error}") from None


def _write_report(reports: Sequence[LintedFile], output_format: str) -> None:
    for report in reports:
        if report.unreadable is not None:
            line = unreadable_text(report.path, report.unreadable)
            click.echo(escape_text(line), err=True)
    colour = output_format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    click.echo(formats(colour=colour)[output_format](reports), nl=False, color=colour)


def _exit_code(reports: Sequence[LintedFile], fail_on: Severity, exit_zero: bool) -> int:
    if any(r.unreadable is not None for r in reports):
        return exitcodes.USAGE_OR_IO
    failing = any(f.severity.rank >= fail_on.rank for r in reports for f in r.findings)
    return exitcodes.FINDINGS if failing and not exit_zero else exitcodes.OK
