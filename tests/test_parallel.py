"""ordered_map: every item once, in order, shared between this process and a worker."""

from __future__ import annotations

import os

import pytest

from dexto_config import parallel

needs_two_cores = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the pool needs two cores")


def _square_and_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


@pytest.mark.parametrize(
    "count", [0, 1, parallel.POOL_THRESHOLD - 1, parallel.POOL_THRESHOLD, 1000]
)
def test_results_come_in_the_items_order(count: int) -> None:
    results = list(parallel.ordered_map(_square_and_pid, range(count)))

    assert [square for square, _pid in results] == [n * n for n in range(count)]


@needs_two_cores
def test_this_process_and_a_worker_share_a_long_run() -> None:
    warmed: list[bool] = []

    results = list(
        parallel.ordered_map(_square_and_pid, range(500), warm_up=lambda: warmed.append(True))
    )

    pids = {pid for _square, pid in results}
    assert warmed == [True]
    assert os.getpid() in pids
    assert len(pids) == 2


def test_a_short_run_stays_in_this_process() -> None:
    results = list(parallel.ordered_map(_square_and_pid, range(parallel.POOL_THRESHOLD - 1)))

    assert {pid for _square, pid in results} == {os.getpid()}
