"""Step 1.5.8: `dexto` becomes `dexto-nova`; gateway models get a vendor (DESIGN §11.1)."""

from __future__ import annotations

import pytest

from dexto_config.kinds import FileKind
from tests.migrate.steps import run_steps

AGENT, PREFERENCES, CUSTOM = FileKind.AGENT, FileKind.PREFERENCES, FileKind.CUSTOM_MODELS
JSON_MODELS = (
    '{{\n  "version": 1,\n  "models": [\n    {{"name": "x-ai/grok-4", "provider": "{provider}"}},\n'
    '    {{"name": "m", "provider": "openai-compatible", "baseURL": "http://h/v1"}}\n  ]\n}}\n'
)


@pytest.mark.parametrize(
    ("kind", "source", "expected"),
    [
        pytest.param(
            AGENT,
            "llm:\n  provider: dexto # gateway\n  model: anthropic/claude-sonnet-4.5\n",
            "llm:\n  provider: dexto-nova # gateway\n  model: anthropic/claude-sonnet-4.5\n",
            id="agent-provider-renamed-comment-kept",
        ),
        pytest.param(
            CUSTOM,
            '{"version": 1, "models": [{"name": "x-ai/grok-4", "provider": "dexto", '
            '"displayName": "Grok 4 (Dexto)"}]}\n',
            '{"version": 1, "models": [{"name": "x-ai/grok-4", "provider": "dexto-nova", '
            '"displayName": "Grok 4 (Dexto Nova)"}]}\n',
            id="custom-model-display-name-names-the-new-gateway",
        ),
        pytest.param(
            AGENT,
            "llm: {provider: 'dexto', model: gpt-5-mini}\n",
            "llm: {provider: 'dexto-nova', model: openai/gpt-5-mini}\n",
            id="flow-quoted-bare-model-gets-vendor",
        ),
        pytest.param(
            AGENT,
            "llm:\n  provider: openrouter\n  model: claude-haiku-4-5-20251001\n",
            "llm:\n  provider: openrouter\n  model: anthropic/claude-haiku-4.5\n",
            id="openrouter-bare-model-gets-vendor",
        ),
        pytest.param(
            AGENT,
            "llm:\n  provider: anthropic\n  model: claude-haiku-4-5-20251001\n",
            "llm:\n  provider: anthropic\n  model: claude-haiku-4-5-20251001\n",
            id="direct-provider-untouched",
        ),
        pytest.param(
            PREFERENCES,
            "llm:\n  provider: dexto\n  model: openai/gpt-5-mini\nsetup:\n  completed: true\n",
            "llm:\n  provider: dexto-nova\n  model: openai/gpt-5-mini\nsetup:\n  completed: true\n",
            id="preferences",
        ),
        pytest.param(
            CUSTOM,
            JSON_MODELS.format(provider="dexto"),
            JSON_MODELS.format(provider="dexto-nova"),
            id="custom-models-json-kept",
        ),
    ],
)
def test_dexto_nova(kind: FileKind, source: str, expected: str) -> None:
    migrated, result = run_steps(source, "1.5.7", "1.5.8", kind)
    assert migrated == expected
    assert all("1.5.8" in change.reason for change in result.changes)


def test_unknown_vendor_is_kept_with_a_warning() -> None:
    source = "llm:\n  provider: dexto\n  model: mystery-model\n"
    migrated, result = run_steps(source, "1.5.7", "1.5.8")
    assert migrated == "llm:\n  provider: dexto-nova\n  model: mystery-model\n"
    assert any("no vendor is known" in warning for warning in result.warnings)
