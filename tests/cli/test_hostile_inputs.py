"""Hostile inputs, broken outputs: positioned findings, exit 2 without a traceback, a document."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dexto_config.cli import run
from dexto_config.home import hook as hook_module
from dexto_config.home.lock import HomeLock
from tests.home.homes import build_home, hook_env

LONG_INT = "1" * 5000
DEEP_JSON = "[" * 100_000 + "]" * 100_000
HUGE_INT_AGENT = (
    f"systemPrompt: x\nllm: {{provider: openai, model: gpt-5, maxIterations: {LONG_INT}}}\n"
)
HOSTILE_FILES = [
    ("agent.yml", HUGE_INT_AGENT, "2:54: a number longer than 4300 digits"),
    # libyaml 0.2.6 (PyYAML 6.0.4) stops deep flow nesting itself, further along the line.
    ("deep.yml", "a: " + DEEP_JSON, "1: nesting deeper than 100 levels"),
    ("blocks.yml", "a:\n  " + "- " * 100_000 + "x\n", "2:201: nesting deeper than 100 levels"),
    ("custom-models.json", DEEP_JSON, "1:101: nested more than 100 levels deep"),
    (
        "custom-models.json",
        '{"version": 1, "models": [' + LONG_INT + "]}",
        "1:27: a number longer than 4300 digits",
    ),
    (
        "marker.yml",
        f"# dexto-config: schemaVersion=1.{LONG_INT}\nsystemPrompt: x\n",
        "1:1: is not a schema version",
    ),
]


@pytest.mark.parametrize("command", [["lint"], ["validate"], ["migrate", "--dry-run"]])
@pytest.mark.parametrize(
    ("name", "text", "expected"),
    HOSTILE_FILES,
    ids=[
        "long-int-yaml",
        "deep-flow-yaml",
        "deep-block-yaml",
        "deep-json",
        "long-int-json",
        "long-marker",
    ],
)
def test_limits_are_positioned_findings(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    name: str,
    text: str,
    expected: str,
) -> None:
    path = tmp_path / name
    path.write_text(text)
    assert run([*command, str(path)]) == 1
    out = capsys.readouterr().out
    line_col, message = expected.split(": ", 1)
    assert f"{path}:{line_col}:" in out and message in out


def test_one_bad_file_never_stops_the_hook(tmp_path: Path) -> None:
    home = build_home(tmp_path, legacy_agents=2)
    (home / "agents" / "huge.yml").write_text(HUGE_INT_AGENT)
    (home / "models" / "custom-models.json").write_text(DEEP_JSON)
    (home / "agents" / "registry.json").write_text(DEEP_JSON)
    (home / "auth.json").write_text('{"dextoApiKey": ' + LONG_INT + "}")
    done = _hook_process(home, "--json")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    document = json.loads(done.stdout)
    statuses = {f["path"]: (f["status"], f["line"]) for f in document["files"]}
    assert statuses["agents/legacy-0/legacy-0.yml"][0] == "migrated"
    assert statuses["agents/huge.yml"] == ("skipped", 2)
    assert statuses["models/custom-models.json"] == ("skipped", 1)
    assert statuses["agents/registry.json"] == ("skipped", 1)
    assert (document["exit_code"], document["error"]) == (1, None)


@pytest.mark.parametrize(
    "args", [["lint"], ["lint", "--format", "sarif"], ["migrate", "--dry-run"], ["validate"]]
)
def test_unwritable_stdout_is_exit_2(tmp_path: Path, args: list[str]) -> None:
    agent = tmp_path / "agent.yml"
    agent.write_text("systemPrompt: " + "x" * 100_000 + "\nllm: {provider: openai, model: nope}\n")
    done = _run_to_full_disk([*args, str(agent)])
    assert done.returncode == 2
    assert done.stderr.endswith("cannot write the output: No space left on device\n")


def test_hook_json_to_a_full_disk_is_exit_2(tmp_path: Path) -> None:
    home = build_home(tmp_path, legacy_agents=1)
    done = _run_to_full_disk(["hook", "--dexto-home", str(home), "--json"])
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_symlink_loop_is_unreadable_in_every_format(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yml"
    loop.symlink_to(tmp_path / "other.yml")
    (tmp_path / "other.yml").symlink_to(loop)
    for output_format in ("text", "json", "sarif", "github"):
        done = _cli(["lint", "--format", output_format, str(loop)])
        assert (done.returncode, "Traceback" in done.stderr) == (2, False), output_format
        assert done.stdout


def test_hook_json_answers_when_the_lock_is_busy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = build_home(tmp_path, legacy_agents=1)
    with HomeLock(str(home.resolve()), 0):
        code = run(["hook", "--dexto-home", str(home), "--json", "--lock-wait", "0"])
    document = json.loads(capsys.readouterr().out)
    assert code == document["exit_code"] == 75
    assert "lock" in document["error"] and document["files"] == []


def test_hook_json_answers_after_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*_args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(hook_module, "_run_locked", crash)
    home = build_home(tmp_path, legacy_agents=1)
    code = run(["hook", "--dexto-home", str(home), "--json"])
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert code == document["exit_code"] == 2
    assert "internal error (RuntimeError: boom)" in document["error"]
    assert "Traceback" not in captured.err


def test_a_full_disk_in_the_home_names_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from dexto_config.home import state

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "/home/u/.dexto/x")

    monkeypatch.setattr(state, "atomic_write_bytes", full, raising=False)
    home = build_home(tmp_path, legacy_agents=1)
    monkeypatch.setattr(hook_module, "store_state", lambda *_a: full())
    code = run(["hook", "--dexto-home", str(home), "--json"])
    document = json.loads(capsys.readouterr().out)
    assert code == document["exit_code"] == 2
    assert document["error"] == "/home/u/.dexto/x: No space left on device"


def _cli(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dexto_config", *args],
        env=hook_env(),
        capture_output=True,
        text=True,
        check=False,
    )


def _hook_process(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return _cli(["hook", "--dexto-home", str(home), *args])


def _run_to_full_disk(args: list[str]) -> subprocess.CompletedProcess[str]:
    with open("/dev/full", "w") as full:
        return subprocess.run(
            [sys.executable, "-m", "dexto_config", *args],
            env=hook_env(),
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )


def test_a_damaged_catalog_cache_falls_back_to_the_snapshot(tmp_path: Path) -> None:
    (tmp_path / "models.dev-api.json").write_text(DEEP_JSON)
    (tmp_path / "openrouter-models.json").write_text('{"data": ' + LONG_INT + "}")
    done = subprocess.run(
        [sys.executable, "-m", "dexto_config", "models", "map", "anthropic", "claude-sonnet-4-5"],
        env={**hook_env(), "DEXTO_CONFIG_CACHE_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("anthropic/claude-sonnet-4.5")


def test_a_huge_file_is_a_finding_read_only_up_to_the_limit(tmp_path: Path) -> None:
    from dexto_config.jsonio import MAX_INPUT_BYTES
    from dexto_config.validation import read_file

    agent = tmp_path / "agent.yml"
    with agent.open("wb") as handle:
        handle.truncate(MAX_INPUT_BYTES + 4096)
    assert len(read_file(agent)) == MAX_INPUT_BYTES + 1
    done = _cli(["validate", str(agent)])
    assert done.returncode == 1 and f"{agent}:1:1: larger than 32 MiB" in done.stdout


@pytest.mark.parametrize("grown_by", [1, 4096, 2**25])
def test_a_file_that_grows_after_its_stat_is_read_whole_up_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, grown_by: int
) -> None:
    import os

    from dexto_config import validation
    from dexto_config.jsonio import MAX_INPUT_BYTES

    agent = tmp_path / "agent.yml"
    agent.write_bytes(b"a: 1\n" + b"#" * grown_by)
    real_stat = os.stat
    stale = real_stat(agent)

    def stat_before_growing(path: Path) -> os.stat_result:
        status = real_stat(path)
        return os.stat_result((*status[:6], stale.st_size - grown_by, *status[7:]))

    monkeypatch.setattr(validation.os, "stat", stat_before_growing)

    assert len(validation.read_file(agent)) == min(stale.st_size, MAX_INPUT_BYTES + 1)


def test_a_bug_on_one_file_never_stops_the_hook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dexto_config.migrate.engine import migrate_bytes

    def migrate_or_crash(raw: bytes, *args: object, **kwargs: object) -> object:
        if b"crash-me" in raw:
            raise RuntimeError("a bug")
        return migrate_bytes(raw, *args, **kwargs)  # type: ignore[arg-type]

    home = build_home(tmp_path, legacy_agents=2)
    (home / "agents" / "odd.yml").write_text("systemPrompt: crash-me\n")
    report = hook_module.run_hook(
        hook_module.HookOptions(home=home, environ={}), migrate=migrate_or_crash
    )
    statuses = {o.rel: o.status for o in report.outcomes}
    assert statuses["agents/odd.yml"] == "failed"
    assert statuses["agents/legacy-1/legacy-1.yml"] == "migrated"


def test_an_internal_error_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dexto_config.cli import lint_run

    def crash(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom sk-ant-api03-Zq8vK2mLw9XcT4pR7nB1")

    monkeypatch.setattr(lint_run, "find_targets", crash)
    assert run(["lint", "."]) == 2
    err = capsys.readouterr().err
    assert err.startswith("dexto-config: internal error (RuntimeError: boom sk-an")
    assert "Zq8vK2mLw9XcT4pR7nB1" not in err


def test_a_damaged_journal_or_state_is_a_document_not_a_traceback(tmp_path: Path) -> None:
    home = build_home(tmp_path, legacy_agents=1)
    (home / ".dexto-config").mkdir()
    (home / ".dexto-config" / "state.json").write_text(DEEP_JSON)
    done = _hook_process(home, "--json")
    assert done.returncode == 0 and json.loads(done.stdout)["error"] is None
    (home / ".dexto-config" / "journal.json").write_text(DEEP_JSON)
    done = _hook_process(home, "--json")
    document = json.loads(done.stdout)
    assert done.returncode == document["exit_code"] == 2
    assert (
        "cannot read the journal" in document["error"] and "delete the journal" in document["error"]
    )


def test_a_deeply_nested_lint_config_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / ".dexto-config.toml"
    config.write_text("select = " + "[" * 50_000 + "]" * 50_000 + "\n")
    agent = tmp_path / "agent.yml"
    agent.write_text("systemPrompt: hi\n")
    assert run(["lint", str(agent)]) == 2
    assert "cannot read the configuration: nested too deeply" in capsys.readouterr().err
