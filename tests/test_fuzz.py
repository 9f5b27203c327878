"""Fuzzing every command with hostile homes: no traceback, known exit codes, nothing lost or leaked.

Deterministic (derandomized, bounded example count) so CI runs it in seconds.
Each example builds a Dexto home from fragments (valid and legacy lines, a
planted canary secret in every kind of place, control characters and workflow
commands, deep nesting, long integers, bad UTF-8) and runs lint in every
format, validate, migrate (dry run, diff, JSON, write) and the hook on it.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dexto_config.cli import run

CANARY = "sk-ant-api03-CANARYq8vK2mLw9XcT4pR7nB1yH6d"
PLAIN_CANARY = "canary-plain-secret-7731"
EXIT_CODES = {0, 1, 2, 75}
AGENT_LINES = [
    "systemPrompt: hi",
    "llm:",
    "  provider: anthropic",
    "  provider: openai",
    "  provider: dexto",
    "  model: claude-sonnet-4-5-20250929",
    "  model: gpt-5",
    f"  model: {CANARY}",
    '  model: "gpt-5\\n::error file=x::forged\\e]0;t\\a"',
    "  apiKey: $ANTHROPIC_API_KEY",
    f"  apiKey: {CANARY}",
    f"  apiKey: {PLAIN_CANARY}",
    f"  baseURL: https://llm.example.com/v1?api_key={PLAIN_CANARY}",
    f"{CANARY}: 1",
    "mcpServers:",
    "  w:",
    "    type: http",
    f"    url: https://mcp.example.com/x?token={PLAIN_CANARY}",
    "    headers:",
    f"      Authorization: Bearer {PLAIN_CANARY}",
    "    env:",
    f"      GITHUB_TOKEN: {PLAIN_CANARY}",
    f'    args: ["--api-key", "{PLAIN_CANARY}"]',
    "preferDextoCredits: true",
    "\tprovider: openai",
    '  model: "unclosed',
    "deep: " + "[" * 150 + "]" * 150,
    "big: " + "9" * 5000,
    "# dexto-config: schemaVersion=1.5.6",
    "# dexto-config: schemaVersion=9.0.0",
    "# dexto-config: schemaVersion=1." + "5" * 5000,
    "maxIterations: 3",
    "",
]
JSON_DOCUMENTS = [
    '{"version": 1, "models": []}',
    '{"version": 1, "models": [{"name": "anthropic/claude-sonnet-4.5", "provider": "openrouter"}]}',
    '{"version": 1, "models": [{"name": "m", "provider": "openai-compatible", "baseURL": '
    f'"https://x.example/v1?key={PLAIN_CANARY}", "apiKey": "{CANARY}"}}]}}',
    "[" * 100_000 + "]" * 100_000,
    '{"version": ' + "1" * 5000 + "}",
    '{"version": 1,',
]

yaml_files = st.lists(st.sampled_from(AGENT_LINES), max_size=12).map(
    lambda lines: ("\n".join(lines) + "\n").encode()
)
raw_files = st.one_of(yaml_files, yaml_files.map(lambda b: b + b"\xff\xfe bad utf-8\n"))
homes = st.fixed_dictionaries(
    {
        "agents": st.lists(raw_files, min_size=1, max_size=3),
        "preferences": raw_files,
        "custom_models": st.sampled_from(JSON_DOCUMENTS),
        "auth": st.sampled_from(['{"dextoApiKey": "' + CANARY + '"}', "[" * 5000, "{}"]),
    }
)
COMMANDS = [
    ["lint", "--format", "text"],
    ["lint", "--format", "json"],
    ["lint", "--format", "sarif"],
    ["lint", "--format", "github"],
    ["validate"],
    ["migrate", "--dry-run", "--diff", "--route-via", "dexto"],
    ["migrate", "--dry-run", "--json", "--route-via", "direct"],
]


def _write_home(root: Path, spec: dict[str, object]) -> Path:
    home = root / "home"
    (home / "agents").mkdir(parents=True)
    (home / "models").mkdir()
    agents = spec["agents"]
    assert isinstance(agents, list)
    for n, data in enumerate(agents):
        (home / "agents" / f"agent-{n}.yml").write_bytes(data)
    preferences = spec["preferences"]
    assert isinstance(preferences, bytes)
    (home / "preferences.yml").write_bytes(preferences)
    (home / "models" / "custom-models.json").write_text(str(spec["custom_models"]))
    (home / "auth.json").write_text(str(spec["auth"]))
    return home


def _run(args: list[str]) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one in-process run, every output checked for leaks."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(args)
    _assert_clean(args, code, out.getvalue() + err.getvalue())
    return code, out.getvalue(), err.getvalue()


def _assert_clean(args: list[str], code: int, output: str) -> None:
    assert code in EXIT_CODES, (args, code)
    assert "Traceback" not in output and "internal error" not in output, args
    assert CANARY not in output and PLAIN_CANARY not in output, args
    for line in output.splitlines():
        assert not line.startswith("::") or "github" in args, (args, line)
    assert "\x1b" not in output or "--format" in args, args


def _user_files(home: Path) -> dict[str, bytes]:
    return {
        p.relative_to(home).as_posix(): p.read_bytes()
        for p in sorted(home.rglob("*"))
        if p.is_file() and not p.relative_to(home).as_posix().startswith(("backups/", "."))
    }


def _tool_files(home: Path) -> dict[str, bytes]:
    """What the tool writes of its own: state, journal and backup manifests (not the copies)."""
    found = {p.name: p.read_bytes() for p in (home / ".dexto-config").glob("*.json")}
    found.update({str(p): p.read_bytes() for p in (home / "backups").rglob("manifest.json")})
    return found


@settings(
    derandomize=True,
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(spec=homes)
def test_commands_survive_hostile_homes(spec: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        home = _write_home(Path(folder), spec)
        before = _user_files(home)
        for args in COMMANDS:
            full = [*args, str(home / "agents"), str(home / "preferences.yml")]
            _run(full)
        assert _user_files(home) == before, "a dry run changed a file"
        _code, output, _err = _run(["migrate", "--json", "--route-via", "direct", str(home)])
        report = json.loads(output)
        for record in report["files"]:
            rel = Path(record["path"]).relative_to(home).as_posix()
            if record["status"] in ("refused", "error"):
                assert (home / rel).read_bytes() == before[rel], rel
            else:
                assert before[rel].count(CANARY.encode()) >= (home / rel).read_bytes().count(
                    CANARY.encode()
                ), rel
        for rel, data in before.items():
            (home / rel).write_bytes(data)
        code, output, _err = _run(["hook", "--dexto-home", str(home), "--json"])
        document = json.loads(output)
        assert document["exit_code"] == code
        for record in document["files"]:
            if record["status"] in ("skipped", "failed"):
                assert (home / record["path"]).read_bytes() == before[record["path"]]
        for name, data in _tool_files(home).items():
            assert CANARY.encode() not in data and PLAIN_CANARY.encode() not in data, name
