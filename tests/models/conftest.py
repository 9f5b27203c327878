"""Reports figures (such as corpus agreement) in pytest's terminal summary."""

from __future__ import annotations

from _pytest.terminal import TerminalReporter

FIGURES: list[str] = []


def pytest_terminal_summary(terminalreporter: TerminalReporter) -> None:
    if FIGURES:
        terminalreporter.section("dexto-config schema figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
