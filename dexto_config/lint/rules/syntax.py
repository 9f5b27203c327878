"""DX0xx, part 1: files that cannot be read as a configuration at all."""

from __future__ import annotations

from collections.abc import Iterator

from dexto_config.lint import rulebook
from dexto_config.lint.document import LintDocument
from dexto_config.lint.findings import Violation
from dexto_config.lint.rule import RuleContext, rule


def problems_with(document: LintDocument, *codes: str) -> Iterator[Violation]:
    """The validator's problems of the given codes, as violations at their positions."""
    for problem in document.problems:
        if problem.code in codes:
            yield Violation(problem.position, problem.message)


@rule(rulebook.YAML_SYNTAX)
def yaml_syntax(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    return problems_with(document, "yaml-syntax")


@rule(rulebook.DUPLICATE_KEY)
def duplicate_key(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    return problems_with(document, "duplicate-key")


@rule(rulebook.NOT_A_CONFIG)
def not_a_config(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    return problems_with(document, "empty-file", "not-a-mapping")
