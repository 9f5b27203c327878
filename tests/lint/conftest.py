"""Helpers for linting text written in a test, without touching the disk."""

from __future__ import annotations

import textwrap
from pathlib import Path

from dexto_config.kinds import FileKind
from dexto_config.lint.config import LintConfig
from dexto_config.lint.engine import LintedFile, lint_bytes
from dexto_config.lint.findings import Finding

LATEST_MARKER = "# dexto-config: schemaVersion=1.10.4\n"
NAMES = {
    FileKind.AGENT: "agent.yml",
    FileKind.PREFERENCES: "preferences.yml",
    FileKind.CUSTOM_MODELS: "custom-models.json",
}


def lint_text(
    text: str,
    kind: FileKind = FileKind.AGENT,
    config: LintConfig | None = None,
    dexto_version: str | None = None,
) -> tuple[Finding, ...]:
    """Lint dedented `text` as a file of `kind` named as Dexto names it, judged at
    `dexto_version` (as `--dexto-version` would) when given."""
    raw = textwrap.dedent(text).encode("utf-8")
    config = config or LintConfig()
    if dexto_version is not None:
        config = config._replace(dexto_version=dexto_version)
    return lint_bytes(raw, Path(NAMES[kind]), kind, config)


def report_of(text: str, kind: FileKind = FileKind.AGENT) -> LintedFile:
    """A one-file report of `text`, for the reporters."""
    return LintedFile(Path(NAMES[kind]), kind, lint_text(text, kind))


def codes(findings: tuple[Finding, ...]) -> list[str]:
    """The codes of `findings`, in order."""
    return [f.code for f in findings]
