"""Dexto 1.5.8 (2026-02-09): the gateway provider is `dexto-nova`.

Differences from 1.5.7: `dexto` is renamed `dexto-nova` everywhere, with no
alias (agents, preferences, custom models); `dexto-nova` and `openrouter` need
`vendor/model` IDs (the registry refinement says so); an optional top-level
`agentFile: {discoverInCwd}`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import StrictBool

from dexto_config.models import custom_models as seed_custom
from dexto_config.models.derive import derived
from dexto_config.models.registry_check import AgentLLMRules, PreferenceLLMRules, provider_literal
from dexto_config.models.releases import v1_5_7 as previous
from dexto_config.models.types import UNSET, StrictModel

InlinePrompt = previous.InlinePrompt
FilePrompt = previous.FilePrompt

Provider = provider_literal("1.5.8")
CustomProvider = Literal[seed_custom.CustomProviderV154, "dexto-nova"]


class AgentFile(StrictModel):
    """Discovery of AGENTS.md / CLAUDE.md / GEMINI.md in the working directory."""

    discoverInCwd: StrictBool = True


LLMConfig = derived(
    previous.LLMConfig,
    "LLMConfig",
    doc="`llm` of Dexto 1.5.8: `dexto-nova` replaces `dexto`.",
    parent=AgentLLMRules,
    provider=Provider,
)
AgentConfig = derived(
    previous.AgentConfig,
    "AgentConfig",
    doc="A Dexto 1.5.8 agent config file.",
    llm=LLMConfig,
    agentFile=(AgentFile, UNSET),
)
PreferenceLLM = derived(
    previous.PreferenceLLM,
    "PreferenceLLM",
    doc="`llm` of Dexto 1.5.8's preferences.",
    parent=PreferenceLLMRules,
    provider=Provider,
)
Preferences = derived(
    previous.Preferences,
    "Preferences",
    doc="Dexto 1.5.8's preferences.",
    llm=PreferenceLLM,
)
CustomModel = derived(
    seed_custom.CustomModelV156,
    "CustomModel",
    doc="A custom model of Dexto 1.5.8: provider `dexto-nova` replaces `dexto`.",
    parent=seed_custom.CustomModelRules,
    provider=(CustomProvider, "openai-compatible"),
)
CustomModels = derived(
    seed_custom.CustomModelsV156,
    "CustomModels",
    doc="custom-models.json as Dexto 1.5.8 reads it.",
    models=list[CustomModel],  # type: ignore[valid-type]
)
