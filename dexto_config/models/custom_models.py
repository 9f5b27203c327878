"""`~/.dexto/models/custom-models.json` models for 1.5.4 and 1.5.6 (DESIGN §2).

Dexto's objects here are plain Zod objects: unknown keys are dropped, not
errors. 1.5.6 adds `dexto` to the providers a custom model may name.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, StrictStr

from dexto_config.models import checks, rules
from dexto_config.models.checks import BASE_URL_REQUIRED
from dexto_config.models.types import (
    UNSET,
    PositiveInt,
    ReasoningEffort,
    StripModel,
    Url,
    check,
    model_rule,
)


class CustomModelRules(StripModel):
    """What Dexto checks of a custom model beyond its keys: a baseURL or a .gguf file."""

    model_config = StripModel.model_config | {
        "json_schema_extra": {
            "allOf": [
                {
                    "if": {
                        "anyOf": [
                            {"not": {"required": ["provider"]}},
                            {"properties": {"provider": {"enum": list(BASE_URL_REQUIRED)}}},
                        ]
                    },
                    "then": {"required": ["baseURL"], "properties": {"baseURL": {"minLength": 1}}},
                },
                {
                    "if": {
                        "properties": {"provider": {"const": "local"}},
                        "required": ["provider"],
                    },
                    "then": {
                        "required": ["filePath"],
                        "properties": {"filePath": {"pattern": r"\.gguf$"}},
                    },
                },
            ]
        }
    }

    _provider_requirements = model_rule(rules.custom_model_requirements)


class _CustomModel(CustomModelRules):
    name: Annotated[StrictStr, Field(min_length=1)]
    provider: str = "openai-compatible"
    baseURL: Url = UNSET
    displayName: StrictStr = UNSET
    maxInputTokens: PositiveInt = UNSET
    maxOutputTokens: PositiveInt = UNSET
    apiKey: StrictStr = UNSET
    filePath: StrictStr = UNSET
    reasoningEffort: ReasoningEffort = UNSET


CustomProviderV154 = Literal[
    "openai-compatible",
    "openrouter",
    "litellm",
    "glama",
    "bedrock",
    "ollama",
    "local",
    "vertex",
]
# 1.5.6 made the gateway explicit, so custom models may name it.
CustomProviderV156 = Literal[CustomProviderV154, "dexto"]


class CustomModelV154(_CustomModel):
    provider: CustomProviderV154 = "openai-compatible"


class CustomModelV156(_CustomModel):
    provider: CustomProviderV156 = "openai-compatible"


FormatVersion = Annotated[Literal[1], BeforeValidator(check(checks.format_version))]


class CustomModelsV154(StripModel):
    """custom-models.json as Dexto 1.5.4 reads it."""

    version: FormatVersion
    models: list[CustomModelV154]


class CustomModelsV156(StripModel):
    """custom-models.json as Dexto 1.5.6 reads it (adds provider `dexto`)."""

    version: FormatVersion
    models: list[CustomModelV156]
