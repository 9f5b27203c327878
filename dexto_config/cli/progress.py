"""A progress bar for long runs, shown only to a person at a terminal (DESIGN §5)."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from typing import TypeVar

import click

T = TypeVar("T")
MIN_ITEMS_FOR_PROGRESS = 20


def tracked(items: Sequence[T], label: str) -> Iterator[T]:
    """Yield `items`, drawing a bar on stderr when it is a TTY and the run is long."""
    if len(items) < MIN_ITEMS_FOR_PROGRESS or not sys.stderr.isatty():
        yield from items
        return
    with click.progressbar(items, label=label, file=sys.stderr) as bar:
        yield from bar
