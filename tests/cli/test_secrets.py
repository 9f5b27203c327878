"""Secrets are recognised by shape or place wherever they stand, and never printed or stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dexto_config.cli import run
from dexto_config.redaction import find_secrets, secrets_in_text
from tests.home.homes import HOOK_ENV, build_home

KEY = "sk-ant-api03-Zq8vK2mLw9XcT4pR7nB1yH6dF3gJ0sAe"
PLAIN = "hunter2-plain-literal"
SECRET_PLACES = {
    "key name": f"systemPrompt: hi\n{KEY}: 1\nllm: {{provider: openai, model: gpt-5}}\n",
    "model": f"systemPrompt: hi\nllm:\n  provider: anthropic\n  model: {KEY}\n",
    "baseURL query": (
        "systemPrompt: hi\nllm:\n  provider: openai-compatible\n  model: m\n"
        f"  baseURL: https://llm.example.com/v1?api_key={PLAIN}\n"
    ),
    "mcp url": (
        "systemPrompt: hi\nllm: {provider: openai, model: gpt-5}\nmcpServers:\n  w:\n"
        f"    type: http\n    url: https://mcp.example.com/x?token={PLAIN}\n"
    ),
    "mcp header": (
        "systemPrompt: hi\nllm: {provider: openai, model: gpt-5}\nmcpServers:\n  w:\n"
        f"    type: http\n    url: https://mcp.example.com/x\n"
        f"    headers:\n      Authorization: Bearer {PLAIN}\n"
    ),
    "mcp env": (
        "systemPrompt: hi\nllm: {provider: openai, model: gpt-5}\nmcpServers:\n  g:\n"
        f"    type: stdio\n    command: npx\n    env:\n      GITHUB_TOKEN: {PLAIN}\n"
    ),
    "mcp args": (
        "systemPrompt: hi\nllm: {provider: openai, model: gpt-5}\nmcpServers:\n  g:\n"
        f'    type: stdio\n    command: npx\n    args: ["--api-key", "{PLAIN}"]\n'
    ),
}
COMMANDS = [
    ["lint"],
    ["lint", "--format", "json"],
    ["lint", "--format", "sarif"],
    ["lint", "--format", "github"],
    ["lint", "--fix", "--diff", "--route-via", "dexto"],
    ["validate"],
    ["validate", "--format", "json"],
    ["migrate", "--dry-run", "--route-via", "dexto"],
    ["migrate", "--dry-run", "--diff", "--route-via", "dexto"],
    ["migrate", "--dry-run", "--json", "--route-via", "dexto"],
]


SHAPES = [
    (KEY, True),
    ("ghp_0123456789abcdefghijklmnopqrstuv", True),
    ("AbCdEfGh12345678AbCdEfGh12345678", True),
    ("claude-sonnet-4-5-20250929", False),
    ("meta-llama/Llama-3.3-70B-Instruct-Turbo", False),
    ("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", False),
    ("task-abcdefghijklmnopqrstuvwxyz", False),
]
# Longer than the split limit, words apart by Unicode spaces (str.split() splits on them too).
LONG_FILLER = "word\u00a0" * 1000 + "\u2003"


@pytest.mark.parametrize(("value", "secret"), SHAPES)
def test_secret_shapes(value: str, secret: bool) -> None:
    assert bool(secrets_in_text(f"x: {value}")) is secret


@pytest.mark.parametrize(("value", "secret"), SHAPES)
def test_secret_shapes_in_a_long_text(value: str, secret: bool) -> None:
    found = secrets_in_text(f"{LONG_FILLER}{value}\u3000{LONG_FILLER}")

    assert len(LONG_FILLER) > 4096
    assert found == secrets_in_text(f"x: {value}")
    assert bool(found) is secret


@pytest.mark.parametrize("place", sorted(SECRET_PLACES))
def test_secrets_are_found_in_every_place(place: str) -> None:
    from dexto_config.yamlio.fast import parse

    found = find_secrets(parse(SECRET_PLACES[place]).data)
    assert found & {KEY, PLAIN}, place


def test_references_are_not_secrets() -> None:
    data = {
        "llm": {"apiKey": "$OPENAI_API_KEY"},
        "mcpServers": {
            "g": {
                "env": {"GITHUB_TOKEN": "${GITHUB_TOKEN}"},
                "headers": {"Authorization": "Bearer $TOKEN"},
                "args": ["--token", "$TOKEN"],
            }
        },
    }
    assert find_secrets(data) == frozenset()


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("place", sorted(SECRET_PLACES))
def test_no_output_shows_a_secret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], place: str
) -> None:
    agent = tmp_path / "agent.yml"
    agent.write_text(SECRET_PLACES[place])
    code = run([*command, str(agent)])
    captured = capsys.readouterr()
    assert code in (0, 1, 2)
    for secret in (KEY, PLAIN):
        assert secret not in captured.out + captured.err


def test_lint_reports_each_secret_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for place, text in SECRET_PLACES.items():
        agent = tmp_path / f"{place.replace(' ', '-')}.yml"
        agent.write_text(text)
        run(["lint", "--select", "DX305", str(agent)])
        assert "DX305 [error]" in capsys.readouterr().out, place


def test_the_hook_neither_prints_nor_stores_nor_rewrites_a_secret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = build_home(tmp_path, legacy_agents=1)
    agent = home / "agents" / "pasted.yml"
    agent.write_text(SECRET_PLACES["model"])
    code = run(["hook", "--dexto-home", str(home), "--json"])
    out = capsys.readouterr().out
    document = json.loads(out)
    [pasted] = [f for f in document["files"] if f["path"] == "agents/pasted.yml"]
    assert (code, pasted["status"]) == (1, "skipped")
    assert agent.read_text() == SECRET_PLACES["model"]
    state = (home / ".dexto-config" / "state.json").read_text()
    assert KEY not in out and KEY not in state
    assert HOOK_ENV["DEXTO_API_KEY"] not in out + state
