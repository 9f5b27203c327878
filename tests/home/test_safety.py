"""Backups and state survive folder walks; rollback trusts its manifest only as far as it checks."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from dexto_config.cli import run
from dexto_config.home.backups import list_backups
from dexto_config.home.digest import sha256_hex
from dexto_config.home.hook import HookOptions, run_hook
from tests.home.homes import HOOK_ENV, build_home, snapshot


def _hooked_home(tmp_path: Path, legacy_agents: int = 2) -> Path:
    home = build_home(tmp_path, legacy_agents=legacy_agents)
    run_hook(HookOptions(home=home, environ=HOOK_ENV))
    return home


def _tool_files(home: Path) -> dict[str, bytes]:
    return {
        path.relative_to(home).as_posix(): path.read_bytes()
        for folder in (home / "backups", home / ".dexto-config")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize(
    "command",
    [
        ["migrate", "--route-via", "direct"],
        ["lint", "--fix", "--route-via", "direct"],
        ["validate"],
    ],
)
def test_folder_walk_in_a_home_leaves_backups_and_state_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    home = _hooked_home(tmp_path)
    saved = _tool_files(home)
    run([*command, str(home)])
    err = capsys.readouterr().err
    assert _tool_files(home) == saved
    assert err.count("note: not searched:") == 1
    assert f"{home / 'backups'}" in err and f"{home / '.dexto-config'}" in err
    assert run(["rollback", "--dexto-home", str(home)]) == 0


def test_walk_started_inside_backups_searches_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = _hooked_home(tmp_path)
    saved = _tool_files(home)
    [backup] = list_backups(home)
    run(["migrate", "--route-via", "direct", str(home / "backups" / backup.backup_id)])
    assert _tool_files(home) == saved
    assert "note: not searched:" in capsys.readouterr().err


def test_a_projects_own_backups_folder_is_searched(tmp_path: Path) -> None:
    agent = tmp_path / "backups" / "agent.yml"
    agent.parent.mkdir()
    agent.write_text("llm: {provider: openai, model: gpt-5-mini}\n")
    assert run(["validate", str(tmp_path)]) == 1


def _manifest(home: Path) -> tuple[Path, dict[str, Any]]:
    [backup] = list_backups(home)
    path = home / "backups" / backup.backup_id / "manifest.json"
    return path, json.loads(path.read_text())


def _rollback(home: Path, *args: str) -> int:
    return run(["rollback", *args, "--dexto-home", str(home)])


def _tamper_path(home: Path, data: dict[str, Any], rel: str) -> None:
    """Point the manifest's first entry at `rel`, with a backed-up copy whose hash matches."""
    entry = data["files"][0]
    folder = home / "backups" / list_backups(home)[0].backup_id
    if "\0" not in rel:
        copy = folder / rel
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(b"{}")
        entry["sha256"] = sha256_hex(b"{}")
    entry["path"] = rel


@pytest.mark.parametrize(
    ("rel", "message"),
    [
        ("auth.json", "not a file the hook manages"),
        (".env", "not a file the hook manages"),
        ("agents/../auth.json", "must stay inside the home"),
        ("agents/a\0b.yml", "NUL character"),
    ],
)
def test_rollback_restores_only_managed_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rel: str, message: str
) -> None:
    home = _hooked_home(tmp_path)
    manifest, data = _manifest(home)
    _tamper_path(home, data, rel)
    manifest.write_text(json.dumps(data))
    before = snapshot(home)
    assert _rollback(home) == 2
    err = capsys.readouterr().err
    assert message in err and "corrupt manifest" in err and "Traceback" not in err
    assert snapshot(home) == before


def test_corrupt_newest_manifest_refuses_and_is_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = build_home(tmp_path, legacy_agents=1)
    agent = home / "agents/legacy-0/legacy-0.yml"
    legacy = agent.read_text()
    for _ in range(2):
        agent.write_text(legacy)
        run_hook(HookOptions(home=home, environ=HOOK_ENV, from_version="1.5.4"))
    older, newest = sorted(p.name for p in (home / "backups").iterdir())
    (home / "backups" / newest / "manifest.json").write_text('{"files": [')
    edited = snapshot(home)
    capsys.readouterr()
    assert _rollback(home) == 2
    assert f"backup {newest}: corrupt manifest" in capsys.readouterr().err
    assert snapshot(home) == edited
    assert run(["backups", "list", "--dexto-home", str(home)]) == 0
    listing = capsys.readouterr().out
    assert f"{newest}  CORRUPT" in listing and older in listing
    run_hook(HookOptions(home=home, environ=HOOK_ENV))
    assert (home / "backups" / newest).is_dir()


def test_restored_modes_are_permission_bits_within_the_umask(tmp_path: Path) -> None:
    home = _hooked_home(tmp_path, legacy_agents=1)
    manifest, data = _manifest(home)
    for entry in data["files"]:
        entry["mode"] = 0o6777
    manifest.write_text(json.dumps(data))
    old_umask = os.umask(0o022)
    try:
        assert _rollback(home) == 0
    finally:
        os.umask(old_umask)
    for entry in data["files"]:
        assert (home / entry["path"]).stat().st_mode & 0o7777 == 0o755


def test_rollback_refuses_over_a_file_edited_since_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = _hooked_home(tmp_path, legacy_agents=1)
    _, data = _manifest(home)
    assert all(len(entry["after_sha256"]) == 64 for entry in data["files"])
    agent = home / "agents/legacy-0/legacy-0.yml"
    agent.write_text(agent.read_text() + "# my later edit\n")
    edited = snapshot(home)
    assert _rollback(home) == 2
    err = capsys.readouterr().err
    assert "agents/legacy-0/legacy-0.yml changed since that run" in err and "--force" in err
    assert snapshot(home) == edited
    assert _rollback(home, "--force") == 0
    assert "# my later edit" not in agent.read_text()


def test_rollback_of_a_missing_backup_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = _hooked_home(tmp_path, legacy_agents=1)
    assert _rollback(home, "nope") == 2
    err = capsys.readouterr().err
    assert "backup nope: no such backup" in err and "Errno" not in err


def test_a_dangling_lock_symlink_never_creates_a_file_outside_the_home(tmp_path: Path) -> None:
    home = build_home(tmp_path, legacy_agents=1)
    (home / ".dexto-config").mkdir()
    outside = tmp_path / "outside.lock"
    (home / ".dexto-config" / "hook.lock").symlink_to(outside)
    run_hook(HookOptions(home=home, environ=HOOK_ENV))
    assert not outside.exists()
    assert not (home / ".dexto-config" / "hook.lock").is_symlink()


def test_two_managed_paths_to_one_file_leave_no_temporary_file(tmp_path: Path) -> None:
    home = build_home(tmp_path, legacy_agents=1)
    (home / "agents" / "alias.yml").symlink_to(home / "agents/legacy-0/legacy-0.yml")
    run_hook(HookOptions(home=home, environ=HOOK_ENV))
    assert not list(home.rglob("*.dexto-config.tmp"))
