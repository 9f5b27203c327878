"""Shared fixtures: where the repository, its fixtures and ../shared are."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from _pytest.terminal import TerminalReporter
from hypothesis import settings

# CI runs the property tests with a fixed derivation of examples from each test's
# name (same examples, same count, every run): a failure there is reproducible,
# never a flake. Locally hypothesis keeps exploring new examples.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """`../shared` beside the checkout; tests that need it skip cleanly without it."""
    if not (SHARED / "corpus" / "manifest.json").is_file():
        pytest.skip("../shared is not present beside the checkout")
    return SHARED


FIGURE = "dexto-config figure"


@pytest.fixture
def report_figure(record_property: Callable[[str, object], None]) -> Callable[[str], None]:
    """Record a figure (corpus agreement, kill -9 trials, ...) for the end-of-run summary.

    Figures travel as user properties, so they survive pytest-xdist's workers.
    """

    def report(text: str) -> None:
        record_property(FIGURE, text)

    return report


def pytest_terminal_summary(terminalreporter: TerminalReporter) -> None:
    figures = [
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call"
        for name, value in getattr(report, "user_properties", ())
        if name == FIGURE
    ]
    if figures:
        terminalreporter.section("dexto-config figures")
        for figure in sorted(figures):
            terminalreporter.write_line(figure)


@pytest.fixture(autouse=True)
def _isolated_dexto_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads the machine's real ~/.dexto: DEXTO_HOME is an empty folder."""
    monkeypatch.setenv("DEXTO_HOME", str(tmp_path_factory.mktemp("dexto-home")))
