"""`dexto-config migrate` end to end: modes, exit codes, output, and snapshots of every fixture."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from dexto_config.cli import run
from dexto_config.discovery import discover
from tests.conftest import FIXTURES

LEGACY_AGENT = FIXTURES / "agents" / "legacy-anthropic-routeable.yml"
# Files without a marker are of the release the caller states (their shape alone is ambiguous).
LEGACY = ("--from", "1.5.4")
LEGACY_PREFERENCES = FIXTURES / "preferences" / "legacy-prefer-dexto-credits" / "preferences.yml"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty Dexto home and an environment without any key."""
    dexto_home = tmp_path / "home"
    dexto_home.mkdir()
    monkeypatch.setenv("DEXTO_HOME", str(dexto_home))
    for variable in list(os.environ):
        if variable.endswith(("_API_KEY", "_KEY")):
            monkeypatch.delenv(variable)
    return dexto_home


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    shutil.copy(LEGACY_AGENT, folder / "agent.yml")
    (folder / "prefs").mkdir()
    shutil.copy(LEGACY_PREFERENCES, folder / "prefs" / "preferences.yml")
    return folder


def test_dry_run_writes_nothing_and_reports_each_decision(
    home: Path, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (workdir / "agent.yml").read_bytes()
    code = run(["migrate", *LEGACY, "--dry-run", "--route-via", "dexto", str(workdir)])
    out = capsys.readouterr().out
    assert code == 0
    assert (workdir / "agent.yml").read_bytes() == before
    assert (
        f"{workdir / 'agent.yml'}: llm anthropic claude-sonnet-4-5-20250929 -> dexto-nova "
        "anthropic/claude-sonnet-4.5 (forced by --route-via dexto; anthropic was routeable)"
    ) in out
    assert out.rstrip().endswith("would migrate 2, up to date 0, refused 0")


def test_write_mode_rewrites_in_place_keeping_the_mode(
    home: Path, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agent = workdir / "agent.yml"
    agent.chmod(0o640)
    assert run(["migrate", *LEGACY, "--route-via", "dexto", str(agent)]) == 0
    assert stat.S_IMODE(agent.stat().st_mode) == 0o640
    assert agent.read_text().startswith("# dexto-config: schemaVersion=1.10.4\n")
    capsys.readouterr()
    assert run(["migrate", *LEGACY, "--route-via", "dexto", str(agent)]) == 0
    assert "up to date (1.10.4)" in capsys.readouterr().out


def test_check_exits_1_when_a_file_would_change(home: Path, workdir: Path) -> None:
    before = (workdir / "agent.yml").read_bytes()
    assert run(["migrate", *LEGACY, "--check", str(workdir / "agent.yml")]) == 1
    assert (workdir / "agent.yml").read_bytes() == before
    assert run(["migrate", *LEGACY, str(workdir / "agent.yml")]) == 0
    assert run(["migrate", *LEGACY, "--check", str(workdir / "agent.yml")]) == 0


def test_diff_shows_a_unified_patch(
    home: Path, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(["migrate", *LEGACY, "--dry-run", "--diff", "--route-via", "dexto", str(workdir)]) == 0
    )
    out = capsys.readouterr().out
    assert "+# dexto-config: schemaVersion=1.10.4\n" in out
    assert "-  provider: anthropic\n" in out
    assert "+  provider: dexto-nova\n" in out
    assert "+tools: []\n" in out
    assert "-preferDextoCredits: true\n" in out


def test_diff_of_a_1_5_6_agent_shows_every_release_in_one_run(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agent = FIXTURES / "agents" / "explicit-1.5.6-gateway-tools-plugins.yml"
    before = agent.read_bytes()
    assert run(["migrate", "--dry-run", "--diff", str(agent)]) == 0
    out = capsys.readouterr().out
    assert agent.read_bytes() == before
    for line in ("+  provider: dexto-nova", "+permissions:", "+tools:", "+hooks:"):
        assert f"\n{line}\n" in out, line
    assert "would migrate 1.5.6 -> 1.10.4" in out


def test_json_output_lists_changes_and_decisions(
    home: Path, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(["migrate", *LEGACY, "--dry-run", "--json", "--route-via", "dexto", str(workdir)]) == 0
    )
    report = json.loads(capsys.readouterr().out)
    assert report["routing"]["route_via"] == "dexto"
    agent, preferences = report["files"]
    assert preferences["kind"] == "preferences", "preferences.yml is migrated last"
    assert agent["status"] == "migrated"
    assert (agent["source_version"], agent["version_evidence"]) == (
        "1.5.4",
        "stated by the caller (--from)",
    )
    assert agent["decisions"][0]["to"] == {
        "provider": "dexto-nova",
        "model": "anthropic/claude-sonnet-4.5",
    }
    assert [c["path"] for c in agent["changes"]] == [
        "llm.apiKey",  # 1.5.6
        "llm.provider",
        "llm.model",
        "llm.provider",  # 1.5.8
        "tools",  # 1.6.0
    ]
    removed = [c["path"] for c in preferences["changes"] if c["removed"]]
    assert removed == ["llm.apiKey", "preferDextoCredits"]


def test_refused_file_exits_1_and_others_still_migrate(
    home: Path, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = workdir / "broken.yml"
    bad.write_text("systemPrompt: hi\nllm: [\n")
    code = run(["migrate", *LEGACY, "--route-via", "dexto", str(workdir)])
    out = capsys.readouterr().out
    assert code == 1
    assert f"{bad}:2:6: refused: invalid YAML: the '[' opened here is never closed" in out
    assert bad.read_text() == "systemPrompt: hi\nllm: [\n"
    assert (workdir / "agent.yml").read_text().startswith("# dexto-config:")


def test_literal_secret_is_refused_and_never_printed(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = "sk-ant-api03-do-not-print-me"
    agent = tmp_path / "agent.yml"
    agent.write_text(
        f"systemPrompt: hi\nllm:\n  provider: anthropic\n  model: claude-haiku-4-5\n"
        f"  apiKey: {secret}\n"
    )
    for extra in ([], ["--json"], ["--diff", "--dry-run"]):
        code = run(["migrate", *LEGACY, "--route-via", "dexto", *extra, str(agent)])
        captured = capsys.readouterr()
        assert code == 1
        assert secret not in captured.out + captured.err


def test_auto_routing_reads_the_home(
    home: Path, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (home / "auth.json").write_text(json.dumps({"dextoApiKey": "dxt_secret_value"}))
    assert run(["migrate", *LEGACY, "--dry-run", str(workdir / "agent.yml")]) == 0
    out = capsys.readouterr().out
    assert "(logged in to Dexto; anthropic was routeable)" in out
    assert "dxt_secret_value" not in out


def test_auto_routing_honours_prefer_dexto_credits_false_with_own_key(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (home / ".env").write_text("DEXTO_API_KEY=dxt_1\nexport ANTHROPIC_API_KEY='sk-ant-x'\n")
    (home / "preferences.yml").write_text("preferDextoCredits: false\n")
    agent = tmp_path / "agent.yml"
    shutil.copy(LEGACY_AGENT, agent)
    assert run(["migrate", *LEGACY, "--dry-run", str(agent)]) == 0
    out = capsys.readouterr().out
    assert "unchanged (preferDextoCredits was false and ANTHROPIC_API_KEY is set)" in out


def test_verify_passes_for_auto_and_is_skipped_when_forced(home: Path, workdir: Path) -> None:
    assert run(["migrate", *LEGACY, "--dry-run", "--verify", str(workdir)]) == 0
    # Logged in: the gateway the legacy runtime called is dexto-nova from 1.5.8 on.
    (home / "auth.json").write_text(json.dumps({"dextoApiKey": "dxt_secret_value"}))
    assert run(["migrate", *LEGACY, "--dry-run", "--verify", str(workdir)]) == 0
    assert (
        run(["migrate", *LEGACY, "--dry-run", "--verify", "--route-via", "dexto", str(workdir)])
        == 0
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [
        pytest.param(["migrate", "does-not-exist.yml"], 2, id="missing-path"),
        pytest.param(["migrate", "--to", "9.0.0", "x.yml"], 2, id="future-target"),
        pytest.param(["migrate", "--route-via", "sideways", "x.yml"], 2, id="bad-choice"),
    ],
)
def test_usage_errors_exit_2(home: Path, args: list[str], code: int) -> None:
    assert run(args) == code


@pytest.mark.parametrize("output", [[], ["--json"]], ids=["text", "json"])
def test_unreadable_file_exits_2_and_is_named_on_stderr(
    home: Path, tmp_path: Path, output: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    dangling = tmp_path / "agent.yml"
    dangling.symlink_to(tmp_path / "gone.yml")
    assert run(["migrate", *LEGACY, *output, str(dangling)]) == 2
    reason = "No such file or directory"
    assert capsys.readouterr().err == f"{dangling}:1:1: cannot read the file: {reason}\n"


FIXTURE_TARGETS = discover(
    [FIXTURES / "agents", FIXTURES / "preferences", FIXTURES / "custom-models"]
)


@pytest.mark.parametrize(
    "target",
    FIXTURE_TARGETS,
    ids=[str(t.path.relative_to(FIXTURES)) for t in FIXTURE_TARGETS],
)
@pytest.mark.parametrize("route_via", ["dexto", "direct"])
def test_fixture_snapshots(
    home: Path,
    target: object,
    route_via: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    snapshot: SnapshotAssertion,
) -> None:
    path = target.path  # type: ignore[attr-defined]
    copy = tmp_path / path.relative_to(FIXTURES)
    copy.parent.mkdir(parents=True)
    shutil.copy(path, copy)
    code = run(["migrate", *LEGACY, "--route-via", route_via, str(copy)])
    report = capsys.readouterr().out.replace(str(tmp_path), "<tmp>")
    assert {"exit": code, "report": report, "text": copy.read_text()} == snapshot


def test_the_agent_registry_is_left_to_the_hook(
    home: Path, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "registry.json").write_text('{"agents": []}')
    assert run(["migrate", *LEGACY, "--dry-run", str(workdir)]) == 0
    assert "registry.json" not in capsys.readouterr().out


def test_verbose_says_where_each_release_comes_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    current = tmp_path / "current.yml"
    current.write_text(
        "systemPrompt: hi\nllm: {provider: openai, model: gpt-5-mini}\npermissions: {}\n"
    )
    marked = tmp_path / "marked.yml"
    shutil.copy(FIXTURES / "agents" / "explicit-1.5.6-gateway-tools-plugins.yml", marked)
    assert run(["migrate", "--dry-run", "-v", str(current), str(marked)]) == 0
    out = capsys.readouterr().out
    assert f"{current}: written for 1.10.4: the shape (`permissions`)" in out
    assert f"{marked}: written for 1.5.6: the version marker" in out
