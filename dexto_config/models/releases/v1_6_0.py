"""Dexto 1.6.0 (2026-02-18): tools, permissions, resources and hooks restructured.

Differences from 1.5.8: `toolConfirmation` becomes `permissions` (same inner
shape); `internalTools` and `customTools` give way to one `tools:` list of
`{type, enabled?, ...}` factory entries (the old `tools:` map of output limits
is gone); `internalResources` becomes `resources` (list form only); `plugins`
becomes `hooks: [{type, enabled?, ...}]`; storage backends become `{type, ...}`
entries validated by the image; the `llm` schema no longer requires a baseURL
(a credential check after loading does). Around the schema: the loader also
expands `${{dexto.project_dir}}`, and the image's defaults are merged before
the schema and its factories check the entries after it.
"""

from __future__ import annotations

from pydantic import StrictBool, StrictStr

from dexto_config.models import agent as seed
from dexto_config.models.derive import derived
from dexto_config.models.registry_check import AgentLLMRulesFrom160
from dexto_config.models.releases import v1_5_8 as previous
from dexto_config.models.types import UNSET, PassthroughModel, StrictModel

InlinePrompt = previous.InlinePrompt
FilePrompt = previous.FilePrompt


class FactoryEntry(PassthroughModel):
    """A `tools:` or `hooks:` entry: its factory's `type`; the factory checks the rest."""

    type: StrictStr
    enabled: StrictBool = UNSET


class Backend(PassthroughModel):
    """A storage backend: its factory's `type`; the image checks the rest."""

    type: StrictStr


class Storage(StrictModel):
    cache: Backend
    database: Backend
    blob: Backend


Permissions = derived(
    seed.ToolConfirmation, "Permissions", doc="`permissions`: `toolConfirmation` renamed."
)
LLMConfig = derived(
    previous.LLMConfig,
    "LLMConfig",
    doc="`llm` of Dexto 1.6.0: no baseURL requirement in the schema.",
    parent=AgentLLMRulesFrom160,
)
_REMOVED = ("toolConfirmation", "internalTools", "customTools", "internalResources", "plugins")
AgentConfig = derived(
    previous.AgentConfig,
    "AgentConfig",
    doc="A Dexto 1.6.0 agent config file.",
    drop=_REMOVED,
    llm=LLMConfig,
    tools=(list[FactoryEntry], UNSET),
    storage=(Storage, UNSET),
    permissions=(Permissions, UNSET),
    resources=(list[seed.InternalResource], UNSET),
    hooks=(list[FactoryEntry], UNSET),
)
PreferenceLLM = previous.PreferenceLLM
Preferences = previous.Preferences
CustomModel = previous.CustomModel
CustomModels = previous.CustomModels
