"""1.2.0: `dexto` without `--mode` opens the web UI, no longer the CLI (DESIGN §13).

Up to 1.1.11 the CLI's `--mode` defaulted to `cli`; 1.2.0 added the
preference `defaults.defaultMode`, whose default is `web`. A preferences file
written before it gets the old default written out, so that `dexto` keeps
starting the same interface.
"""

from __future__ import annotations

from dexto_config.migrate.step_api import (
    DataPath,
    EditableDocument,
    StepContext,
    StepResult,
    write_out_default,
)

version = "1.2.0"
summary = "preferences: defaults.defaultMode written out as cli (1.2.0's default is web)"
breaking = False

DEFAULTS: DataPath = ("defaults",)
OLD_MODE = "cli"


def migrate_preferences(document: EditableDocument, context: StepContext) -> StepResult:
    """Write out the run mode the file's release used when `--mode` was not given."""
    result = StepResult()
    reason = "up to 1.1.11 dexto started the CLI when --mode was not given; 1.2.0 the web UI"
    write_out_default(document, result, DEFAULTS, "defaultMode", OLD_MODE, reason)
    return result
