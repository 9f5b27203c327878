"""A stable JSON document, `"format": "dexto-config-lint/1"` (fields documented in the README)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from dexto_config.lint.engine import LintedFile
from dexto_config.lint.findings import Finding, Severity
from dexto_config.reporting import position_json

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

FORMAT_ID = "dexto-config-lint/1"


def render(reports: Sequence[LintedFile]) -> str:
    """The whole run as one JSON object."""
    counts = Counter(f.severity for r in reports for f in r.findings)
    document = {
        "format": FORMAT_ID,
        "files": len(reports),
        "findings": [finding_json(f) for r in reports for f in r.findings],
        "unreadable": [
            {"path": str(r.path), "reason": r.unreadable} for r in reports if r.unreadable
        ],
        "summary": {str(s): counts[s] for s in Severity},
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def finding_json(finding: Finding) -> dict[str, Any]:
    """One finding's stable JSON form."""
    return {
        "path": str(finding.path),
        **position_json(finding.problem),
        "code": finding.code,
        "rule": finding.name,
        "severity": str(finding.severity),
        "message": finding.message,
        "fix": finding.fix.as_json() if finding.fix is not None else None,
    }
