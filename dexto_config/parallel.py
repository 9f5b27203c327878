"""Work on many files spread over the machine's cores, results in input order.

`lint`, `validate` and `migrate` judge each file on its own, so a long run
maps one function over the files in a process pool (DESIGN §9: wall time about
CPU time / 2 on two cores). A short run stays in this process: starting
workers costs more than it saves, and the pool's modules are not even imported.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

POOL_THRESHOLD = 64
MAX_WORKERS = 2


def pooled(items: Sequence[Item]) -> bool:
    """Whether `ordered_map` spreads `items` over a process pool."""
    return len(items) >= POOL_THRESHOLD and _workers() >= 2


def ordered_map(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    warm_up: Callable[[], object] | None = None,
) -> Iterator[Result]:
    """`function` of each item, yielded in the items' order as soon as each is ready.

    With a pool, `warm_up` and then the first item run in this process before
    the workers start, so they inherit what both built (rules, catalogs, the
    models and steps a file needs) instead of building it each. `function` and
    the items must be picklable (a module-level function).
    """
    if not pooled(items):
        yield from map(function, items)
        return
    from concurrent.futures import ProcessPoolExecutor

    if warm_up is not None:
        warm_up()
    yield function(items[0])
    rest = items[1:]
    workers = _workers()
    chunk = max(1, min(64, len(rest) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(function, rest, chunksize=chunk)


def _workers() -> int:
    return min(MAX_WORKERS, os.cpu_count() or 1)
