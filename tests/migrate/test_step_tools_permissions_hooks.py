"""Step 1.6.0: permissions, one tools list, resources, hooks (DESIGN §11.1)."""

from __future__ import annotations

import pytest
from syrupy.assertion import SnapshotAssertion

from dexto_config.migrate.step import RefusedMigration
from tests.conftest import FIXTURES
from tests.migrate.steps import run_steps

HEAD = "systemPrompt: You help.\nllm:\n  provider: openai\n  model: gpt-5-mini\n"


def _migrated(source: str, release: str = "1.5.6") -> str:
    return run_steps(source, release, "1.6.0")[0]


@pytest.mark.parametrize(
    ("source", "release", "expected"),
    [
        pytest.param(HEAD, "1.5.6", HEAD + "tools: []\n", id="no-tools-1.5.6-gets-none"),
        pytest.param(
            HEAD + "mcpServers: {}\ngreeting: hi\n",
            "1.5.8",
            HEAD + "mcpServers: {}\ntools: [{type: plan-tools}]\ngreeting: hi\n",
            id="no-tools-1.5.8-gets-plan-tools-beside-mcp",
        ),
        pytest.param(
            HEAD + "toolConfirmation:  # approvals\n  mode: manual\n  toolPolicies:\n"
            "    alwaysAllow: [internal--ask_user, 'custom--read_file', mcp--fs--read]\n"
            "tools: {}\n",
            "1.5.6",
            HEAD + "permissions:  # approvals\n  mode: manual\n  toolPolicies:\n"
            "    alwaysAllow: [ask_user, 'read_file', mcp--fs--read]\ntools: []\n",
            id="permissions-renamed-prefixes-dropped-empty-limits-map-replaced",
        ),
        pytest.param(
            HEAD + "# core tools\ninternalTools:\n  - ask_user # ask\n  - delegate_to_url\n",
            "1.5.6",
            HEAD + "# core tools\ntools:\n- type: builtin-tools\n  enabledTools:\n"
            "  - ask_user # ask\n  - delegate_to_url\n",
            id="internal-tools-items-keep-their-lines",
        ),
        pytest.param(
            HEAD + "internalTools:\n- ask_user\n- search_history\n",
            "1.5.7",
            HEAD + "tools:\n- type: builtin-tools\n  enabledTools:\n  - ask_user\n"
            "- type: lifecycle-tools\n  enabledTools:\n  - search_history\n- type: plan-tools\n",
            id="search-history-to-lifecycle-tools-compact-list",
        ),
        pytest.param(
            HEAD + "internalTools: [ask_user, search_history] # both\n",
            "1.5.6",
            HEAD + "tools: [{type: builtin-tools, enabledTools: [ask_user]}, "
            "{type: lifecycle-tools, enabledTools: [search_history]}] # both\n",
            id="flow-internal-tools",
        ),
        pytest.param(
            HEAD + "internalTools: []\n", "1.5.6", HEAD + "tools: []\n", id="empty-internal-tools"
        ),
        pytest.param(
            HEAD + "# internal\ninternalTools:\n  - ask_user\n\n# custom\ncustomTools:\n"
            "  - type: process-tools # shell\n    securityLevel: moderate\n",
            "1.5.6",
            HEAD + "\n# custom\ntools:\n  # internal\n  - type: builtin-tools\n    enabledTools:\n"
            "    - ask_user\n  - type: process-tools # shell\n    securityLevel: moderate\n",
            id="internal-and-custom-merge-with-comments",
        ),
        pytest.param(
            HEAD + "# internal\ninternalTools: [ask_user]\ncustomTools:\n  - type: todo-tools\n",
            "1.5.6",
            HEAD + "# internal\ntools:\n  - type: builtin-tools\n    enabledTools: [ask_user]\n"
            "  - type: todo-tools\n",
            id="flow-internal-into-block-custom-comment-stays",
        ),
        pytest.param(
            HEAD + "customTools:\n  - type: plan-tools\n",
            "1.5.7",
            HEAD + "tools:\n  - type: plan-tools\n",
            id="plan-tools-not-added-twice",
        ),
        pytest.param(
            HEAD + "customTools: [{type: todo-tools}]\ninternalTools: [ask_user]\n",
            "1.5.8",
            HEAD + "tools: [{type: builtin-tools, enabledTools: [ask_user]}, {type: todo-tools}, "
            "{type: plan-tools}]\n",
            id="flow-custom-tools",
        ),
        pytest.param(
            HEAD + "internalTools: []\ninternalResources:\n  - type: blob\n",
            "1.5.6",
            HEAD + "tools: []\nresources:\n  - type: blob\n",
            id="resources-list-renamed",
        ),
        pytest.param(
            HEAD + "internalTools: []\ninternalResources:\n  enabled: false\n"
            "  resources:\n    - type: blob\n",
            "1.5.6",
            HEAD + "tools: []\nresources: []\n",
            id="disabled-resources-become-empty-list",
        ),
        pytest.param(
            HEAD + "internalTools: []\ninternalResources:\n  resources: [{type: blob}]\n",
            "1.5.6",
            HEAD + "tools: []\nresources: [{type: blob}]\n",
            id="flow-inner-resources",
        ),
        pytest.param(
            HEAD + "internalTools: []\nplugins:\n  responseSanitizer:\n    priority: 1\n"
            "    enabled: false\n    maxResponseLength: 100\n",
            "1.5.6",
            HEAD + "tools: []\nhooks:\n  - type: response-sanitizer\n"
            "    enabled: false\n    maxResponseLength: 100\n",
            id="plugin-to-hook-keeps-accepted-options",
        ),
        pytest.param(
            HEAD
            + "internalTools: []\nplugins: {contentPolicy: {priority: 1, redactEmails: true}}\n",
            "1.5.6",
            HEAD + "tools: []\nhooks: [{type: content-policy, redactEmails: true}]\n",
            id="flow-plugins",
        ),
        pytest.param(
            HEAD + "internalTools: []\nplugins:\n    responseSanitizer:\n        priority: 2\n"
            "        # redact\n        redactEmails: true\n    contentPolicy:\n"
            "      enabled: false\n",
            "1.5.6",
            HEAD + "tools: []\nhooks:\n      - type: response-sanitizer\n        # redact\n"
            "        redactEmails: true\n      - type: content-policy\n        enabled: false\n",
            id="hooks-align-with-their-first-option",
        ),
        pytest.param(
            HEAD + "internalTools: []\nplugins:\n  custom: []\n",
            "1.5.6",
            HEAD + "tools: []\n",
            id="no-builtin-plugin-removes-plugins",
        ),
    ],
)
def test_tools_permissions_hooks(source: str, release: str, expected: str) -> None:
    assert _migrated(source, release) == expected


def test_dropped_plugin_options_are_warned() -> None:
    source = (
        HEAD + "internalTools: []\nplugins:\n  contentPolicy:\n    priority: 1\n"
        "    blocking: true\n    maxInputChars: 0\n    redactEmails: true\n"
    )
    migrated, result = run_steps(source, "1.5.6", "1.6.0")
    assert migrated.endswith("hooks:\n  - type: content-policy\n    redactEmails: true\n")
    assert [w.split(":")[0] for w in result.warnings] == [
        "plugins.contentPolicy.priority was dropped",
        "plugins.contentPolicy.blocking was dropped",
        "plugins.contentPolicy.maxInputChars",
    ]


def test_no_tools_is_reported_with_the_old_behaviour() -> None:
    _, result = run_steps(HEAD, "1.5.7", "1.6.0")
    [change] = result.changes
    assert change.dotted_path == "tools"
    assert "Dexto 1.5.7 gave this agent only the plan tools" in change.reason


@pytest.mark.parametrize(
    ("source", "message"),
    [
        pytest.param(
            HEAD + "tools:\n  bash_exec: {maxOutputChars: 100}\n",
            "`tools` (a map of per-tool output limits) was removed in Dexto 1.6.0",
            id="limits-map",
        ),
        pytest.param(
            HEAD + "plugins:\n  custom:\n    - {name: p, module: /p.js, blocking: true, "
            "priority: 1}\n",
            "`plugins.custom` (plugin modules loaded from a path) was removed in Dexto 1.6.0",
            id="plugins-custom",
        ),
        pytest.param(
            HEAD + "plugins:\n  registry: [{type: x, blocking: true, priority: 1}]\n",
            "`plugins.registry`",
            id="plugins-registry",
        ),
        pytest.param(
            HEAD + "tools: [{type: builtin-tools}]\n",
            "already a list of tool factories",
            id="already-1.6-shaped",
        ),
    ],
)
def test_refusals(source: str, message: str) -> None:
    with pytest.raises(RefusedMigration, match=message.replace("(", r"\(").replace(")", r"\)")):
        run_steps(source, "1.5.6", "1.6.0")


@pytest.mark.parametrize(
    "name", ["explicit-1.5.6-gateway-tools-plugins.yml", "explicit-1.5.6-crlf-bom-flow-tools.yml"]
)
def test_fixture_to_1_6_0(name: str, snapshot: SnapshotAssertion) -> None:
    raw = (FIXTURES / "agents" / name).read_bytes()
    migrated = run_steps(raw.decode("utf-8"), "1.5.6", "1.6.0")[0]
    assert migrated.encode("utf-8") != raw
    assert migrated.startswith("\ufeff") == raw.startswith(b"\xef\xbb\xbf")
    if b"\r\n" in raw:  # the snapshot cannot show line endings
        assert migrated.count("\n") == migrated.count("\r\n")
    assert snapshot == migrated
