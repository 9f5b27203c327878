"""GitHub Actions workflow commands: `::error file=…,line=…,col=…::message`."""

from __future__ import annotations

from collections.abc import Sequence

from dexto_config.lint.engine import LintedFile
from dexto_config.lint.findings import Finding, Severity

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(reports: Sequence[LintedFile]) -> str:
    """One annotation per finding (and an error per unreadable file)."""
    lines = [annotation(f) for r in reports for f in r.findings]
    lines.extend(
        f"::error file={_property(str(r.path))}::{_data(f'cannot read the file: {r.unreadable}')}"
        for r in reports
        if r.unreadable
    )
    return "".join(line + "\n" for line in lines)


def annotation(finding: Finding) -> str:
    """The workflow command for one finding."""
    properties = ",".join(
        f"{key}={_property(value)}"
        for key, value in (
            ("file", finding.path.as_posix()),
            ("line", str(finding.line)),
            ("col", str(finding.col)),
            ("endLine", str(finding.end_line)),
            ("endColumn", str(finding.end_col)),
            ("title", f"{finding.code} {finding.name}"),
        )
    )
    return f"::{_COMMANDS[finding.severity]} {properties}::{_data(finding.message)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
