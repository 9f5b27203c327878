"""Agent config models, shared by schema versions 1.5.4 and 1.5.6.

Mirrors Dexto's `AgentConfigSchema` (the dumps of both releases differ only
in two descriptions). Objects are strict unless Dexto's are passthrough
(`storage.blob`, `compaction`, built-in plugins, `customTools` entries,
`agentCard.metadata`) or plain (`telemetry`, whose unknown keys are dropped).
The business rules Dexto applies in refinements live here as validators.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StrictBool, StrictStr

from dexto_config.models import rules
from dexto_config.models.checks import BASE_URL_REQUIRED
from dexto_config.models.types import (
    AS_NUMBER,
    BASE_URL_UNSUPPORTED,
    UNSET,
    AbsolutePath,
    Email,
    EnvNonEmpty,
    EnvUrl,
    Int,
    JsPositiveInt,
    JsUnitInterval,
    NonEmptyTrimmed,
    NonNegativeInt,
    Number,
    OptionalUrl,
    OtlpEndpoint,
    PassthroughModel,
    PositiveInt,
    PositiveNumber,
    Provider,
    ReasoningEffort,
    StrictModel,
    StripModel,
    Url,
    model_rule,
)
from dexto_config.models.unions import by_key, by_shape, tag

StrList = list[StrictStr]

# --- systemPrompt -------------------------------------------------------------


class _Contributor(StrictModel):
    id: StrictStr
    priority: NonNegativeInt
    enabled: StrictBool = True


class StaticContributor(_Contributor):
    type: Literal["static"]
    content: StrictStr


class DynamicContributor(_Contributor):
    type: Literal["dynamic"]
    source: Literal["date", "env", "resources"]


class FileContributorOptions(StrictModel):
    includeFilenames: StrictBool = True
    separator: StrictStr = "\n\n---\n\n"
    errorHandling: Literal["skip", "error"] = "skip"
    maxFileSize: PositiveInt = 100000
    includeMetadata: StrictBool = False


class FileContributor(_Contributor):
    type: Literal["file"]
    files: Annotated[list[AbsolutePath], Field(min_length=1)]
    options: FileContributorOptions = UNSET


Contributor = Annotated[
    Annotated[StaticContributor, tag("static")]
    | Annotated[DynamicContributor, tag("dynamic")]
    | Annotated[FileContributor, tag("file")],
    by_key("type", ("static", "dynamic", "file"), "contributor type"),
]


class SystemPromptConfig(StrictModel):
    contributors: Annotated[list[Contributor], Field(min_length=1)] = UNSET


SystemPrompt = Annotated[
    Annotated[StrictStr, tag("string")] | Annotated[SystemPromptConfig, tag("object")],
    by_shape("a string or a mapping with 'contributors'", text=True, mapping=True),
]

# --- llm ----------------------------------------------------------------------


def _provider_in(providers: tuple[str, ...]) -> dict[str, Any]:
    """A JSON Schema `if` matching an object whose provider is one of `providers`."""
    return {"properties": {"provider": {"enum": list(providers)}}, "required": ["provider"]}


class LLMConfig(StrictModel):
    """`llm`: Dexto coerces its numbers with JavaScript's `Number()`."""

    model_config = StrictModel.model_config | {
        "json_schema_extra": {
            "allOf": [
                {
                    "if": _provider_in(BASE_URL_REQUIRED),
                    "then": {
                        "required": ["baseURL"],
                        "properties": {"baseURL": {"pattern": r"\S"}},
                    },
                },
                {
                    "if": _provider_in(BASE_URL_UNSUPPORTED),
                    "then": {"properties": {"baseURL": {"pattern": r"^\s*$"}}},
                },
            ]
        }
    }

    provider: Provider
    model: NonEmptyTrimmed
    apiKey: StrictStr = UNSET
    maxIterations: JsPositiveInt = UNSET
    baseURL: OptionalUrl = UNSET
    maxInputTokens: JsPositiveInt = UNSET
    maxOutputTokens: JsPositiveInt = UNSET
    temperature: JsUnitInterval = UNSET
    allowedMediaTypes: StrList = UNSET
    reasoningEffort: ReasoningEffort = UNSET

    _base_url_fits_provider = model_rule(rules.seed_llm_base_url)


# --- agentCard ----------------------------------------------------------------

Transport = Literal["JSONRPC", "GRPC", "HTTP+JSON"]


class AgentSkill(StrictModel):
    id: StrictStr
    name: StrictStr
    description: StrictStr
    tags: StrList
    examples: StrList = UNSET
    inputModes: StrList = UNSET
    outputModes: StrList = UNSET


class AgentProvider(StrictModel):
    organization: StrictStr
    url: Url


class AgentInterface(StrictModel):
    url: Url
    transport: Transport


class AgentCapabilities(StrictModel):
    streaming: StrictBool = True
    pushNotifications: StrictBool = UNSET
    stateTransitionHistory: StrictBool = False


class ApiKeySecurityScheme(StrictModel):
    type: Literal["apiKey"]
    name: StrictStr
    in_: Literal["query", "header", "cookie"] = Field(alias="in")
    description: StrictStr = UNSET


class HttpSecurityScheme(StrictModel):
    type: Literal["http"]
    scheme: StrictStr
    bearerFormat: StrictStr = UNSET
    description: StrictStr = UNSET


class OAuth2Flow(StrictModel):
    authorizationUrl: Url = UNSET
    tokenUrl: Url = UNSET
    refreshUrl: Url = UNSET
    scopes: dict[str, StrictStr]


class OAuth2Flows(StrictModel):
    implicit: OAuth2Flow = UNSET
    password: OAuth2Flow = UNSET
    clientCredentials: OAuth2Flow = UNSET
    authorizationCode: OAuth2Flow = UNSET


class OAuth2SecurityScheme(StrictModel):
    type: Literal["oauth2"]
    flows: OAuth2Flows
    description: StrictStr = UNSET


class OpenIdConnectSecurityScheme(StrictModel):
    type: Literal["openIdConnect"]
    openIdConnectUrl: Url
    description: StrictStr = UNSET


class MutualTlsSecurityScheme(StrictModel):
    type: Literal["mutualTLS"]
    description: StrictStr = UNSET


SecurityScheme = Annotated[
    Annotated[ApiKeySecurityScheme, tag("apiKey")]
    | Annotated[HttpSecurityScheme, tag("http")]
    | Annotated[OAuth2SecurityScheme, tag("oauth2")]
    | Annotated[OpenIdConnectSecurityScheme, tag("openIdConnect")]
    | Annotated[MutualTlsSecurityScheme, tag("mutualTLS")],
    by_key(
        "type",
        ("apiKey", "http", "oauth2", "openIdConnect", "mutualTLS"),
        "security scheme type",
    ),
]


class AgentSignature(StrictModel):
    protected: StrictStr
    signature: StrictStr


class DextoAuthentication(StrictModel):
    schemes: StrList = UNSET
    credentials: StrictStr = UNSET


class DextoDelegation(StrictModel):
    protocol: Literal["dexto-v1", "http-simple", "a2a-jsonrpc", "mcp-http"]
    endpoint: StrictStr
    supportsSession: StrictBool
    supportsStreaming: StrictBool = UNSET


class DextoOwner(StrictModel):
    userId: StrictStr
    username: StrictStr
    email: Email = UNSET


class DextoMetadata(StrictModel):
    authentication: DextoAuthentication = UNSET
    delegation: DextoDelegation = UNSET
    owner: DextoOwner = UNSET


class AgentCardMetadata(PassthroughModel):
    dexto: DextoMetadata = UNSET


class AgentCard(StrictModel):
    protocolVersion: StrictStr = "0.3.0"
    name: StrictStr
    description: StrictStr
    url: Url
    version: StrictStr
    preferredTransport: Transport = "JSONRPC"
    defaultInputModes: StrList = UNSET
    defaultOutputModes: StrList = UNSET
    skills: list[AgentSkill] = UNSET
    provider: AgentProvider = UNSET
    iconUrl: Url = UNSET
    documentationUrl: Url = UNSET
    additionalInterfaces: list[AgentInterface] = UNSET
    capabilities: AgentCapabilities = UNSET
    securitySchemes: dict[str, SecurityScheme] = UNSET
    security: list[dict[str, StrList]] = UNSET
    supportsAuthenticatedExtendedCard: StrictBool = UNSET
    signatures: list[AgentSignature] = UNSET
    metadata: AgentCardMetadata = UNSET


# --- telemetry (plain Zod objects: unknown keys are dropped, not errors) ---------


class OtlpExport(StripModel):
    type: Literal["otlp"]
    protocol: Literal["grpc", "http"] = UNSET
    endpoint: OtlpEndpoint = UNSET
    headers: dict[str, StrictStr] = UNSET


class ConsoleExport(StripModel):
    type: Literal["console"]


TelemetryExport = Annotated[
    Annotated[OtlpExport, tag("otlp")] | Annotated[ConsoleExport, tag("console")],
    by_key("type", ("otlp", "console"), "telemetry export type"),
]


class Telemetry(StripModel):
    serviceName: StrictStr = UNSET
    enabled: StrictBool = UNSET
    tracerName: StrictStr = UNSET
    export: TelemetryExport = UNSET


# --- memories, tools ------------------------------------------------------------


class Memories(StrictModel):
    enabled: StrictBool = False
    priority: NonNegativeInt = 40
    includeTimestamps: StrictBool = False
    includeTags: StrictBool = True
    limit: PositiveInt = UNSET
    pinnedOnly: StrictBool = False


class ToolLimits(StrictModel):
    maxOutputChars: Number = UNSET
    maxLines: Number = UNSET
    maxLineLength: Number = UNSET


InternalTool = Literal[
    "search_history", "ask_user", "delegate_to_url", "list_resources", "get_resource"
]


class CustomTool(PassthroughModel):
    type: StrictStr


# --- mcpServers -----------------------------------------------------------------

ConnectionMode = Literal["strict", "lenient"]


class _McpServer(StrictModel):
    enabled: StrictBool = True
    timeout: JsPositiveInt = 30000
    connectionMode: ConnectionMode = "lenient"


class StdioServer(_McpServer):
    type: Literal["stdio"]
    command: EnvNonEmpty
    args: StrList = UNSET
    env: dict[str, StrictStr] = UNSET


class SseServer(_McpServer):
    type: Literal["sse"]
    url: EnvUrl
    headers: dict[str, StrictStr] = UNSET


class HttpServer(_McpServer):
    type: Literal["http"]
    url: EnvUrl
    headers: dict[str, StrictStr] = UNSET


McpServer = Annotated[
    Annotated[StdioServer, tag("stdio")]
    | Annotated[SseServer, tag("sse")]
    | Annotated[HttpServer, tag("http")],
    by_key("type", ("stdio", "sse", "http"), "MCP server type"),
]

# --- logger -----------------------------------------------------------------------


class SilentTransport(StrictModel):
    type: Literal["silent"]


class ConsoleTransport(StrictModel):
    type: Literal["console"]
    colorize: StrictBool = True


class FileTransport(StrictModel):
    type: Literal["file"]
    path: StrictStr
    maxSize: PositiveNumber = 10485760
    maxFiles: PositiveInt = 5


class UpstashTransport(StrictModel):
    type: Literal["upstash"]
    url: Url
    token: StrictStr
    listName: StrictStr = "dexto-logs"
    maxListLength: PositiveInt = 10000
    batchSize: PositiveInt = 100


LogTransport = Annotated[
    Annotated[SilentTransport, tag("silent")]
    | Annotated[ConsoleTransport, tag("console")]
    | Annotated[FileTransport, tag("file")]
    | Annotated[UpstashTransport, tag("upstash")],
    by_key("type", ("silent", "console", "file", "upstash"), "logger transport type"),
]


class Logger(StrictModel):
    level: Literal["debug", "info", "warn", "error", "silly"] = "error"
    transports: Annotated[list[LogTransport], Field(min_length=1)] = UNSET


# --- storage ----------------------------------------------------------------------


class _Backend(StrictModel):
    maxConnections: PositiveInt = UNSET
    idleTimeoutMillis: PositiveInt = UNSET
    connectionTimeoutMillis: PositiveInt = UNSET
    options: dict[str, Any] = UNSET


class InMemoryBackend(_Backend):
    type: Literal["in-memory"]


class RedisCache(_Backend):
    type: Literal["redis"]
    url: StrictStr = UNSET
    host: StrictStr = UNSET
    port: PositiveInt = UNSET
    password: StrictStr = UNSET
    database: NonNegativeInt = UNSET

    _has_connection = model_rule(rules.redis_connection)


class SqliteDatabase(_Backend):
    type: Literal["sqlite"]
    path: StrictStr


class PostgresDatabase(_Backend):
    type: Literal["postgres"]
    url: StrictStr = UNSET
    connectionString: StrictStr = UNSET
    host: StrictStr = UNSET
    port: PositiveInt = UNSET
    database: StrictStr = UNSET
    password: StrictStr = UNSET
    keyPrefix: StrictStr = UNSET

    _has_connection = model_rule(rules.postgres_connection)


CacheBackend = Annotated[
    Annotated[InMemoryBackend, tag("in-memory")] | Annotated[RedisCache, tag("redis")],
    by_key("type", ("in-memory", "redis"), "cache type"),
]
DatabaseBackend = Annotated[
    Annotated[InMemoryBackend, tag("in-memory")]
    | Annotated[SqliteDatabase, tag("sqlite")]
    | Annotated[PostgresDatabase, tag("postgres")],
    by_key("type", ("in-memory", "sqlite", "postgres"), "database type"),
]


class BlobStore(PassthroughModel):
    type: StrictStr


class Storage(StrictModel):
    cache: CacheBackend
    database: DatabaseBackend
    blob: BlobStore


# --- sessions, toolConfirmation, elicitation ----------------------------------------


class Sessions(StrictModel):
    maxSessions: PositiveInt = 100
    sessionTTL: PositiveInt = 3600000


class ToolPolicies(StrictModel):
    alwaysAllow: StrList = UNSET
    alwaysDeny: StrList = UNSET


class ToolConfirmation(StrictModel):
    mode: Literal["manual", "auto-approve", "auto-deny"] = "auto-approve"
    timeout: PositiveInt = UNSET
    allowedToolsStorage: Literal["memory", "storage"] = "storage"
    toolPolicies: ToolPolicies = UNSET


class Elicitation(StrictModel):
    enabled: StrictBool = False
    timeout: PositiveInt = UNSET


# --- internalResources ---------------------------------------------------------------

FileExtension = Annotated[StrictStr, Field(pattern=r"^\.[A-Za-z0-9][A-Za-z0-9._-]*$")]


class FilesystemResource(StrictModel):
    type: Literal["filesystem"]
    paths: Annotated[StrList, Field(min_length=1)]
    maxDepth: Annotated[float, AS_NUMBER, Field(ge=1, le=10)] = 3
    maxFiles: Annotated[float, AS_NUMBER, Field(ge=1, le=10000)] = 1000
    includeHidden: StrictBool = False
    includeExtensions: list[FileExtension] = UNSET


class BlobResource(StrictModel):
    type: Literal["blob"]


InternalResource = Annotated[
    Annotated[FilesystemResource, tag("filesystem")] | Annotated[BlobResource, tag("blob")],
    by_key("type", ("filesystem", "blob"), "internal resource type"),
]


class InternalResourcesConfig(StrictModel):
    enabled: StrictBool = UNSET
    resources: list[InternalResource] = UNSET


InternalResources = Annotated[
    Annotated[list[InternalResource], tag("list")]
    | Annotated[InternalResourcesConfig, tag("object")],
    by_shape("a list of resources or a mapping with 'resources'", mapping=True, items=True),
]

# --- prompts ------------------------------------------------------------------------


class InlinePrompt(StrictModel):
    type: Literal["inline"]
    id: Annotated[
        StrictStr, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    ]
    title: StrictStr = UNSET
    description: StrictStr = ""
    prompt: StrictStr
    category: StrictStr = "general"
    priority: Number = 0
    showInStarters: StrictBool = False


class FilePrompt(StrictModel):
    type: Literal["file"]
    file: StrictStr
    showInStarters: StrictBool = False


Prompt = Annotated[
    Annotated[InlinePrompt, tag("inline")] | Annotated[FilePrompt, tag("file")],
    by_key("type", ("inline", "file"), "prompt type"),
]

# --- plugins --------------------------------------------------------------------------


class BuiltinPlugin(PassthroughModel):
    priority: Int
    blocking: StrictBool = UNSET
    enabled: StrictBool = True


class CustomPlugin(StrictModel):
    name: StrictStr
    module: StrictStr
    enabled: StrictBool = True
    blocking: StrictBool
    priority: Int
    config: dict[str, Any] = UNSET


class RegistryPlugin(StrictModel):
    type: StrictStr
    enabled: StrictBool = True
    blocking: StrictBool
    priority: Int
    config: dict[str, Any] = UNSET


class Plugins(StrictModel):
    contentPolicy: BuiltinPlugin = UNSET
    responseSanitizer: BuiltinPlugin = UNSET
    custom: list[CustomPlugin] = UNSET
    registry: list[RegistryPlugin] = UNSET


class Compaction(PassthroughModel):
    type: StrictStr
    enabled: StrictBool = True
    maxContextTokens: PositiveNumber = UNSET
    thresholdPercent: Annotated[float, AS_NUMBER, Field(ge=0.1, le=1)] = 0.9


# --- the agent --------------------------------------------------------------------------


class AgentConfig(StrictModel):
    """A Dexto agent config file (schema versions 1.5.4 and 1.5.6)."""

    systemPrompt: SystemPrompt
    llm: LLMConfig
    agentCard: AgentCard = UNSET
    greeting: Annotated[StrictStr, Field(max_length=500)] = UNSET
    telemetry: Telemetry = UNSET
    memories: Memories = UNSET
    image: StrictStr = UNSET
    agentId: StrictStr = "coding-agent"
    mcpServers: dict[str, McpServer] = UNSET
    internalTools: list[InternalTool] = UNSET
    customTools: list[CustomTool] = UNSET
    tools: dict[str, ToolLimits] = UNSET
    logger: Logger = UNSET
    storage: Storage = UNSET
    sessions: Sessions = UNSET
    toolConfirmation: ToolConfirmation = UNSET
    elicitation: Elicitation = UNSET
    internalResources: InternalResources = UNSET
    prompts: list[Prompt] = UNSET
    plugins: Plugins = UNSET
    compaction: Compaction = UNSET
