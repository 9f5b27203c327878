"""SARIF 2.1.0 for GitHub code scanning: rules with help text, results with regions."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from dexto_config import __version__
from dexto_config.lint.engine import LintedFile
from dexto_config.lint.findings import Finding, Severity
from dexto_config.lint.registry import all_rules
from dexto_config.lint.rule import Rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(reports: Sequence[LintedFile], base: Path | None = None) -> str:
    """The run as a SARIF log; artifact URIs are relative to `base` (default: the cwd)."""
    root = (base or Path.cwd()).resolve()
    rules = all_rules()
    index = {r.code: position for position, r in enumerate(rules)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "dexto-config",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [rule_descriptor(r) for r in rules],
            }
        },
        "results": [_result(f, index[f.code], root) for r in reports for f in r.findings],
        "invocations": [_invocation(reports, root)],
        "columnKind": "unicodeCodePoints",
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """A rule's reportingDescriptor: names, descriptions, help text and default level."""
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation.strip()},
        "help": {"text": _help_text(rule), "markdown": _help_markdown(rule)},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {"tags": [rule.family], "fixable": rule.fixable},
    }


def artifact_uri(path: Path, root: Path) -> str:
    """`path` as a URI relative to `root` when below it, else an absolute file URI."""
    absolute = Path(os.path.realpath(path))  # unlike resolve(), never raises on a symlink loop
    try:
        return quote(absolute.relative_to(root).as_posix())
    except ValueError:
        return absolute.as_uri()


def _result(finding: Finding, rule_index: int, root: Path) -> dict[str, Any]:
    return {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(finding.path, root)},
                    "region": {
                        "startLine": finding.line,
                        "startColumn": finding.col,
                        "endLine": finding.end_line,
                        "endColumn": finding.end_col,
                    },
                }
            }
        ],
    }


def _invocation(reports: Sequence[LintedFile], root: Path) -> dict[str, Any]:
    notifications = [
        {
            "level": "error",
            "message": {"text": f"cannot read the file: {r.unreadable}"},
            "locations": [
                {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(r.path, root)}}}
            ],
        }
        for r in reports
        if r.unreadable
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


def _help_text(rule: Rule) -> str:
    return (
        f"{rule.explanation.strip()}\n\nBad:\n{_indented(rule.bad)}\nGood:\n{_indented(rule.good)}"
    )


def _help_markdown(rule: Rule) -> str:
    return (
        f"{rule.explanation.strip()}\n\nBad:\n\n```yaml\n{rule.bad}```\n\n"
        f"Good:\n\n```yaml\n{rule.good}```\n"
    )


def _indented(text: str) -> str:
    return "".join(f"    {line}\n" for line in text.splitlines())
