"""Versioned schema models of Dexto's files and validation against them.

`validate_document` judges parsed data as Dexto's own validator would for a
schema version (DESIGN §3, §3.1); `model_for` gives the pydantic model and
`json_schema` its Draft 2020-12 JSON Schema for `schemas/<kind>-<version>.json`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pydantic

from dexto_config.kinds import FileKind
from dexto_config.models.agent import AgentConfig
from dexto_config.models.custom_models import CustomModelsV154, CustomModelsV156
from dexto_config.models.errors import issues_from_error
from dexto_config.models.issues import IssueKind, SchemaIssue
from dexto_config.models.jsonschema import model_json_schema
from dexto_config.models.loading import load_agent
from dexto_config.models.preferences import PreferencesV154, PreferencesV156
from dexto_config.versions import KNOWN_VERSIONS

__all__ = ["IssueKind", "SchemaIssue", "json_schema", "model_for", "validate_document"]

_MODELS: dict[tuple[FileKind, str], type[pydantic.BaseModel]] = {
    (FileKind.AGENT, "1.5.4"): AgentConfig,
    (FileKind.AGENT, "1.5.6"): AgentConfig,
    (FileKind.PREFERENCES, "1.5.4"): PreferencesV154,
    (FileKind.PREFERENCES, "1.5.6"): PreferencesV156,
    (FileKind.CUSTOM_MODELS, "1.5.4"): CustomModelsV154,
    (FileKind.CUSTOM_MODELS, "1.5.6"): CustomModelsV156,
}
_ROOT_LABELS = {
    FileKind.AGENT: "agent config",
    FileKind.PREFERENCES: "preferences",
    FileKind.CUSTOM_MODELS: "custom models file",
}


def model_for(kind: FileKind, version: str) -> type[pydantic.BaseModel]:
    """The pydantic model of `kind` files at schema `version` (one of KNOWN_VERSIONS)."""
    try:
        return _MODELS[(kind, version)]
    except KeyError:
        known = ", ".join(KNOWN_VERSIONS)
        raise ValueError(f"no {kind} model for schema version {version} (known: {known})") from None


def validate_document(
    kind: FileKind, version: str, data: Any, *, source_path: Path | None = None
) -> list[SchemaIssue]:
    """Every schema issue Dexto `version` would find in `data`; empty when valid.

    `data` is the plain data of a parsed file. Agent data first goes through
    Dexto's loader, null cleaning and enrichment, using `source_path` for
    `${{dexto.agent_dir}}` and the agent id. Issue paths point into `data`.
    """
    model = model_for(kind, version)
    prepared = data
    if kind is FileKind.AGENT:
        loaded = load_agent(data, source_path)
        if loaded.issues:
            return loaded.issues
        prepared = loaded.data
    try:
        model.model_validate(prepared)
    except pydantic.ValidationError as error:
        return issues_from_error(error, data, _ROOT_LABELS[kind])
    return []


def json_schema(kind: FileKind, version: str) -> dict[str, Any]:
    """The Draft 2020-12 JSON Schema of `kind` files at schema `version`."""
    return model_json_schema(model_for(kind, version), kind, version)
