"""Dexto 1.5.7 (2026-01-30): explicit providers ship.

Differences from the seed's explicit form (1.5.6): providers gain `minimax`
and `glm`; the internal tool `invoke_skill`; prompts gain
`disable-model-invocation`, `user-invocable`, `allowed-tools`, `model`,
`context` and `agent`, file prompts a `namespace`; the `llm` refinement checks
the model against the release's registry. Around the schema: only
`@dexto/image-local` loads, and the bundled plan plugin's enrichment needs
`customTools` to be a list.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictBool, StrictStr

from dexto_config.models import agent as seed
from dexto_config.models import custom_models as seed_custom
from dexto_config.models import preferences as seed_preferences
from dexto_config.models.derive import derived
from dexto_config.models.registry_check import AgentLLMRules, PreferenceLLMRules, provider_literal
from dexto_config.models.types import UNSET
from dexto_config.models.unions import list_of, tagged_union

Provider = provider_literal("1.5.7")

LLMConfig = derived(
    seed.LLMConfig,
    "LLMConfig",
    doc="`llm` of Dexto 1.5.7: two more providers, the registry refinement.",
    parent=AgentLLMRules,
    provider=Provider,
)

InternalTool = Literal[
    "search_history",
    "ask_user",
    "delegate_to_url",
    "list_resources",
    "get_resource",
    "invoke_skill",
]
PromptContext = Literal["inline", "fork"]
StrList = list[StrictStr]


def _alias(name: str, default: object = UNSET) -> object:
    return Field(default, alias=name)


InlinePrompt = derived(
    seed.InlinePrompt,
    "InlinePrompt",
    doc="An inline prompt of Dexto 1.5.7, with the skill-style fields.",
    disable_model_invocation=(StrictBool, _alias("disable-model-invocation", False)),
    user_invocable=(StrictBool, _alias("user-invocable", True)),
    allowed_tools=(StrList, _alias("allowed-tools")),
    model=(StrictStr, UNSET),
    context=(PromptContext, "inline"),
    agent=(StrictStr, UNSET),
)
FilePrompt = derived(
    seed.FilePrompt,
    "FilePrompt",
    doc="A file prompt of Dexto 1.5.7, with the skill-style fields and a namespace.",
    namespace=(StrictStr, UNSET),
    disable_model_invocation=(StrictBool, _alias("disable-model-invocation")),
    user_invocable=(StrictBool, _alias("user-invocable")),
    allowed_tools=(StrList, _alias("allowed-tools")),
    model=(StrictStr, UNSET),
    context=(PromptContext, UNSET),
    agent=(StrictStr, UNSET),
)
Prompt = tagged_union("type", {"inline": InlinePrompt, "file": FilePrompt}, "prompt type")

AgentConfig = derived(
    seed.AgentConfig,
    "AgentConfig",
    doc="A Dexto 1.5.7 agent config file.",
    llm=LLMConfig,
    internalTools=(list[InternalTool], UNSET),
    prompts=(list_of(Prompt), UNSET),
)

PreferenceLLM = derived(
    seed_preferences.PreferenceLLM,
    "PreferenceLLM",
    doc="`llm` of Dexto 1.5.7's preferences.",
    parent=PreferenceLLMRules,
    provider=Provider,
)
Preferences = derived(
    seed_preferences.PreferencesV156,
    "Preferences",
    doc="Dexto 1.5.7's preferences.",
    llm=PreferenceLLM,
)
CustomModel = seed_custom.CustomModelV156
CustomModels = seed_custom.CustomModelsV156
