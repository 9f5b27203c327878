"""A progress bar for long runs, shown only to a person at a terminal (DESIGN §5)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

import click

T = TypeVar("T")
MIN_ITEMS_FOR_PROGRESS = 20


def tracked(items: Iterable[T], count: int, label: str) -> Iterator[T]:
    """Yield `items` (`count` of them), drawing a bar on stderr when it is a TTY and the run
    is long; the bar moves as each item is yielded, so results of a pool move it too."""
    if count < MIN_ITEMS_FOR_PROGRESS or not sys.stderr.isatty():
        yield from items
        return
    with click.progressbar(items, length=count, label=label, file=sys.stderr) as bar:
        yield from bar
