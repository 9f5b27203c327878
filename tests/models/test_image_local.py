"""Table-driven tests of image-local's defaults merge and factory checks per Dexto release."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion

from dexto_config.models.image_local import (
    DEFAULT_IMAGE,
    apply_image_defaults,
    bundled_image,
    image_issues,
    prompt_origins,
    selected_image,
)
from dexto_config.yamlio.fast import parse

Path_ = tuple[str | int, ...]
RELEASES = ("1.6.0", "1.6.2", "1.8.0", "1.10.4")
LOGGER_IMAGE = "@dexto/image-logger-agent"


def tools(*entries: dict[str, Any]) -> dict[str, Any]:
    return {"tools": list(entries)}


def hooks(*entries: dict[str, Any], image: str | None = None) -> dict[str, Any]:
    config: dict[str, Any] = {"hooks": list(entries)}
    if image is not None:
        config["image"] = image
    return config


def storage(**backends: dict[str, Any]) -> dict[str, Any]:
    return {"storage": backends}


def compaction(**fields: Any) -> dict[str, Any]:
    return {"compaction": fields}


def issue_paths(config: dict[str, Any], version: str) -> list[Path_]:
    return [issue.path for issue in image_issues(config, version)]


# (config, version, paths of the expected issues); [] means accepted.
FACTORY_CASES = [
    # builtin-tools
    pytest.param(
        tools({"type": "builtin-tools", "enabledTools": ["ask_user", "web_search"]}),
        "1.6.0",
        [],
        id="builtin-names",
    ),
    pytest.param(
        tools({"type": "builtin-tools", "enabledTools": ["ask_user", "search_history"]}),
        "1.10.4",
        [("tools", 0, "enabledTools", 1)],
        id="builtin-search-history-moved-to-lifecycle",
    ),
    pytest.param(
        tools({"type": "builtin-tools", "enabledTools": ["internal--ask_user"]}),
        "1.6.0",
        [("tools", 0, "enabledTools", 0)],
        id="builtin-old-internal-prefix",
    ),
    pytest.param(
        tools({"type": "builtin-tools", "enabledTools": ["read_skill"]}),
        "1.6.2",
        [("tools", 0, "enabledTools", 0)],
        id="builtin-read-skill-before-1.8.0",
    ),
    pytest.param(
        tools({"type": "builtin-tools", "enabledTools": ["read_skill"]}),
        "1.8.0",
        [],
        id="builtin-read-skill-from-1.8.0",
    ),
    pytest.param(
        tools({"type": "builtin-tools", "maxOutputChars": 100}),
        "1.6.0",
        [("tools", 0, "maxOutputChars")],
        id="builtin-unknown-option",
    ),
    pytest.param(
        tools({"type": "builtin-tools", "enabled": True, "enabledTools": []}),
        "1.6.0",
        [],
        id="enabled-true-is-stripped",
    ),
    # filesystem-tools
    pytest.param(
        tools(
            {
                "type": "filesystem-tools",
                "allowedPaths": ["."],
                "blockedPaths": [".git"],
                "blockedExtensions": [".exe"],
                "maxFileSize": 1024,
                "workingDirectory": "/work",
                "enableBackups": True,
                "backupPath": "/tmp/backups",
                "backupRetentionDays": 7,
                "enabledTools": ["read_file", "grep_content"],
            }
        ),
        "1.6.0",
        [],
        id="filesystem-every-option",
    ),
    pytest.param(
        tools({"type": "filesystem-tools", "maxFileSize": 0, "allowedPaths": "."}),
        "1.6.0",
        [("tools", 0, "allowedPaths"), ("tools", 0, "maxFileSize")],
        id="filesystem-bad-values",
    ),
    pytest.param(
        tools({"type": "filesystem-tools", "enabledTools": ["read_media_file"]}),
        "1.6.21",
        [("tools", 0, "enabledTools", 0)],
        id="filesystem-read-media-file-before-1.6.22",
    ),
    pytest.param(
        tools({"type": "filesystem-tools", "enabledTools": ["read_media_file"]}),
        "1.6.22",
        [],
        id="filesystem-read-media-file-from-1.6.22",
    ),
    pytest.param(
        tools({"type": "filesystem-tools", "enabledTools": ["list_directory"]}),
        "1.10.4",
        [("tools", 0, "enabledTools", 0)],
        id="filesystem-unreleased-tool",
    ),
    # process-tools
    pytest.param(
        tools(
            {
                "type": "process-tools",
                "securityLevel": "strict",
                "maxTimeout": 600_000,
                "maxConcurrentProcesses": 2,
                "maxOutputBuffer": 1024,
                "workingDirectory": "/work",
                "allowedCommands": ["ls"],
                "blockedCommands": ["rm"],
                "environment": {"CI": "1"},
            }
        ),
        "1.8.0",
        [],
        id="process-every-option",
    ),
    pytest.param(
        tools(
            {
                "type": "process-tools",
                "securityLevel": "lax",
                "maxTimeout": 600_001,
                "environment": {"DEBUG": True},
            }
        ),
        "1.6.0",
        [
            ("tools", 0, "securityLevel"),
            ("tools", 0, "maxTimeout"),
            ("tools", 0, "environment", "DEBUG"),
        ],
        id="process-bad-values",
    ),
    # todo-tools, plan-tools, scheduler-tools, lifecycle-tools
    pytest.param(
        tools({"type": "todo-tools", "maxTodosPerSession": 10, "enableEvents": False}),
        "1.6.0",
        [],
        id="todo-options",
    ),
    pytest.param(
        tools({"type": "todo-tools", "maxTodosPerSession": 0}),
        "1.6.0",
        [("tools", 0, "maxTodosPerSession")],
        id="todo-zero-todos",
    ),
    pytest.param(
        tools({"type": "plan-tools", "basePath": "plans", "enabledTools": ["plan_read"]}),
        "1.6.0",
        [],
        id="plan-options",
    ),
    pytest.param(
        tools({"type": "plan-tools", "basePath": 3, "enabledTools": ["plan_delete"]}),
        "1.6.0",
        [("tools", 0, "basePath"), ("tools", 0, "enabledTools", 0)],
        id="plan-bad-values",
    ),
    pytest.param(
        tools({"type": "scheduler-tools", "timezone": "Europe/Paris", "maxSchedules": -1.5}),
        "1.6.0",
        [],
        id="scheduler-any-number",
    ),
    pytest.param(
        tools({"type": "scheduler-tools", "maxSchedules": "10", "executionTimeout": False}),
        "1.10.4",
        [("tools", 0, "maxSchedules"), ("tools", 0, "executionTimeout")],
        id="scheduler-not-numbers",
    ),
    pytest.param(
        tools({"type": "lifecycle-tools", "enabledTools": ["search_history", "view_logs"]}),
        "1.6.0",
        [],
        id="lifecycle-search-history",
    ),
    pytest.param(
        tools({"type": "lifecycle-tools", "maxLogLines": 0, "maxLogBytes": 1.5}),
        "1.6.0",
        [("tools", 0, "maxLogLines"), ("tools", 0, "maxLogBytes")],
        id="lifecycle-bad-limits",
    ),
    # creator-tools
    pytest.param(
        tools({"type": "creator-tools"}),
        "1.6.0",
        [("tools", 0, "type")],
        id="creator-before-1.6.2",
    ),
    pytest.param(
        tools({"type": "creator-tools", "enabledTools": ["skill_create", "tool_catalog"]}),
        "1.6.2",
        [],
        id="creator-from-1.6.2",
    ),
    pytest.param(
        tools({"type": "creator-tools", "enabledTools": ["skill_refresh"]}),
        "1.6.17",
        [("tools", 0, "enabledTools", 0)],
        id="creator-skill-refresh-before-1.6.18",
    ),
    pytest.param(
        tools({"type": "creator-tools", "enabledTools": ["skill_refresh"]}),
        "1.6.18",
        [],
        id="creator-skill-refresh-from-1.6.18",
    ),
    # agent-spawner
    pytest.param(
        tools(
            {
                "type": "agent-spawner",
                "maxConcurrentAgents": 2,
                "defaultTimeout": 1000,
                "allowSpawning": True,
                "allowedAgents": ["explore-agent"],
                "autoApproveAgents": ["explore-agent"],
            }
        ),
        "1.6.0",
        [],
        id="spawner-options",
    ),
    pytest.param(
        tools({"type": "agent-spawner", "defaultTimeout": 0}),
        "1.6.0",
        [("tools", 0, "defaultTimeout")],
        id="spawner-no-timeout-before-1.6.1",
    ),
    pytest.param(
        tools({"type": "agent-spawner", "defaultTimeout": 0}),
        "1.6.1",
        [],
        id="spawner-no-timeout-from-1.6.1",
    ),
    pytest.param(
        tools({"type": "agent-spawner", "subAgentMaxIterations": 50}),
        "1.6.1",
        [("tools", 0, "subAgentMaxIterations")],
        id="spawner-sub-agent-options-before-1.6.2",
    ),
    pytest.param(
        tools(
            {
                "type": "agent-spawner",
                "subAgentMaxIterations": 50,
                "subAgentReasoningVariant": "low",
            }
        ),
        "1.6.2",
        [],
        id="spawner-sub-agent-options-from-1.6.2",
    ),
    pytest.param(
        tools({"type": "agent-spawner", "subAgentReasoningVariant": "  ", "allowedAgents": [""]}),
        "1.10.4",
        [("tools", 0, "subAgentReasoningVariant"), ("tools", 0, "allowedAgents", 0)],
        id="spawner-empty-names",
    ),
    # tool types
    pytest.param(
        tools({"type": "builtin-tools"}, {"type": "custom--weather"}),
        "1.6.0",
        [("tools", 1, "type")],
        id="unknown-tool-type",
    ),
    pytest.param(
        tools({"type": "custom--weather", "enabled": False, "anything": 1}),
        "1.6.0",
        [],
        id="disabled-entry-unchecked",
    ),
    # hooks
    pytest.param(
        hooks(
            {"type": "content-policy", "maxInputChars": 1000, "redactEmails": True},
            {"type": "response-sanitizer", "redactApiKeys": True, "maxResponseLength": 500},
        ),
        "1.6.0",
        [],
        id="hooks-options",
    ),
    pytest.param(
        hooks({"type": "content-policy", "priority": 1, "blocking": True}),
        "1.6.0",
        [("hooks", 0, "priority"), ("hooks", 0, "blocking")],
        id="hook-leftover-plugin-options",
    ),
    pytest.param(
        hooks({"type": "response-sanitizer", "maxResponseLength": 0}),
        "1.10.4",
        [("hooks", 0, "maxResponseLength")],
        id="hook-bad-limit",
    ),
    pytest.param(
        hooks({"type": "request-logger", "logDir": "/tmp/logs"}),
        "1.6.0",
        [("hooks", 0, "type")],
        id="request-logger-not-in-image-local",
    ),
    pytest.param(
        hooks({"type": "request-logger", "logDir": "/tmp/logs"}, image=LOGGER_IMAGE),
        "1.10.4",
        [],
        id="request-logger-in-logger-image",
    ),
    pytest.param(
        hooks({"type": "request-logger", "logFileName": 3}, image=LOGGER_IMAGE),
        "1.6.0",
        [("hooks", 0, "logFileName")],
        id="request-logger-bad-option",
    ),
    pytest.param(
        hooks({"type": "audit", "enabled": False}),
        "1.6.0",
        [],
        id="disabled-hook-unchecked",
    ),
    # storage
    pytest.param(
        storage(
            blob={"type": "local", "storePath": "/data/blobs", "cleanupAfterDays": 3},
            database={"type": "sqlite", "path": "/data/agent.db", "maxConnections": 1},
            cache={"type": "in-memory"},
        ),
        "1.6.0",
        [],
        id="storage-local",
    ),
    pytest.param(
        storage(blob={"type": "local"}, database={"type": "sqlite", "path": ""}),
        "1.10.4",
        [],
        id="storage-paths-from-enrichment",
    ),
    pytest.param(
        storage(database={"type": "sqlite", "path": 5}),
        "1.6.0",
        [("storage", "database", "path")],
        id="sqlite-path-number-1.6.0",
    ),
    pytest.param(
        storage(database={"type": "sqlite", "path": 5}),
        "1.6.1",
        [],
        id="sqlite-path-number-replaced-from-1.6.1",
    ),
    pytest.param(
        storage(
            blob={"type": "in-memory", "maxBlobSize": 1024},
            database={"type": "postgres", "url": "$DATABASE_URL", "keyPrefix": "dev:"},
            cache={"type": "redis", "host": "localhost", "port": 6379, "database": 0},
        ),
        "1.8.0",
        [],
        id="storage-services",
    ),
    pytest.param(
        storage(database={"type": "postgres", "port": 5432}, cache={"type": "redis", "url": ""}),
        "1.6.0",
        # an absent key is reported at its mapping, an empty one at the value
        [("storage", "database"), ("storage", "cache", "url")],
        id="storage-connection-missing",
    ),
    pytest.param(
        storage(
            blob={"type": "s3", "bucket": "b"},
            database={"type": "mysql"},
            cache={"type": "memory"},
        ),
        "1.10.4",
        [
            ("storage", "blob", "type"),
            ("storage", "database", "type"),
            ("storage", "cache", "type"),
        ],
        id="storage-unknown-types",
    ),
    pytest.param(
        storage(
            blob={"type": "in-memory", "storePath": "/x"}, cache={"type": "in-memory", "ttl": 5}
        ),
        "1.6.0",
        [("storage", "blob", "storePath"), ("storage", "cache", "ttl")],
        id="storage-unknown-options",
    ),
    # compaction
    pytest.param(
        compaction(type="reactive-overflow", preserveLastNTurns=3, summaryPrompt="{conversation}"),
        "1.6.0",
        [],
        id="compaction-reactive-overflow",
    ),
    pytest.param(
        compaction(type="noop", preserveLastNTurns=3),
        "1.6.0",
        [("compaction", "preserveLastNTurns")],
        id="compaction-noop-takes-no-strategy-options",
    ),
    pytest.param(
        compaction(type="reactive-overflow", maxSummaryTokens=0, strategy="x"),
        "1.10.4",
        [("compaction", "maxSummaryTokens"), ("compaction", "strategy")],
        id="compaction-bad-options",
    ),
    pytest.param(
        compaction(type="sliding-window"),
        "1.6.0",
        [("compaction", "type")],
        id="compaction-unknown-type",
    ),
    pytest.param(
        compaction(type="sliding-window", enabled=False),
        "1.6.0",
        [],
        id="compaction-disabled-unchecked",
    ),
    # images
    pytest.param(
        {"image": "@acme/image-cloud", **tools({"type": "unknown"})},
        "1.10.4",
        [("image",)],
        id="unknown-image-stops-before-factories",
    ),
    pytest.param({"image": "./my-image"}, "1.6.0", [("image",)], id="image-path"),
    pytest.param({"image": "@dexto/image-local@1.6.0"}, "1.6.0", [], id="image-with-version"),
    pytest.param({"image": ""}, "1.6.0", [], id="empty-image-means-default"),
    pytest.param({"image": "@acme/image-cloud"}, "1.5.8", [], id="no-image-stage-before-1.6.0"),
    pytest.param(
        tools({"type": "internal-tools"}),
        "1.5.6",
        [],
        id="no-factories-before-1.6.0",
    ),
]


@pytest.mark.parametrize(("config", "version", "expected"), FACTORY_CASES)
def test_factory_checks(config: dict[str, Any], version: str, expected: list[Path_]) -> None:
    assert sorted(issue_paths(config, version), key=repr) == sorted(expected, key=repr)


def test_messages(snapshot: SnapshotAssertion) -> None:
    config = {
        **tools(
            {"type": "builtin-tools", "enabledTools": ["search_history", "internal--ask_user"]},
            {"type": "filesystem-tools", "enabledTools": ["read_media_file", "find_paths"]},
            {"type": "internal-tools"},
            {"type": "agent-spawner", "defaultTimeout": 0},
        ),
        **hooks({"type": "content-policy", "priority": 1}),
        **storage(database={"type": "postgres", "password": "s3cret"}, cache={"type": "memory"}),
        **compaction(type="noop", maxSummaryTokens=10),
    }
    unloadable = {"image": "@acme/image-cloud"}
    messages = {
        version: [issue.message for issue in image_issues(config, version)]
        for version in ("1.6.0", "1.10.4")
    }
    messages["unknown image"] = [issue.message for issue in image_issues(unloadable, "1.10.4")]
    assert not any("s3cret" in text for texts in messages.values() for text in texts)
    assert messages == snapshot


# --- the defaults merge --------------------------------------------------------

PLAN_PROMPT_ID = "dexto-plan-mode"
IMAGE_LOCAL_TOOLS_1_6_0 = [
    "builtin-tools",
    "filesystem-tools",
    "process-tools",
    "todo-tools",
    "plan-tools",
    "scheduler-tools",
    "lifecycle-tools",
    "agent-spawner",
]
IMAGE_LOCAL_TOOLS_1_6_2 = [*IMAGE_LOCAL_TOOLS_1_6_0[:-1], "creator-tools", "agent-spawner"]
DEFAULT_STORAGE = {
    "blob": {"type": "local", "storePath": "./data/blobs"},
    "database": {"type": "sqlite", "path": "./data/agent.db"},
    "cache": {"type": "in-memory"},
}
LLM = {"provider": "openai", "model": "gpt-4o"}


def merged(config: dict[str, Any], version: str = "1.10.4", image: str | None = None) -> Any:
    return apply_image_defaults({"llm": LLM, **config}, image, version)


def tool_types(config: dict[str, Any]) -> list[str]:
    return [entry["type"] for entry in config["tools"]]


def prompt_keys(config: dict[str, Any]) -> list[str]:
    return [prompt.get("id") or prompt.get("file") for prompt in config["prompts"]]


MERGE_CASES = [
    pytest.param({}, "1.6.0", tool_types, IMAGE_LOCAL_TOOLS_1_6_0, id="tools-default-1.6.0"),
    pytest.param({}, "1.6.2", tool_types, IMAGE_LOCAL_TOOLS_1_6_2, id="tools-default-1.6.2"),
    pytest.param({"tools": []}, "1.6.0", tool_types, [], id="tools-empty-list-kept"),
    pytest.param(
        tools({"type": "todo-tools"}), "1.6.0", tool_types, ["todo-tools"], id="tools-replace"
    ),
    pytest.param({}, "1.6.0", lambda config: config["storage"], DEFAULT_STORAGE, id="storage"),
    pytest.param(
        storage(database={"type": "postgres", "url": "$DATABASE_URL"}),
        "1.6.0",
        lambda config: config["storage"],
        {**DEFAULT_STORAGE, "database": {"type": "postgres", "url": "$DATABASE_URL"}},
        id="storage-one-level-deep",
    ),
    pytest.param(
        {"storage": "in-memory"},
        "1.6.0",
        lambda config: config["storage"],
        "in-memory",
        id="storage-not-a-mapping-kept",
    ),
    pytest.param({}, "1.6.0", prompt_keys, [PLAN_PROMPT_ID], id="prompts-default"),
    pytest.param({"prompts": []}, "1.6.0", prompt_keys, [], id="prompts-cleared"),
    pytest.param(
        {"prompts": [{"type": "inline", "id": "review", "prompt": "Review."}]},
        "1.6.0",
        prompt_keys,
        [PLAN_PROMPT_ID, "review"],
        id="prompts-appended",
    ),
    pytest.param(
        {"prompts": [{"type": "inline", "id": PLAN_PROMPT_ID, "prompt": "Mine."}]},
        "1.6.0",
        lambda config: [prompt["prompt"] for prompt in config["prompts"]],
        ["Mine."],
        id="prompts-same-id-replaces",
    ),
    pytest.param(
        {
            "prompts": [
                {"type": "file", "file": "a.md", "namespace": "x"},
                {"type": "file", "file": "a.md"},
                {"type": "inline", "id": "dup", "prompt": "1"},
                {"type": "inline", "id": "dup", "prompt": "2"},
            ]
        },
        "1.6.0",
        lambda config: [
            (prompt["type"], prompt.get("namespace"), prompt.get("prompt"))
            for prompt in config["prompts"][1:]
        ],
        [("file", "x", None), ("file", None, None), ("inline", None, "2")],
        id="prompts-identity",
    ),
    pytest.param(
        {"prompts": {"enabled": True}},
        "1.6.0",
        lambda config: config["prompts"],
        {"enabled": True},
        id="prompts-not-a-list-kept",
    ),
    pytest.param(
        {},
        "1.6.2",
        lambda config: config["prompts"][0].get("disable-model-invocation"),
        True,
        id="plan-prompt-flag-before-1.8.0",
    ),
    pytest.param(
        {},
        "1.8.0",
        lambda config: "disable-model-invocation" in config["prompts"][0],
        False,
        id="plan-prompt-flag-dropped-1.8.0",
    ),
    pytest.param({}, "1.5.8", lambda config: sorted(config), ["llm"], id="before-1.6.0-unchanged"),
]


@pytest.mark.parametrize(("config", "version", "view", "expected"), MERGE_CASES)
def test_apply_image_defaults(
    config: dict[str, Any], version: str, view: Any, expected: Any
) -> None:
    assert view(merged(config, version)) == expected


@pytest.mark.parametrize(
    ("image", "expected_keys"),
    [
        pytest.param(None, ["llm", "prompts", "storage", "tools"], id="default-image"),
        pytest.param(LOGGER_IMAGE, ["llm", "prompts", "storage", "tools"], id="logger-image"),
        pytest.param("@acme/image-cloud", ["llm"], id="unloadable-image-no-defaults"),
    ],
)
def test_defaults_per_image(image: str | None, expected_keys: list[str]) -> None:
    assert sorted(merged({}, "1.6.0", image)) == expected_keys


@pytest.mark.parametrize(
    ("prompts", "version", "expected"),
    [
        pytest.param(None, "1.6.0", [None], id="image-prompt-only"),
        pytest.param([], "1.6.0", [], id="cleared"),
        pytest.param({"bad": 1}, "1.6.0", [], id="not-a-list"),
        pytest.param(
            [
                {"type": "inline", "id": "a", "prompt": "1"},
                {"type": "inline", "id": PLAN_PROMPT_ID, "prompt": "2"},
                {"type": "inline", "id": "a", "prompt": "3"},
                {"type": "file", "file": "b.md"},
            ],
            "1.6.0",
            [1, 2, 3],
            id="replaced-and-collapsed",
        ),
        pytest.param(
            [{"type": "inline", "id": "a", "prompt": "1"}],
            "1.5.8",
            [0],
            id="before-1.6.0",
        ),
    ],
)
def test_prompt_origins(prompts: Any, version: str, expected: list[int | None]) -> None:
    config: dict[str, Any] = {"llm": LLM}
    if prompts is not None:
        config["prompts"] = prompts
    origins = prompt_origins(config, None, version)
    assert origins == expected
    merged_prompts = apply_image_defaults(config, None, version).get("prompts", [])
    if isinstance(merged_prompts, list):
        pairs = list(zip(origins, merged_prompts, strict=True))
        assert all(prompt == prompts[origin] for origin, prompt in pairs if origin is not None)


def test_merge_never_mutates_or_shares() -> None:
    config = {"llm": dict(LLM), **storage(cache={"type": "redis", "host": "h"}), "prompts": []}
    original = copy.deepcopy(config)
    result = apply_image_defaults(config, None, "1.10.4")
    result["storage"]["cache"]["host"] = "changed"
    result["llm"]["model"] = "changed"
    assert config == original


def test_merged_defaults_pass_the_factories() -> None:
    for version in RELEASES:
        assert image_issues(apply_image_defaults({"llm": LLM}, None, version), version) == []


# --- image selection -------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "selected", "bundled"),
    [
        pytest.param({}, DEFAULT_IMAGE, DEFAULT_IMAGE, id="absent"),
        pytest.param({"image": ""}, DEFAULT_IMAGE, DEFAULT_IMAGE, id="empty"),
        pytest.param({"image": LOGGER_IMAGE}, LOGGER_IMAGE, LOGGER_IMAGE, id="logger"),
        pytest.param(
            {"image": " @dexto/image-local@1.2.3 "},
            " @dexto/image-local@1.2.3 ",
            DEFAULT_IMAGE,
            id="version-suffix-and-spaces",
        ),
        pytest.param({"image": "image-local"}, "image-local", None, id="unscoped-name"),
        pytest.param({"image": "   "}, "   ", None, id="blank"),
        pytest.param({"image": "@dexto"}, "@dexto", None, id="scope-only"),
    ],
)
def test_image_selection(config: dict[str, Any], selected: str, bundled: str | None) -> None:
    assert selected_image(config) == selected
    assert bundled_image(selected) == bundled


# --- the corpus ----------------------------------------------------------------

# The corpus verdicts stop after the schema and credential checks (stage `ok`):
# these files pass them but Dexto's factories refuse them when it creates the agent.
FACTORY_REFUSALS: dict[tuple[str, str], list[Path_]] = {
    **{
        # `cache: {type: memory}`: image-local's caches are `in-memory` and `redis`.
        ("agents/organized-file-storage-test--4e1024b44e.yml", version): [
            ("storage", "cache", "type")
        ]
        for version in ("1.6.0", "1.6.2", "1.8.0")
    },
    **{
        # `defaultTimeout: 0` (no timeout) is accepted from 1.6.1.
        (f"agents/coding-agent--{blob}.yml", "1.6.0"): [("tools", 5, "defaultTimeout")]
        for blob in ("13cf64f35e", "7ee40b0a44", "15e7fce0dd", "9c3c8a81f5", "fb4b886dbb")
    },
    **{
        # `list_directory` and `find_paths` come from a branch no release includes.
        (f"agents/explore-agent--{blob}.yml", version): [
            ("tools", 0, "enabledTools", 1),
            ("tools", 0, "enabledTools", 2),
        ]
        for blob in ("c03436ca3e", "0e8f603bdf")
        for version in RELEASES
    },
}


def test_corpus_verdicts(shared_dir: Path, report_figure: Any) -> None:
    corpus = shared_dir / "corpus"
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    checked = 0
    for entry in manifest["files"]:
        if entry["kind"] != "agent":
            continue
        data: Any = None
        for version in RELEASES:
            verdict = entry["verdicts"][version]
            if not verdict["valid"] and verdict.get("stage") != "image":
                continue
            if data is None:
                data = parse((corpus / entry["file"]).read_bytes()).data
            paths = issue_paths(data, version)
            if verdict["valid"]:
                assert paths == FACTORY_REFUSALS.get((entry["file"], version), []), entry["file"]
            else:
                assert ("image",) in paths, entry["file"]
            checked += 1
    assert checked > 0
    report_figure(
        f"image factories: {checked} valid corpus verdicts at 1.6.0-1.10.4 checked, "
        f"{len(FACTORY_REFUSALS)} refused by a factory after the schema"
    )
