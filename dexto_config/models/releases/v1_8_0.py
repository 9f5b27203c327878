"""Dexto 1.8.0 (2026-05-26): fewer permission modes and prompt fields.

Differences from 1.6.2: `permissions.mode: auto-deny` and
`permissions.toolPolicies.alwaysDeny` are removed; prompts lose
`disable-model-invocation`, `allowed-tools`, `model`, `context` and `agent`
(file prompts keep `namespace`, both keep `user-invocable`). Releases up to
1.10.4 changed no key after it; their model registry keeps moving.
"""

from __future__ import annotations

from typing import Literal

from dexto_config.models import agent as seed
from dexto_config.models.derive import derived
from dexto_config.models.releases import v1_6_2 as previous
from dexto_config.models.types import UNSET
from dexto_config.models.unions import list_of, tagged_union

_SKILL_FIELDS = ("disable_model_invocation", "allowed_tools", "model", "context", "agent")

ToolPolicies = derived(
    seed.ToolPolicies,
    "ToolPolicies",
    doc="`permissions.toolPolicies` of Dexto 1.8.0: no `alwaysDeny`.",
    drop=("alwaysDeny",),
)
Permissions = derived(
    previous.Permissions,
    "Permissions",
    doc="`permissions` of Dexto 1.8.0: no `auto-deny` mode.",
    mode=(Literal["manual", "auto-approve"], "auto-approve"),
    toolPolicies=(ToolPolicies, UNSET),
)
InlinePrompt = derived(
    previous.InlinePrompt,
    "InlinePrompt",
    doc="An inline prompt of Dexto 1.8.0.",
    drop=_SKILL_FIELDS,
)
FilePrompt = derived(
    previous.FilePrompt,
    "FilePrompt",
    doc="A file prompt of Dexto 1.8.0.",
    drop=_SKILL_FIELDS,
)
Prompt = tagged_union("type", {"inline": InlinePrompt, "file": FilePrompt}, "prompt type")
LLMConfig = previous.LLMConfig
AgentConfig = derived(
    previous.AgentConfig,
    "AgentConfig",
    doc="A Dexto 1.8.0 agent config file.",
    permissions=(Permissions, UNSET),
    prompts=(list_of(Prompt), UNSET),
)
PreferenceLLM = previous.PreferenceLLM
Preferences = previous.Preferences
CustomModel = previous.CustomModel
CustomModels = previous.CustomModels
