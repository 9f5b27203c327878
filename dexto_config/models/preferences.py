"""Global preferences (`~/.dexto/preferences.yml`) models for 1.5.4 and 1.5.6.

Dexto validates preferences straight after parsing: no null dropping, no
environment expansion, no number coercion. 1.5.6 removed `preferDextoCredits`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictBool, StrictStr

from dexto_config.models import rules
from dexto_config.models.types import (
    BASE_URL_UNSUPPORTED,
    UNSET,
    NonEmptyTrimmed,
    Provider,
    ReasoningEffort,
    StrictModel,
    Url,
    model_rule,
)

ENV_REFERENCE_PATTERN = r"^\$[A-Z_][A-Z0-9_]*$"


class PreferenceLLM(StrictModel):
    """`llm` of preferences: baseURL is never required, only refused where unsupported."""

    model_config = StrictModel.model_config | {
        "json_schema_extra": {
            "allOf": [
                {
                    "if": {
                        "properties": {"provider": {"enum": list(BASE_URL_UNSUPPORTED)}},
                        "required": ["provider"],
                    },
                    "then": {"not": {"required": ["baseURL"]}},
                }
            ]
        }
    }

    provider: Provider
    model: NonEmptyTrimmed
    apiKey: Annotated[StrictStr, Field(pattern=ENV_REFERENCE_PATTERN)] = UNSET
    baseURL: Url = UNSET
    reasoningEffort: ReasoningEffort = UNSET

    _base_url_fits_provider = model_rule(rules.seed_preference_base_url)


class PreferenceDefaults(StrictModel):
    defaultAgent: Annotated[StrictStr, Field(min_length=1)]
    defaultMode: Literal["cli", "web", "server", "discord", "telegram", "mcp"] = "web"


class PreferenceSetup(StrictModel):
    completed: StrictBool = False
    apiKeyPending: StrictBool = False
    baseURLPending: StrictBool = False


class PreferenceSounds(StrictModel):
    enabled: StrictBool = True
    onApprovalRequired: StrictBool = True
    onTaskComplete: StrictBool = True


class PreferencesV156(StrictModel):
    """Preferences of Dexto 1.5.6 (explicit providers)."""

    llm: PreferenceLLM
    defaults: PreferenceDefaults
    setup: PreferenceSetup = UNSET
    sounds: PreferenceSounds = UNSET


class PreferencesV154(PreferencesV156):
    """Preferences of Dexto 1.5.4, with the legacy routing switch."""

    preferDextoCredits: StrictBool = True
