"""DX104: a preferences `llm` that overrides every agent and carries their keys along."""

from __future__ import annotations

from collections.abc import Iterator

from dexto_config import catalog
from dexto_config.kinds import FileKind
from dexto_config.lint import rulebook
from dexto_config.lint.document import LintDocument
from dexto_config.lint.findings import Violation
from dexto_config.lint.rule import RuleContext, rule


@rule(rulebook.PREFERENCES_OVERRIDE_CARRIES_AGENT_KEYS)
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
