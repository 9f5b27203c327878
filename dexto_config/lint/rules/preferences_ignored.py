"""DX105: a preferences file that Dexto's start-up would ignore without a word."""

from __future__ import annotations

from collections.abc import Iterator

from dexto_config.kinds import FileKind
from dexto_config.lint import rulebook
from dexto_config.lint.document import LintDocument
from dexto_config.lint.findings import Violation
from dexto_config.lint.rule import RuleContext, rule
from dexto_config.yamlio.positions import FILE_START


@rule(rulebook.PREFERENCES_IGNORED_AT_STARTUP)
def preferences_ignored(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    if document.kind is not FileKind.PREFERENCES or not document.problems:
        return
    message = (
        "Dexto cannot load this preferences file (see its errors), so it ignores it "
        "without a word when it starts an agent: its llm and setup do not apply"
    )
    yield Violation(FILE_START, message)
