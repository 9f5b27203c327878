"""`~/.dexto/models/custom-models.json` models for 1.5.4 and 1.5.6 (DESIGN §2).

Dexto's objects here are plain Zod objects: unknown keys are dropped, not
errors. 1.5.6 adds `dexto` to the providers a custom model may name.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Self

from pydantic import BeforeValidator, Field, StrictStr, model_validator
from pydantic_core import PydanticCustomError

from dexto_config.models.types import (
    UNSET,
    PositiveInt,
    ReasoningEffort,
    StripModel,
    Url,
    rule_error,
)

BASE_URL_REQUIRED = ("openai-compatible", "litellm")


def _format_version(value: Any) -> Any:
    if isinstance(value, bool) or value != 1:
        raise PydanticCustomError("literal_error", "expected 1", {"expected": "1"})
    return 1


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

    @model_validator(mode="after")
    def _provider_requirements(self) -> Self:
        provider: str = getattr(self, "provider")  # noqa: B009 - fields of the subclass
        base_url: str | None = getattr(self, "baseURL", None)
        file_path: str | None = getattr(self, "filePath", None)
        if provider in BASE_URL_REQUIRED and not base_url:
            raise rule_error(
                f"provider '{provider}' requires a baseURL",
                code="base_url_missing",
                at="baseURL",
                missing=base_url is None,
            )
        if provider == "local" and not file_path:
            raise rule_error(
                "provider 'local' requires a filePath to a .gguf file",
                code="file_path_missing",
                at="filePath",
                missing=file_path is None,
            )
        if provider == "local" and file_path is not None and not file_path.endswith(".gguf"):
            raise rule_error(
                "filePath must name a .gguf file", code="file_path_not_gguf", at="filePath"
            )
        return self


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


FormatVersion = Annotated[Literal[1], BeforeValidator(_format_version)]


class CustomModelsV154(StripModel):
    """custom-models.json as Dexto 1.5.4 reads it."""

    version: FormatVersion
    models: list[CustomModelV154]


class CustomModelsV156(StripModel):
    """custom-models.json as Dexto 1.5.6 reads it (adds provider `dexto`)."""

    version: FormatVersion
    models: list[CustomModelV156]
