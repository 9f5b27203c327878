"""Table-driven tests of the agent shape and Dexto's business rules (DESIGN §3.1)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from dexto_config.kinds import FileKind
from dexto_config.models import IssueKind, SchemaIssue, validate_document

BASE: dict[str, Any] = {
    "systemPrompt": "You are helpful.",
    "llm": {"provider": "openai", "model": "gpt-5-mini"},
}
AGENT_FILE = Path("/home/ada/agents/helper/helper.yml")


def agent(**sections: Any) -> dict[str, Any]:
    """The minimal valid agent with `sections` replacing or adding top-level keys."""
    data = copy.deepcopy(BASE)
    data.update(sections)
    return data


def llm(**fields: Any) -> dict[str, Any]:
    return agent(llm={**BASE["llm"], **fields})


def validate(data: Any, version: str = "1.5.4") -> list[SchemaIssue]:
    return validate_document(FileKind.AGENT, version, data, source_path=AGENT_FILE)


VALID = [
    pytest.param(agent(), id="minimal"),
    pytest.param(llm(temperature="0.5"), id="number-string-coerced"),
    pytest.param(llm(maxIterations=True), id="number-true-coerced"),
    pytest.param(llm(maxIterations="0x10"), id="number-hex-coerced"),
    pytest.param(llm(maxIterations=[5]), id="number-one-element-list-coerced"),
    pytest.param(llm(temperature=""), id="number-empty-string-is-zero"),
    pytest.param(llm(temperature=[]), id="number-empty-list-is-zero"),
    pytest.param(llm(maxOutputTokens=4096.0), id="integral-float-is-integer"),
    pytest.param(llm(apiKey="sk-literal-secret"), id="literal-api-key-accepted"),
    pytest.param(llm(apiKey="$OPENAI_API_KEY"), id="api-key-reference"),
    pytest.param(llm(temperature=None), id="null-dropped"),
    pytest.param(llm(temperature=float("inf")), id="inf-becomes-null-and-dropped"),
    pytest.param(llm(baseURL="   "), id="blank-baseurl-is-unset"),
    pytest.param(
        llm(provider="ollama", baseURL="localhost:11434"), id="baseurl-scheme-less-whatwg-url"
    ),
    pytest.param(
        llm(provider="openai-compatible", baseURL="http://localhost:8000/v1"),
        id="baseurl-required-present",
    ),
    pytest.param(
        agent(mcpServers={"a": {"type": "http", "url": "$MCP_URL"}}), id="mcp-url-env-whole"
    ),
    pytest.param(
        agent(mcpServers={"a": {"type": "sse", "url": "http://localhost:${PORT}/sse"}}),
        id="mcp-url-env-port",
    ),
    pytest.param(
        agent(mcpServers={"a": {"type": "stdio", "command": "npx", "timeout": "1000"}}),
        id="mcp-timeout-coerced",
    ),
    pytest.param(
        agent(mcpServers={"a": {"type": "stdio", "command": "$MCP_COMMAND"}}),
        id="mcp-command-env",
    ),
    pytest.param(
        agent(
            systemPrompt={
                "contributors": [
                    {
                        "id": "docs",
                        "type": "file",
                        "priority": 1,
                        "files": ["${{dexto.agent_dir}}/docs/a.md"],
                    }
                ]
            }
        ),
        id="file-contributor-agent-dir",
    ),
    pytest.param(
        agent(
            storage={
                "cache": {"type": "in-memory"},
                "database": {"type": "sqlite"},
                "blob": {"type": "local"},
            }
        ),
        id="sqlite-path-enriched",
    ),
    pytest.param(
        agent(
            storage={
                "cache": {"type": "in-memory"},
                "database": {"type": "sqlite", "path": ""},
                "blob": {"type": "x"},
            }
        ),
        id="sqlite-empty-path-enriched",
    ),
    pytest.param(agent(logger=False), id="falsy-logger-replaced-by-enrichment"),
    pytest.param(agent(agentId=42), id="agent-id-overwritten-by-enrichment"),
    pytest.param(
        agent(
            storage={
                "cache": {"type": "in-memory"},
                "database": {"type": "in-memory"},
                "blob": {"type": "s3", "bucket": "b"},
            }
        ),
        id="blob-accepts-unknown-keys",
    ),
    pytest.param(
        agent(compaction={"type": "reactive-overflow", "preserveLastN": 2}),
        id="compaction-accepts-unknown-keys",
    ),
    pytest.param(
        agent(plugins={"contentPolicy": {"priority": 1, "maxInputChars": 9}}),
        id="content-policy-accepts-unknown-keys",
    ),
    pytest.param(
        agent(customTools=[{"type": "plan-tools", "basePath": "x"}]),
        id="custom-tool-accepts-unknown-keys",
    ),
    pytest.param(
        agent(telemetry={"enabled": True, "sampling": {"type": "ratio"}}),
        id="telemetry-drops-unknown-keys",
    ),
    pytest.param(
        agent(
            agentCard={
                "name": "a",
                "description": "d",
                "url": "https://a.example",
                "version": "1",
                "metadata": {"team": "x"},
            }
        ),
        id="agent-card-metadata-accepts-unknown-keys",
    ),
    pytest.param(
        agent(telemetry={"export": {"type": "otlp", "endpoint": "collector:4318"}}),
        id="otlp-host-port",
    ),
    pytest.param(agent(internalResources=[{"type": "blob"}]), id="internal-resources-list"),
    pytest.param(
        agent(internalResources={"enabled": True, "resources": []}), id="internal-resources-object"
    ),
]


@pytest.mark.parametrize("data", VALID)
@pytest.mark.parametrize("version", ["1.5.4", "1.5.6"])
def test_valid(data: dict[str, Any], version: str) -> None:
    assert validate(data, version) == []


INVALID = [
    pytest.param(
        agent(starterPrompts=[]),
        ("starterPrompts",),
        IssueKind.UNKNOWN_KEY,
        "unknown key 'starterPrompts' in agent config",
        id="unknown-top-level",
    ),
    pytest.param(
        llm(router="vercel"),
        ("llm", "router"),
        IssueKind.UNKNOWN_KEY,
        "unknown key 'router' in llm",
        id="unknown-in-llm",
    ),
    pytest.param(
        agent(mcpServers={"fs": {"type": "stdio", "command": "npx", "cwd": "/"}}),
        ("mcpServers", "fs", "cwd"),
        IssueKind.UNKNOWN_KEY,
        "unknown key 'cwd' in mcpServers.fs",
        id="unknown-in-mcp-server",
    ),
    pytest.param(
        agent(
            agentCard={
                "name": "a",
                "description": "d",
                "url": "https://a.example",
                "version": "1",
                "metadata": {"dexto": {"owner": {"userId": "u", "username": "n", "x": 1}}},
            }
        ),
        ("agentCard", "metadata", "dexto", "owner", "x"),
        IssueKind.UNKNOWN_KEY,
        "unknown key 'x' in agentCard.metadata.dexto.owner",
        id="unknown-deep",
    ),
    pytest.param(
        {"llm": BASE["llm"]},
        (),
        IssueKind.MISSING_KEY,
        "missing required key 'systemPrompt' in agent config",
        id="missing-system-prompt",
    ),
    pytest.param(
        agent(llm={"provider": "openai"}),
        ("llm",),
        IssueKind.MISSING_KEY,
        "missing required key 'model' in llm",
        id="missing-model",
    ),
    pytest.param(
        agent(mcpServers={"a": {"command": "npx"}}),
        ("mcpServers", "a"),
        IssueKind.MISSING_KEY,
        "missing required key 'type' in mcpServers.a: expected one of stdio, sse, http",
        id="missing-union-tag",
    ),
    pytest.param(
        llm(provider="foo"),
        ("llm", "provider"),
        IssueKind.VALUE,
        "llm.provider: 'foo' is not a valid provider; expected one of openai, openai-compatible,",
        id="bad-provider",
    ),
    pytest.param(
        llm(model="  "),
        ("llm", "model"),
        IssueKind.VALUE,
        "llm.model: must not be empty",
        id="blank-model",
    ),
    pytest.param(
        llm(temperature="warm"),
        ("llm", "temperature"),
        IssueKind.VALUE,
        "llm.temperature: expected a number",
        id="number-not-numeric",
    ),
    pytest.param(
        llm(temperature="1_0"),
        ("llm", "temperature"),
        IssueKind.VALUE,
        "expected a number",
        id="number-underscore-not-js",
    ),
    pytest.param(
        llm(maxIterations=[1, 2]),
        ("llm", "maxIterations"),
        IssueKind.VALUE,
        "expected a number",
        id="number-two-element-list",
    ),
    pytest.param(
        llm(maxIterations=""),
        ("llm", "maxIterations"),
        IssueKind.VALUE,
        "must be greater than 0",
        id="empty-string-is-zero-not-positive",
    ),
    pytest.param(
        llm(maxIterations="2.5"),
        ("llm", "maxIterations"),
        IssueKind.VALUE,
        "expected an integer",
        id="number-not-integer",
    ),
    pytest.param(
        llm(temperature=2),
        ("llm", "temperature"),
        IssueKind.VALUE,
        "llm.temperature: must be at most 1",
        id="temperature-too-high",
    ),
    pytest.param(
        agent(sessions={"maxSessions": "10"}),
        ("sessions", "maxSessions"),
        IssueKind.VALUE,
        "expected a number",
        id="no-coercion-outside-llm",
    ),
    pytest.param(
        agent(memories={"enabled": "yes"}),
        ("memories", "enabled"),
        IssueKind.VALUE,
        "expected a boolean",
        id="yaml12-yes-is-a-string",
    ),
    pytest.param(
        agent(plugins=[]),
        ("plugins",),
        IssueKind.VALUE,
        "plugins: expected a mapping, got a list",
        id="list-for-mapping",
    ),
    pytest.param(
        agent(customTools={}),
        ("customTools",),
        IssueKind.VALUE,
        "customTools: expected a list, got a mapping",
        id="mapping-for-list",
    ),
    pytest.param(
        agent(internalTools=["read_file"]),
        ("internalTools", 0),
        IssueKind.VALUE,
        "internalTools[0]: 'read_file' is not a valid value in internalTools",
        id="bad-enum-in-list",
    ),
    pytest.param(
        llm(allowedMediaTypes=["image/*", None]),
        ("llm", "allowedMediaTypes", 1),
        IssueKind.VALUE,
        "expected a string, got null",
        id="null-in-list-kept",
    ),
    pytest.param(
        llm(baseURL="$LLM_URL", provider="openai-compatible"),
        ("llm", "baseURL"),
        IssueKind.VALUE,
        "not a valid URL",
        id="baseurl-env-not-expanded",
    ),
    pytest.param(
        llm(baseURL="https://proxy.example.com"),
        ("llm", "baseURL"),
        IssueKind.VALUE,
        "provider 'openai' does not take a baseURL",
        id="baseurl-unsupported",
    ),
    pytest.param(
        llm(provider="litellm"),
        ("llm",),
        IssueKind.MISSING_KEY,
        "missing required key 'baseURL' in llm",
        id="baseurl-required-missing",
    ),
    pytest.param(
        llm(provider="openai-compatible", baseURL=""),
        ("llm", "baseURL"),
        IssueKind.VALUE,
        "requires a baseURL",
        id="baseurl-required-empty",
    ),
    pytest.param(
        agent(mcpServers={"a": {"type": "http", "url": "composio-url"}}),
        ("mcpServers", "a", "url"),
        IssueKind.VALUE,
        "mcpServers.a.url: not a valid URL",
        id="mcp-url-placeholder",
    ),
    pytest.param(
        agent(mcpServers={"a": {"type": "http", "url": "http://localhost:99999"}}),
        ("mcpServers", "a", "url"),
        IssueKind.VALUE,
        "not a valid URL",
        id="mcp-url-bad-port",
    ),
    pytest.param(
        agent(mcpServers={"a": {"type": "stdio", "command": " "}}),
        ("mcpServers", "a", "command"),
        IssueKind.VALUE,
        "must not be empty",
        id="mcp-command-blank",
    ),
    pytest.param(
        agent(agentCard={"name": "a", "description": "d", "url": "$CARD_URL", "version": "1"}),
        ("agentCard", "url"),
        IssueKind.VALUE,
        "not a valid URL",
        id="agent-card-url-env-not-expanded",
    ),
    pytest.param(
        agent(telemetry={"export": {"type": "otlp", "endpoint": "$OTEL_ENDPOINT"}}),
        ("telemetry", "export", "endpoint"),
        IssueKind.VALUE,
        "not a valid endpoint",
        id="telemetry-endpoint-env-not-expanded",
    ),
    pytest.param(
        agent(
            systemPrompt={
                "contributors": [{"id": "d", "type": "file", "priority": 1, "files": ["docs/a.md"]}]
            }
        ),
        ("systemPrompt", "contributors", 0, "files", 0),
        IssueKind.VALUE,
        "must be absolute",
        id="file-contributor-relative",
    ),
    pytest.param(
        agent(
            systemPrompt={
                "contributors": [
                    {
                        "id": "d",
                        "type": "file",
                        "priority": 1,
                        "files": ["{{dexto.agent_dir}}/a.md"],
                    }
                ]
            }
        ),
        ("systemPrompt", "contributors", 0, "files", 0),
        IssueKind.VALUE,
        "must be absolute",
        id="file-contributor-template-missing-dollar",
    ),
    pytest.param(
        agent(greeting="Docs at ${{dexto.agent_dir}}/docs"),
        ("greeting",),
        IssueKind.VALUE,
        "leaves the agent directory",
        id="agent-dir-inside-longer-string",
    ),
    pytest.param(
        agent(image="${{dexto.agent_dir}}/../other"),
        ("image",),
        IssueKind.VALUE,
        "leaves the agent directory",
        id="agent-dir-parent-escape",
    ),
    pytest.param(
        agent(
            storage={
                "cache": {"type": "memcached"},
                "database": {"type": "in-memory"},
                "blob": {"type": "local"},
            }
        ),
        ("storage", "cache", "type"),
        IssueKind.VALUE,
        "'memcached' is not a valid cache type; expected one of in-memory, redis",
        id="bad-cache-type",
    ),
    pytest.param(
        agent(storage={"database": {"type": "in-memory"}, "blob": {"type": "local"}}),
        ("storage",),
        IssueKind.MISSING_KEY,
        "missing required key 'cache' in storage",
        id="storage-missing-cache",
    ),
    pytest.param(
        agent(
            storage={
                "cache": {"type": "redis"},
                "database": {"type": "in-memory"},
                "blob": {"type": "local"},
            }
        ),
        ("storage", "cache"),
        IssueKind.MISSING_KEY,
        "a redis cache needs 'url' or 'host'",
        id="redis-without-connection",
    ),
    pytest.param(
        agent(
            storage={
                "cache": {"type": "in-memory"},
                "database": {"type": "postgres", "url": ""},
                "blob": {"type": "local"},
            }
        ),
        ("storage", "database", "url"),
        IssueKind.VALUE,
        "a postgres database needs",
        id="postgres-empty-url",
    ),
    pytest.param(
        agent(systemPrompt=["a"]),
        ("systemPrompt",),
        IssueKind.VALUE,
        "expected a string or a mapping with 'contributors', got a list",
        id="system-prompt-list",
    ),
    pytest.param(
        agent(systemPrompt={"contributors": []}),
        ("systemPrompt", "contributors"),
        IssueKind.VALUE,
        "must have at least 1 item",
        id="contributors-empty",
    ),
    pytest.param(
        agent(greeting="x" * 501),
        ("greeting",),
        IssueKind.VALUE,
        "at most 500 characters",
        id="greeting-too-long",
    ),
    pytest.param(
        agent(prompts=[{"type": "inline", "id": "Bad Id", "prompt": "p"}]),
        ("prompts", 0, "id"),
        IssueKind.VALUE,
        "lowercase letters and digits",
        id="prompt-id-pattern",
    ),
    pytest.param(
        agent(schemaVersion="1.5.6"),
        ("schemaVersion",),
        IssueKind.UNKNOWN_KEY,
        "unknown key 'schemaVersion'",
        id="schema-version-key-is-unknown",
    ),
    pytest.param(
        ["a"],
        (),
        IssueKind.VALUE,
        "agent config: expected a mapping, got a list",
        id="root-not-mapping",
    ),
]


@pytest.mark.parametrize(("data", "path", "kind", "message"), INVALID)
def test_invalid(data: Any, path: tuple[str | int, ...], kind: IssueKind, message: str) -> None:
    issues = validate(data)
    assert len(issues) == 1, issues
    assert (issues[0].path, issues[0].kind) == (path, kind)
    assert message in issues[0].message


def test_api_key_value_never_in_messages() -> None:
    secret = "sk-live-should-never-be-printed"
    issues = validate(llm(apiKey=secret, provider="nope", temperature="x", extra=secret))
    assert issues
    assert all(secret not in issue.message for issue in issues)


@pytest.mark.parametrize(
    ("sqlite_path", "valid"),
    [pytest.param(0, True, id="falsy-replaced"), pytest.param(5, False, id="truthy-kept")],
)
def test_enrichment_replaces_only_falsy_sqlite_paths(sqlite_path: object, valid: bool) -> None:
    storage = {
        "cache": {"type": "in-memory"},
        "database": {"type": "sqlite", "path": sqlite_path},
        "blob": {"type": "local"},
    }
    issues = validate(agent(storage=storage))
    assert (issues == []) is valid
    assert all(issue.path == ("storage", "database", "path") for issue in issues)


def test_agent_dir_comes_from_source_path() -> None:
    data = agent(
        systemPrompt={
            "contributors": [
                {"id": "d", "type": "file", "priority": 1, "files": ["${{ dexto.agent_dir }}/a.md"]}
            ]
        }
    )
    assert validate_document(FileKind.AGENT, "1.5.6", data, source_path=None) == []
    assert validate_document(FileKind.AGENT, "1.5.6", data, source_path=Path("rel/agent.yml")) == []
