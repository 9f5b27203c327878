"""A fixture Dexto home builder and helpers to run the hook on it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

LEGACY_AGENT = """\
# A legacy agent: anthropic was routed via Dexto when logged in.
systemPrompt: |
  You are agent {n}.
llm:
  provider: anthropic
  model: claude-sonnet-4-5-20250929
  apiKey: $ANTHROPIC_API_KEY
"""
# An agent already in the newest release's form (migrated before, or written so).
EXPLICIT_AGENT = """\
# dexto-config: schemaVersion=1.10.4
systemPrompt: explicit agent {n}
llm:
  provider: dexto-nova
  model: anthropic/claude-sonnet-4.5
tools: []
"""
BUNDLED_V2 = """\
systemPrompt: the new bundled {n}
llm:
  provider: dexto
  model: openai/gpt-5-mini
"""
LEGACY_PREFERENCES = """\
llm:
  provider: anthropic
  model: claude-sonnet-4-5-20250929
  apiKey: $ANTHROPIC_API_KEY
defaults:
  defaultAgent: coding-agent
  defaultMode: cli
setup:
  completed: true
preferDextoCredits: true
"""
CUSTOM_MODELS = """\
{
  "version": 1,
  "models": [
    {
      "name": "anthropic/claude-sonnet-4.5",
      "provider": "openrouter",
      "maxInputTokens": 200000
    }
  ]
}
"""
SECRET = "sk-dexto-secret-0123456789"
HOOK_ENV = {"DEXTO_API_KEY": SECRET, "PYTHONPATH": str(REPO)}
# Longer than a file system's clock tick (but FAT's two seconds): wait it after changing agent
# folders for a stamp to list them all (`layout.agent_listings`).
CLOCK_TICK = 0.05


def build_home(
    root: Path,
    *,
    legacy_agents: int = 3,
    explicit_agents: int = 0,
    bad_agents: int = 0,
    bundled: tuple[str, ...] = (),
) -> Path:
    """A Dexto home under `root`: agents, preferences, custom models, registry, auth, .env.

    Each of `bundled` is installed as Dexto's previous release shipped it
    (`build_bundled_dir(root, ids, previous=True)`).
    """
    home = root / "dexto-home"
    (home / "agents").mkdir(parents=True)
    (home / "models").mkdir()
    for n in range(legacy_agents):
        _agent(home, f"legacy-{n}", LEGACY_AGENT.format(n=n))
    for n in range(explicit_agents):
        _agent(home, f"explicit-{n}", EXPLICIT_AGENT.format(n=n))
    for n in range(bad_agents):
        _agent(home, f"broken-{n}", "llm: [unclosed\n")
    for agent_id in bundled:
        _agent(home, agent_id, LEGACY_AGENT.format(n=agent_id))
    ids = [f"legacy-{n}" for n in range(legacy_agents)] + list(bundled)
    entries = [registry_entry(agent_id) for agent_id in ids]
    (home / "agents" / "registry.json").write_text(json.dumps({"agents": entries}, indent=2) + "\n")
    (home / "preferences.yml").write_text(LEGACY_PREFERENCES)
    (home / "models" / "custom-models.json").write_text(CUSTOM_MODELS)
    (home / ".env").write_text(f"DEXTO_API_KEY={SECRET}\n")
    (home / "auth.json").write_text(json.dumps({"dextoApiKey": SECRET}))
    (home / "auth.json").chmod(0o600)
    return home


def registry_entry(agent_id: str) -> dict[str, object]:
    """An entry of `agents/registry.json` as Dexto writes it when it installs an agent."""
    return {
        "id": agent_id,
        "name": agent_id,
        "description": f"the {agent_id} agent",
        "configPath": f"./{agent_id}/{agent_id}.yml",
        "author": "Truffle AI",
        "tags": ["test"],
    }


def build_bundled_dir(root: Path, ids: tuple[str, ...], *, previous: bool = False) -> Path:
    """A `--bundled-dir` with the new release's version of each bundled agent, or with
    `previous` a `--previous-bundled-dir` with the version `build_home` installs."""
    folder = root / ("bundled-previous" if previous else "bundled")
    template = LEGACY_AGENT if previous else BUNDLED_V2
    for agent_id in ids:
        (folder / agent_id).mkdir(parents=True)
        (folder / agent_id / f"{agent_id}.yml").write_text(template.format(n=agent_id))
    return folder


def snapshot(home: Path) -> dict[str, bytes]:
    """Every file of the home that is not this tool's own, by relative path."""
    found = {}
    for path in sorted(home.rglob("*")):
        rel = path.relative_to(home).as_posix()
        if path.is_file() and not rel.startswith((".dexto-config/", "backups/")):
            found[rel] = path.read_bytes()
    return found


def hook_command(home: Path, *args: str) -> list[str]:
    """The command line of a hook run over `home`, as the console script would run it."""
    return [sys.executable, "-m", "dexto_config", "hook", "--dexto-home", str(home), *args]


def run_hook_process(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the hook in a new process and wait for it."""
    return subprocess.run(
        hook_command(home, *args), env=hook_env(), capture_output=True, text=True, check=False
    )


def hook_env() -> dict[str, str]:
    """The environment hook processes run with: logged in to Dexto, the repo importable."""
    return {**os.environ, **HOOK_ENV}


def _agent(home: Path, agent_id: str, text: str) -> bytes:
    folder = home / "agents" / agent_id
    folder.mkdir()
    (folder / f"{agent_id}.yml").write_text(text)
    return text.encode()
