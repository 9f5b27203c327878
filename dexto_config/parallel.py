"""Work on many files spread over the machine's cores, results in input order.

`lint`, `validate` and `migrate` judge each file on its own, so a long run
maps one function over the files with worker processes (DESIGN §9: wall time
about CPU time / 2 on two cores). This process is one of the workers: it
takes the chunks the pool has not, so only one process is forked on two
cores, and only half the results cross a pipe. A short run stays in this
process: starting a worker costs more than it saves, and the pool's modules
are not even imported.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence

TYPE_CHECKING = False  # `lint one.yml` imports this module, and not `typing` (DESIGN §9)
if TYPE_CHECKING:
    from typing import TypeVar

    Item = TypeVar("Item")
    Result = TypeVar("Result")

POOL_THRESHOLD = 64
MAX_WORKERS = 2
MAX_CHUNK = 32  # items; small enough that neither process waits long for the other at the end
BACKLOG = 2  # chunks queued per forked worker, so it never waits for this process to feed it


def pooled(items: Sequence[Item]) -> bool:
    """Whether `ordered_map` spreads `items` over worker processes."""
    return len(items) >= POOL_THRESHOLD and _workers() >= 2


def ordered_map(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    warm_up: Callable[[], object] | None = None,
) -> Iterator[Result]:
    """`function` of each item, yielded in the items' order as soon as each is ready.

    With workers, `warm_up` and then the first item run in this process before
    the workers fork, so they inherit what both built (rules, catalogs, the
    models and steps a file needs) instead of building it each. `function` and
    the items must be picklable (a module-level function).
    """
    if not pooled(items):
        yield from map(function, items)
        return
    from concurrent.futures import ProcessPoolExecutor

    from dexto_config.pool import SharedRun

    if warm_up is not None:
        warm_up()
    yield function(items[0])
    rest = items[1:]
    workers = _workers()
    size = max(1, min(MAX_CHUNK, len(rest) // (workers * 8)))
    chunks = [rest[start : start + size] for start in range(0, len(rest), size)]
    # What exists now lives until the run ends: the collector skips it from here on,
    # so a forked worker does not copy every page of it by scanning it.
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers - 1) as pool:
            yield from SharedRun(function, chunks, pool, BACKLOG * (workers - 1)).results()
    finally:
        gc.unfreeze()


def apply_to_chunk(function: Callable[[Item], Result], chunk: Sequence[Item]) -> list[Result]:
    """`function` of each item of `chunk` (what a worker process runs)."""
    return [function(item) for item in chunk]


def _workers() -> int:
    return min(MAX_WORKERS, os.cpu_count() or 1)
