"""Real processes for real risks: kill -9 at random moments, concurrent hooks, held locks."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from dexto_config.home.atomic import TEMP_SUFFIX
from dexto_config.home.backups import list_backups
from dexto_config.home.layout import JOURNAL_NAME, TOOL_DIR
from dexto_config.home.lock import HomeLock
from tests.home.homes import build_home, hook_command, hook_env, run_hook_process, snapshot

KILL_TRIALS = int(os.environ.get("DEXTO_CONFIG_KILL_TRIALS", "30"))
SEED = int(os.environ.get("DEXTO_CONFIG_KILL_SEED", "20250601"))


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_home(tmp_path_factory.mktemp("pristine"), legacy_agents=12, bad_agents=1)


@pytest.fixture(scope="module")
def single_run(pristine: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The files of the home after one uninterrupted hook run."""
    home = _copy(pristine, tmp_path_factory.mktemp("single"))
    assert run_hook_process(home).returncode == 1
    return snapshot(home)


def _copy(home: Path, parent: Path) -> Path:
    return Path(shutil.copytree(home, parent / "dexto-home", symlinks=True))


def _debris_free(files: dict[str, bytes]) -> dict[str, bytes]:
    return {rel: data for rel, data in files.items() if not rel.endswith(TEMP_SUFFIX)}


def test_kill_9_at_random_moments_is_all_or_nothing_per_file(
    pristine: Path,
    single_run: dict[str, bytes],
    tmp_path: Path,
    report_figure: Callable[[str], None],
) -> None:
    before = snapshot(pristine)
    assert before.keys() == single_run.keys() and before != single_run
    rng = random.Random(SEED)
    started = time.perf_counter()
    assert run_hook_process(_copy(pristine, tmp_path / "timing")).returncode == 1
    full_run = time.perf_counter() - started
    seen = {"untouched": 0, "interrupted": 0, "finished": 0}
    for trial in range(KILL_TRIALS):
        home = _copy(pristine, tmp_path / f"trial-{trial}")
        process = subprocess.Popen(hook_command(home), env=hook_env(), stdout=subprocess.DEVNULL)
        _wait_for_moment(home, trial, rng, full_run)
        process.send_signal(signal.SIGKILL)
        process.wait()
        killed = _debris_free(snapshot(home))
        for rel, data in killed.items():
            assert data in (before[rel], single_run[rel]), f"trial {trial}: {rel} is torn"
        seen[_phase(home, killed, before)] += 1
        assert run_hook_process(home).returncode in (0, 1)
        assert snapshot(home) == single_run, f"trial {trial}: rerun differs from a single run"
        assert not (home / TOOL_DIR / JOURNAL_NAME).exists()
        assert not list(home.rglob(f"*{TEMP_SUFFIX}"))
        assert len(list_backups(home)) <= 1
        shutil.rmtree(home.parent)
    report_figure(f"kill -9 trials: {KILL_TRIALS} (seed {SEED}; {seen})")


def _wait_for_moment(home: Path, trial: int, rng: random.Random, full_run: float) -> None:
    """Sleep until the moment of the kill.

    Even trials: any moment of the run. Odd ones: a moment after the journal
    appears, since writing is a small part of a run and the part that matters.
    """
    if trial % 2 == 0:
        time.sleep(rng.uniform(0.3, 1.05) * full_run)
        return
    journal = home / TOOL_DIR / JOURNAL_NAME
    deadline = time.perf_counter() + 3 * full_run
    while not journal.exists() and time.perf_counter() < deadline:
        time.sleep(0.0005)
    time.sleep(rng.uniform(0, 0.04))


def _phase(home: Path, killed: dict[str, bytes], before: dict[str, bytes]) -> str:
    if (home / TOOL_DIR / JOURNAL_NAME).exists():
        return "interrupted"
    return "untouched" if killed == before else "finished"


def test_concurrent_hooks_give_the_result_of_one_run(
    pristine: Path, single_run: dict[str, bytes], tmp_path: Path
) -> None:
    home = _copy(pristine, tmp_path)
    processes = [
        subprocess.Popen(
            hook_command(home, "--lock-wait", "60"), env=hook_env(), stdout=subprocess.PIPE
        )
        for _ in range(4)
    ]
    codes = sorted(process.wait() for process in processes)
    for process in processes:
        assert process.stdout is not None
        process.stdout.close()
    assert codes == [0, 0, 0, 1]
    assert snapshot(home) == single_run
    assert len(list_backups(home)) == 1


def test_held_lock_exits_75_without_touching_anything(pristine: Path, tmp_path: Path) -> None:
    home = _copy(pristine, tmp_path)
    before = snapshot(home)
    with HomeLock(str(os.path.realpath(home))):
        done = run_hook_process(home, "--lock-wait", "0.2")
    assert done.returncode == 75
    assert "holds the lock" in done.stderr
    assert snapshot(home) == before


def test_lock_of_a_killed_holder_is_recovered(pristine: Path, tmp_path: Path) -> None:
    home = _copy(pristine, tmp_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from dexto_config.home.lock import HomeLock\n"
            "with HomeLock(sys.argv[1]):\n    print('held', flush=True); time.sleep(60)",
            os.path.realpath(home),
        ],
        env=hook_env(),
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    holder.kill()
    holder.wait()
    holder.stdout.close()
    assert run_hook_process(home, "--lock-wait", "2").returncode == 1
