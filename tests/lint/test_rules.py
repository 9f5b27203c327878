"""Every rule, table-driven: texts that must trigger it and texts that must not."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from dexto_config.kinds import FileKind
from dexto_config.lint.engine import LintedFile
from dexto_config.lint.registry import all_rules
from dexto_config.lint.reporters import text
from dexto_config.lint.rule import Rule
from tests.lint.conftest import NAMES, lint_text

AGENT = FileKind.AGENT
PREFS = FileKind.PREFERENCES
CUSTOM = FileKind.CUSTOM_MODELS
M = "# dexto-config: schemaVersion=1.5.6\n"
LEGACY = "1.5.4"
CURRENT = "# dexto-config: schemaVersion=1.10.4\n"


@dataclass(frozen=True)
class Case:
    """`text` linted as `kind` by a user of Dexto `target` (`--dexto-version`; None: no
    target, so the marker's release or the newest) fires `code` `count` times. Most cases
    are seed-era files marked 1.5.6, linted for Dexto 1.5.6."""

    code: str
    text: str
    count: int
    fragment: str = ""
    kind: FileKind = AGENT
    target: str | None = "1.5.6"


def agent(llm: str, marker: str = M, extra: str = "") -> str:
    return f"{marker}systemPrompt: hi\nllm:\n{llm}{extra}"


def prefs(llm: str, marker: str = "", extra: str = "") -> str:
    return f"{marker}llm: {llm}\ndefaults: {{defaultAgent: coding-agent}}\n{extra}"


CASES = [
    # DX001 yaml-syntax
    Case("DX001", agent('  provider: openai\n  model: "gpt-5-mini\n'), 1),
    Case("DX001", M + "llm: [provider: openai\n", 1),
    Case("DX001", agent("  provider: openai\n  model: gpt-5-mini\n"), 0),
    # DX002 duplicate-key
    Case("DX002", agent("  provider: openai\n  model: gpt-5-mini\n  model: gpt-5\n"), 1, "model"),
    Case("DX002", agent("  provider: openai\n  model: gpt-5\n"), 0),
    # DX003 unknown-key
    Case(
        "DX003",
        agent("  provider: openai\n  model: gpt-5\n  maxIteratons: 3\n"),
        1,
        "did you mean 'maxIterations'?",
    ),
    Case(
        "DX003",
        agent("  provider: openai\n  model: gpt-5\n  Temperature: 1\n"),
        1,
        "did you mean 'temperature'?",
    ),
    Case(
        "DX003",
        agent("  provider: openai\n  model: gpt-5\n", extra="zzzUnrelated: 1\n"),
        1,
        "zzzUnrelated",
    ),
    Case("DX003", agent("  provider: openai\n  model: gpt-5\n  maxIterations: 3\n"), 0),
    # DX004 schema-violation
    Case("DX004", agent("  provider: open-ai\n  model: gpt-5\n"), 1, "provider"),
    Case("DX004", agent("  provider: openai\n"), 1, "model"),
    Case("DX004", agent("  provider: openai\n  model: gpt-5\n  temperature: warm\n"), 1),
    Case("DX004", agent("  provider: openai\n  model: gpt-5\n  temperature: 0.5\n"), 0),
    # DX005 not-a-config
    Case("DX005", "", 1, "empty"),
    Case("DX005", "# only a comment\n", 1, "empty"),
    Case("DX005", "- provider: openai\n", 1, "list"),
    Case("DX005", agent("  provider: openai\n  model: gpt-5\n"), 0),
    # DX101 prefer-dexto-credits
    Case(
        "DX101",
        prefs("{provider: openai, model: gpt-5}", extra="preferDextoCredits: true\n"),
        1,
        "preferDextoCredits",
        PREFS,
    ),
    Case(
        "DX101",
        prefs("{provider: openai, model: gpt-5}", M, "preferDextoCredits: false\n"),
        1,
        "migrate",
        PREFS,
    ),
    Case("DX101", prefs("{provider: openai, model: gpt-5}"), 0, kind=PREFS),
    # DX102 auth-dependent-backend
    Case(
        "DX102",
        agent("  provider: anthropic\n  model: claude-sonnet-4-5-20250929\n", marker=""),
        1,
        "provider: dexto, model: anthropic/claude-sonnet-4.5",
        target=LEGACY,
    ),
    Case(
        "DX102",
        agent("  provider: openrouter\n  model: openai/gpt-5\n", marker=""),
        1,
        "openrouter",
        target=LEGACY,
    ),
    Case(
        "DX102",
        prefs("{provider: groq, model: llama-3.3-70b-versatile}"),
        1,
        kind=PREFS,
        target=LEGACY,
    ),
    Case(
        "DX102",
        agent("  provider: anthropic\n  model: claude-sonnet-4-5-20250929\n", marker=""),
        0,
        target=None,
    ),
    Case("DX102", agent("  provider: anthropic\n  model: claude-sonnet-4-5-20250929\n"), 0),
    Case(
        "DX102",
        agent("  provider: anthropic\n  model: claude-sonnet-4-5-20250929\n", marker=""),
        0,
        target="1.5.6",
    ),
    Case("DX102", agent("  provider: bedrock\n  model: x\n", marker=""), 0, target=LEGACY),
    Case(
        "DX102",
        agent("  provider: dexto\n  model: openai/gpt-5-mini\n", marker=""),
        0,
        target=LEGACY,
    ),
    # DX103 dexto-native-model-id
    Case(
        "DX103",
        agent("  provider: dexto\n  model: gpt-5-mini\n", marker=""),
        1,
        "'openai/gpt-5-mini'",
        target=LEGACY,
    ),
    Case(
        "DX103",
        agent("  provider: dexto\n  model: openai/gpt-5-mini\n", marker=""),
        0,
        target=LEGACY,
    ),
    Case("DX103", agent("  provider: dexto\n  model: gpt-5-mini\n"), 0),
    # DX104 preferences-override-carries-agent-keys
    Case(
        "DX104",
        prefs("{provider: openai, model: gpt-5-mini}", extra="setup: {completed: true}\n"),
        1,
        "add `apiKey: $OPENAI_API_KEY`",
        kind=PREFS,
    ),
    Case(
        "DX104",
        prefs(
            "{provider: openai, model: gpt-5-mini, apiKey: $OPENAI_API_KEY}",
            extra="setup: {completed: true}\n",
        ),
        0,
        kind=PREFS,
    ),
    Case("DX104", prefs("{provider: openai, model: gpt-5-mini}"), 0, kind=PREFS),
    # DX105 preferences-ignored-at-startup
    Case(
        "DX105",
        prefs("{provider: openai, model: gpt-5-mini}", extra="setup: {completed: yes}\n"),
        1,
        "ignores it without a word",
        kind=PREFS,
    ),
    Case("DX105", "llm: [unclosed\n", 1, kind=PREFS),
    Case("DX105", prefs("{provider: openai, model: gpt-5-mini}"), 0, kind=PREFS),
    # DX201 unknown-model-id
    Case(
        "DX201",
        agent("  provider: anthropic\n  model: claude-sonet-4-5-20250929\n"),
        1,
        "did you mean 'claude-sonnet-4-5-20250929'",
    ),
    Case("DX201", agent("  provider: openai\n  model: gpt-5-mini-ultra\n"), 1, "gpt-5-mini"),
    Case(
        "DX201",
        agent("  provider: dexto\n  model: anthropic/claude-sonet-4.5\n"),
        1,
        "anthropic/claude-sonnet-4.5",
    ),
    Case("DX201", agent("  provider: anthropic\n  model: claude-sonnet-4-5-20250929\n"), 0),
    Case("DX201", agent("  provider: dexto\n  model: anthropic/claude-sonnet-4.5:free\n"), 0),
    Case("DX201", agent("  provider: ollama\n  model: my-own-llama\n"), 0),
    Case("DX201", agent("  provider: anthropic\n  model: anthropic/claude-sonnet-4.5\n"), 0),
    # DX202 unknown-custom-model-id
    Case(
        "DX202",
        agent("  provider: openrouter\n  model: anthropic/claude-sonet-4.5\n"),
        1,
        "anthropic/claude-sonnet-4.5",
    ),
    Case("DX202", agent("  provider: openrouter\n  model: anthropic/claude-sonnet-4.5\n"), 0),
    Case("DX202", agent("  provider: ollama\n  model: qqqq-zzzz\n"), 0),
    # DX203 openrouter-id-under-direct-provider
    Case(
        "DX203",
        agent("  provider: anthropic\n  model: anthropic/claude-sonnet-4.5\n"),
        1,
        "use 'claude-sonnet-4-5-20250929'",
    ),
    Case("DX203", agent("  provider: openai\n  model: openai/gpt-5-mini\n"), 1, "'gpt-5-mini'"),
    Case(
        "DX203",
        agent(
            "  provider: openai-compatible\n  model: openai/gpt-5\n",
            extra="  baseURL: http://localhost:8000/v1\n",
        ),
        0,
    ),
    Case("DX203", agent("  provider: openai\n  model: gpt-5-mini\n"), 0),
    # DX204 native-id-under-gateway
    Case(
        "DX204",
        agent("  provider: openrouter\n  model: claude-sonnet-4-5-20250929\n"),
        1,
        "'anthropic/claude-sonnet-4.5'",
    ),
    Case("DX204", agent("  provider: dexto\n  model: gpt-5-mini\n"), 1, "'openai/gpt-5-mini'"),
    Case("DX204", agent("  provider: dexto\n  model: gpt-5-mini\n", marker=""), 0, target=LEGACY),
    Case("DX204", agent("  provider: openrouter\n  model: anthropic/claude-sonnet-4.5\n"), 0),
    # DX301 literal-api-key
    Case(
        "DX301",
        agent("  provider: openai\n  model: gpt-5\n  apiKey: sk-proj-abcdefghijklmnop\n"),
        1,
        "sk-pr…(24 chars)",
    ),
    Case(
        "DX301",
        agent("  provider: openai\n  model: gpt-5\n  apiKey: OPENAI_API_KEY\n"),
        1,
        "write `$OPENAI_API_KEY`",
    ),
    Case(
        "DX301",
        agent("  provider: openai\n  model: gpt-5\n  apiKey: env:OPENAI_API_KEY\n"),
        1,
        "write `$OPENAI_API_KEY`",
    ),
    Case(
        "DX301",
        prefs("{provider: openai, model: gpt-5, apiKey: hunter2hunter2}", M),
        1,
        "(14 chars)",
        PREFS,
    ),
    Case(
        "DX301",
        '{"version": 1, "models": [{"name": "m", "baseURL": "http://h:1/v1", '
        '"apiKey": "abcdefgh12345678"}]}',
        1,
        "(16 chars)",
        CUSTOM,
    ),
    Case("DX301", agent("  provider: openai\n  model: gpt-5\n  apiKey: $OPENAI_API_KEY\n"), 0),
    Case("DX301", agent("  provider: openai\n  model: gpt-5\n  apiKey: ${OPENAI_API_KEY}\n"), 0),
    Case("DX301", agent("  provider: openai\n  model: gpt-5\n"), 0),
    # DX302 foreign-api-key-variable
    Case(
        "DX302",
        agent("  provider: dexto\n  model: openai/gpt-5\n  apiKey: $OPENROUTER_API_KEY\n"),
        1,
        "DEXTO_API_KEY",
    ),
    Case(
        "DX302",
        agent("  provider: openai\n  model: gpt-5\n  apiKey: ${ANTHROPIC_API_KEY}\n"),
        1,
        "anthropic",
    ),
    Case(
        "DX302",
        agent(
            "  provider: anthropic\n  model: claude-sonnet-4-5-20250929\n"
            "  apiKey: $CLAUDE_API_KEY\n"
        ),
        0,
    ),
    Case(
        "DX302",
        agent(
            "  provider: openai-compatible\n  model: m\n  apiKey: $OPENAI_API_KEY\n"
            "  baseURL: http://localhost:1/v1\n"
        ),
        0,
    ),
    Case("DX302", agent("  provider: openai\n  model: gpt-5\n  apiKey: $MY_COMPANY_KEY\n"), 0),
    # DX303 base-url-not-supported
    Case(
        "DX303",
        agent("  provider: openai\n  model: gpt-5\n  baseURL: http://localhost:1/v1\n"),
        1,
        "openai-compatible",
    ),
    Case(
        "DX303",
        prefs("{provider: anthropic, model: claude-sonnet-4-5-20250929, baseURL: 'http://x:1'}", M),
        1,
        kind=PREFS,
    ),
    Case(
        "DX303",
        agent("  provider: ollama\n  model: llama3\n  baseURL: http://localhost:11434\n"),
        0,
    ),
    # DX304 base-url-missing
    Case("DX304", agent("  provider: openai-compatible\n  model: my-model\n"), 1, "baseURL"),
    Case("DX304", agent("  provider: litellm\n  model: gpt-5\n"), 1),
    Case("DX304", prefs("{provider: openai-compatible, model: my-model}", M), 0, kind=PREFS),
    Case(
        "DX304", agent("  provider: litellm\n  model: gpt-5\n  baseURL: http://localhost:4000\n"), 0
    ),
    # DX305 literal-secret
    Case("DX305", agent("  provider: anthropic\n  model: sk-ant-api03-Zq8vK2mLw9XcT4pR7nB1\n"), 1),
    Case(
        "DX305",
        agent("  provider: openai\n  model: gpt-5\n", extra="sk-proj-Zq8vK2mLw9XcT4: 1\n"),
        1,
    ),
    Case(
        "DX305",
        agent(
            "  provider: openai\n  model: gpt-5\n",
            extra="mcpServers:\n  g: {type: stdio, command: npx, env: {GH_TOKEN: literal123}}\n",
        ),
        1,
        "mcpServers.g.env.GH_TOKEN",
    ),
    Case(
        "DX305",
        agent(
            "  provider: openai\n  model: gpt-5\n",
            extra="mcpServers:\n  g: {type: stdio, command: npx, env: {GH_TOKEN: $GH_TOKEN}}\n",
        ),
        0,
    ),
    Case(
        "DX305", agent("  provider: openai\n  model: gpt-5\n  apiKey: sk-proj-Zq8vK2mLw9XcT4\n"), 0
    ),
    # DX601 never-accepted-shape
    Case(
        "DX601",
        agent("  provider: openai\n  model: gpt-5\n", extra="name: helper\n"),
        1,
        "agentCard.name",
    ),
    Case(
        "DX601",
        agent("  provider: openai\n  model: gpt-5\n", extra="logging: {level: info}\n"),
        1,
        "logger",
    ),
    Case(
        "DX601",
        agent(
            "  provider: openai\n  model: gpt-5\n",
            extra="prompts:\n  - {type: inline, id: a, prompt: x, icon: x}\n",
        ),
        1,
        "emoji",
    ),
    Case(
        "DX601",
        M + "systemPrompt:\n  contributors:\n    - {id: a, type: static, content: x}\n"
        "    - {id: b, type: static, content: y, priority: 1}\n",
        1,
        "contributors[0] has no priority",
    ),
    Case("DX601", agent("  provider: openai\n  model: gpt-5\n", extra="plugins: []\n"), 1, "hooks"),
    Case(
        "DX601", agent("  provider: openai\n  model: gpt-5\n", extra="customTools: {}\n"), 1, "list"
    ),
    Case("DX601", agent("  provider: openai\n  model: gpt-5\n", extra="agentCard: {name: a}\n"), 0),
    Case(
        "DX601",
        agent(
            "  provider: openai\n  model: gpt-5\n",
            extra="storage: {cache: {type: memory}, database: {type: in-memory}}\n",
        ),
        1,
        "storage.cache.type: memory: no Dexto release ever accepted it; it probably meant in-mem",
    ),
    Case(
        "DX601",
        agent(
            "  provider: openai\n  model: gpt-5\n",
            extra="internalResources:\n  enabled: true\n  resources:\n"
            "    - {type: blob, maxBlobSize: 10, cleanupAfterDays: 3}\n",
        ),
        2,
        "probably belong under storage.blob",
    ),
    Case(
        "DX601",
        agent("  provider: openai\n  model: gpt-5\n", extra="resources: [{type: blob}]\n"),
        0,
    ),
    # DX401 future-schema-version
    Case(
        "DX401",
        "# dexto-config: schemaVersion=9.0.0\nllm: {provider: dexto}\n",
        1,
        "9.0.0; this tool knows up to 1.10.4",
    ),
    Case("DX401", "# dexto-config: schemaVersion=9.0.0\nllm: [\n", 1, "9.0.0"),
    Case("DX401", "schemaVersion: 2.0.0\nllm: {provider: dexto}\n", 1, "2.0.0"),
    Case("DX401", agent("  provider: openai\n  model: gpt-5\n"), 0),
    # DX402 outdated-schema-version
    Case(
        "DX402",
        agent(
            "  provider: openai\n  model: gpt-5\n", marker="# dexto-config: schemaVersion=1.5.4\n"
        ),
        1,
        "1.5.4",
    ),
    Case(
        "DX402",
        agent(
            "  provider: openai\n  model: gpt-5\n", marker="# dexto-config: schemaVersion=1.5.5\n"
        ),
        1,
        "1.5.5",
    ),
    Case("DX402", agent("  provider: openai\n  model: gpt-5\n"), 0),
    Case("DX402", agent("  provider: openai\n  model: gpt-5\n", marker=""), 0),
    # DX403 schema-version-key
    Case(
        "DX403",
        agent("  provider: openai\n  model: gpt-5\n", extra="schemaVersion: 1.5.6\n"),
        1,
        "rejects a `schemaVersion` key",
    ),
    Case("DX403", agent("  provider: openai\n  model: gpt-5\n"), 0),
    # DX404 unknown-schema-version
    Case(
        "DX404",
        agent(
            "  provider: openai\n  model: gpt-5\n", marker="# dexto-config: schemaVersion=1.5.x\n"
        ),
        1,
        "'1.5.x'",
    ),
    Case("DX404", agent("  provider: openai\n  model: gpt-5\n"), 0),
    # DX501 image-factory-refusal
    Case(
        "DX501",
        agent(
            "  provider: openai\n  model: gpt-5-mini\n",
            marker=CURRENT,
            extra="tools:\n  - type: builtin-tools\n    enabledTools: [internal--ask_user]\n",
        ),
        1,
        "refuses this at start-up",
        target=None,
    ),
    Case(
        "DX501",
        agent(
            "  provider: openai\n  model: gpt-5-mini\n",
            marker=CURRENT,
            extra="tools:\n  - type: builtin-tools\n    enabledTools: [ask_user]\n",
        ),
        0,
        target=None,
    ),
    # DX405 written-for-another-release
    Case(
        "DX405",
        agent(
            "  provider: anthropic\n  model: claude-sonnet-4-5-20250929\n",
            marker="",
            extra="toolConfirmation: {mode: manual}\ninternalTools: [ask_user]\n",
        ),
        1,
        "written for Dexto < 1.6.0 (`toolConfirmation`, `internalTools`); Dexto 1.10.4 rejects",
        target=None,
    ),
    Case(
        "DX405",
        agent(
            "  provider: dexto-nova\n  model: anthropic/claude-sonnet-4.5\n",
            marker="",
            extra="permissions: {mode: manual}\ntools: []\n",
        ),
        1,
        "written for Dexto >= 1.6.0 (`permissions`, a `tools` list, `provider: dexto-nova`)",
        target="1.5.7",
    ),
    Case(
        "DX405",
        agent(
            "  provider: anthropic\n  model: claude-sonnet-4-5-20250929\n",
            marker="",
            extra="toolConfirmation: {mode: manual}\n",
        ),
        0,
        target="1.5.8",
    ),
    # DX406 release-dependent-behaviour
    Case(
        "DX406",
        agent("  provider: openai\n  model: gpt-5-mini\n", marker=""),
        1,
        "fits Dexto 0.1.0 to 1.10.4",
        target=None,
    ),
    Case(
        "DX406",
        agent("  provider: openai\n  model: gpt-5-mini\n", marker=CURRENT),
        0,
        target=None,
    ),
    Case(
        "DX406",
        agent("  provider: openai\n  model: gpt-5-mini\n", marker="", extra="tools: []\n"),
        0,
        target=None,
    ),
]


def _case_id(case: Case) -> str:
    verdict = "fires" if case.count else "quiet"
    return f"{case.code}-{verdict}-{CASES.index(case)}"


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_rule_case(case: Case) -> None:
    findings = lint_text(case.text, case.kind, dexto_version=case.target)
    mine = [f for f in findings if f.code == case.code]
    assert len(mine) == case.count, [f"{f.code} {f.message}" for f in findings]
    for finding in mine:
        assert case.fragment in finding.message


def test_every_rule_has_positive_and_negative_cases() -> None:
    for rule in all_rules():
        counts = [c.count for c in CASES if c.code == rule.code]
        assert any(counts) and 0 in counts, rule.code


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_rule_text_output(rule: Rule, snapshot: SnapshotAssertion) -> None:
    reports = [
        LintedFile(
            Path(NAMES[case.kind]),
            case.kind,
            lint_text(case.text, case.kind, dexto_version=case.target),
        )
        for case in CASES
        if case.code == rule.code and case.count
    ]
    assert text.render(reports) == snapshot
