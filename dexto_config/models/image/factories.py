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
    Discriminator,
    Field,
    StrictBool,
    StrictStr,
    Tag,
    create_model,
)

from dexto_config.models.agent import InMemoryBackend, PostgresDatabase, RedisCache, SqliteDatabase
from dexto_config.models.image import LOCAL_IMAGE, LOGGER_IMAGE
from dexto_config.models.image.releases import (
    CREATOR_TOOLS_SINCE,
    READ_MEDIA_FILE_SINCE,
    READ_SKILL_SINCE,
    SKILL_REFRESH_SINCE,
    SPAWNER_SUB_AGENT_OPTIONS_SINCE,
    SPAWNER_TIMEOUT_ZERO_SINCE,
    STORAGE_PATH_MUST_BE_STRING_SINCE,
    since,
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
)
from dexto_config.models.unions import TAG_MARK, UNION_ERROR, UNIONS, UnionInfo, tag

FieldSpec = tuple[Any, Any]
"""A pydantic field for `create_model`: (annotation, default)."""

# (name, first release offering it); order as in Dexto's name lists.
_BUILTIN_TOOLS = (
    ("ask_user", "1.6.0"),
    ("delegate_to_url", "1.6.0"),
    ("list_resources", "1.6.0"),
    ("get_resource", "1.6.0"),
    ("invoke_skill", "1.6.0"),
    ("read_skill", READ_SKILL_SINCE),
    ("http_request", "1.6.0"),
    ("sleep", "1.6.0"),
    ("web_search", "1.6.0"),
    ("code_search", "1.6.0"),
)
_FILESYSTEM_TOOLS = (
    ("read_file", "1.6.0"),
    ("read_media_file", READ_MEDIA_FILE_SINCE),
    ("write_file", "1.6.0"),
    ("edit_file", "1.6.0"),
    ("glob_files", "1.6.0"),
    ("grep_content", "1.6.0"),
)
_PLAN_TOOLS = (
    ("plan_create", "1.6.0"),
    ("plan_read", "1.6.0"),
    ("plan_update", "1.6.0"),
    ("plan_review", "1.6.0"),
)
_LIFECYCLE_TOOLS = (
    ("view_logs", "1.6.0"),
    ("search_history", "1.6.0"),
    ("memory_list", "1.6.0"),
    ("memory_get", "1.6.0"),
    ("memory_create", "1.6.0"),
    ("memory_update", "1.6.0"),
    ("memory_delete", "1.6.0"),
)
_CREATOR_TOOLS = (
    ("skill_create", CREATOR_TOOLS_SINCE),
    ("skill_update", CREATOR_TOOLS_SINCE),
    ("skill_refresh", SKILL_REFRESH_SINCE),
    ("skill_search", CREATOR_TOOLS_SINCE),
    ("skill_list", CREATOR_TOOLS_SINCE),
    ("tool_catalog", CREATOR_TOOLS_SINCE),
)
_TOOL_NAMES_BY_FACTORY = (
    ("builtin-tools", _BUILTIN_TOOLS),
    ("filesystem-tools", _FILESYSTEM_TOOLS),
    ("plan-tools", _PLAN_TOOLS),
    ("lifecycle-tools", _LIFECYCLE_TOOLS),
    ("creator-tools", _CREATOR_TOOLS),
)
_OLD_TOOL_PREFIXES = ("internal--", "custom--")
_SKIPPED = TAG_MARK + "enabled: false"

StrList = list[StrictStr]
NonEmptyStrList = list[Annotated[StrictStr, Field(min_length=1)]]
MaxTimeout = Annotated[int, AS_INTEGER, Field(gt=0, le=600_000)]
ThresholdPercent = Annotated[float, AS_NUMBER, Field(ge=0.1, le=1.0)]


def names_at(version: str, names: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """The names of `names` that Dexto `version` offers."""
    return tuple(name for name, first in names if since(version, first))


def tool_name_hint(name: str, version: str) -> str | None:
    """Where a tool name that one factory refused belongs at `version`, if anywhere.

    Covers the two 1.6.0 moves (names lost their `internal--`/`custom--`
    prefix; `search_history` went from the built-ins to `lifecycle-tools`)
    and names that a later release adds.
    """
    for prefix in _OLD_TOOL_PREFIXES:
        if name.startswith(prefix):
            bare = name.removeprefix(prefix)
            return f"tool names have no '{prefix}' prefix since Dexto 1.6.0 (use '{bare}')"
    for factory, names in _TOOL_NAMES_BY_FACTORY:
        for known, first in names:
            if known != name:
                continue
            if not since(version, first):
                return f"'{name}' ({factory}) needs Dexto {first} or later"
            return f"'{name}' is a {factory} tool: list it in a {factory} entry"
    return None


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
    return {"enabledTools": _tool_names(version, _BUILTIN_TOOLS)}


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
        "enabledTools": _tool_names(version, _FILESYSTEM_TOOLS),
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
    return {"basePath": (StrictStr, UNSET), "enabledTools": _tool_names(version, _PLAN_TOOLS)}


def _scheduler_tools(_version: str) -> dict[str, FieldSpec]:
    return {
        "timezone": (StrictStr, UNSET),
        "maxSchedules": (Number, UNSET),
        "executionTimeout": (Number, UNSET),
        "maxExecutionHistory": (Number, UNSET),
    }


def _lifecycle_tools(version: str) -> dict[str, FieldSpec]:
    return {
        "enabledTools": _tool_names(version, _LIFECYCLE_TOOLS),
        "maxLogLines": (PositiveInt, UNSET),
        "maxLogBytes": (PositiveInt, UNSET),
    }


def _creator_tools(version: str) -> dict[str, FieldSpec]:
    return {"enabledTools": _tool_names(version, _CREATOR_TOOLS)}


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
    UNIONS[what] = UnionInfo(what, "type", tuple(sorted(variants)))

    def pick(data: Any) -> str | None:
        if not isinstance(data, dict):
            return None
        if skip_disabled and data.get("enabled") is False:
            return _SKIPPED
        value = data.get("type")
        return TAG_MARK + value if isinstance(value, str) and value in variants else None

    choices = [_ANNOTATED[model, tag(name)] for name, model in variants.items()]
    if skip_disabled:
        choices.append(_ANNOTATED[dict[str, Any], Tag(_SKIPPED)])
    discriminator = Discriminator(pick, custom_error_type=UNION_ERROR, custom_error_message=what)
    return _ANNOTATED[_UNION[tuple(choices)], discriminator]


def _path_enrichment(version: str) -> Callable[[Any], Any]:
    """Dexto's enrichment of a sqlite `path` / local `storePath` the file leaves unusable.

    1.6.0 replaces a falsy value (`path || default`); from 1.6.1 anything
    that is not a non-empty string.
    """
    keys = {"sqlite": "path", "local": "storePath"}
    strict = since(version, STORAGE_PATH_MUST_BE_STRING_SINCE)

    def enrich(data: Any) -> Any:
        if not isinstance(data, dict) or data.get("type") not in keys:
            return data
        key = keys[data["type"]]
        value = data.get(key)
        usable = (isinstance(value, str) and value != "") if strict else _js_truthy(value)
        return data if usable else {**data, key: "<per-agent default>"}

    return enrich


def _js_truthy(value: Any) -> bool:
    if value is None or value is False or value == "":
        return False
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value != 0
    return True
