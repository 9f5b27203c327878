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
