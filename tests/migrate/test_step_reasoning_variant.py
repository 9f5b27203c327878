"""Step 1.6.2: `reasoningEffort` becomes `reasoning: {variant}`, checked at the target (§11.1)."""

from __future__ import annotations

import pytest

from dexto_config.kinds import FileKind
from dexto_config.migrate.step import RefusedMigration
from tests.migrate.steps import run_steps


@pytest.mark.parametrize(
    ("kind", "source", "expected"),
    [
        pytest.param(
            FileKind.AGENT,
            "llm:\n  provider: openai\n  model: gpt-5-mini\n  reasoningEffort: high # fast\n",
            "llm:\n  provider: openai\n  model: gpt-5-mini\n  reasoning: {variant: high} # fast\n",
            id="agent",
        ),
        pytest.param(
            FileKind.PREFERENCES,
            "llm: {provider: openai, model: gpt-5-mini, reasoningEffort: 'low'}\n",
            "llm: {provider: openai, model: gpt-5-mini, reasoning: {variant: low}}\n",
            id="preferences-flow",
        ),
        pytest.param(
            FileKind.CUSTOM_MODELS,
            '{"version": 1, "models": [{"name": "m", "provider": "openai-compatible", '
            '"baseURL": "http://h/v1", "reasoningEffort": "xhigh"}]}',
            '{"version": 1, "models": [{"name": "m", "provider": "openai-compatible", '
            '"baseURL": "http://h/v1", "reasoning": {"variant": "xhigh"}}]}',
            id="custom-model-variant-not-checked",
        ),
        pytest.param(
            FileKind.AGENT,
            "llm:\n  provider: openai\n  model: gpt-5-mini\n  reasoningEffort:\n",
            "llm:\n  provider: openai\n  model: gpt-5-mini\n",
            id="empty-key-removed",
        ),
    ],
)
def test_reasoning_variant(kind: FileKind, source: str, expected: str) -> None:
    assert run_steps(source, "1.6.0", "1.6.2", kind)[0] == expected


@pytest.mark.parametrize(
    ("model", "effort", "message"),
    [
        pytest.param(
            "anthropic: claude-sonnet-4-5-20250929",
            "high",
            "it allows disabled, enabled",
            id="claude-allows-only-disabled-enabled",
        ),
        pytest.param("openai: gpt-4o", "low", "takes no reasoning setting", id="not-reasoning"),
        pytest.param("openai: gpt-5-mini", "xhigh", "minimal, low, medium, high", id="too-high"),
    ],
)
def test_variant_the_model_does_not_allow_is_refused(model: str, effort: str, message: str) -> None:
    provider, name = model.split(": ")
    source = f"llm:\n  provider: {provider}\n  model: {name}\n  reasoningEffort: {effort}\n"
    with pytest.raises(RefusedMigration, match=message) as refused:
        run_steps(source, "1.6.0", "1.10.4")
    assert f"reasoningEffort: {effort} has no equivalent" in refused.value.message
    assert refused.value.path == ("llm", "reasoningEffort")
