"""Step 1.5.6 "explicit provider": the legacy decision rule and each rewrite (DESIGN §4.1)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from dexto_config.kinds import FileKind
from dexto_config.migrate.engine import migrate_bytes
from dexto_config.migrate.routing import RoutingContext, legacy_backend
from dexto_config.versions import marker_line

# This step's own form: runs stop there to show what it does alone.
SEED = "1.5.6"
MARKER = marker_line(SEED) + "\n"
LOGGED_IN = RoutingContext(dexto_key=True)
LOGGED_OUT = RoutingContext(dexto_key=False, provider_keys=frozenset({"ANTHROPIC_API_KEY"}))
PREFER_OWN_KEY = RoutingContext(
    dexto_key=True, provider_keys=frozenset({"ANTHROPIC_API_KEY"}), prefer_dexto_credits=False
)
PREFER_FALSE_NO_KEY = RoutingContext(dexto_key=True, prefer_dexto_credits=False)
FORCE_DEXTO = RoutingContext(route_via="dexto")
FORCE_DIRECT = RoutingContext(route_via="direct", dexto_key=True)


@pytest.mark.parametrize(
    ("provider", "context", "backend", "reason"),
    [
        ("anthropic", LOGGED_IN, "dexto", "logged in to Dexto; anthropic was routeable"),
        ("anthropic", LOGGED_OUT, "anthropic", "not logged in to Dexto"),
        ("anthropic", PREFER_OWN_KEY, "anthropic", "preferDextoCredits was false"),
        ("anthropic", PREFER_FALSE_NO_KEY, "dexto", "logged in"),
        ("groq", LOGGED_IN, "dexto", "groq was routeable"),
        ("openrouter", LOGGED_IN, "dexto", "openrouter was routeable"),
        ("ollama", LOGGED_IN, "ollama", "never routed"),
        ("bedrock", FORCE_DEXTO, "bedrock", "never routed"),
        ("openai", FORCE_DEXTO, "dexto", "forced by --route-via dexto"),
        ("openai", FORCE_DIRECT, "openai", "forced by --route-via direct"),
        ("dexto", FORCE_DIRECT, "dexto", "always"),
        ("dexto", LOGGED_OUT, "dexto", "always"),
    ],
)
def test_legacy_backend(provider: str, context: RoutingContext, backend: str, reason: str) -> None:
    decided = legacy_backend(provider, context)
    assert decided.name == backend
    assert reason in decided.reason


@dataclass(frozen=True)
class Case:
    source: str
    context: RoutingContext
    expected: str
    warning: str | None = None
    kind: FileKind = FileKind.AGENT


AGENT_HEAD = "systemPrompt: You help.\n"

CASES = {
    "anthropic-logged-in-moves-to-dexto": Case(
        AGENT_HEAD + "llm:\n  provider: anthropic\n  model: claude-sonnet-4-5-20250929\n",
        LOGGED_IN,
        MARKER + AGENT_HEAD + "llm:\n  provider: dexto\n  model: anthropic/claude-sonnet-4.5\n",
    ),
    "anthropic-logged-out-only-gets-marker": Case(
        AGENT_HEAD + "llm:\n  provider: anthropic\n  model: claude-sonnet-4-5-20250929\n",
        LOGGED_OUT,
        MARKER + AGENT_HEAD + "llm:\n  provider: anthropic\n  model: claude-sonnet-4-5-20250929\n",
    ),
    "api-key-reference-removed-with-comment-above-kept": Case(
        AGENT_HEAD + "llm:\n  provider: openai\n  model: gpt-5-mini\n"
        "  # the key comes from the environment\n  apiKey: $OPENAI_API_KEY # mine\n"
        "  temperature: 0.2\n",
        LOGGED_IN,
        MARKER + AGENT_HEAD + "llm:\n  provider: dexto\n  model: openai/gpt-5-mini\n"
        "  # the key comes from the environment\n  temperature: 0.2\n",
    ),
    "braced-alias-reference-removed": Case(
        AGENT_HEAD + "llm:\n  provider: anthropic\n  model: claude-haiku-4-5-20251001\n"
        "  apiKey: ${CLAUDE_API_KEY}\n",
        LOGGED_IN,
        MARKER + AGENT_HEAD + "llm:\n  provider: dexto\n  model: anthropic/claude-haiku-4.5\n",
    ),
    "bare-variable-name-removed-with-warning": Case(
        AGENT_HEAD + "llm:\n  provider: openai\n  model: gpt-5-mini\n  apiKey: OPENAI_API_KEY\n",
        LOGGED_IN,
        MARKER + AGENT_HEAD + "llm:\n  provider: dexto\n  model: openai/gpt-5-mini\n",
        warning="missing its '$'",
    ),
    "dexto-key-reference-kept": Case(
        AGENT_HEAD + "llm:\n  provider: openai\n  model: gpt-5-mini\n  apiKey: $DEXTO_API_KEY\n",
        LOGGED_IN,
        MARKER
        + AGENT_HEAD
        + "llm:\n  provider: dexto\n  model: openai/gpt-5-mini\n  apiKey: $DEXTO_API_KEY\n",
    ),
    "direct-keeps-literal-key": Case(
        AGENT_HEAD + "llm:\n  provider: openai\n  model: gpt-5-mini\n  apiKey: sk-test-123456\n",
        LOGGED_OUT,
        MARKER
        + AGENT_HEAD
        + "llm:\n  provider: openai\n  model: gpt-5-mini\n  apiKey: sk-test-123456\n",
    ),
    "hidden-dexto-with-native-id": Case(
        AGENT_HEAD + "llm:\n  provider: dexto\n  model: gpt-5-mini\n",
        LOGGED_OUT,
        MARKER + AGENT_HEAD + "llm:\n  provider: dexto\n  model: openai/gpt-5-mini\n",
    ),
    "hidden-dexto-with-openrouter-id-unchanged": Case(
        AGENT_HEAD + "llm:\n  provider: dexto\n  model: anthropic/claude-sonnet-4.5\n",
        LOGGED_OUT,
        MARKER + AGENT_HEAD + "llm:\n  provider: dexto\n  model: anthropic/claude-sonnet-4.5\n",
    ),
    "openrouter-routed-via-dexto-keeps-id": Case(
        AGENT_HEAD + "llm:\n  provider: openrouter\n  model: qwen/qwen3-coder:free\n"
        "  apiKey: $OPENROUTER_API_KEY\n",
        LOGGED_IN,
        MARKER + AGENT_HEAD + "llm:\n  provider: dexto\n  model: qwen/qwen3-coder:free\n",
    ),
    "unknown-model-guessed-by-prefix-rule": Case(
        AGENT_HEAD + "llm:\n  provider: anthropic\n  model: claude-future-9\n",
        FORCE_DEXTO,
        MARKER + AGENT_HEAD + "llm:\n  provider: dexto\n  model: anthropic/claude-future-9\n",
        warning="guessed 'anthropic/claude-future-9'",
    ),
    "flow-mapping-stays-flow": Case(
        AGENT_HEAD + "llm: {provider: google, model: gemini-2.5-pro, apiKey: $GOOGLE_API_KEY}\n",
        LOGGED_IN,
        MARKER + AGENT_HEAD + "llm: {provider: dexto, model: google/gemini-2.5-pro}\n",
    ),
    "quoted-values-keep-their-quotes": Case(
        AGENT_HEAD + "llm:\n  provider: 'xai'\n  model: \"grok-4\"\n",
        LOGGED_IN,
        MARKER + AGENT_HEAD + "llm:\n  provider: 'dexto'\n  model: \"x-ai/grok-4\"\n",
    ),
    "crlf-and-bom-kept": Case(
        "\ufeff# agent\r\nsystemPrompt: You help.\r\nllm:\r\n  provider: cohere\r\n"
        "  model: command-r\r\n",
        LOGGED_IN,
        "\ufeff# dexto-config: schemaVersion=1.5.6\r\n# agent\r\nsystemPrompt: You help.\r\n"
        "llm:\r\n  provider: dexto\r\n  model: cohere/command-r-08-2024\r\n",
    ),
    "preferences-drop-prefer-dexto-credits": Case(
        "llm:\n  provider: anthropic\n  model: claude-haiku-4-5-20251001\n"
        "  apiKey: $ANTHROPIC_API_KEY\ndefaults:\n  defaultAgent: coding-agent\n"
        "preferDextoCredits: true\n",
        LOGGED_IN,
        MARKER + "llm:\n  provider: dexto\n  model: anthropic/claude-haiku-4.5\n"
        "defaults:\n  defaultAgent: coding-agent\n",
        kind=FileKind.PREFERENCES,
    ),
    "preferences-direct-still-drops-the-key": Case(
        "llm:\n  provider: anthropic\n  model: claude-haiku-4-5-20251001\n"
        "  apiKey: $ANTHROPIC_API_KEY\ndefaults:\n  defaultAgent: coding-agent\n"
        "preferDextoCredits: false # I pay Anthropic\n",
        PREFER_OWN_KEY,
        MARKER + "llm:\n  provider: anthropic\n  model: claude-haiku-4-5-20251001\n"
        "  apiKey: $ANTHROPIC_API_KEY\ndefaults:\n  defaultAgent: coding-agent\n",
        kind=FileKind.PREFERENCES,
    ),
    "custom-openrouter-model-moves-to-dexto": Case(
        '{\n    "version": 1,\n    "models": [\n        {"name": "z-ai/glm-4.6", '
        '"provider": "openrouter"},\n        {"name": "m", "baseURL": "http://localhost:1/v1"}\n'
        "    ]\n}",
        LOGGED_IN,
        '{\n    "version": 1,\n    "models": [\n        {"name": "z-ai/glm-4.6", '
        '"provider": "dexto"},\n        {"name": "m", "baseURL": "http://localhost:1/v1"}\n'
        "    ]\n}",
        kind=FileKind.CUSTOM_MODELS,
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_rewrite(case: Case) -> None:
    result = migrate_bytes(
        case.source.encode(),
        case.kind,
        assumed_version="1.5.4",
        target=SEED,
        context=case.context,
    )
    assert result.status == "migrated", result.refusal
    assert result.result.decode() == case.expected
    if case.warning is None:
        assert result.warnings == ()
    else:
        assert any(case.warning in w for w in result.warnings), result.warnings


def test_decision_is_reported_with_its_reason() -> None:
    source = AGENT_HEAD + "llm:\n  provider: anthropic\n  model: claude-sonnet-4-5-20250929\n"
    result = migrate_bytes(
        source.encode(), FileKind.AGENT, assumed_version="1.5.4", target=SEED, context=LOGGED_IN
    )
    assert [d.describe() for d in result.decisions] == [
        "llm anthropic claude-sonnet-4-5-20250929 -> dexto anthropic/claude-sonnet-4.5 "
        "(logged in to Dexto; anthropic was routeable)"
    ]


def test_literal_key_that_would_change_backend_is_refused_without_echo() -> None:
    secret = "sk-ant-api03-very-secret-value"
    source = (
        AGENT_HEAD + f"llm:\n  provider: anthropic\n  model: claude-haiku-4-5\n  apiKey: {secret}\n"
    )
    result = migrate_bytes(
        source.encode(), FileKind.AGENT, assumed_version="1.5.4", target=SEED, context=LOGGED_IN
    )
    assert result.status == "refused"
    assert result.result == source.encode()
    assert result.refusal is not None
    assert (result.refusal.line, result.refusal.col) == (5, 3)
    assert "literal key" in result.refusal.message
    assert secret not in repr(result)
