"""Report formats: SARIF validity, GitHub escaping, stable JSON, colour only when asked."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from syrupy.assertion import SnapshotAssertion

from dexto_config.kinds import FileKind
from dexto_config.lint.engine import LintedFile
from dexto_config.lint.findings import Finding, Severity
from dexto_config.lint.registry import all_rules
from dexto_config.lint.reporters import github, json_format, sarif, text
from dexto_config.problem import Problem
from tests.lint.conftest import LATEST_MARKER, report_of

# The SARIF 2.1.0 schema as published on SchemaStore (sarif-2.1.0-rtm.5), vendored
# from Microsoft's MIT-licensed @microsoft/jest-sarif package.
SARIF_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)

MIXED = (
    LATEST_MARKER + "systemPrompt: hi\nllm:\n  provider: openai\n  model: gpt-5-nope\n"
    "  apiKey: $ANTHROPIC_API_KEY\n"
)


def _finding(message: str, path: str = "agents/a.yml") -> Finding:
    problem = Problem(Path(path), 3, 5, 3, 9, message, "DX201", Severity.ERROR)
    return Finding(problem, "unknown-model-id")


def test_sarif_validates_against_the_2_1_0_schema() -> None:
    reports = [report_of(MIXED), LintedFile(Path("gone.yml"), FileKind.AGENT, (), "no such file")]
    log = json.loads(sarif.render(reports))
    jsonschema.validate(log, SARIF_SCHEMA)


def test_sarif_run_content(tmp_path: Path) -> None:
    finding = _finding("unknown model", path=str(tmp_path / "agents" / "my agent.yml"))
    log = json.loads(sarif.render([LintedFile(finding.path, FileKind.AGENT, (finding,))], tmp_path))
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [r.code for r in all_rules()]
    assert all(r["help"]["text"] for r in run["tool"]["driver"]["rules"])
    result = run["results"][0]
    assert result["ruleId"] == "DX201"
    assert result["level"] == "error"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "agents/my%20agent.yml"
    assert location["region"] == {"startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 9}


def test_sarif_levels_follow_severity() -> None:
    report = report_of(MIXED)
    results = json.loads(sarif.render([report]))["runs"][0]["results"]
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels == {"DX201": "error", "DX302": "warning"}


def test_github_annotations_escape_data_and_properties() -> None:
    finding = _finding("50% wrong\nsecond line", path="dir,with:odd/a.yml")
    line = github.annotation(finding)
    assert line == (
        "::error file=dir%2Cwith%3Aodd/a.yml,line=3,col=5,endLine=3,endColumn=9,"
        "title=DX201 unknown-model-id::50%25 wrong%0Asecond line"
    )


def test_github_uses_warning_and_notice() -> None:
    lines = github.render([report_of(MIXED)]).splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::warning"]


def test_json_fields_are_stable(snapshot: SnapshotAssertion) -> None:
    assert json_format.render([report_of(MIXED)]) == snapshot


def test_text_colour_only_when_asked() -> None:
    report = report_of(MIXED)
    assert "\x1b[" in text.render([report], colour=True)
    assert "\x1b[" not in text.render([report], colour=False)


@pytest.mark.parametrize(
    ("reports", "summary"),
    [
        ([], "0 files linted: no findings"),
        (
            [
                report_of(
                    LATEST_MARKER + "systemPrompt: hi\nllm: {provider: openai, model: gpt-5}\n"
                )
            ],
            "1 file linted: no findings",
        ),
        ([report_of(MIXED)], "1 file linted: 2 findings (1 error, 1 warning) in 1 file"),
    ],
)
def test_text_summary(reports: list[LintedFile], summary: str) -> None:
    assert text.summary(reports) == summary
