"""DX3xx: API keys and endpoints, judged with the catalog's provider facts."""

from __future__ import annotations

from collections.abc import Iterator

from dexto_config import catalog
from dexto_config.env_reference import env_reference
from dexto_config.kinds import FileKind
from dexto_config.lint import rulebook
from dexto_config.lint.document import LintDocument, LlmBlock
from dexto_config.lint.findings import Violation
from dexto_config.lint.rule import RuleContext, rule
from dexto_config.redaction import redact, variable_named_by


def _known_provider_blocks(document: LintDocument) -> Iterator[tuple[LlmBlock, str]]:
    for block in document.llm_blocks:
        if block.provider is not None and catalog.is_provider(block.provider):
            yield block, block.provider


def is_literal_secret(value: object) -> bool:
    """True for a non-empty `apiKey` string that is not a `$VAR`/`${VAR}` reference."""
    return isinstance(value, str) and value.strip() != "" and env_reference(value) is None


def _variable_named_by(value: str) -> str | None:
    name = value.removeprefix("env:")
    return name if catalog.owner_of_env_var(name) else variable_named_by(value)


@rule(rulebook.LITERAL_API_KEY)
def literal_api_key(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    for block in document.llm_blocks:
        if not is_literal_secret(block.api_key):
            continue
        value = str(block.api_key)
        position = document.value_at((*block.path, "apiKey"))
        variable = _variable_named_by(value)
        if variable is not None:
            message = (
                f"`apiKey: {value}` names a variable but is not a reference Dexto expands: "
                f"write `${variable}`"
            )
        else:
            message = (
                f"literal secret in `apiKey` ({redact(value)}): move it to the environment "
                f"or ~/.dexto/.env and write `apiKey: ${_variable_for(block)}`"
            )
        yield Violation(position, message)


def _variable_for(block: LlmBlock) -> str:
    if block.provider is not None and catalog.is_provider(block.provider):
        names = catalog.env_vars(block.provider)
        if names:
            return names[0]
    return "YOUR_API_KEY"


@rule(rulebook.FOREIGN_API_KEY_VARIABLE)
def foreign_api_key_variable(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    for block, provider in _known_provider_blocks(document):
        variable = env_reference(block.api_key)
        if variable is None:
            continue
        owners = catalog.owner_of_env_var(variable)
        if not owners or provider in owners:
            continue
        own = catalog.env_vars(provider)
        expected = f"`${own[0]}`" if own else "no key variable"
        message = (
            f"`${variable}` belongs to {' / '.join(owners)}, but this block's provider is "
            f"`{provider}` (it reads {expected}): that key would be sent to the wrong backend"
        )
        yield Violation(document.value_at((*block.path, "apiKey")), message)


@rule(rulebook.BASE_URL_NOT_SUPPORTED)
def base_url_not_supported(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    if document.kind is FileKind.CUSTOM_MODELS:
        return
    for block, provider in _known_provider_blocks(document):
        if block.has_base_url and catalog.base_url_support(provider) == "none":
            message = (
                f"provider `{provider}` takes no `baseURL`; remove it, or use "
                "`provider: openai-compatible` for a custom endpoint"
            )
            yield Violation(document.value_at((*block.path, "baseURL")), message)


@rule(rulebook.BASE_URL_MISSING)
def base_url_missing(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    if document.kind is not FileKind.AGENT:
        return
    for block, provider in _known_provider_blocks(document):
        if not block.has_base_url and catalog.base_url_support(provider) == "required":
            message = f"provider `{provider}` requires `baseURL`: add the server's URL"
            yield Violation(document.key_at(block.path), message)


@rule(rulebook.LITERAL_SECRET)
def literal_secret(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    reported: set[tuple[tuple[str | int, ...], bool]] = set()
    for path, in_key, secret in document.secrets:
        if (not in_key and path[-1:] == ("apiKey",)) or (path, in_key) in reported:
            continue
        reported.add((path, in_key))
        if in_key:
            message = f"a secret ({redact(secret)}) is written as a key name: remove it"
            yield Violation(document.key_at(path), message)
        else:
            from dexto_config.migrate.step import dotted  # ~5 ms of dataclasses, for this only

            message = (
                f"literal secret in `{dotted(path)}` ({redact(secret)}): move it to the "
                "environment or ~/.dexto/.env and reference it as `$VARIABLE`"
            )
            yield Violation(document.value_at(path), message)
