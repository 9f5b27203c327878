"""`lint --fix`: comment-preserving edits and migrations, `--diff`, idempotence."""

from __future__ import annotations

from pathlib import Path

import pytest

from dexto_config.cli import run
from dexto_config.kinds import FileKind
from dexto_config.lint.config import LintConfig
from dexto_config.lint.engine import lint_bytes
from dexto_config.lint.fixer import fix_bytes, fix_target
from dexto_config.migrate.routing import RouteVia, RoutingContext

GATEWAY_NATIVE_ID = (
    "# dexto-config: schemaVersion=1.5.6\r\n"
    "systemPrompt: hi   # the prompt\r\n"
    "llm:\r\n"
    "  provider: openrouter  # keep this comment\r\n"
    "  model: 'claude-sonnet-4-5-20250929'  # and this one\r\n"
)
LEGACY_UNMARKED = (
    "# An agent from before explicit providers.\n"
    "systemPrompt: hi\n"
    "llm:\n"
    "  provider: anthropic\n"
    "  model: claude-sonnet-4-5-20250929\n"
)
SECRET = "sk-proj-FAKEc0ffee0123456789abcdefFAKEc0ffee0123"


def _fix(
    text: str,
    route_via: RouteVia = "direct",
    target: str | None = None,
    from_version: str | None = None,
) -> tuple[str, int]:
    raw, path = text.encode(), Path("agent.yml")
    findings = lint_bytes(raw, path, FileKind.AGENT, LintConfig(dexto_version=target))
    outcome = fix_bytes(
        raw,
        path,
        FileKind.AGENT,
        findings,
        assumed_version=from_version,
        routing=RoutingContext(route_via=route_via),
        target=fix_target(target),
    )
    return outcome.result.decode(), outcome.fixed


def test_set_value_keeps_comments_quotes_and_crlf() -> None:
    fixed, count = _fix(GATEWAY_NATIVE_ID, target="1.5.6")
    assert count == 1
    assert fixed == GATEWAY_NATIVE_ID.replace(
        "'claude-sonnet-4-5-20250929'", "'anthropic/claude-sonnet-4.5'"
    )


def test_schema_version_key_is_removed() -> None:
    text = (
        "# dexto-config: schemaVersion=1.5.6\nsystemPrompt: hi\nschemaVersion: 1.5.6\n"
        "llm: {provider: openai, model: gpt-5}\n"
    )
    fixed, count = _fix(text)
    assert (fixed, count) == (text.replace("schemaVersion: 1.5.6\n", ""), 1)


def test_schema_version_key_becomes_the_marker() -> None:
    text = "systemPrompt: hi\nschemaVersion: '1.5.6'\nllm: {provider: dexto, model: openai/gpt-5}\n"
    fixed, count = _fix(text)
    assert count == 1
    assert fixed == (
        "# dexto-config: schemaVersion=1.5.6\nsystemPrompt: hi\n"
        "llm: {provider: dexto, model: openai/gpt-5}\n"
    )


@pytest.mark.parametrize(
    ("route_via", "provider_line", "model_line"),
    [
        ("direct", "  provider: anthropic\n", "  model: claude-sonnet-4-5-20250929\n"),
        ("dexto", "  provider: dexto\n", "  model: anthropic/claude-sonnet-4.5\n"),
    ],
)
def test_legacy_file_is_migrated(route_via: RouteVia, provider_line: str, model_line: str) -> None:
    # An unmarked file's release is stated (`lint --fix --from`): its shape fits several.
    fixed, count = _fix(LEGACY_UNMARKED, route_via, target="1.5.4", from_version="1.5.4")
    assert count == 1
    assert fixed == (
        "# dexto-config: schemaVersion=1.5.6\n# An agent from before explicit providers.\n"
        f"systemPrompt: hi\nllm:\n{provider_line}{model_line}"
    )


@pytest.mark.parametrize("text", [GATEWAY_NATIVE_ID, LEGACY_UNMARKED])
def test_fixing_twice_changes_nothing(text: str) -> None:
    once, _ = _fix(text, "dexto")
    twice, count = _fix(once, "dexto")
    assert (twice, count) == (once, 0)


def test_unfixable_findings_leave_the_file_alone() -> None:
    text = (
        f"# dexto-config: schemaVersion=1.5.6\nsystemPrompt: hi\n"
        f"llm: {{provider: openai, model: gpt-5, apiKey: {SECRET}}}\n"
    )
    assert _fix(text, target="1.5.6") == (text, 0)


def test_cli_fix_diff_prints_the_patch_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agent = tmp_path / "agent.yml"
    agent.write_bytes(GATEWAY_NATIVE_ID.encode())
    assert run(["lint", "--fix", "--diff", str(agent)]) == 1
    out = capsys.readouterr().out
    assert "-  model: 'claude-sonnet-4-5-20250929'" in out
    assert "+  model: 'anthropic/claude-sonnet-4.5'" in out
    assert agent.read_bytes() == GATEWAY_NATIVE_ID.encode()


def test_cli_fix_writes_and_reports_what_remains(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agent = tmp_path / "agent.yml"
    agent.write_text(LEGACY_UNMARKED.replace("sonnet-4-5", "sonet-4-5"), encoding="utf-8")
    secret_agent = tmp_path / "secret.yml"
    secret_agent.write_text(
        f"llm:\n  provider: openai\n  model: gpt-5\n  apiKey: {SECRET}\nsystemPrompt: hi\n",
        encoding="utf-8",
    )
    fix_legacy = ["lint", "--fix", "--dexto-version", "1.5.4", "--from", "1.5.4"]
    fix_legacy += ["--route-via", "direct"]
    assert run([*fix_legacy, str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert agent.read_text(encoding="utf-8").startswith("# dexto-config: schemaVersion=1.5.6\n")
    assert "DX102" not in captured.out
    assert "DX201" in captured.out
    assert "DX301" in captured.out
    assert SECRET not in captured.out + captured.err
    assert SECRET in secret_agent.read_text(encoding="utf-8")
