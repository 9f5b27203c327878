"""DX5xx: what Dexto refuses when it starts an agent whose file its validator accepts."""

from __future__ import annotations

from collections.abc import Iterator

from dexto_config.kinds import FileKind
from dexto_config.lint.document import LintDocument
from dexto_config.lint.findings import Severity, Violation
from dexto_config.lint.rule import RuleContext, rule


@rule(
    code="DX501",
    name="image-factory-refusal",
    severity=Severity.WARNING,
    summary="A tools, hooks, storage or compaction entry the image's factory refuses at start-up.",
    explanation="""
        From Dexto 1.6.0 the agent schema accepts any `{type: ...}` entry in `tools`,
        `hooks`, `storage` and `compaction`; the image (image-local by default) checks
        each entry against its factory only when Dexto creates the agent. Dexto's
        validator, and so `dexto-config validate`, calls such a file valid, but the
        agent does not start: an unknown `type`, a tool name the factory does not
        know (an old `internal--` name, `search_history` under `builtin-tools`), or
        an option the factory does not take.
    """,
    bad="""
        systemPrompt: You are a helpful assistant.
        llm: {provider: openai, model: gpt-5-mini}
        tools:
          - type: builtin-tools
            enabledTools: [internal--ask_user]
    """,
    good="""
        systemPrompt: You are a helpful assistant.
        llm: {provider: openai, model: gpt-5-mini}
        tools:
          - type: builtin-tools
            enabledTools: [ask_user]
    """,
)
def image_factory_refusal(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    if document.kind is not FileKind.AGENT or document.version is None or document.problems:
        return
    from dexto_config.models import start_up_issues  # pydantic: only when a file is linted

    for issue in start_up_issues(document.version, document.data, source_path=document.path):
        message = f"Dexto {document.version} refuses this at start-up: {issue.message}"
        yield Violation(document.value_at(issue.path), message)
