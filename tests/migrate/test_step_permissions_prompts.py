"""Step 1.8.0: removed permission modes, deny lists and prompt fields (DESIGN §11.1)."""

from __future__ import annotations

import pytest

from dexto_config.migrate.step import RefusedMigration
from tests.migrate.steps import run_steps

HEAD = "systemPrompt: You help.\n"


@pytest.mark.parametrize(
    ("source", "expected", "warnings"),
    [
        pytest.param(
            HEAD + "permissions:\n  mode: manual\n  toolPolicies:\n    alwaysAllow: [ask_user]\n"
            "    alwaysDeny: [] # none\n",
            HEAD + "permissions:\n  mode: manual\n  toolPolicies:\n    alwaysAllow: [ask_user]\n",
            0,
            id="empty-always-deny-removed",
        ),
        pytest.param(
            HEAD + "prompts:\n  - type: inline\n    id: s\n    prompt: Sum up.\n"
            "    disable-model-invocation: true\n    model: openai/gpt-5-mini\n"
            "    context: fork # own session\n    agent: explore-agent\n"
            "    user-invocable: false\n",
            HEAD + "prompts:\n  - type: inline\n    id: s\n    prompt: Sum up.\n"
            "    user-invocable: false\n",
            4,
            id="prompt-fields-removed-with-warnings",
        ),
        pytest.param(
            HEAD + "prompts: [{type: file, file: /p.md, context: inline}]\n",
            HEAD + "prompts: [{type: file, file: /p.md}]\n",
            1,
            id="flow-prompt",
        ),
    ],
)
def test_permissions_prompts(source: str, expected: str, warnings: int) -> None:
    migrated, result = run_steps(source, "1.6.2", "1.8.0")
    assert migrated == expected
    assert len(result.warnings) == warnings


@pytest.mark.parametrize(
    ("source", "message", "path"),
    [
        pytest.param(
            HEAD + "permissions:\n  mode: auto-deny\n",
            "permissions.mode: auto-deny was removed in Dexto 1.8.0",
            ("permissions", "mode"),
            id="auto-deny",
        ),
        pytest.param(
            HEAD + "permissions:\n  toolPolicies:\n    alwaysDeny: [bash_exec]\n",
            "alwaysDeny was removed in Dexto 1.8.0, so these tools would no longer be denied",
            ("permissions", "toolPolicies", "alwaysDeny"),
            id="non-empty-always-deny",
        ),
        pytest.param(
            HEAD + "prompts:\n  - {type: inline, id: a, prompt: x}\n"
            "  - {type: inline, id: b, prompt: y, allowed-tools: []}\n",
            r"prompts\[1\].allowed-tools was removed in Dexto 1.8.0",
            ("prompts", 1, "allowed-tools"),
            id="allowed-tools",
        ),
    ],
)
def test_widening_removals_are_refused(
    source: str, message: str, path: tuple[str | int, ...]
) -> None:
    with pytest.raises(RefusedMigration, match=message) as refused:
        run_steps(source, "1.6.2", "1.8.0")
    assert refused.value.path == path
