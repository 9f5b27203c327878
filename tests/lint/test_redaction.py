"""A literal secret never reaches any output: finding, report format, or stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dexto_config.cli import run
from dexto_config.kinds import FileKind
from dexto_config.lint.reporters import formats
from dexto_config.redaction import redact
from tests.lint.conftest import LATEST_MARKER, lint_text, report_of

SECRET = "sk-proj-FAKEc0ffee0123456789abcdefFAKEc0ffee0123"
FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "lint" / "explicit-literal-api-key.yml"


def _agent(secret: str, extra: str = "") -> str:
    return (
        f"{LATEST_MARKER}systemPrompt: hi\nllm:\n  provider: openai\n  model: gpt-5\n"
        f"  apiKey: '{secret}'\n{extra}"
    )


def test_redacted_form() -> None:
    assert redact(SECRET) == "sk-pr…(48 chars)"
    assert redact("short") == "s…(5 chars)"
    assert redact("abc") == "…(3 chars)"


@pytest.mark.parametrize("output_format", list(formats()))
def test_secret_absent_from_every_format(output_format: str) -> None:
    rendered = formats()[output_format]([report_of(_agent(SECRET))])
    assert SECRET not in rendered
    assert "sk-pr…(48 chars)" in rendered or output_format == "sarif"


@pytest.mark.parametrize("output_format", list(formats()))
def test_secret_absent_from_cli_stdout_and_stderr(
    output_format: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert SECRET in FIXTURE.read_text(encoding="utf-8")
    assert run(["lint", "--format", output_format, str(FIXTURE)]) == 1
    captured = capsys.readouterr()
    assert SECRET not in captured.out
    assert SECRET not in captured.err
    assert SECRET[8:] not in captured.out


def test_secret_echoed_by_a_schema_message_is_scrubbed() -> None:
    preferences = f"llm: {{provider: openai, model: gpt-5, apiKey: '{SECRET}'}}\nsetup: {SECRET}\n"
    findings = lint_text(preferences, FileKind.PREFERENCES)
    assert findings
    assert all(SECRET not in f.message for f in findings)


def _findings_part(output_format: str, rendered: str) -> str:
    """The output without SARIF's rule documentation, which quotes example keys."""
    if output_format != "sarif":
        return rendered
    return json.dumps(json.loads(rendered)["runs"][0]["results"], ensure_ascii=False)


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"]),
        min_size=6,
        max_size=60,
    )
    .map(lambda tail: f"zQ{tail}".strip())
    .filter(lambda s: "'" not in s and "\\" not in s)
)
def test_no_literal_key_is_ever_echoed(secret: str) -> None:
    report = report_of(_agent(secret))
    assert any(f.code == "DX301" for f in report.findings)
    for output_format, render in formats().items():
        assert secret not in _findings_part(output_format, render([report]))
