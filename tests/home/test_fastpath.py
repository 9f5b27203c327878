"""The no-op path: stat calls only, nothing heavy imported, any change falls through."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from dexto_config.home.fastpath import fast_hook
from dexto_config.home.hook import HookOptions, run_hook
from dexto_config.home.layout import JOURNAL_NAME, STATE_NAME, TOOL_DIR
from tests.home.homes import HOOK_ENV, build_bundled_dir, build_home, hook_env

# `dexto_config.yamlio.positions` brings dataclasses (~15 ms): the decoder must not pull it in.
HEAVY = (
    "pydantic",
    "ruamel",
    "click",
    "yaml",
    "dexto_config.catalog",
    "dexto_config.migrate",
    "dexto_config.yamlio.positions",
)
PROBE = """
import sys
from dexto_config.entry import main
code = main(sys.argv[1:])
heavy = sorted(m for m in sys.modules if m.startswith({heavy!r}))
print(code, heavy)
"""


@pytest.fixture
def settled_home(tmp_path: Path) -> Path:
    home = build_home(tmp_path, legacy_agents=3, bad_agents=1)
    run_hook(HookOptions(home=home, environ=HOOK_ENV))
    return home


def _probe(*args: str) -> str:
    script = PROBE.format(heavy=HEAVY)
    done = subprocess.run(
        [sys.executable, "-c", script, *args], env=hook_env(), capture_output=True, text=True
    )
    return done.stdout


def test_noop_imports_nothing_heavy(settled_home: Path) -> None:
    assert _probe("hook", "--dexto-home", str(settled_home)) == "0 []\n"


def test_probe_would_see_heavy_imports_on_the_full_path(settled_home: Path) -> None:
    (settled_home / "agents" / "extra.yml").write_text("systemPrompt: x\n")
    assert "pydantic" in _probe("hook", "--dexto-home", str(settled_home))


def test_noop_json_lists_earlier_skips(
    settled_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert fast_hook(["--dexto-home", str(settled_home), "--json"], {}) == 0
    files = {f["path"]: f for f in json.loads(capsys.readouterr().out)["files"]}
    broken = files["agents/broken-0/broken-0.yml"]
    assert (broken["status"], broken["reported_before"]) == ("skipped", True)


def _edit(home: Path) -> None:
    path = home / "agents/legacy-0/legacy-0.yml"
    path.write_bytes(path.read_bytes() + b"\n")


def _add(home: Path) -> None:
    (home / "agents" / "new.yml").write_text("systemPrompt: x\n")


def _remove(home: Path) -> None:
    (home / "agents/legacy-1/legacy-1.yml").unlink()


def _replace_same_size(home: Path) -> None:
    path = home / "agents/legacy-0/legacy-0.yml"
    data = path.read_bytes()
    path.unlink()
    path.write_bytes(data)
    os.utime(path, ns=(0, 0))


def _journal(home: Path) -> None:
    (home / TOOL_DIR / JOURNAL_NAME).write_text("{}")


def _other_tool_version(home: Path) -> None:
    state = home / TOOL_DIR / STATE_NAME
    state.write_text(state.read_text().replace('"tool_version": "', '"tool_version": "0.0.0-'))


@pytest.mark.parametrize(
    "change",
    [_edit, _add, _remove, _replace_same_size, _journal, _other_tool_version],
    ids=["edited", "added", "removed", "replaced", "journal", "tool-version"],
)
def test_any_change_takes_the_full_path(settled_home: Path, change: Callable[[Path], None]) -> None:
    assert fast_hook(["--dexto-home", str(settled_home)], {}) == 0
    change(settled_home)
    assert fast_hook(["--dexto-home", str(settled_home)], {}) is None


@pytest.mark.parametrize(
    "args", [["--to", "1.5.4"], ["--help"], ["--from-version", "nope"], ["--bogus"]]
)
def test_other_requests_take_the_full_path(settled_home: Path, args: list[str]) -> None:
    assert fast_hook(["--dexto-home", str(settled_home), *args], {}) is None


def test_new_bundled_agents_take_the_full_path(tmp_path: Path) -> None:
    home = build_home(tmp_path, legacy_agents=0, bundled=("coding",))
    bundled = build_bundled_dir(tmp_path, ("coding",))
    run_hook(HookOptions(home=home, environ=HOOK_ENV, bundled_dir=bundled))
    args = ["--dexto-home", str(home), "--bundled-dir", str(bundled)]
    assert fast_hook(args, {}) == 0
    (bundled / "coding" / "coding.yml").write_text("systemPrompt: v3\n")
    assert fast_hook(args, {}) is None


def test_the_previous_bundled_folder_alone_changes_nothing(tmp_path: Path) -> None:
    home = build_home(tmp_path, legacy_agents=0, bundled=("coding",))
    previous = build_bundled_dir(tmp_path, ("coding",), previous=True)
    run_hook(HookOptions(home=home, environ=HOOK_ENV, previous_bundled_dir=previous))
    assert fast_hook(["--dexto-home", str(home), "--previous-bundled-dir", str(previous)], {}) == 0
