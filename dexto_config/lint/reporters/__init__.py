"""Report formats: each turns the run's file reports into the text written to stdout."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from dexto_config.lint.engine import LintedFile
from dexto_config.lint.reporters import github, json_format, sarif, text

Reporter = Callable[[Sequence[LintedFile]], str]

FORMATS: dict[str, Reporter] = {
    "text": text.render_plain,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
}
