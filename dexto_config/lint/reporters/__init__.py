"""Report formats: each turns the run's file reports into the text written to stdout."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from dexto_config.lint.engine import LintedFile
from dexto_config.lint.reporters import github, json_format, sarif, text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from dexto_config.reporting import Reporters


def formats(*, colour: bool = False) -> Reporters[Sequence[LintedFile]]:
    """The reporters by `--format` name; `colour` asks the text format for ANSI colour
    (the only format that has any)."""
    return {
        "text": partial(text.render, colour=colour),
        "json": json_format.render,
        "sarif": sarif.render,
        "github": github.render,
    }
