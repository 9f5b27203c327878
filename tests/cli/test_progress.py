"""The progress bar appears only on a terminal, and only for long runs."""

from __future__ import annotations

import io

import pytest

from dexto_config.cli.progress import MIN_ITEMS_FOR_PROGRESS, tracked


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("count", "terminal", "drawn"),
    [
        pytest.param(MIN_ITEMS_FOR_PROGRESS, True, True, id="long-run-on-tty"),
        pytest.param(MIN_ITEMS_FOR_PROGRESS, False, False, id="long-run-piped"),
        pytest.param(MIN_ITEMS_FOR_PROGRESS - 1, True, False, id="short-run-on-tty"),
    ],
)
def test_progress_bar(
    monkeypatch: pytest.MonkeyPatch, count: int, terminal: bool, drawn: bool
) -> None:
    stderr = _Terminal() if terminal else io.StringIO()
    monkeypatch.setattr("sys.stderr", stderr)
    items = list(range(count))
    assert list(tracked(items, len(items), "Checking")) == items
    assert ("Checking" in stderr.getvalue()) is drawn
