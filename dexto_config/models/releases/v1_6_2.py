"""Dexto 1.6.2 (2026-02-27): `reasoningEffort` becomes `reasoning: {variant, budgetTokens?}`.

Differences from 1.6.1, in agent `llm`, preferences `llm` and custom models
(where an old `reasoningEffort` is silently dropped, as every unknown key of a
custom model is): the variant must be one the model's reasoning profile allows
(checked by the `llm` refinement).
"""

from __future__ import annotations

from dexto_config.models.custom_models import CustomModelRules
from dexto_config.models.derive import derived
from dexto_config.models.registry_check import AgentLLMRulesFrom160, PreferenceLLMRules
from dexto_config.models.releases import v1_6_1 as previous
from dexto_config.models.types import (
    UNSET,
    JsPositiveInt,
    NonEmptyTrimmed,
    PositiveInt,
    StrictModel,
    StripModel,
)

Permissions = previous.Permissions
InlinePrompt = previous.InlinePrompt
FilePrompt = previous.FilePrompt


class AgentReasoning(StrictModel):
    """An agent's `llm.reasoning`: `budgetTokens` coerces as JavaScript's `Number()`."""

    variant: NonEmptyTrimmed
    budgetTokens: JsPositiveInt = UNSET


class PreferenceReasoning(StrictModel):
    """The preferences' `llm.reasoning`."""

    variant: NonEmptyTrimmed
    budgetTokens: PositiveInt = UNSET


class CustomModelReasoning(StripModel):
    """A custom model's `reasoning`."""

    variant: NonEmptyTrimmed
    budgetTokens: PositiveInt = UNSET


LLMConfig = derived(
    previous.LLMConfig,
    "LLMConfig",
    doc="`llm` of Dexto 1.6.2: `reasoning` replaces `reasoningEffort`.",
    drop=("reasoningEffort",),
    parent=AgentLLMRulesFrom160,
    reasoning=(AgentReasoning, UNSET),
)
AgentConfig = derived(
    previous.AgentConfig, "AgentConfig", doc="A Dexto 1.6.2 agent config file.", llm=LLMConfig
)
PreferenceLLM = derived(
    previous.PreferenceLLM,
    "PreferenceLLM",
    doc="`llm` of Dexto 1.6.2's preferences.",
    drop=("reasoningEffort",),
    parent=PreferenceLLMRules,
    reasoning=(PreferenceReasoning, UNSET),
)
Preferences = derived(
    previous.Preferences, "Preferences", doc="Dexto 1.6.2's preferences.", llm=PreferenceLLM
)
CustomModel = derived(
    previous.CustomModel,
    "CustomModel",
    doc="A custom model of Dexto 1.6.2: `reasoning` replaces `reasoningEffort`.",
    drop=("reasoningEffort",),
    parent=CustomModelRules,
    reasoning=(CustomModelReasoning, UNSET),
)
CustomModels = derived(
    previous.CustomModels,
    "CustomModels",
    doc="custom-models.json as Dexto 1.6.2 reads it.",
    models=list[CustomModel],  # type: ignore[valid-type]
)
