"""DX105: a preferences file that Dexto's start-up would ignore without a word."""

from __future__ import annotations

from collections.abc import Iterator

from dexto_config.kinds import FileKind
from dexto_config.lint.document import LintDocument
from dexto_config.lint.findings import Severity, Violation
from dexto_config.lint.rule import RuleContext, rule
from dexto_config.yamlio.positions import FILE_START


@rule(
    code="DX105",
    name="preferences-ignored-at-startup",
    severity=Severity.WARNING,
    summary="A `preferences.yml` that fails to load: Dexto ignores it without a word.",
    explanation="""
        When Dexto starts an agent, a `preferences.yml` that does not parse or
        does not match its schema is skipped silently: its `llm`, `setup` and
        defaults do not apply, and nothing tells you so (`dexto setup` and the
        default agent insist on a valid file). The other findings say what is
        wrong; this one says what it costs.
    """,
    bad="""
        llm:
          provider: openai
          model: gpt-5-mini
          apiKey: sk-proj-abc123
        defaults: {defaultAgent: coding-agent}
    """,
    good="""
        llm:
          provider: openai
          model: gpt-5-mini
          apiKey: $OPENAI_API_KEY
        defaults: {defaultAgent: coding-agent}
    """,
)
def preferences_ignored(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    if document.kind is not FileKind.PREFERENCES or not document.problems:
        return
    message = (
        "Dexto cannot load this preferences file (see its errors), so it ignores it "
        "without a word when it starts an agent: its llm and setup do not apply"
    )
    yield Violation(FILE_START, message)
