"""DX5xx: what Dexto refuses when it starts an agent whose file its validator accepts."""

from __future__ import annotations

from collections.abc import Iterator

from dexto_config.kinds import FileKind
from dexto_config.lint import rulebook
from dexto_config.lint.document import LintDocument
from dexto_config.lint.findings import Violation
from dexto_config.lint.rule import RuleContext, rule


@rule(rulebook.IMAGE_FACTORY_REFUSAL)
def image_factory_refusal(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    if document.kind is not FileKind.AGENT or document.version is None or document.problems:
        return
    from dexto_config.models import start_up_issues  # pydantic: only when a file is linted

    for issue in start_up_issues(document.version, document.data, source_path=document.path):
        message = f"Dexto {document.version} refuses this at start-up: {issue.message}"
        yield Violation(document.value_at(issue.path), message)
