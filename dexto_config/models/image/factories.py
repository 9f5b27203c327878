"""The config schemas of the bundled images' factories, per Dexto release.

Dexto's agent schema accepts `tools` and `hooks` entries, the `storage`
backends and `compaction` as loose `{type, ...}` objects. When Dexto creates
the agent (agent-config's resolver/resolve-services-from-config.ts), the
image picks the factory named by each `type` and parses the entry with that
factory's strict schema; an entry with `enabled: false` is skipped unchecked,
and `enabled` is stripped from the others first. Sources, in truffle-ai/dexto:
packages/image-local/src/index.ts (factory maps, hook schemas),
packages/image-logger-agent/src/index.ts (`request-logger` hook),
packages/tools-*/src (tool schemas), packages/agent-management/src/tool-factories
(`agent-spawner`, `creator-tools`), packages/storage/src/{blob,database,cache}/schemas.ts
and packages/agent-config/src/schemas/compaction.ts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    Field,
    StrictBool,
    StrictStr,
    create_model,
)

from dexto_config.models import checks
from dexto_config.models.agent import InMemoryBackend, PostgresDatabase, RedisCache, SqliteDatabase
from dexto_config.models.checks import SKIPPED, UnionInfo
from dexto_config.models.image import LOCAL_IMAGE, LOGGER_IMAGE
from dexto_config.models.image.releases import (
    CREATOR_TOOLS_SINCE,
    SPAWNER_SUB_AGENT_OPTIONS_SINCE,
    SPAWNER_TIMEOUT_ZERO_SINCE,
    STORAGE_PATH_MUST_BE_STRING_SINCE,
    since,
)
from dexto_config.models.image.tools import (
    BUILTIN_TOOLS,
    CREATOR_TOOLS,
    FILESYSTEM_TOOLS,
    LIFECYCLE_TOOLS,
    PLAN_TOOLS,
    names_at,
)
from dexto_config.models.types import (
    AS_INTEGER,
    AS_NUMBER,
    UNSET,
    NonEmptyTrimmed,
    NonNegativeInt,
    Number,
    PassthroughModel,
    PositiveInt,
    PositiveNumber,
    StrictModel,
    check,
)
from dexto_config.models.unions import discriminator, tag

FieldSpec = tuple[Any, Any]
"""A pydantic field for `create_model`: (annotation, default)."""

StrList = list[StrictStr]
NonEmptyStrList = list[Annotated[StrictStr, Field(min_length=1)]]
MaxTimeout = Annotated[int, AS_INTEGER, Field(gt=0, le=600_000)]
ThresholdPercent = Annotated[float, AS_NUMBER, Field(ge=0.1, le=1.0)]


# Typing forms subscripted with data: the choices differ per release and image.
_LITERAL: Any = Literal
_UNION: Any = Union
_ANNOTATED: Any = Annotated
_LIST: Any = list


def _one_of(values: tuple[str, ...]) -> Any:
    return _LITERAL[values]


def _tool_names(version: str, names: tuple[tuple[str, str], ...]) -> FieldSpec:
    return (_LIST[_one_of(names_at(version, names))], UNSET)


# --- tools -----------------------------------------------------------------


def _builtin_tools(version: str) -> dict[str, FieldSpec]:
    return {"enabledTools": _tool_names(version, BUILTIN_TOOLS)}


def _filesystem_tools(version: str) -> dict[str, FieldSpec]:
    return {
        "allowedPaths": (StrList, UNSET),
        "blockedPaths": (StrList, UNSET),
        "blockedExtensions": (StrList, UNSET),
        "maxFileSize": (PositiveInt, UNSET),
        "workingDirectory": (StrictStr, UNSET),
        "enableBackups": (StrictBool, UNSET),
        "backupPath": (StrictStr, UNSET),
        "backupRetentionDays": (PositiveInt, UNSET),
        "enabledTools": _tool_names(version, FILESYSTEM_TOOLS),
    }


def _process_tools(_version: str) -> dict[str, FieldSpec]:
    return {
        "securityLevel": (Literal["strict", "moderate", "permissive"], UNSET),
        "maxTimeout": (MaxTimeout, UNSET),
        "maxConcurrentProcesses": (PositiveInt, UNSET),
        "maxOutputBuffer": (PositiveInt, UNSET),
        "workingDirectory": (StrictStr, UNSET),
        "allowedCommands": (StrList, UNSET),
        "blockedCommands": (StrList, UNSET),
        "environment": (dict[str, StrictStr], UNSET),
    }


def _todo_tools(_version: str) -> dict[str, FieldSpec]:
    return {"maxTodosPerSession": (PositiveInt, UNSET), "enableEvents": (StrictBool, UNSET)}


def _plan_tools(version: str) -> dict[str, FieldSpec]:
    return {"basePath": (StrictStr, UNSET), "enabledTools": _tool_names(version, PLAN_TOOLS)}


def _scheduler_tools(_version: str) -> dict[str, FieldSpec]:
    return {
        "timezone": (StrictStr, UNSET),
        "maxSchedules": (Number, UNSET),
        "executionTimeout": (Number, UNSET),
        "maxExecutionHistory": (Number, UNSET),
    }


def _lifecycle_tools(version: str) -> dict[str, FieldSpec]:
    return {
        "enabledTools": _tool_names(version, LIFECYCLE_TOOLS),
        "maxLogLines": (PositiveInt, UNSET),
        "maxLogBytes": (PositiveInt, UNSET),
    }


def _creator_tools(version: str) -> dict[str, FieldSpec]:
    return {"enabledTools": _tool_names(version, CREATOR_TOOLS)}


def _agent_spawner(version: str) -> dict[str, FieldSpec]:
    timeout = NonNegativeInt if since(version, SPAWNER_TIMEOUT_ZERO_SINCE) else PositiveInt
    fields: dict[str, FieldSpec] = {
        "maxConcurrentAgents": (PositiveInt, UNSET),
        "defaultTimeout": (timeout, UNSET),
        "allowSpawning": (StrictBool, UNSET),
        "allowedAgents": (NonEmptyStrList, UNSET),
        "autoApproveAgents": (NonEmptyStrList, UNSET),
    }
    if since(version, SPAWNER_SUB_AGENT_OPTIONS_SINCE):
        fields["subAgentMaxIterations"] = (PositiveInt, UNSET)
        fields["subAgentReasoningVariant"] = (NonEmptyTrimmed, UNSET)
    return fields


FieldsAt = Callable[[str], dict[str, FieldSpec]]

_TOOL_FACTORIES: tuple[tuple[str, str, FieldsAt], ...] = (
    ("builtin-tools", "1.6.0", _builtin_tools),
    ("filesystem-tools", "1.6.0", _filesystem_tools),
    ("process-tools", "1.6.0", _process_tools),
    ("todo-tools", "1.6.0", _todo_tools),
    ("plan-tools", "1.6.0", _plan_tools),
    ("scheduler-tools", "1.6.0", _scheduler_tools),
    ("lifecycle-tools", "1.6.0", _lifecycle_tools),
    ("creator-tools", CREATOR_TOOLS_SINCE, _creator_tools),
    ("agent-spawner", "1.6.0", _agent_spawner),
)

# --- hooks -----------------------------------------------------------------


def _content_policy(_version: str) -> dict[str, FieldSpec]:
    return {
        "maxInputChars": (PositiveInt, UNSET),
        "redactEmails": (StrictBool, UNSET),
        "redactApiKeys": (StrictBool, UNSET),
    }


def _response_sanitizer(_version: str) -> dict[str, FieldSpec]:
    return {
        "redactEmails": (StrictBool, UNSET),
        "redactApiKeys": (StrictBool, UNSET),
        "maxResponseLength": (PositiveInt, UNSET),
    }


def _request_logger(_version: str) -> dict[str, FieldSpec]:
    return {"logDir": (StrictStr, UNSET), "logFileName": (StrictStr, UNSET)}


_LOCAL_HOOKS: tuple[tuple[str, FieldsAt], ...] = (
    ("content-policy", _content_policy),
    ("response-sanitizer", _response_sanitizer),
)
_HOOKS_BY_IMAGE: Mapping[str, tuple[tuple[str, FieldsAt], ...]] = {
    LOCAL_IMAGE: _LOCAL_HOOKS,
    LOGGER_IMAGE: (*_LOCAL_HOOKS, ("request-logger", _request_logger)),
}

# --- compaction --------------------------------------------------------------


class _Compaction(StrictModel):
    enabled: StrictBool = True
    maxContextTokens: PositiveNumber = UNSET
    thresholdPercent: ThresholdPercent = UNSET


class ReactiveOverflowCompaction(_Compaction):
    """`ReactiveOverflowCompactionConfigSchema`."""

    type: Literal["reactive-overflow"]
    preserveLastNTurns: PositiveInt = UNSET
    maxSummaryTokens: PositiveInt = UNSET
    summaryPrompt: StrictStr = UNSET


class NoOpCompaction(_Compaction):
    """`NoOpCompactionConfigSchema`."""

    type: Literal["noop"]


# --- storage -----------------------------------------------------------------


# The database and cache factories take the 1.5.x backend shapes (packages/storage).
InMemoryCache = InMemoryDatabase = InMemoryBackend


class InMemoryBlobStore(StrictModel):
    """`InMemoryBlobStoreSchema`."""

    type: Literal["in-memory"]
    maxBlobSize: PositiveInt = UNSET
    maxTotalSize: PositiveInt = UNSET


class LocalBlobStore(StrictModel):
    """`LocalBlobStoreSchema` (enrichment gives `storePath` a per-agent default)."""

    type: Literal["local"]
    storePath: StrictStr
    maxBlobSize: PositiveInt = UNSET
    maxTotalSize: PositiveInt = UNSET
    cleanupAfterDays: PositiveInt = UNSET


# --- the check of one config ---------------------------------------------------


@cache  # one model per image and release, built on first use
def image_model(image: str, version: str) -> type[BaseModel]:
    """A model of the parts of an agent config that `image`'s factories check at `version`.

    `image` is LOCAL_IMAGE or LOGGER_IMAGE; the model accepts every other key.
    """
    where = f"for image {image} in Dexto {version}"
    tools = {
        name: _entry_model(name, fields(version))
        for name, first, fields in _TOOL_FACTORIES
        if since(version, first)
    }
    hooks = {name: _entry_model(name, fields(version)) for name, fields in _HOOKS_BY_IMAGE[image]}
    compaction: dict[str, type[BaseModel]] = {
        "reactive-overflow": ReactiveOverflowCompaction,
        "noop": NoOpCompaction,
    }
    enrichment = BeforeValidator(_path_enrichment(version))
    backends: dict[str, Any] = {
        kind: (_ANNOTATED[_by_type(variants, f"{label} type {where}"), enrichment], UNSET)
        for kind, label, variants in _STORAGE_BACKENDS
    }
    storage = create_model("ImageStorage", __base__=PassthroughModel, **backends)
    entries: dict[str, Any] = {
        "storage": (storage, UNSET),
        "tools": (_LIST[_by_type(tools, f"tool type {where}", skip_disabled=True)], UNSET),
        "hooks": (_LIST[_by_type(hooks, f"hook type {where}", skip_disabled=True)], UNSET),
        "compaction": (
            _by_type(compaction, f"compaction type {where}", skip_disabled=True),
            UNSET,
        ),
    }
    return create_model("ImageConfig", __base__=PassthroughModel, **entries)


_STORAGE_BACKENDS: tuple[tuple[str, str, Mapping[str, type[BaseModel]]], ...] = (
    ("blob", "blob store", {"local": LocalBlobStore, "in-memory": InMemoryBlobStore}),
    (
        "database",
        "database",
        {"sqlite": SqliteDatabase, "postgres": PostgresDatabase, "in-memory": InMemoryDatabase},
    ),
    ("cache", "cache", {"in-memory": InMemoryCache, "redis": RedisCache}),
)


class _Entry(StrictModel):
    # Dexto strips `enabled` before the factory's strict parse.
    enabled: StrictBool = UNSET


def _entry_model(type_name: str, fields: dict[str, FieldSpec]) -> type[BaseModel]:
    title = "".join(part.title() for part in type_name.split("-"))
    field_specs: dict[str, Any] = {"type": (_one_of((type_name,)), ...), **fields}
    return create_model(title, __base__=_Entry, **field_specs)


def _by_type(
    variants: Mapping[str, type[BaseModel]], what: str, *, skip_disabled: bool = False
) -> Any:
    """A union picked by `type`, as the image's factory lookup.

    With `skip_disabled`, an entry with `enabled: false` is accepted unchecked,
    as Dexto skips it before looking its factory up.
    """
    info = UnionInfo(what, "type", tuple(sorted(variants)), skip_disabled=skip_disabled)
    choices = [_ANNOTATED[model, tag(name)] for name, model in variants.items()]
    if skip_disabled:
        choices.append(_ANNOTATED[dict[str, Any], tag(SKIPPED)])
    return _ANNOTATED[_UNION[tuple(choices)], discriminator(info)]


def _path_enrichment(version: str) -> Callable[[Any], Any]:
    """Dexto's enrichment of a sqlite `path` / local `storePath` the file leaves unusable.

    1.6.0 replaces a falsy value (`path || default`); from 1.6.1 anything
    that is not a non-empty string.
    """
    if since(version, STORAGE_PATH_MUST_BE_STRING_SINCE):
        return check(checks.store_path_unless_string)
    return check(checks.store_path_if_falsy)
