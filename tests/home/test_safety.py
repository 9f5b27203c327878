"""Backups and state survive folder walks; rollback trusts its manifest only as far as it checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from dexto_config.cli import run
from dexto_config.home.backups import list_backups
from dexto_config.home.hook import HookOptions, run_hook
from tests.home.homes import HOOK_ENV, build_home


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
