"""Our verdicts against Dexto's own on the real corpus in ../shared/corpus.

Every release with verdicts in the manifest is compared. Files are left out
only when every Dexto issue is a check DESIGN §3.1 leaves to the linter: a
missing `apiKey` (Dexto's CLI fills it from the environment), and for the
seed's pair also the registry's model IDs (from 1.5.7 on `validate` judges
those as Dexto does). No deliberate verdict differences remain (agreement is
100% at every release); the threshold below is the issue's floor, so a corpus
update shows up as a figure first.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from dexto_config.kinds import FileKind
from dexto_config.models import IssueKind, SchemaIssue, validate_document
from dexto_config.versions import KNOWN_VERSIONS
from dexto_config.yamlio.fast import YamlSyntaxError, parse

SEED_VERSIONS = ("1.5.4", "1.5.6")
KEY_CODES = frozenset({"llm_api_key_missing"})
MODEL_CODES = frozenset({"llm_model_incompatible", "preference_model_incompatible"})
MIN_AGREEMENT = 0.98


@dataclass(frozen=True)
class Outcome:
    file: str
    dexto_valid: bool
    ours_valid: bool
    path_agrees: bool | None


def _linter_codes(version: str) -> frozenset[str]:
    return KEY_CODES | MODEL_CODES if version in SEED_VERSIONS else KEY_CODES


def _judged_by_schema(verdict: dict[str, Any], linter_codes: frozenset[str]) -> bool:
    if verdict["valid"]:
        return True
    issues = verdict["issues"]
    all_listed = verdict["issue_count"] <= len(issues)
    return not (all_listed and all(issue.get("dexto_code") in linter_codes for issue in issues))


def _our_issues(path: Path, kind: FileKind, version: str) -> list[SchemaIssue] | None:
    """Our issues, or None for a YAML syntax error."""
    try:
        data = parse(path.read_text(encoding="utf-8")).data
    except YamlSyntaxError:
        return None
    return validate_document(kind, version, data, source_path=path)


def _path_agrees(dexto_issue: dict[str, Any], ours: list[SchemaIssue]) -> bool:
    """Whether one of our issues sits where Dexto's first issue does.

    Zod puts an unknown-key issue on the object and a missing-key issue on the
    key; ours put them on the key and on the object respectively. Zod reports
    a failed union at the union, ours go down to the offending member.
    """
    expected = dexto_issue["path"]
    if dexto_issue["code"] == "load_error":
        # Dexto's loader fails on the whole file; ours name the key that makes it fail.
        return any(issue.code == "load_error" for issue in ours)
    is_union = dexto_issue["code"] == "invalid_union"
    for issue in ours:
        path = [str(part) for part in issue.path]
        if issue.kind is IssueKind.UNKNOWN_KEY:
            path = path[:-1]
        candidates = {".".join(path)}
        if issue.kind is IssueKind.MISSING_KEY:
            candidates = {".".join([*path, key]) for key in _quoted(issue.message)}
        if expected in candidates:
            return True
        if is_union and ".".join(path).startswith(expected):
            return True
    return False


def _quoted(message: str) -> list[str]:
    return message.split("'")[1::2]


def _outcomes(shared: Path, version: str) -> list[Outcome]:
    corpus = shared / "corpus"
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    outcomes = []
    linter_codes = _linter_codes(version)
    for entry in manifest["files"]:
        verdict = entry["verdicts"].get(version)
        if verdict is None or not _judged_by_schema(verdict, linter_codes):
            continue
        kind = FileKind.AGENT if entry["kind"] == "agent" else FileKind.PREFERENCES
        ours = _our_issues(corpus / entry["file"], kind, version)
        ours_valid = ours == []
        schema_issues = [i for i in verdict["issues"] if i.get("dexto_code") not in linter_codes]
        path_agrees = None
        if ours and schema_issues and schema_issues[0]["code"] != "parse_error":
            path_agrees = _path_agrees(schema_issues[0], ours)
        outcomes.append(Outcome(entry["file"], verdict["valid"], ours_valid, path_agrees))
    return outcomes


@pytest.mark.parametrize("version", KNOWN_VERSIONS)
def test_verdicts_agree_with_dexto(
    shared_dir: Path, version: str, report_figure: Callable[[str], None]
) -> None:
    outcomes = _outcomes(shared_dir, version)
    if not outcomes:
        pytest.skip(f"the manifest has no verdicts for Dexto {version}")
    disagreements = [o for o in outcomes if o.dexto_valid != o.ours_valid]
    agreement = 1 - len(disagreements) / len(outcomes)
    compared = [o for o in outcomes if o.path_agrees is not None]
    same_path = sum(1 for o in compared if o.path_agrees)
    figure = (
        f"corpus agreement with Dexto {version}: {agreement:.1%} "
        f"({len(outcomes) - len(disagreements)}/{len(outcomes)} files); "
        f"first-issue path found in ours: {same_path}/{len(compared)}"
    )
    report_figure(figure)
    detail = "\n".join(
        f"  {o.file}: Dexto {'valid' if o.dexto_valid else 'invalid'}" for o in disagreements
    )
    assert agreement >= MIN_AGREEMENT, f"{figure}\n{detail}"
