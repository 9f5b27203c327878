"""1.5.2: a turn's tool-call loop is no longer capped at 50 iterations (DESIGN §13).

Up to 1.5.1 `llm.maxIterations` defaulted to 50; from 1.5.2 it is optional
and, when absent, a turn runs until the model stops calling tools. The old cap
is written out so that an agent stops where it used to.
"""

from __future__ import annotations

from dexto_config.migrate.step_api import (
    DataPath,
    EditableDocument,
    StepContext,
    StepResult,
    write_out_default,
)

version = "1.5.2"
summary = "llm.maxIterations: 50 written out (1.5.2 no longer caps a turn by default)"
breaking = False

LLM: DataPath = ("llm",)
OLD_CAP = 50


def migrate_agent(document: EditableDocument, context: StepContext) -> StepResult:
    """Write out the iteration cap the file's release applied by default."""
    result = StepResult()
    llm = document.find(LLM)
    if isinstance(llm, dict) and "maxIterations" not in llm:
        reason = "up to 1.5.1 a turn stopped after 50 tool-call iterations; 1.5.2 has no cap"
        write_out_default(document, result, LLM, "maxIterations", OLD_CAP, reason)
    return result
