"""Start-up scenarios: a Dexto home and an environment → what Dexto runs (DESIGN §14).

Each case is a home (files by home-relative path), the process environment and
a release; the expected record is §14's JSON for the one agent `agents/a/a.yml`.
Expected values were worked out by reading Dexto's own start-up code at that
release (see `dexto_config.doctor.startup`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from dexto_config.catalog.releases import release_registry
from dexto_config.doctor import decide, read_agent_llm
from dexto_config.doctor.release import StartupBehaviour
from dexto_config.home.machine import read_machine
from dexto_config.yamlio.fast import parse

NOW_MS = 1_800_000_000_000
AGENT = "agents/a/a.yml"


def agent(provider: str, model: str, *extra: str) -> str:
    lines = ["systemPrompt: hi", "llm:", f"  provider: {provider}", f"  model: {model}"]
    return "\n".join([*lines, *(f"  {line}" for line in extra)]) + "\n"


def preferences(provider: str, model: str, *, completed: bool, api_key: str | None = None) -> str:
    key = f"  apiKey: {api_key}\n" if api_key else ""
    return (
        f"llm:\n  provider: {provider}\n  model: {model}\n{key}"
        f"defaults:\n  defaultAgent: coding-agent\nsetup:\n  completed: {str(completed).lower()}\n"
    )


def auth(key: str = "dxt-stored", **fields: Any) -> str:
    return json.dumps({"createdAt": 1, "token": "t", "dextoApiKey": key, **fields})


ANTHROPIC = agent("anthropic", "claude-sonnet-4-5-20250929", "apiKey: $ANTHROPIC_API_KEY")
ANTHROPIC_VARS = "(ANTHROPIC_API_KEY, ANTHROPIC_KEY, CLAUDE_API_KEY)"
NOVA = agent("dexto-nova", "anthropic/claude-sonnet-4.5")


@dataclass(frozen=True)
class Scenario:
    files: dict[str, str]
    environ: dict[str, str]
    effective: tuple[str, str, str | None] | None
    credential: tuple[str | None, str] | None
    problems: tuple[str, ...] = ()
    version: str = "1.10.4"
    configured: tuple[str, str] = ("anthropic", "claude-sonnet-4-5-20250929")


SCENARIOS = {
    "own key: nothing changes": Scenario(
        {AGENT: ANTHROPIC},
        {"ANTHROPIC_API_KEY": "k"},
        ("anthropic", "claude-sonnet-4-5-20250929", None),
        ("ANTHROPIC_API_KEY", "environment"),
    ),
    "alias of the provider's key, apiKey variable unset": Scenario(
        {AGENT: ANTHROPIC},
        {"CLAUDE_API_KEY": "k"},
        ("anthropic", "claude-sonnet-4-5-20250929", None),
        ("CLAUDE_API_KEY", "environment"),
    ),
    "silent switch to the first provider with a key": Scenario(
        {AGENT: ANTHROPIC},
        {"OPENAI_API_KEY": "k", "GROQ_API_KEY": "k"},
        ("openai", "gpt-5-mini", "startup-fallback"),
        ("OPENAI_API_KEY", "environment"),
        (f"no key for anthropic {ANTHROPIC_VARS}: Dexto switches this agent to openai",),
    ),
    "a logged-in user lands on Dexto Nova credits": Scenario(
        {AGENT: ANTHROPIC, "auth.json": auth()},
        {},
        ("dexto-nova", "~anthropic/claude-fable-latest", "startup-fallback"),
        ("DEXTO_API_KEY", "auth.json"),
        ("Dexto switches this agent to dexto-nova at start-up (billed to your Dexto Nova",),
    ),
    "no key anywhere: no switch, a warning": Scenario(
        {AGENT: ANTHROPIC},
        {},
        ("anthropic", "claude-sonnet-4-5-20250929", None),
        None,
        (f"no key for anthropic {ANTHROPIC_VARS}: Dexto starts with a warning",),
    ),
    "setup completed: preferences carry the agent's key to another provider": Scenario(
        {AGENT: ANTHROPIC, "preferences.yml": preferences("openai", "gpt-5-mini", completed=True)},
        {"ANTHROPIC_API_KEY": "k", "OPENAI_API_KEY": "k"},
        ("openai", "gpt-5-mini", "preferences"),
        ("ANTHROPIC_API_KEY", "environment"),
        (
            "preferences.yml's llm replaces this agent's anthropic/claude-sonnet-4-5-20250929",
            "key sent to another provider: the agent's apiKey `$ANTHROPIC_API_KEY` is sent to "
            "openai",
        ),
    ),
    "setup completed with the preferences' own key": Scenario(
        {
            AGENT: ANTHROPIC,
            "preferences.yml": preferences(
                "openai", "gpt-5-mini", completed=True, api_key="$OPENAI_API_KEY"
            ),
        },
        {"ANTHROPIC_API_KEY": "k", "OPENAI_API_KEY": "k"},
        ("openai", "gpt-5-mini", "preferences"),
        ("OPENAI_API_KEY", "environment"),
        ("preferences.yml's llm replaces this agent's",),
    ),
    "setup not completed: preferences do not apply from 1.6.21": Scenario(
        {AGENT: ANTHROPIC, "preferences.yml": preferences("openai", "gpt-5-mini", completed=False)},
        {"ANTHROPIC_API_KEY": "k"},
        ("anthropic", "claude-sonnet-4-5-20250929", None),
        ("ANTHROPIC_API_KEY", "environment"),
    ),
    "before 1.6.21 preferences apply without setup.completed": Scenario(
        {AGENT: ANTHROPIC, "preferences.yml": preferences("openai", "gpt-5-mini", completed=False)},
        {"ANTHROPIC_API_KEY": "k", "OPENAI_API_KEY": "k"},
        ("openai", "gpt-5-mini", "preferences"),
        ("ANTHROPIC_API_KEY", "environment"),
        ("preferences.yml's llm replaces", "key sent to another provider"),
        version="1.6.2",
    ),
    "before 1.6.21 there is no start-up fallback": Scenario(
        {AGENT: ANTHROPIC},
        {"OPENAI_API_KEY": "k"},
        ("anthropic", "claude-sonnet-4-5-20250929", None),
        None,
        ("no key for anthropic",),
        version="1.6.2",
    ),
    "login gate: DEXTO_API_KEY in the environment does not count": Scenario(
        {AGENT: NOVA},
        {"DEXTO_API_KEY": "k"},
        ("dexto-nova", "anthropic/claude-sonnet-4.5", None),
        None,
        ("not logged in: this agent's llm uses dexto-nova and auth.json is missing",),
        configured=("dexto-nova", "anthropic/claude-sonnet-4.5"),
    ),
    "DEXTO_FEATURE_AUTH=false turns the gate off": Scenario(
        {AGENT: NOVA},
        {"DEXTO_API_KEY": "k", "DEXTO_FEATURE_AUTH": "false"},
        ("dexto-nova", "anthropic/claude-sonnet-4.5", None),
        ("DEXTO_API_KEY", "environment"),
        configured=("dexto-nova", "anthropic/claude-sonnet-4.5"),
    ),
    "auth.json beats DEXTO_API_KEY": Scenario(
        {AGENT: NOVA, "auth.json": auth()},
        {"DEXTO_API_KEY": "other"},
        ("dexto-nova", "anthropic/claude-sonnet-4.5", None),
        ("DEXTO_API_KEY", "auth.json"),
        ("auth.json's dextoApiKey is sent, not the different DEXTO_API_KEY",),
        configured=("dexto-nova", "anthropic/claude-sonnet-4.5"),
    ),
    "before 1.6.22 the environment's DEXTO_API_KEY is sent": Scenario(
        {AGENT: NOVA, "auth.json": auth()},
        {"DEXTO_API_KEY": "other"},
        ("dexto-nova", "anthropic/claude-sonnet-4.5", None),
        ("DEXTO_API_KEY", "environment"),
        version="1.6.2",
        configured=("dexto-nova", "anthropic/claude-sonnet-4.5"),
    ),
    "an expired auth.json is deleted and the gate stops": Scenario(
        {AGENT: NOVA, "auth.json": auth(expiresAt=1)},
        {},
        ("dexto-nova", "anthropic/claude-sonnet-4.5", None),
        None,
        (
            "not logged in: this agent's llm uses dexto-nova and auth.json was rejected",
            "auth.json has expired (and holds no refresh token): Dexto deletes it",
        ),
        configured=("dexto-nova", "anthropic/claude-sonnet-4.5"),
    ),
    "a broken preferences.yml is ignored without a word": Scenario(
        {AGENT: ANTHROPIC, "preferences.yml": "llm: [unclosed\n"},
        {"ANTHROPIC_API_KEY": "k"},
        ("anthropic", "claude-sonnet-4-5-20250929", None),
        ("ANTHROPIC_API_KEY", "environment"),
        ("preferences.yml is not valid YAML",),
    ),
    "preferences naming a provider the release lacks are ignored": Scenario(
        {AGENT: ANTHROPIC, "preferences.yml": preferences("dexto", "openai/gpt-5", completed=True)},
        {"ANTHROPIC_API_KEY": "k"},
        ("anthropic", "claude-sonnet-4-5-20250929", None),
        ("ANTHROPIC_API_KEY", "environment"),
        ("preferences.yml is invalid (llm.provider: 'dexto' is not a valid provider",),
    ),
    "an empty shell variable loses to the home .env": Scenario(
        {AGENT: ANTHROPIC, ".env": "ANTHROPIC_API_KEY=from-dotenv\n"},
        {"ANTHROPIC_API_KEY": ""},
        ("anthropic", "claude-sonnet-4-5-20250929", None),
        ("ANTHROPIC_API_KEY", "home .env"),
        ("ANTHROPIC_API_KEY is set but empty in the shell, so Dexto uses the value from home",),
    ),
    "a literal key in the file": Scenario(
        {AGENT: agent("anthropic", "claude-sonnet-4-5-20250929", "apiKey: sk-ant-literal")},
        {},
        ("anthropic", "claude-sonnet-4-5-20250929", None),
        (None, "file"),
    ),
    "a model-auth.yml default profile names the variable (1.8.2 on)": Scenario(
        {
            AGENT: agent("openai", "gpt-5-mini"),
            "model-auth.yml": (
                "version: 1\ndefaults:\n  openai: openai:api_key\nprofiles:\n"
                "  - id: openai:api_key\n    providerId: openai\n    methodId: api_key\n"
                "    label: API key\n    credential: {type: api_key_env, envVar: WORK_OPENAI}\n"
                "    createdAt: '2026-01-01'\n    updatedAt: '2026-01-01'\n"
            ),
        },
        {"OPENAI_API_KEY": "k", "WORK_OPENAI": "k2"},
        ("openai", "gpt-5-mini", None),
        ("WORK_OPENAI", "environment"),
        configured=("openai", "gpt-5-mini"),
    ),
    "a ChatGPT login profile carries its own credential": Scenario(
        {
            AGENT: agent("openai", "gpt-5-mini", "apiKey: $OPENAI_API_KEY"),
            "model-auth.yml": (
                "version: 1\ndefaults: {openai: 'openai:chatgpt_login'}\nprofiles:\n"
                "  - {id: 'openai:chatgpt_login', providerId: openai, methodId: chatgpt_login,"
                " label: ChatGPT, createdAt: a, updatedAt: b, credential: {type: oauth,"
                " issuer: i, refreshToken: r, accessToken: t, expiresAt: 1}}\n"
            ),
        },
        {"OPENAI_API_KEY": "k"},
        ("openai", "gpt-5-mini", None),
        (None, "model-auth.yml"),
        configured=("openai", "gpt-5-mini"),
    ),
    "the login bootstrap fills an agent's $DEXTO_API_KEY from auth.json": Scenario(
        {
            AGENT: agent("dexto-nova", "anthropic/claude-sonnet-4.5", "apiKey: $DEXTO_API_KEY"),
            "auth.json": auth(),
        },
        {},
        ("dexto-nova", "anthropic/claude-sonnet-4.5", None),
        ("DEXTO_API_KEY", "auth.json"),
        configured=("dexto-nova", "anthropic/claude-sonnet-4.5"),
    ),
    "an agent's $DEXTO_API_KEY is expanded before the resolver reads auth.json": Scenario(
        {
            AGENT: agent("dexto-nova", "anthropic/claude-sonnet-4.5", "apiKey: $DEXTO_API_KEY"),
            "auth.json": auth(),
        },
        {"DEXTO_API_KEY": "other"},
        ("dexto-nova", "anthropic/claude-sonnet-4.5", None),
        ("DEXTO_API_KEY", "environment"),
        configured=("dexto-nova", "anthropic/claude-sonnet-4.5"),
    ),
    "1.5.7: provider dexto, login off unless DEXTO_FEATURE_AUTH=true": Scenario(
        {AGENT: agent("dexto", "anthropic/claude-sonnet-4.5")},
        {"DEXTO_API_KEY": "k"},
        ("dexto", "anthropic/claude-sonnet-4.5", None),
        ("DEXTO_API_KEY", "environment"),
        version="1.5.7",
        configured=("dexto", "anthropic/claude-sonnet-4.5"),
    ),
    "the agent's baseURL stays on a provider that takes none": Scenario(
        {
            AGENT: agent(
                "openai-compatible", "my-model", "apiKey: $OPENAI_API_KEY", "baseURL: http://x/v1"
            ),
            "preferences.yml": preferences(
                "anthropic", "claude-haiku-4-5-20251001", completed=True
            ),
        },
        {"OPENAI_API_KEY": "k"},
        ("anthropic", "claude-haiku-4-5-20251001", "preferences"),
        ("OPENAI_API_KEY", "environment"),
        (
            "preferences.yml's llm replaces",
            "key sent to another provider: the agent's apiKey `$OPENAI_API_KEY` is sent to "
            "anthropic",
            "the agent's baseURL stays on anthropic, which takes none",
        ),
        configured=("openai-compatible", "my-model"),
    ),
}


def _home(root: Path, files: dict[str, str]) -> Path:
    home = root / "home"
    for rel, text in files.items():
        path = home / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "work").mkdir()
    return home


def run_scenario(root: Path, scenario: Scenario) -> dict[str, Any]:
    home = _home(root, scenario.files)
    machine = read_machine(
        home, scenario.environ, cwd=root / "work", version=scenario.version, now_ms=NOW_MS
    )
    llm = read_agent_llm(parse((home / AGENT).read_text(encoding="utf-8")).data)
    behaviour = StartupBehaviour.at(scenario.version)
    return decide(AGENT, llm, machine, release_registry(scenario.version), behaviour).to_json()


@pytest.mark.parametrize("scenario", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_scenario(tmp_path: Path, scenario: Scenario) -> None:
    record = run_scenario(tmp_path, scenario)
    effective = record["effective"]
    assert record["configured"] == dict(
        zip(("provider", "model"), scenario.configured, strict=True)
    )
    got = (
        None
        if effective is None
        else (effective["provider"], effective["model"], effective["changed_by"])
    )
    assert got == scenario.effective
    credential = record["credential"]
    got_credential = (
        None if credential is None else (credential["variable"], credential["found_in"])
    )
    assert got_credential == scenario.credential
    assert len(record["problems"]) == len(scenario.problems), record["problems"]
    for expected, problem in zip(scenario.problems, record["problems"], strict=True):
        assert expected in problem


def test_preferences_naming_the_gateway_gate_every_agent(tmp_path: Path) -> None:
    scenario = Scenario(
        {
            AGENT: ANTHROPIC,
            "preferences.yml": preferences(
                "dexto-nova", "anthropic/claude-sonnet-4.5", completed=True
            ),
        },
        {"ANTHROPIC_API_KEY": "k"},
        ("anthropic", "claude-sonnet-4-5-20250929", None),
        None,
        ("not logged in: preferences.yml's llm uses dexto-nova",),
    )
    test_scenario(tmp_path, scenario)
