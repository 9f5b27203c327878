"""The pooled half of `parallel.ordered_map`: a run shared by this process and a pool.

A module of its own because its generic class needs `typing` at run time, and
`lint one.yml` (a short run, which never uses the pool) does not import
`typing` (DESIGN §9).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Generic, TypeVar

from dexto_config.parallel import apply_to_chunk

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

Item = TypeVar("Item")
Result = TypeVar("Result")


class SharedRun(Generic[Item, Result]):
    """Chunks handed to a pool as it frees up; this process takes the others, in order."""

    def __init__(
        self,
        function: Callable[[Item], Result],
        chunks: list[Sequence[Item]],
        pool: ProcessPoolExecutor,
        backlog: int,
    ) -> None:
        self._function = function
        self._chunks = chunks
        self._pool = pool
        self._backlog = backlog
        self._queued: dict[int, Future[list[Result]]] = {}
        self._ahead: dict[int, list[Result]] = {}
        self._claimed = 0  # chunks before this one are taken, by the pool or by this process

    def results(self) -> Iterator[Result]:
        """Every chunk's results in order; while the pool's next one is not ready, work ahead."""
        for index in range(len(self._chunks)):
            self._feed()
            queued = self._queued.get(index)
            while queued is not None and not queued.done() and self._claimed < len(self._chunks):
                ahead = self._claimed
                self._ahead[ahead] = self._run_next()
                self._feed()
            if index in self._ahead:
                yield from self._ahead.pop(index)
            elif queued is not None:
                yield from self._queued.pop(index).result()
            else:
                yield from self._run_next()

    def _run_next(self) -> list[Result]:
        chunk = self._chunks[self._claimed]
        self._claimed += 1
        return apply_to_chunk(self._function, chunk)

    def _feed(self) -> None:
        """Queue chunks for the pool until it has `backlog` not yet done."""
        while self._claimed < len(self._chunks) and self._busy() < self._backlog:
            chunk = self._chunks[self._claimed]
            self._queued[self._claimed] = self._pool.submit(apply_to_chunk, self._function, chunk)
            self._claimed += 1

    def _busy(self) -> int:
        return sum(not future.done() for future in self._queued.values())
