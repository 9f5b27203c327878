"""How `hook` reports a run: one reporter per output (`--json` or text), over the run.

The JSON document is `home/report.report_json`, which the no-op path also
prints without importing this module; the text says nothing when nothing
changed, else a summary line and what needs a person.
"""

from __future__ import annotations

from dataclasses import dataclass

from dexto_config import __version__
from dexto_config.home.hook import HookReport
from dexto_config.home.report import REWRITTEN, HookedFile, report_json, summary_counts
from dexto_config.problem import Problem
from dexto_config.redaction import redact_text
from dexto_config.reporting import problem_text
from dexto_config.terminal import escape_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from dexto_config.reporting import Reporters


@dataclass(frozen=True, slots=True)
class HookRun:
    """What a hook run reports: its report, whether every rewritten file is listed, and
    (exit code, message) when the run could not finish (its report then holds no file)."""

    report: HookReport
    verbose: bool = False
    failure: tuple[int, str] | None = None


def render_json(run: HookRun) -> str:
    """The `--json` document the Dexto CLI reads, also when the run could not finish."""
    report = run.report
    document = report_json(
        home=str(report.home),
        target=report.target,
        tool_version=__version__,
        outcomes=report.outcomes,
        backup_id=report.backup_id,
        recovered=report.recovered,
        failure=run.failure,
    )
    return document + "\n"


def render_text(run: HookRun) -> str:
    """Nothing when nothing changed; else a summary line, then what needs a person."""
    return "".join(escape_text(redact_text(line)) + "\n" for line in _text_lines(run))


def _text_lines(run: HookRun) -> list[str]:
    report = run.report
    rewritten = [o for o in report.outcomes if o.status in REWRITTEN]
    problems = [o for o in report.outcomes if o.is_new_problem]
    lines = [] if report.recovered is None else [_recovery_line(report.recovered)]
    if not rewritten and not problems:
        return lines
    counts = summary_counts(report.outcomes)
    marked = sum(1 for o in rewritten if o.marker_only)
    marked_note = f" ({marked} only marked current)" if marked else ""
    tail = " (see below)" if problems else ""
    lines.append(
        f"migrated {counts['migrated']}{marked_note}, up to date {counts['up_to_date']}, "
        f"skipped {counts['skipped']}{tail}"
    )
    for outcome in rewritten if run.verbose else ():
        lines.extend(_rewritten_lines(outcome))
    lines.extend(problem_text(outcome.rel, _problem_of(outcome)) for outcome in problems)
    if report.backup_id:
        lines.append(f"backup: {report.backup_id} (dexto-config rollback {report.backup_id})")
    return lines


def _problem_of(outcome: HookedFile) -> Problem:
    """The problem a file was left alone for (the outcome keeps its parts as plain fields)."""
    reason = outcome.reason or outcome.status
    return Problem.at_point(reason, outcome.status, outcome.line or 1, outcome.column or 1)


def _rewritten_lines(outcome: HookedFile) -> list[str]:
    status = "marked current" if outcome.marker_only else outcome.status
    lines = [f"{outcome.rel}: {status}{_versions(outcome)}"]
    lines.extend(f"  {line}" for line in outcome.decisions)
    lines.extend(f"  warning: {warning}" for warning in outcome.warnings)
    if outcome.reason and outcome.status != "migrated":
        lines.append(f"  {outcome.reason}")
    return lines


def _versions(outcome: HookedFile) -> str:
    """` 1.5.4 -> 1.5.6`, ` -> 1.5.6`, or nothing when the version did not change."""
    if outcome.from_version == outcome.to_version:
        return ""
    if outcome.from_version is None:
        return f" -> {outcome.to_version}"
    return f" {outcome.from_version} -> {outcome.to_version}"


def _recovery_line(recovered: dict[str, object]) -> str:
    completed = recovered.get("completed") or []
    rolled_back = recovered.get("rolled_back") or []
    assert isinstance(completed, list) and isinstance(rolled_back, list)
    return (
        f"an interrupted {recovered.get('operation')} run was finished: "
        f"{len(completed)} files completed, {len(rolled_back)} rolled back"
    )


FORMATS: Reporters[HookRun] = {"text": render_text, "json": render_json}
