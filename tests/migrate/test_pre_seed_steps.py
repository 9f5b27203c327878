"""The steps before the seed, 0.2.0 to 1.5.2 (DESIGN §13): each on its own, by text edits."""

from __future__ import annotations

import pytest

from dexto_config.kinds import FileKind
from dexto_config.migrate.step import RefusedMigration
from tests.migrate.steps import run_steps

HEAD = "systemPrompt: You help.\n"
LLM = "llm:\n  provider: openai\n  model: gpt-4o\n"
# (release before the step, the step's release)
STEP_0_2_0 = ("0.1.0", "0.2.0")
STEP_0_2_7 = ("0.2.6", "0.2.7")
STEP_0_2_8 = ("0.2.7", "0.2.8")
STEP_0_3_0 = ("0.2.8", "0.3.0")
STEP_1_1_11 = ("1.1.10", "1.1.11")
STEP_1_2_0 = ("1.1.11", "1.2.0")
STEP_1_2_5 = ("1.2.4", "1.2.5")
STEP_1_2_6 = ("1.2.5", "1.2.6")
STEP_1_3_0 = ("1.2.6", "1.3.0")
STEP_1_4_0 = ("1.3.0", "1.4.0")
STEP_1_5_1 = ("1.5.0", "1.5.1")
STEP_1_5_2 = ("1.5.1", "1.5.2")


@pytest.mark.parametrize(
    ("step", "source", "expected", "warnings"),
    [
        pytest.param(
            STEP_0_2_0,
            LLM + "  apiKey: env:OPENAI_API_KEY # from the shell\n",
            LLM + "  apiKey: $OPENAI_API_KEY # from the shell\n",
            0,
            id="0.2.0-env-reference",
        ),
        pytest.param(
            STEP_0_2_7,
            HEAD + LLM + "  maxTokens: 1000 # budget\n  providerOptions:\n    seed: 1\n",
            HEAD + LLM + "  maxInputTokens: 1000 # budget\n",
            1,
            id="0.2.7-max-tokens-renamed-provider-options-dropped",
        ),
        pytest.param(
            STEP_0_2_8,
            HEAD + "mcpServers:\n  web:\n    type: http\n    baseUrl: 'https://x.example/mcp'\n"
            "  sse:\n    type: sse\n    url: https://y.example\n",
            HEAD + "mcpServers:\n  web:\n    type: http\n    url: 'https://x.example/mcp'\n"
            "  sse:\n    type: sse\n    url: https://y.example\n",
            0,
            id="0.2.8-http-base-url",
        ),
        pytest.param(
            STEP_0_3_0,
            "mcpServers: {}\n" + LLM + "  # the prompt\n  systemPrompt: |\n    You help.\n"
            "      Indented.\n  apiKey: $OPENAI_API_KEY\n",
            "mcpServers: {}\n# the prompt\nsystemPrompt: |\n  You help.\n    Indented.\n"
            + LLM
            + "  apiKey: $OPENAI_API_KEY\n",
            0,
            id="0.3.0-block-prompt-moves-before-llm-with-its-comment",
        ),
        pytest.param(
            STEP_0_3_0,
            LLM + "  systemPrompt:\n    contributors:\n      - id: p\n        type: static\n"
            "        priority: 0\n        content: Hi",
            LLM + "\nsystemPrompt:\n  contributors:\n    - id: p\n      type: static\n"
            "      priority: 0\n      content: Hi",
            0,
            # The removal ends the llm block with a newline, the insertion adds one.
            id="0.3.0-last-in-file-stays-last-without-final-newline",
        ),
        pytest.param(
            STEP_1_1_11,
            "systemPrompt:\n  contributors:\n    - id: f\n      type: file\n      priority: 1\n"
            "      files: [./notes.md, \"docs/a.md\", /abs.md, '${{dexto.agent_dir}}/b.md']\n",
            "systemPrompt:\n  contributors:\n    - id: f\n      type: file\n      priority: 1\n"
            "      files: ['${{dexto.agent_dir}}/notes.md', \"${{dexto.agent_dir}}/docs/a.md\", "
            "/abs.md, '${{dexto.agent_dir}}/b.md']\n",
            0,
            id="1.1.11-relative-paths-anchored",
        ),
        pytest.param(
            STEP_1_2_5,
            HEAD + "storage:\r\n  cache:\r\n    type: in-memory\r\n"
            "toolConfirmation:\r\n  mode: event-based # ask\r\n",
            HEAD + "storage:\r\n  cache:\r\n    type: in-memory\r\n  blob: {type: local}\r\n"
            "toolConfirmation:\r\n  mode: manual # ask\r\n",
            0,
            id="1.2.5-blob-default-written-out-event-based-manual-crlf",
        ),
        pytest.param(
            STEP_1_2_5,
            HEAD + "storage:\n  blob:\n    type: in-memory\n",
            HEAD + "storage:\n  blob:\n    type: in-memory\ntoolConfirmation: {mode: manual}\n",
            0,
            id="1.2.5-blob-kept-the-old-default-approval-mode-written-out",
        ),
        pytest.param(
            STEP_1_2_5,
            HEAD + "toolConfirmation:\n  timeout: 5000 # short\n",
            HEAD + "toolConfirmation:\n  timeout: 5000 # short\n  mode: manual\n",
            0,
            id="1.2.5-mode-added-beside-other-settings",
        ),
        pytest.param(
            STEP_1_2_5,
            HEAD + "toolConfirmation: {mode: auto-approve}\n",
            HEAD + "toolConfirmation: {mode: auto-approve}\n",
            0,
            id="1.2.5-named-mode-kept",
        ),
        pytest.param(
            STEP_1_2_5,
            HEAD + "toolConfirmation: {mode: auto-approve}\nagentCard:\n  name: helper\n"
            "  authentication: {schemes: []} # none\n  url: https://a.example\n",
            HEAD + "toolConfirmation: {mode: auto-approve}\nagentCard:\n  name: helper\n"
            "  url: https://a.example\n  description: Dexto is an AI assistant capable of chat "
            "and task delegation, accessible via multiple protocols.\n",
            0,
            id="1.2.5-agent-card-default-description-written-out-empty-authentication-dropped",
        ),
        pytest.param(
            STEP_1_3_0,
            HEAD + "elicitation:\n  timeout: 1000\n",
            HEAD + "elicitation:\n  timeout: 1000\n  enabled: true\n",
            0,
            id="1.3.0-elicitation-default-written-out",
        ),
        pytest.param(
            STEP_1_3_0,
            HEAD + "elicitation: {enabled: false}\n",
            HEAD + "elicitation: {enabled: false}\n",
            0,
            id="1.3.0-elicitation-off-kept",
        ),
        pytest.param(
            ("1.1.10", "1.3.0"),
            HEAD,
            HEAD + "toolConfirmation: {mode: manual}\n",
            0,
            id="1.3.0-no-elicitation-before-1.1.11-matches-the-new-default",
        ),
        pytest.param(
            STEP_1_4_0,
            HEAD + "toolConfirmation:\n  mode: manual # ask\nelicitation: {enabled: true}\n",
            HEAD + "toolConfirmation:\n  mode: manual # ask\n  timeout: 120000\n"
            "elicitation: {enabled: true, timeout: 120000}\n",
            0,
            id="1.4.0-old-timeouts-written-out-where-requests-wait",
        ),
        pytest.param(
            STEP_1_4_0,
            HEAD + "toolConfirmation: {mode: auto-approve}\nelicitation: {enabled: false}\n",
            HEAD + "toolConfirmation: {mode: auto-approve}\nelicitation: {enabled: false}\n",
            0,
            id="1.4.0-no-timeout-where-nothing-waits",
        ),
        pytest.param(
            STEP_1_5_2,
            HEAD + LLM + "# the end\n",
            HEAD + LLM + "  maxIterations: 50\n# the end\n",
            0,
            id="1.5.2-iteration-cap-written-out",
        ),
        pytest.param(
            STEP_1_5_2,
            HEAD + "llm: {provider: openai, model: gpt-4o, maxIterations: 8}\n",
            HEAD + "llm: {provider: openai, model: gpt-4o, maxIterations: 8}\n",
            0,
            id="1.5.2-own-cap-kept",
        ),
        pytest.param(
            STEP_1_2_6,
            HEAD + "starterPrompts: # shown first\n  - id: say-hi\n    prompt: Say hi\n"
            "  - {id: bye, title: Bye, prompt: Bye, priority: 2}\n",
            HEAD + "prompts: # shown first\n  - id: say-hi\n    title: say hi\n    prompt: Say hi\n"
            "    type: inline\n    showInStarters: true\n  - {id: bye, title: Bye, prompt: Bye, "
            "priority: 2, type: inline, showInStarters: true}\n",
            0,
            id="1.2.6-starter-prompts",
        ),
        pytest.param(
            STEP_1_2_6,
            "systemPrompt:\n  contributors:\n    - id: p # main\n      type: static\n"
            "      priority: 0\n      content: Hi\n    - id: memories\n      type: memory\n"
            "      priority: 40\n      options:\n        limit: 10 # recent\n"
            "        pinnedOnly: false\n" + LLM,
            "systemPrompt:\n  contributors:\n    - id: p # main\n      type: static\n"
            "      priority: 0\n      content: Hi\nmemories:\n  enabled: true\n  priority: 40\n"
            "  limit: 10 # recent\n  pinnedOnly: false\n" + LLM,
            0,
            id="1.2.6-memory-contributor-to-memories-enabled-written-out",
        ),
        pytest.param(
            STEP_1_4_0,
            HEAD + LLM + "  router: in-built\n",
            HEAD + LLM,
            1,
            id="1.4.0-in-built-router-warned",
        ),
        pytest.param(
            STEP_1_4_0,
            HEAD + LLM + "  router: vercel\n",
            HEAD + LLM,
            0,
            id="1.4.0-vercel-router-silent",
        ),
        pytest.param(
            STEP_1_5_1,
            "systemPrompt:\n  contributors:\n    - id: now\n      type: dynamic\n"
            "      priority: 1\n      source: dateTime # when\n",
            "systemPrompt:\n  contributors:\n    - id: now\n      type: dynamic\n"
            "      priority: 1\n      source: date # when\n",
            1,
            id="1.5.1-date-time-loses-the-time-of-day",
        ),
        pytest.param(
            STEP_1_5_1,
            HEAD + "toolConfirmation:\n  toolPolicies:\n    alwaysAllow:\n"
            "      - internal--ask_user\n      - internal--bash_output # read only\n"
            "internalTools:\n  # asked\n  - ask_user # ask\n  - bash_exec\n  - bash_output\n"
            "  - kill_process # last\n",
            HEAD + "toolConfirmation:\n  toolPolicies:\n    alwaysAllow:\n"
            "      - internal--ask_user\n      - custom--bash_output # read only\n"
            "internalTools:\n  # asked\n  - ask_user # ask\ncustomTools:\n"
            "  - type: process-tools\n",
            0,
            id="1.5.1-process-tools-group",
        ),
        pytest.param(
            ("1.5.0", "1.5.3"),
            HEAD + "internalTools: [read_file, grep_content, search_history]\n"
            "customTools:\n  - type: plan-tools\n",
            HEAD + "internalTools: [search_history]\ncustomTools:\n  - type: plan-tools\n"
            "  - type: filesystem-tools\n    enabledTools: [read_file, grep_content]\n",
            0,
            id="1.5.1-part-of-file-tools-limited-from-1.5.3",
        ),
    ],
)
def test_pre_seed_step(step: tuple[str, str], source: str, expected: str, warnings: int) -> None:
    migrated, result = run_steps(source, *step)
    assert migrated == expected
    assert len(result.warnings) + len(result.placed_warnings) == warnings
    again, _ = run_steps(migrated, *step)
    assert again == migrated


@pytest.mark.parametrize(
    ("step", "source", "message", "path"),
    [
        pytest.param(
            STEP_1_2_6,
            "systemPrompt:\n  contributors:\n    - id: m\n      type: dynamic\n"
            "      priority: 1\n      source: memorySummary\n",
            "source: memorySummary was removed in Dexto 1.2.6",
            ("systemPrompt", "contributors", 0, "source"),
            id="memory-summary",
        ),
        pytest.param(
            STEP_1_2_6,
            HEAD + "starterPrompts: []\nprompts: []\n",
            "both starterPrompts and prompts",
            ("starterPrompts",),
            id="starters-beside-prompts",
        ),
        pytest.param(
            STEP_1_5_1,
            HEAD + "internalTools: [bash_exec]\n",
            "grants all of them, so the agent would gain bash_output, kill_process",
            ("internalTools",),
            id="part-of-process-tools",
        ),
        pytest.param(
            ("1.5.0", "1.5.2"),
            HEAD + "internalTools: [read_file]\n",
            "Dexto 1.5.2 cannot limit that group",
            ("internalTools",),
            id="part-of-file-tools-before-enabled-tools",
        ),
        pytest.param(
            STEP_0_3_0,
            HEAD + LLM + "  systemPrompt: Other.\n",
            "both llm.systemPrompt and systemPrompt",
            ("llm", "systemPrompt"),
            id="two-prompts",
        ),
        pytest.param(
            STEP_1_1_11,
            HEAD + "storage:\n  cache:\n    type: sqlite\n",
            "storage.cache.type: sqlite: from Dexto 1.1.11 the cache is kept in in-memory or redis",
            ("storage", "cache", "type"),
            id="cache-in-sqlite",
        ),
        pytest.param(
            STEP_1_2_5,
            HEAD + "agentCard: {name: a, authentication: {schemes: [bearer]}}\n",
            "agentCard.authentication: Dexto 1.2.5 removed it",
            ("agentCard", "authentication"),
            id="agent-card-authentication",
        ),
        pytest.param(
            STEP_1_1_11,
            HEAD + "storage: {cache: {type: redis, url: 'redis://r'}, database: {type: redis}}\n",
            "storage.database.type: redis: from Dexto 1.1.11 the database is kept in in-memory",
            ("storage", "database", "type"),
            id="database-in-redis",
        ),
    ],
)
def test_pre_seed_refusals(
    step: tuple[str, str], source: str, message: str, path: tuple[str | int, ...]
) -> None:
    with pytest.raises(RefusedMigration, match=message) as refused:
        run_steps(source, *step)
    assert refused.value.path == path


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "defaults:\n  defaultAgent: default-agent # mine\nsetup:\n  completed: true\n",
            "defaults:\n  defaultAgent: default-agent # mine\n  defaultMode: cli\n"
            "setup:\n  completed: true\n",
            id="cli-written-out",
        ),
        pytest.param(
            "defaults: {defaultAgent: default-agent, defaultMode: web}\n",
            "defaults: {defaultAgent: default-agent, defaultMode: web}\n",
            id="own-mode-kept",
        ),
    ],
)
def test_preferences_default_mode_step(source: str, expected: str) -> None:
    migrated, result = run_steps(source, *STEP_1_2_0, kind=FileKind.PREFERENCES)
    assert migrated == expected
    assert not result.warnings and not result.placed_warnings
    assert run_steps(migrated, *STEP_1_2_0, kind=FileKind.PREFERENCES)[0] == migrated
