"""`path:line:col: DX123 [error] message` lines, then a summary line."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from dexto_config.lint.engine import LintedFile
from dexto_config.lint.findings import Finding, Severity
from dexto_config.reporting import location
from dexto_config.terminal import escape_text

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def render(reports: Sequence[LintedFile], *, colour: bool = False) -> str:
    """The text report; ANSI colour only when `colour` is set."""
    lines = [_line(finding, colour) for report in reports for finding in report.findings]
    lines.append(summary(reports))
    return "\n".join(lines) + "\n"


def _line(finding: Finding, colour: bool) -> str:
    where = escape_text(location(finding.path, finding.problem))
    code = finding.code
    level = f"[{finding.severity}]"
    if colour:
        import click  # for a terminal only: lint one.yml runs without click (DESIGN §9)

        where = click.style(where, bold=True)
        code = click.style(code, fg=_COLOURS[finding.severity], bold=True)
        level = click.style(level, fg=_COLOURS[finding.severity])
    return f"{where} {code} {level} {escape_text(finding.message)}"


def summary(reports: Sequence[LintedFile]) -> str:
    """One line: how many files, findings by severity, fixable, unreadable."""
    linted = len(reports)
    files = f"{linted} file{'s' if linted != 1 else ''} linted"
    counts = Counter(f.severity for r in reports for f in r.findings)
    total = sum(counts.values())
    unreadable = sum(1 for r in reports if r.unreadable is not None)
    tail = f"; {unreadable} unreadable" if unreadable else ""
    if not total:
        return f"{files}: no findings{tail}"
    parts = [
        f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}"
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if counts[s]
    ]
    with_findings = sum(1 for r in reports if r.findings)
    fixable = sum(1 for r in reports for f in r.findings if f.fix is not None)
    fix_note = f"; {fixable} fixable with --fix" if fixable else ""
    noun = "finding" if total == 1 else "findings"
    return (
        f"{files}: {total} {noun} ({', '.join(parts)}) in {with_findings} "
        f"file{'s' if with_findings != 1 else ''}{fix_note}{tail}"
    )
