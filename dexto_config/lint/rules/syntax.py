"""DX0xx, part 1: files that cannot be read as a configuration at all."""

from __future__ import annotations

from collections.abc import Iterator

from dexto_config.lint.document import LintDocument
from dexto_config.lint.findings import Severity, Violation
from dexto_config.lint.rule import RuleContext, rule


def problems_with(document: LintDocument, *codes: str) -> Iterator[Violation]:
    """The validator's problems of the given codes, as violations at their positions."""
    for problem in document.problems:
        if problem.code in codes:
            yield Violation(problem.position, problem.message)


@rule(
    code="DX001",
    name="yaml-syntax",
    severity=Severity.ERROR,
    summary="The file is not well-formed YAML (or JSON).",
    explanation="""
        Dexto cannot load a file that does not parse, and neither can this tool
        migrate it. The finding points at the place where the parser gave up; the
        mistake is often just before it (an unclosed quote or bracket, a tab used
        for indentation, a missing space after a colon).
    """,
    bad="""
        llm:
          provider: anthropic
          model: "claude-sonnet-4-5-20250929
    """,
    good="""
        llm:
          provider: anthropic
          model: "claude-sonnet-4-5-20250929"
    """,
)
def yaml_syntax(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    return problems_with(document, "yaml-syntax")


@rule(
    code="DX002",
    name="duplicate-key",
    severity=Severity.ERROR,
    summary="A mapping names the same key twice.",
    explanation="""
        Dexto's YAML parser rejects duplicate keys, so the whole file fails to load.
        Other tools silently keep the last value, which hides the mistake. The
        finding points at the second occurrence; keep one of the two.
    """,
    bad="""
        llm:
          provider: openai
          model: gpt-5-mini
          model: gpt-5
    """,
    good="""
        llm:
          provider: openai
          model: gpt-5
    """,
)
def duplicate_key(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    return problems_with(document, "duplicate-key")


@rule(
    code="DX005",
    name="not-a-config",
    severity=Severity.ERROR,
    summary="The file is empty or not a mapping.",
    explanation="""
        A Dexto configuration file must hold one mapping of keys. An empty file (or
        one with only comments), a list or a single value is reported at the start
        of the file. (Bytes that are not UTF-8 are no reason: Dexto reads each as
        U+FFFD, and so does this tool.)
    """,
    bad="""
        - provider: openai
          model: gpt-5-mini
    """,
    good="""
        llm:
          provider: openai
          model: gpt-5-mini
    """,
)
def not_a_config(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    return problems_with(document, "empty-file", "not-a-mapping")
