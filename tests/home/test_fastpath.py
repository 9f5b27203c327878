"""The no-op path: stat calls only, nothing heavy imported, any change falls through."""

from __future__ import annotations

import ast
import json
import marshal
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from dexto_config.home import stamp as stamp_module
from dexto_config.home.fastpath import fast_hook
from dexto_config.home.hook import HookOptions, run_hook
from dexto_config.home.layout import JOURNAL_NAME, STAMP_NAME, STATE_NAME, TOOL_DIR
from dexto_config.home.records import load_state, store_state
from dexto_config.home.stamp import read_stamp
from dexto_config.home.state import FAILED, HookState
from tests.home.homes import CLOCK_TICK, HOOK_ENV, build_bundled_dir, build_home, hook_env

# What the full path loads.
HEAVY = (
    "pydantic",
    "ruamel",
    "click",
    "yaml",
    "dexto_config.catalog",
    "dexto_config.migrate",
    "dexto_config.yamlio.positions",
)
# Each alone costs the no-op a good part of its budget (DESIGN §9): `json` brings `re` and
# `enum`, `typing` brings `contextlib`, `collections` and `functools`.
COSTLY = (
    "json",
    "re",
    "enum",
    "typing",
    "collections",
    "collections.abc",
    "contextlib",
    "functools",
    "dataclasses",
    "pathlib",
)
# Besides the package's own modules, all the no-op path may add to a bare interpreter.
CHEAP = ("__future__", "binascii")
PROBE = """
import sys
from dexto_config.entry import main
code = main(sys.argv[1:])
print(code, sorted(sys.modules))
"""


@pytest.fixture(scope="module")
def bare_modules() -> set[str]:
    """What `python -c pass` of the same interpreter, in the same environment, has loaded."""
    script = "import sys; print(sorted(sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", script], env=hook_env(), capture_output=True, text=True, check=True
    )
    return set(ast.literal_eval(done.stdout))


@pytest.fixture
def settled_home(tmp_path: Path) -> Path:
    """A home after one full run, stamped again a clock tick later so the stamp lists every
    agent folder (a folder changed in the stamp's own tick is listed on every run)."""
    home = build_home(tmp_path, legacy_agents=3, bad_agents=1)
    run_hook(HookOptions(home=home, environ=HOOK_ENV))
    time.sleep(CLOCK_TICK)
    _restamped(home, _unchanged)
    return home


def _probe(bare: set[str], *args: str) -> tuple[int, list[str]]:
    """Exit code of `dexto-config ARGS` in a new process, and what it loaded beyond `bare`."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=hook_env(), capture_output=True, text=True
    )
    code, _, modules = done.stdout.splitlines()[-1].partition(" ")
    return int(code), sorted(set(ast.literal_eval(modules)) - bare)


def _named(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return [m for m in modules if m in names or m.startswith(tuple(f"{n}." for n in names))]


@pytest.mark.parametrize("extra", [[], ["--from-version", "1.5.4", "-v"]], ids=["bare", "options"])
def test_noop_imports_only_the_package_and_cheap_builtins(
    settled_home: Path, bare_modules: set[str], extra: list[str]
) -> None:
    code, loaded = _probe(bare_modules, "hook", "--dexto-home", str(settled_home), *extra)
    assert code == 0
    assert [m for m in loaded if not m.startswith("dexto_config")] == sorted(
        set(CHEAP) - bare_modules
    )
    assert _named(loaded, HEAVY) == []


def test_noop_json_imports_json_but_nothing_heavy(
    settled_home: Path, bare_modules: set[str]
) -> None:
    code, loaded = _probe(bare_modules, "hook", "--dexto-home", str(settled_home), "--json")
    assert code == 0
    assert _named(loaded, HEAVY) == []


def test_probe_would_see_heavy_and_costly_imports_on_the_full_path(
    settled_home: Path, bare_modules: set[str]
) -> None:
    (settled_home / "agents" / "extra.yml").write_text("systemPrompt: x\n")
    code, loaded = _probe(bare_modules, "hook", "--dexto-home", str(settled_home))
    assert code == 0
    # The full path validates with the lite validator (no pydantic) but parses with yaml.
    assert "yaml" in _named(loaded, HEAVY)
    assert set(COSTLY) - set(bare_modules) <= set(loaded)


def test_a_real_hook_settles_then_takes_the_no_op_path(
    tmp_path: Path, bare_modules: set[str]
) -> None:
    home = build_home(tmp_path, legacy_agents=3, bad_agents=1)
    args = ("hook", "--dexto-home", str(home))
    first_code, first = _probe(bare_modules, *args)
    assert (first_code, "yaml" in first) == (1, True)  # migrated, and reported a bad agent
    assert (home / TOOL_DIR / STAMP_NAME).is_file()
    code, loaded = _probe(bare_modules, *args)
    assert (code, _named(loaded, HEAVY + COSTLY)) == (0, [])


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


def _add_in_folder(home: Path) -> None:
    (home / "agents/legacy-0/extra.yml").write_text("systemPrompt: x\n")


def _rename_in_folder(home: Path) -> None:
    path = home / "agents/legacy-0/legacy-0.yml"
    path.rename(path.with_suffix(".yaml"))


def _remove(home: Path) -> None:
    (home / "agents/legacy-1/legacy-1.yml").unlink()


def _replace_same_size(home: Path) -> None:
    path = home / "agents/legacy-0/legacy-0.yml"
    data = path.read_bytes()
    path.unlink()
    path.write_bytes(data)
    os.utime(path, ns=(0, 0))


def _state_edited(home: Path) -> None:
    state = home / TOOL_DIR / STATE_NAME
    state.write_text(state.read_text().replace('"tool_version": "', '"tool_version": "0.0.0-'))


def _state_rewritten_alike(home: Path) -> None:
    """Another writer (an older release, a crash before the stamp) replaced the state file."""
    state = home / TOOL_DIR / STATE_NAME
    data = state.read_bytes()
    state.unlink()
    state.write_bytes(data)


def _restamped(home: Path, change: Callable[[HookState], None]) -> None:
    state = load_state(str(home / TOOL_DIR / STATE_NAME))
    assert state is not None
    change(state)
    store_state(home, state)


def _unchanged(state: HookState) -> None:
    """Leave the state as it is."""


def _other_tool_version(home: Path) -> None:
    _restamped(home, lambda state: setattr(state, "tool_version", "0.0.0"))


def _other_home_version(home: Path) -> None:
    _restamped(home, lambda state: setattr(state, "home_version", "1.5.4"))


def _other_target(home: Path) -> None:
    _restamped(home, lambda state: setattr(state, "target", "1.5.4"))


def _failed_write(home: Path) -> None:
    _restamped(home, lambda state: setattr(state.files["preferences.yml"], "status", FAILED))


def _stamp_path(home: Path) -> Path:
    return home / TOOL_DIR / STAMP_NAME


def _stamp_missing(home: Path) -> None:
    _stamp_path(home).unlink()


def _stamp_flipped(home: Path) -> None:
    path = _stamp_path(home)
    data = bytearray(path.read_bytes())
    data[-5] ^= 0x01  # inside a file's signature
    path.write_bytes(bytes(data))


def _stamp_truncated(home: Path) -> None:
    path = _stamp_path(home)
    path.write_bytes(path.read_bytes()[:-10])


def _stamp_of_another_format(home: Path) -> None:
    path = _stamp_path(home)
    path.write_bytes(path.read_bytes().replace(b"stamp 1:", b"stamp 2:", 1))


def _stamp_not_a_stamp(home: Path) -> None:
    payload = marshal.dumps({"files": {}})
    _stamp_path(home).write_bytes(stamp_module._header(payload) + b"\n" + payload)


def _stamp_from_before(home: Path) -> None:
    """A stamp outlived by its state: copied back over the one of a later run."""
    saved = _stamp_path(home).read_bytes()
    _restamped(home, _unchanged)
    _stamp_path(home).write_bytes(saved)


CHANGES: dict[str, Callable[[Path], None]] = {
    "edited": _edit,
    "added": _add,
    "added-in-folder": _add_in_folder,
    "renamed-in-folder": _rename_in_folder,
    "removed": _remove,
    "replaced": _replace_same_size,
    "state-edited": _state_edited,
    "state-rewritten-alike": _state_rewritten_alike,
    "tool-version": _other_tool_version,
    "home-version": _other_home_version,
    "target": _other_target,
    "failed-write": _failed_write,
    "stamp-missing": _stamp_missing,
    "stamp-flipped": _stamp_flipped,
    "stamp-truncated": _stamp_truncated,
    "stamp-other-format": _stamp_of_another_format,
    "stamp-not-a-stamp": _stamp_not_a_stamp,
    "stamp-from-before": _stamp_from_before,
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_any_change_takes_the_full_path_once(
    settled_home: Path, change: Callable[[Path], None]
) -> None:
    args = ["--dexto-home", str(settled_home)]
    assert fast_hook(args, {}) == 0
    change(settled_home)
    assert fast_hook(args, {}) is None
    run_hook(HookOptions(home=settled_home, environ=HOOK_ENV))
    assert fast_hook(args, {}) == 0


def test_an_interrupted_run_takes_the_full_path(settled_home: Path) -> None:
    (settled_home / TOOL_DIR / JOURNAL_NAME).write_text("{}")
    assert fast_hook(["--dexto-home", str(settled_home)], {}) is None


def test_the_stamp_spares_listing_every_agent_folder(settled_home: Path) -> None:
    stamp = read_stamp(os.path.realpath(settled_home))
    assert stamp is not None
    assert sorted(stamp.listings) == [
        "agents/broken-0",
        "agents/legacy-0",
        "agents/legacy-1",
        "agents/legacy-2",
    ]


def test_unmanaged_names_in_an_agent_folder_change_nothing(settled_home: Path) -> None:
    (settled_home / "agents/legacy-0/.hidden.yml").write_text("systemPrompt: x\n")
    (settled_home / "agents/legacy-0/notes.txt").write_text("x\n")
    assert fast_hook(["--dexto-home", str(settled_home)], {}) == 0


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
