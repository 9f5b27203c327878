"""How `doctor` reports its verdicts: one reporter per output (`--json` or text), over the run.

The text shows each agent with problems first: its path, the surprises, then
the aligned facts (what is configured, what runs, which key, which base URL);
the JSON is DESIGN §14's document (`doctor.verdict.report_json`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dexto_config.doctor import Verdict
from dexto_config.doctor.verdict import report_json

TYPE_CHECKING = False
if TYPE_CHECKING:
    from dexto_config.reporting import Reporters

_LABEL_WIDTH = 12


@dataclass(frozen=True, slots=True)
class DoctorRun:
    """What a doctor run reports: the verdicts, the Dexto release judged and the home read."""

    verdicts: Sequence[Verdict]
    version: str
    home: Path


def render_text(run: DoctorRun) -> str:
    """A block per agent (those with problems first), then a summary line."""
    lines: list[str] = []
    for verdict in sorted(run.verdicts, key=lambda v: not v.problems):
        lines.extend(_block(verdict))
        lines.append("")
    troubled = sum(1 for v in run.verdicts if v.problems)
    noun = "agent" if len(run.verdicts) == 1 else "agents"
    lines.append(
        f"{len(run.verdicts)} {noun} checked with Dexto {run.version}'s start-up "
        f"(home {run.home}): {troubled} with problems"
    )
    return "".join(line + "\n" for line in lines)


def render_json(run: DoctorRun) -> str:
    """DESIGN §14's document, indented."""
    return json.dumps(report_json(run.version, list(run.verdicts)), indent=2) + "\n"


def _block(verdict: Verdict) -> list[str]:
    """One agent: its path, the surprises, then the aligned facts."""
    lines = [verdict.path]
    lines.extend(f"  ! {problem}" for problem in verdict.problems)
    rows = [("configured", _llm(verdict.configured_provider, verdict.configured_model))]
    effective = verdict.effective
    if verdict.stopped or effective is None:
        rows.append(("runs", "nothing: Dexto stops at start-up"))
    else:
        changed = {
            "startup-fallback": "  (changed by the start-up fallback)",
            "preferences": "  (changed by preferences.yml)",
            None: "",
        }[effective.changed_by]
        rows.append(("runs", _llm(effective.provider, effective.model) + changed))
        credential = verdict.credential
        key = (
            "none"
            if credential is None
            else f"{credential.variable or 'a literal key'} from {credential.found_in}"
        )
        rows.append(("key", key))
        rows.append(("base URL", effective.base_url or "the provider's default"))
    lines.extend(f"  {label.ljust(_LABEL_WIDTH)}{value}" for label, value in rows)
    return lines


def _llm(provider: str | None, model: str | None) -> str:
    return f"{provider or '(none)'} / {model or '(none)'}"


FORMATS: Reporters[DoctorRun] = {"text": render_text, "json": render_json}
