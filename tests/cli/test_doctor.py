"""`dexto-config doctor` end to end: bundled homes, exit codes, read-only, no secret printed."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from dexto_config.catalog.releases import release_registry
from dexto_config.cli import run
from tests.conftest import FIXTURES

HOMES = FIXTURES / "homes"
CANARY = "CANARY-SECRET-7f3a9c"
_DEXTO_VARIABLES = (
    "DEXTO_FEATURE_AUTH",
    "DEXTO_API_URL",
    "DEXTO_HOME",
    "DEXTO_PROJECT_ROOT",
    "DEXTO_DEV_MODE",
    "OPENAI_BASE_URL",
)


@pytest.fixture(autouse=True)
def clean_machine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No provider key of the machine running the tests, and a working directory without `.env`."""
    known = {name for p in release_registry("1.10.4").providers for name in p.env_vars}
    for name in (*known, *_DEXTO_VARIABLES):
        monkeypatch.delenv(name, raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)


@pytest.fixture
def doctor(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run `dexto-config doctor ARGS`: (exit code, stdout, stderr)."""

    def run_doctor(*args: str) -> tuple[int, str, str]:
        code = run(["doctor", *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run_doctor


Doctor = Callable[..., tuple[int, str, str]]


@pytest.mark.parametrize("home", ["silent-switch", "preferences-override"])
def test_bundled_home_json(home: str, doctor: Doctor, snapshot: SnapshotAssertion) -> None:
    code, output, _ = doctor("--dexto-home", str(HOMES / home), "--json")
    assert code == 1
    assert json.loads(output) == snapshot


def test_bundled_home_shows_a_silent_switch_and_a_key_sent_elsewhere(
    doctor: Doctor, snapshot: SnapshotAssertion
) -> None:
    home = HOMES / "silent-switch"
    code, output, _ = doctor("--dexto-home", str(home))
    assert code == 1
    assert "Dexto switches this agent to openai at start-up" in output
    assert "key sent to another provider: OPENAI_API_KEY belongs to openai" in output
    assert output.replace(str(home), "<home>") == snapshot


def test_a_clean_agent_exits_0(
    tmp_path: Path, doctor: Doctor, monkeypatch: pytest.MonkeyPatch
) -> None:
    agent = tmp_path / "agent.yml"
    agent.write_text("llm: {provider: openai, model: gpt-5-mini, apiKey: $OPENAI_API_KEY}\n")
    monkeypatch.setenv("OPENAI_API_KEY", "k")
    code, output, _ = doctor(str(agent), "--dexto-home", str(tmp_path / "home"))
    assert code == 0, output
    assert "0 with problems" in output


@pytest.mark.parametrize(
    "args",
    [("missing.yml",), ("--dexto-version", "1.5.6"), ("--dexto-version", "latest")],
    ids=["missing path", "a seed version", "not a version"],
)
def test_usage_errors_exit_2(tmp_path: Path, doctor: Doctor, args: tuple[str, ...]) -> None:
    code, _, _ = doctor(*args, "--dexto-home", str(tmp_path))
    assert code == 2


def _secret_home(root: Path) -> Path:
    """A home holding the canary in every place a key can live."""
    home = root / "home"
    (home / "agents" / "a").mkdir(parents=True)
    (home / "agents" / "a" / "a.yml").write_text(
        f"llm: {{provider: anthropic, model: claude-sonnet-4-5-20250929, apiKey: {CANARY}}}\n"
    )
    (home / "agents" / "nova.yml").write_text(
        "llm: {provider: dexto-nova, model: anthropic/claude-sonnet-4.5}\n"
    )
    (home / "agents" / "openai.yml").write_text("llm: {provider: openai, model: gpt-5-mini}\n")
    (home / "agents" / "compatible.yml").write_text(
        "llm: {provider: openai-compatible, model: m, baseURL: 'https://$PROXY_TOKEN@x/v1'}\n"
    )
    (home / ".env").write_text(f"OPENAI_API_KEY={CANARY}-dotenv\nGROQ_API_KEY={CANARY}\n")
    (home / "auth.json").write_text(
        json.dumps({"createdAt": 1, "token": CANARY, "dextoApiKey": f"{CANARY}-auth"})
    )
    (home / "model-auth.yml").write_text(
        "version: 1\ndefaults: {openai: 'openai:chatgpt_login'}\nprofiles:\n"
        "  - {id: 'openai:chatgpt_login', providerId: openai, methodId: chatgpt_login,"
        f" label: ChatGPT, createdAt: x, updatedAt: y, credential: {{type: oauth, issuer: i,"
        f" refreshToken: {CANARY}, accessToken: {CANARY}, expiresAt: 1}}}}\n"
    )
    (home / "preferences.yml").write_text(
        f"llm: {{provider: openai, model: gpt-5-mini, apiKey: {CANARY}}}\n"
        "defaults: {defaultAgent: a}\n"
    )
    return home


@pytest.mark.parametrize("output_format", [(), ("--json",)], ids=["text", "json"])
def test_no_secret_in_any_format(
    tmp_path: Path,
    doctor: Doctor,
    monkeypatch: pytest.MonkeyPatch,
    output_format: tuple[str, ...],
) -> None:
    home = _secret_home(tmp_path)
    (Path.cwd() / ".env").write_text(f"XAI_API_KEY={CANARY}\n")
    monkeypatch.setenv("DEXTO_API_KEY", f"{CANARY}-shell")
    monkeypatch.setenv("ANTHROPIC_KEY", CANARY)
    monkeypatch.setenv("PROXY_TOKEN", CANARY)
    monkeypatch.setenv("DEXTO_API_URL", f"https://{CANARY}@gateway")
    code, out, err = doctor("--dexto-home", str(home), *output_format)
    assert code == 1, out
    assert "agents/a/a.yml" in out
    assert CANARY not in out
    assert CANARY not in err


def test_doctor_changes_nothing_in_the_home(tmp_path: Path, doctor: Doctor) -> None:
    home = _secret_home(tmp_path)
    (home / "auth.json").write_text(json.dumps({"createdAt": 1, "token": "t", "expiresAt": 1}))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in home.rglob("*") if p.is_file()}
    doctor("--dexto-home", str(home), "--json")
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in home.rglob("*") if p.is_file()}
    assert after == before


def test_help_shows_examples(doctor: Doctor) -> None:
    code, output, _ = doctor("--help")
    assert code == 0
    assert "dexto-config doctor --dexto-home fixtures/homes/silent-switch" in output
