"""validate and migrate print the same thing whether their files go through the pool or not."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dexto_config import parallel
from dexto_config.cli import run
from tests.conftest import REPO

AGENTS = sorted((REPO / "fixtures" / "agents").glob("*.yml"))
COPIES = 3  # of each fixture agent: enough files for the pool

pytestmark = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the pool needs two cores")


def _tree(root: Path) -> Path:
    for copy in range(COPIES):
        folder = root / f"copy-{copy}"
        folder.mkdir(parents=True)
        for agent in AGENTS:
            shutil.copyfile(agent, folder / agent.name)
    return root


def _twice(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: list[str]
) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """`args` run with the pool, then without it."""
    assert len(AGENTS) * COPIES >= parallel.POOL_THRESHOLD
    runs = []
    for threshold in (parallel.POOL_THRESHOLD, 10**9):
        monkeypatch.setattr(parallel, "POOL_THRESHOLD", threshold)
        code = run(args)
        out, err = capsys.readouterr()
        runs.append((code, out, err))
    return runs[0], runs[1]


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_validate_pooled_equals_serial(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    output_format: str,
) -> None:
    tree = _tree(tmp_path)
    pooled, serial = _twice(
        monkeypatch, capsys, ["validate", "--kind", "agent", "--format", output_format, str(tree)]
    )

    assert pooled == serial
    assert pooled[0] == 1  # some fixtures are invalid on purpose


def test_migrate_pooled_equals_serial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = _tree(tmp_path)
    args = ["migrate", "--dry-run", "--diff", "--route-via", "dexto", "--kind", "agent", str(tree)]
    pooled, serial = _twice(monkeypatch, capsys, args)

    assert pooled == serial
    assert "->" in pooled[1]
