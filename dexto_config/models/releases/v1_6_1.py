"""Dexto 1.6.1 (2026-02-23): start-up and custom sounds in preferences.

Differences from 1.6.0: preferences `sounds` gain `onStartup`,
`startupSoundFile`, `approvalSoundFile` and `completeSoundFile`. (Registry
entries gain `enabled`: see the agent registry check.) Agents and custom
models are unchanged.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictBool, StrictStr

from dexto_config.models import preferences as seed_preferences
from dexto_config.models.derive import derived
from dexto_config.models.releases import v1_6_0 as previous
from dexto_config.models.types import UNSET

Permissions = previous.Permissions
InlinePrompt = previous.InlinePrompt
FilePrompt = previous.FilePrompt
SoundFile = Annotated[StrictStr, Field(min_length=1)]

Sounds = derived(
    seed_preferences.PreferenceSounds,
    "PreferenceSounds",
    doc="`sounds` of Dexto 1.6.1's preferences.",
    onStartup=(StrictBool, False),
    startupSoundFile=(SoundFile, UNSET),
    approvalSoundFile=(SoundFile, UNSET),
    completeSoundFile=(SoundFile, UNSET),
)
LLMConfig = previous.LLMConfig
AgentConfig = previous.AgentConfig
PreferenceLLM = previous.PreferenceLLM
Preferences = derived(
    previous.Preferences,
    "Preferences",
    doc="Dexto 1.6.1's preferences.",
    sounds=(Sounds, UNSET),
)
CustomModel = previous.CustomModel
CustomModels = previous.CustomModels
