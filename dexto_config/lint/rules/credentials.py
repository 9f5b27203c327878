"""DX3xx: API keys and endpoints, judged with the catalog's provider facts."""

from __future__ import annotations

from collections.abc import Iterator

from dexto_config import catalog
from dexto_config.env_reference import env_reference
from dexto_config.kinds import FileKind
from dexto_config.lint.document import LintDocument, LlmBlock
from dexto_config.lint.findings import Severity, Violation
from dexto_config.lint.rule import RuleContext, rule
from dexto_config.migrate.step import dotted
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


@rule(
    code="DX301",
    name="literal-api-key",
    severity=Severity.ERROR,
    summary="A literal secret in `apiKey` (the finding shows only a redacted form).",
    explanation="""
        Secrets never belong in configuration files: they end up in repositories,
        backups and screenshots. Reference an environment variable instead
        (`$VAR` or `${VAR}`) and set it in your shell or in `~/.dexto/.env`.
        Findings show only a redacted form of the value. A variable name without
        its `$` (or in the old `env:NAME` form) is reported too: Dexto would send
        the text itself as the key.
    """,
    bad="""
        llm:
          provider: anthropic
          model: claude-sonnet-4-5-20250929
          apiKey: sk-ant-api03-...
    """,
    good="""
        llm:
          provider: anthropic
          model: claude-sonnet-4-5-20250929
          apiKey: $ANTHROPIC_API_KEY
    """,
    supersedes=("DX004",),
)
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


@rule(
    code="DX302",
    name="foreign-api-key-variable",
    severity=Severity.WARNING,
    summary="`apiKey` references a variable that belongs to another provider.",
    explanation="""
        Credentials are strict per provider: `dexto` reads `DEXTO_API_KEY`,
        `openrouter` reads `OPENROUTER_API_KEY`, and each direct provider its own
        key (aliases such as `CLAUDE_API_KEY` count as the provider's own, and
        `openai-compatible` may use `OPENAI_API_KEY`). Referencing another
        provider's variable sends that provider's key to the wrong backend.
        Variables that belong to no provider (your own names) are fine.
    """,
    bad="""
        llm:
          provider: dexto
          model: anthropic/claude-sonnet-4.5
          apiKey: $OPENROUTER_API_KEY
    """,
    good="""
        llm:
          provider: dexto
          model: anthropic/claude-sonnet-4.5
          apiKey: $DEXTO_API_KEY
    """,
)
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


@rule(
    code="DX303",
    name="base-url-not-supported",
    severity=Severity.ERROR,
    summary="`baseURL` on a provider that takes none.",
    explanation="""
        Only some providers take a custom endpoint (openai-compatible and litellm
        require one, ollama accepts one). Dexto rejects `baseURL` on the others;
        to call an OpenAI-compatible server, use `provider: openai-compatible`.
    """,
    bad="""
        llm:
          provider: openai
          model: gpt-5-mini
          baseURL: http://localhost:8000/v1
    """,
    good="""
        llm:
          provider: openai-compatible
          model: my-local-model
          baseURL: http://localhost:8000/v1
    """,
    supersedes=("DX003", "DX004"),
)
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


@rule(
    code="DX304",
    name="base-url-missing",
    severity=Severity.ERROR,
    summary="No `baseURL` for a provider that requires one.",
    explanation="""
        `openai-compatible` and `litellm` have no default endpoint: an agent using
        them must say where the server is with `baseURL`. (Preferences never
        require it.)
    """,
    bad="""
        llm:
          provider: openai-compatible
          model: my-local-model
    """,
    good="""
        llm:
          provider: openai-compatible
          model: my-local-model
          baseURL: http://localhost:8000/v1
    """,
    supersedes=("DX004",),
)
def base_url_missing(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    if document.kind is not FileKind.AGENT:
        return
    for block, provider in _known_provider_blocks(document):
        if not block.has_base_url and catalog.base_url_support(provider) == "required":
            message = f"provider `{provider}` requires `baseURL`: add the server's URL"
            yield Violation(document.key_at(block.path), message)


@rule(
    code="DX305",
    name="literal-secret",
    severity=Severity.ERROR,
    summary="A secret outside `apiKey`: a key name, model ID, URL, MCP header, env or argument.",
    explanation="""
        A value shaped like a key or token (`sk-…`, `ghp_…`, `AIza…`, a long random
        string), or a literal in a place that holds secrets (an `Authorization` or
        `x-api-key` header, a `…_TOKEN` variable in an MCP server's `env`, the
        argument after `--api-key`, a URL's password or `?api_key=` parameter) is a
        secret written into the file. It ends up in repositories, backups and
        screenshots, and a key pasted as a key name or a model ID is a mistake
        Dexto rejects anyway. Findings show only a redacted form.
    """,
    bad="""
        mcpServers:
          github:
            type: stdio
            command: npx
            args: ["-y", "@modelcontextprotocol/server-github"]
            env:
              GITHUB_TOKEN: ghp_0123456789abcdefghijklmnopqrstuvwxyz
    """,
    good="""
        mcpServers:
          github:
            type: stdio
            command: npx
            args: ["-y", "@modelcontextprotocol/server-github"]
            env:
              GITHUB_TOKEN: $GITHUB_TOKEN
    """,
    supersedes=("DX003", "DX004", "DX201", "DX202", "DX203", "DX204"),
)
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
            message = (
                f"literal secret in `{dotted(path)}` ({redact(secret)}): move it to the "
                "environment or ~/.dexto/.env and reference it as `$VARIABLE`"
            )
            yield Violation(document.value_at(path), message)
