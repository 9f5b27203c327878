"""No value from a file can forge a workflow command or reach the terminal as a control code."""

from __future__ import annotations

from pathlib import Path

import pytest

from dexto_config.cli import run
from dexto_config.terminal import escape_lines, escape_text
from tests.home.homes import build_home

FORGED = (
    "systemPrompt: hi\nllm:\n  provider: openai\n"
    '  model: "gpt-5\\n::error file=x.yml::pwned\\e]0;t\\a\\e[31m"\n'
)
TEXT_COMMANDS = [
    ["lint"],
    ["validate"],
    ["migrate", "--dry-run", "--route-via", "dexto"],
    ["migrate", "--dry-run", "--diff", "--route-via", "dexto"],
    ["lint", "--fix", "--diff", "--route-via", "dexto"],
]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("plain text", "plain text"),
        ("a\n::error::x", "a\\n::error::x"),
        ("::warning::x", "\\x3a:warning::x"),
        ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
        ("tab\there\r", "tab\\there\\r"),
        ("\u202eevil", "\\u202eevil"),
    ],
)
def test_escape_text(value: str, shown: str) -> None:
    assert escape_text(value) == shown


def test_escape_lines_keeps_line_breaks() -> None:
    assert escape_lines("a\n::b\x1b\n") == "a\n\\x3a:b\\x1b\n"


def _assert_safe(output: str) -> None:
    for line in output.splitlines():
        assert not line.startswith("::"), line
    assert not any(ord(char) < 0x20 and char != "\n" for char in output)


@pytest.mark.parametrize("command", TEXT_COMMANDS, ids=" ".join)
def test_text_output_is_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    agent = tmp_path / "agent.yml"
    agent.write_text(FORGED)
    run([*command, str(agent)])
    captured = capsys.readouterr()
    _assert_safe(captured.out)
    _assert_safe(captured.err)


def test_a_path_cannot_start_a_workflow_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("::error file=x::y.yml").write_text("llm: [\n")
    run(["lint", "::error file=x::y.yml"])
    _assert_safe(capsys.readouterr().out)


def test_hook_text_is_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = build_home(tmp_path, legacy_agents=1)
    (home / "agents" / "forged.yml").write_text(FORGED)
    run(["hook", "--verbose", "--dexto-home", str(home)])
    captured = capsys.readouterr()
    assert "forged.yml: migrated" in captured.out
    _assert_safe(captured.out)
    _assert_safe(captured.err)


def test_models_list_escapes_custom_model_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    custom = tmp_path / "custom-models.json"
    name = "evil\\n::error::x\\u001b[31m"
    custom.write_text('{"version": 1, "models": [{"name": "' + name + '", "provider": "openai"}]}')
    run(["models", "list", "--provider", "openai", "--custom-models", str(custom)])
    _assert_safe(capsys.readouterr().out)


@pytest.mark.parametrize(
    "args",
    [
        ["lint", "--config", "c\n::error::c", "."],
        ["hook", "--bundled-dir", "b\n::error::b"],
        ["lint", "missing\n::error::m.yml"],
        ["migrate", "--to", "9.0.0\n::error::v", "."],
        ["rollback", "id\n::error::i", "--dexto-home", "."],
    ],
    ids=["config", "bundled-dir", "missing-path", "to", "rollback"],
)
def test_usage_errors_quote_user_input_safely(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(args) == 2
    captured = capsys.readouterr()
    _assert_safe(captured.out)
    _assert_safe(captured.err)
