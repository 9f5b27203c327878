"""Whole files from before the seed through the chain to the newest release (DESIGN §13).

The engine runs the pre-seed steps, then the seed's and the releases' ones, and
validates the result at the target once; snapshots show the whole outcome.
"""

from __future__ import annotations

import pytest
from syrupy.assertion import SnapshotAssertion

from dexto_config.kinds import FileKind
from dexto_config.migrate.engine import migrate_bytes
from tests.migrate.steps import DIRECT

SAIKI_0_2 = (
    "\ufeff# my agent\r\n"
    "mcpServers:\r\n"
    "  web:\r\n"
    "    type: http\r\n"
    "    baseUrl: https://mcp.example.com/mcp # hosted\r\n"
    "llm:\r\n"
    "  provider: openai\r\n"
    "  model: gpt-4o\r\n"
    "  apiKey: $OPENAI_API_KEY\r\n"
    "  maxTokens: 100000\r\n"
    "  router: in-built\r\n"
    "  # what the agent is\r\n"
    "  systemPrompt: |\r\n"
    "    You are Saiki.\r\n"
    "      Be brief.\r\n"
)

CODING_AGENT_1_2_4 = """\
# Coding agent
systemPrompt:
  contributors:
    - id: primary
      type: static
      priority: 0
      content: You write code.
    - id: now
      type: dynamic
      priority: 10
      source: dateTime # when
    - id: notes
      type: file
      priority: 20
      files:
        - ${{dexto.agent_dir}}/NOTES.md
    - id: memories
      type: memory
      priority: 40
      options:
        limit: 10 # recent only
llm:
  provider: anthropic
  model: claude-haiku-4-5-20251001
  apiKey: $ANTHROPIC_API_KEY
storage:
  cache:
    type: in-memory
  database:
    type: sqlite
toolConfirmation:
  mode: event-based
  toolPolicies:
    alwaysAllow:
      - internal--ask_user
      - internal--read_file # safe
internalTools:
  - ask_user # questions
  - read_file
  - glob_files
  - grep_content
starterPrompts:
  - id: explain-code
    title: Explain
    prompt: Explain this code.
"""


@pytest.mark.parametrize(
    ("source", "text"),
    [
        pytest.param("0.2.0", SAIKI_0_2, id="saiki-0.2-crlf-bom"),
        pytest.param("1.2.4", CODING_AGENT_1_2_4, id="coding-agent-1.2.4"),
    ],
)
def test_pre_seed_file_reaches_the_newest_release(
    source: str, text: str, snapshot: SnapshotAssertion
) -> None:
    result = migrate_bytes(text.encode(), FileKind.AGENT, assumed_version=source, context=DIRECT)
    outcome = {
        "status": result.status,
        "refusal": result.refusal,
        "steps": result.steps,
        "warnings": result.warnings,
        "reasons": sorted({change.reason for change in result.changes}),
        "text": result.result.decode("utf-8"),
    }
    assert outcome == snapshot
    again = migrate_bytes(result.result, FileKind.AGENT, assumed_version=source, context=DIRECT)
    assert again.status == "current"


# 0.3.0 moves the system prompt above `llm`, 1.2.6 moves the memory contributor out:
# every later message must still name the line the user's file has.
MOVED_BY_EARLY_STEPS = """\
mcpServers: {}
llm:
  provider: openai
  model: gpt-4o
  apiKey: $OPENAI_API_KEY
  router: in-built
  systemPrompt:
    contributors:
      - id: memories
        type: memory
        priority: 40
      - id: now
        type: dynamic
        priority: 10
        source: dateTime
LAST"""


@pytest.mark.parametrize(
    ("last", "status", "where"),
    [
        pytest.param("", "migrated", ["line 6", "line 15"], id="warnings"),
        pytest.param("internalTools: [ask_user]\nmystery: 1\n", "refused", (17, 1), id="unknown"),
        pytest.param(
            "internalTools: [ask_user]\nstorage:\n  blob: {type: s3}\n",
            "refused",
            (18, 10),
            id="invalid-at-the-target",
        ),
    ],
)
def test_messages_name_the_users_own_lines(
    last: str, status: str, where: list[str] | tuple[int, int]
) -> None:
    text = MOVED_BY_EARLY_STEPS.replace("LAST", last)
    result = migrate_bytes(text.encode(), FileKind.AGENT, assumed_version="0.2.8", context=DIRECT)
    assert result.status == status, result.refusal
    if result.refusal is not None:
        assert (result.refusal.line, result.refusal.col) == where
    else:
        assert [warning.split(":", 1)[0] for warning in result.warnings[:2]] == where
