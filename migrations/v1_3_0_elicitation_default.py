"""1.3.0: elicitation is off unless enabled (DESIGN §13).

From 1.1.11 (which brought elicitation and the `ask_user` tool) to 1.2.6,
MCP servers and `ask_user` could ask the user for input, unless the file
turned it off (1.2.5 and 1.2.6: `elicitation.enabled`, default true; before,
always on); from 1.3.0 `elicitation.enabled` defaults to false and such
requests are rejected. For a file of those releases the old default is
written out: it grants no tool, it keeps questions reaching the user. Before
1.1.11 there was no elicitation, which 1.3.0's default matches.
"""

from __future__ import annotations

from dexto_config.migrate.step_api import (
    DataPath,
    EditableDocument,
    StepContext,
    StepResult,
    version_key,
    write_out_default,
)

version = "1.3.0"
summary = "elicitation.enabled: true written out (1.3.0's default is false)"
breaking = False

# The release that brought elicitation, on by default.
SINCE = "1.1.11"
ELICITATION: DataPath = ("elicitation",)
ENABLED: DataPath = (*ELICITATION, "enabled")
_REASON = "up to 1.2.6 elicitation was on by default; 1.3.0 turns it off unless enabled"


def migrate_agent(document: EditableDocument, context: StepContext) -> StepResult:
    """Write out `elicitation.enabled: true` where the file left it to the default."""
    result = StepResult()
    source = context.source_version
    if source is not None and version_key(source) < version_key(SINCE):
        return result
    write_out_default(document, result, (), "elicitation", {"enabled": True}, _REASON)
    write_out_default(document, result, ELICITATION, "enabled", True, _REASON)
    return result
