"""DX104: a preferences `llm` that overrides every agent and carries their keys along."""

from __future__ import annotations

from collections.abc import Iterator

from dexto_config import catalog
from dexto_config.kinds import FileKind
from dexto_config.lint.document import LintDocument
from dexto_config.lint.findings import Severity, Violation
from dexto_config.lint.rule import RuleContext, rule


@rule(
    code="DX104",
    name="preferences-override-carries-agent-keys",
    severity=Severity.WARNING,
    summary="A preferences `llm` that replaces every agent's provider but sets no `apiKey`.",
    explanation="""
        When setup is completed (`setup.completed: true`; before Dexto 1.6.21
        always), the `llm` of `preferences.yml` is applied to every agent Dexto
        starts, field by field: its `provider` and `model` replace the agent's,
        and its `apiKey` and `baseURL` only when it sets them. Without an
        `apiKey` here, each agent keeps its own: an agent written for Anthropic
        with `apiKey: $ANTHROPIC_API_KEY` sends its Anthropic key to this
        provider (an agent's `baseURL` stays too). Set the provider's own key
        here. `dexto-config doctor` shows what each agent really runs.
    """,
    bad="""
        llm:
          provider: openai
          model: gpt-5-mini
        defaults: {defaultAgent: coding-agent}
        setup: {completed: true}
    """,
    good="""
        llm:
          provider: openai
          model: gpt-5-mini
          apiKey: $OPENAI_API_KEY
        defaults: {defaultAgent: coding-agent}
        setup: {completed: true}
    """,
)
def preferences_override(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    if document.kind is not FileKind.PREFERENCES or not _setup_completed(document):
        return
    for block in document.llm_blocks:
        if block.provider is None or block.model is None or block.api_key:
            continue
        key = _own_key(block.provider)
        message = (
            f"this `llm` replaces every agent's provider with {block.provider} but sets no "
            f"`apiKey`, so each agent's own key is sent to {block.provider}: add "
            f"`apiKey: ${key}`"
        )
        yield Violation(document.key_at((*block.path, "provider")), message)


def _setup_completed(document: LintDocument) -> bool:
    setup = document.mapping.get("setup")
    return isinstance(setup, dict) and setup.get("completed") is True


def _own_key(provider: str) -> str:
    if catalog.is_provider(provider) and catalog.env_vars(provider):
        return catalog.primary_env_var(provider)
    return "YOUR_API_KEY"
