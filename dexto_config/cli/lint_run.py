"""One `lint` run, from the options to the exit code (DESIGN §8), for both command lines.

The click command (`cli.lint_cmd`) and the fast path (`dexto_config.fastcli`,
which answers `lint one.yml` without importing click, DESIGN §9) both parse
their options into a `LintRequest` and call `run_lint`: it reads the lint
configuration, finds the files, lints them, writes the report and picks the
exit code. Click is imported only to draw the progress bar of a long run at a
terminal and for `--fix`, which the fast path leaves to click.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from dexto_config import exitcodes
from dexto_config.catalog import CustomModelsError, UserModel, read_custom_models
from dexto_config.cli.targets import find_targets
from dexto_config.console import echo
from dexto_config.discovery import MissingPath, Target
from dexto_config.home.layout import default_home
from dexto_config.kinds import FileKind
from dexto_config.lint.config import ConfigError, ConfigFinder, check_selectors, load_config_file
from dexto_config.lint.engine import LintedFile, LintJob, lint_bytes, lint_jobs
from dexto_config.lint.findings import Severity
from dexto_config.lint.reporters import formats
from dexto_config.parallel import POOL_THRESHOLD
from dexto_config.records import Record
from dexto_config.redaction import redact_text
from dexto_config.reporting import unreadable_text
from dexto_config.terminal import escape_text
from dexto_config.validation import UnreadableFile, read_file

TYPE_CHECKING = False
if TYPE_CHECKING:
    from dexto_config.migrate.routing import RouteVia

DEFAULT_FORMAT = next(iter(formats()))  # `text`
FAIL_ON_CHOICES = (Severity.ERROR, Severity.WARNING)  # `--fail-on`
DEFAULT_FAIL_ON = Severity.WARNING
ROUTE_VIA_DEFAULT = "auto"


class LintRequest(Record):
    """What the command line asked `lint` to do (the options' meanings are `lint --help`'s).

    A named tuple: cheaper to create than a dataclass on `lint one.yml`'s path (DESIGN §9).
    """

    paths: tuple[Path, ...]
    kind: FileKind | None = None
    dexto_version: str | None = None
    from_version: str | None = None
    output_format: str = DEFAULT_FORMAT
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    config_path: Path | None = None
    fail_on: Severity = DEFAULT_FAIL_ON
    exit_zero: bool = False
    fix: bool = False
    diff: bool = False
    route_via: str = ROUTE_VIA_DEFAULT


class LintUsageError(Exception):
    """The command line cannot run as given (exit 2); raised before anything is written.

    `notes` are what the file search had to say before the error was found;
    the click command writes them first, as it always has.
    """

    def __init__(self, message: str, notes: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.notes = tuple(notes)


def parse_selectors(value: str, option: str) -> tuple[str, ...]:
    """`--select`/`--ignore`'s comma-separated codes, prefixes or names; raises
    `lint.config.UnknownSelector` for one that matches no rule."""
    selectors = [part.strip() for part in value.split(",") if part.strip()]
    return tuple(check_selectors(selectors, option))


def run_lint(request: LintRequest) -> int:
    """Lint the request's files, write the report (and fixes) and return the exit code."""
    if request.diff and not request.fix:
        raise LintUsageError("--diff only works with --fix")
    jobs = _jobs(request)
    reports = _run(jobs, progress=len(jobs) >= POOL_THRESHOLD)
    if request.fix:
        reports, changed = _fix(jobs, reports, request.route_via, show_diff=request.diff)
        if request.diff:
            return exitcodes.FINDINGS if changed else exitcodes.OK
    _write_report(reports, request.output_format)
    return _exit_code(reports, request.fail_on, request.exit_zero)


def _jobs(request: LintRequest) -> list[LintJob]:
    """One job per file found, with the configuration that applies to it; the search's
    notes are written once every job is known."""
    notes: list[str] = []
    try:
        config_file = load_config_file(request.config_path) if request.config_path else None
        finder = ConfigFinder(config_file)
        targets, notes = find_targets(request.paths, request.kind)
        custom = _custom_models(targets)
        jobs = [
            LintJob(
                t.path,
                t.kind,
                finder.for_file(t.path).with_overrides(
                    request.select, request.ignore, request.dexto_version
                ),
                request.from_version,
                custom,
            )
            for t in targets
        ]
    except (ConfigError, MissingPath) as error:
        raise LintUsageError(str(error), notes) from None
    for note in notes:
        echo(note, err=True)
    return jobs


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
    import click

    with click.progressbar(length=len(jobs), label="Linting", file=sys.stderr) as bar:
        return lint_jobs(jobs, on_done=lambda _report: bar.update(1))


def _fix(
    jobs: Sequence[LintJob], reports: Sequence[LintedFile], route_via: str, *, show_diff: bool
) -> tuple[list[LintedFile], int]:
    """Fix every file with fixable findings; returns the reports after fixing and how many
    files changed. With `show_diff` the patch goes to stdout and nothing is written."""
    from typing import cast

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
            echo(escape_text(redact_text(f"{job.path}: {note}")), err=True)
        if outcome.changed:
            changed += 1
            fixed_findings += outcome.fixed
            if show_diff:
                echo(unified_diff(job.path, raw, outcome.result), nl=False)
            else:
                _write_fixed(job.path, outcome.result)
        config = job.config._replace(dexto_version=outcome.version or job.config.dexto_version)
        remaining = lint_bytes(outcome.result, job.path, job.kind, config, job.custom_models)
        after.append(LintedFile(job.path, job.kind, remaining))
    verb = "would fix" if show_diff else "fixed"
    echo(f"{verb} {fixed_findings} finding(s) in {changed} file(s)", err=True)
    return after, changed


def _write_fixed(path: Path, data: bytes) -> None:
    import click

    from dexto_config.home.atomic import atomic_write_bytes

    try:
        atomic_write_bytes(path, data)
    except OSError as error:
        raise click.ClickException(f"{path}: cannot write the fixed file: {error}") from None


def _write_report(reports: Sequence[LintedFile], output_format: str) -> None:
    for report in reports:
        if report.unreadable is not None:
            echo(escape_text(unreadable_text(report.path, report.unreadable)), err=True)
    colour = output_format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    echo(formats(colour=colour)[output_format](reports), nl=False, colour=colour)


def _exit_code(reports: Sequence[LintedFile], fail_on: Severity, exit_zero: bool) -> int:
    if any(r.unreadable is not None for r in reports):
        return exitcodes.USAGE_OR_IO
    failing = any(f.severity.rank >= fail_on.rank for r in reports for f in r.findings)
    return exitcodes.FINDINGS if failing and not exit_zero else exitcodes.OK
