"""Versioned schema models of Dexto's files and validation against them.

`validate_document` judges parsed data as Dexto's own loader and validator
would at a schema version (DESIGN §3, §3.1, §11); `model_for` gives the
pydantic model and `json_schema` its Draft 2020-12 JSON Schema for
`schemas/<kind>-<version>.json`. The seed's pair (1.5.4, 1.5.6) lives in
`agent`, `preferences` and `custom_models`; each later release is a module of
differences in `releases/`, imported only when a run uses that release.

The pydantic models are the single source of truth, but validation runs the
lite validator (`dexto_config.models.lite`), a pure-Python interpreter of
tables generated from them: lint and validate never import pydantic
(DESIGN §9). `oracle.pydantic_errors` runs the models themselves (tests).
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path
from types import ModuleType

from dexto_config.kinds import FileKind
from dexto_config.models.agent_stages import Prepared, before_schema
from dexto_config.models.issues import IssueKind, SchemaIssue
from dexto_config.models.lite import lite_errors
from dexto_config.models.loading import load_agent
from dexto_config.models.pipeline import AgentPipeline, pipeline_at
from dexto_config.models.translate import issues_from_details
from dexto_config.versions import KNOWN_VERSIONS, registry_checked

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    import pydantic

    from dexto_config.models.lite import SchemaCheck

__all__ = [
    "IssueKind",
    "SchemaIssue",
    "json_schema",
    "model_for",
    "registry_checked",
    "start_up_issues",
    "validate_document",
]

_KIND_ATTRIBUTES = {
    FileKind.AGENT: "AgentConfig",
    FileKind.PREFERENCES: "Preferences",
    FileKind.CUSTOM_MODELS: "CustomModels",
}
_ROOT_LABELS = {
    FileKind.AGENT: "agent config",
    FileKind.PREFERENCES: "preferences",
    FileKind.CUSTOM_MODELS: "custom models file",
}


def model_for(kind: FileKind, version: str) -> type[pydantic.BaseModel]:
    """The pydantic model of `kind` files at schema `version` (one of KNOWN_VERSIONS)."""
    from dexto_config.models.derive import built

    _check_known(kind, version)
    if version in ("1.5.4", "1.5.6"):
        return _seed_model(kind, version)
    return built(getattr(_release_module(version), _KIND_ATTRIBUTES[kind]))


def _check_known(kind: FileKind, version: str) -> None:
    if version not in KNOWN_VERSIONS:
        known = ", ".join(KNOWN_VERSIONS)
        raise ValueError(f"no {kind} model for schema version {version} (known: {known})")


def agent_pipeline(version: str) -> AgentPipeline:
    """What Dexto does around an agent's schema at `version` (one of KNOWN_VERSIONS)."""
    _check_known(FileKind.AGENT, version)
    return pipeline_at(version)


def validate_document(
    kind: FileKind,
    version: str,
    data: Any,
    *,
    source_path: Path | None = None,
    schema_check: SchemaCheck = lite_errors,
) -> list[SchemaIssue]:
    """Every issue Dexto's loader and validator at `version` find in `data`; empty when valid.

    `data` is the plain data of a parsed file. Agent data first goes through
    Dexto's loader, null cleaning, enrichment, the image check and (from 1.6.0)
    the image's defaults, using `source_path` for `${{dexto.agent_dir}}` and the
    agent id. What the image's factories refuse later, at start-up, is
    `start_up_issues`. Issue paths point into `data`. `schema_check` runs the
    schema itself: the lite validator, or (in tests) `oracle.pydantic_errors`.
    """
    _check_known(kind, version)
    if kind is not FileKind.AGENT:
        errors = schema_check(kind.value, version, data)
        return issues_from_details(errors, data, _ROOT_LABELS[kind])
    prepared = _prepare_agent(version, data, source_path)
    if prepared.issues:
        return prepared.issues
    errors = schema_check(kind.value, version, prepared.data)
    return issues_from_details(errors, data, _ROOT_LABELS[kind], prepared.to_original)


def start_up_issues(
    version: str,
    data: Any,
    *,
    source_path: Path | None = None,
    schema_check: SchemaCheck = lite_errors,
) -> list[SchemaIssue]:
    """What Dexto `version` refuses when it creates an agent whose file its validator accepts.

    From 1.6.0 the image's factories check each `tools`, `hooks`, storage and
    compaction entry of a schema-valid agent at start-up; Dexto's validator
    (and so `validate_document`) does not. `data` must be an agent that
    `validate_document` accepted at `version`: the schema is not checked again.
    `schema_check` runs the image's schema, as for `validate_document`.
    """
    if not agent_pipeline(version).image_resolved:
        return []
    prepared = _prepare_agent(version, data, source_path)
    if prepared.issues or not isinstance(prepared.data, dict):
        return []
    from dexto_config.models.image_local import factory_issues

    return factory_issues(prepared.data, version, schema_check)


def _prepare_agent(version: str, data: Any, source_path: Path | None) -> Prepared:
    pipeline = agent_pipeline(version)
    loaded = load_agent(data, source_path, expand_project_dir=pipeline.expands_project_dir)
    if loaded.issues:
        return Prepared(data, loaded.issues)
    return before_schema(loaded.data, pipeline, version)


def json_schema(kind: FileKind, version: str) -> dict[str, Any]:
    """The Draft 2020-12 JSON Schema of `kind` files at schema `version`."""
    from dexto_config.models.jsonschema import model_json_schema
    from dexto_config.models.registry_check import base_url_json_rules

    model = model_for(kind, version)
    extra = None
    if version not in ("1.5.4", "1.5.6") and kind is not FileKind.CUSTOM_MODELS:
        extra = base_url_json_rules(kind is FileKind.AGENT, version, model)
    return model_json_schema(model, kind, version, extra)


@cache
def _release_module(version: str) -> ModuleType:
    return importlib.import_module(f"dexto_config.models.releases.v{version.replace('.', '_')}")


def _seed_model(kind: FileKind, version: str) -> type[pydantic.BaseModel]:
    from dexto_config.models import agent, custom_models, preferences

    seed: dict[tuple[FileKind, str], type[pydantic.BaseModel]] = {
        (FileKind.AGENT, "1.5.4"): agent.AgentConfig,
        (FileKind.AGENT, "1.5.6"): agent.AgentConfig,
        (FileKind.PREFERENCES, "1.5.4"): preferences.PreferencesV154,
        (FileKind.PREFERENCES, "1.5.6"): preferences.PreferencesV156,
        (FileKind.CUSTOM_MODELS, "1.5.4"): custom_models.CustomModelsV154,
        (FileKind.CUSTOM_MODELS, "1.5.6"): custom_models.CustomModelsV156,
    }
    return seed[(kind, version)]
