"""Report formats: each turns the run's file reports into the text written to stdout."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from dexto_config.lint.engine import LintedFile
from dexto_config.lint.reporters import github, json_format, sarif, text


class Reporter(Protocol):
    """Renders a run's files; `colour` asks for ANSI colour (only the text format has any)."""

    def __call__(self, reports: Sequence[LintedFile], *, colour: bool = False) -> str: ...


FORMATS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
}
