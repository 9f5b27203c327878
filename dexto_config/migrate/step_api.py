"""Everything a migration step may use: the one module the steps in `migrations/` import.

A step module (`migrations/v<version>_<name>.py`, installed as
`dexto_config.migrations`) declares `version`, `summary` and `breaking`, and
any of `migrate_agent`, `migrate_preferences`, `migrate_custom_models`. Each of
those is a pure transform: `(document, context) -> StepResult`. It

- reads and edits the file only through the `EditableDocument` it is given
  (text edits on the original bytes; `Fragment`, `SourceLines` and
  `CommentsAbove` move or insert whole lines, `render_yaml` / `render_flow`
  write new values as YAML text);
- learns about the run only from `StepContext` (the routing facts, the
  file's version before the run, the version the run stops at);
- reports what it did in a `StepResult`: a `Change` per edit, a `Decision` per
  routed `llm` block, a warning per loss that widens nothing (`warn_at` with
  `document.position(path)` places it: the engine tells that line in the
  user's own text, whatever earlier steps rewrote);
- raises `RefusedMigration` (with the offending node's path) when the file
  cannot be migrated safely; the engine then leaves the file untouched;
- never opens files, reads the environment or prints.

The facts a step may consult are listed below: the legacy routing rule
(`legacy_backend`), `$VAR` references (`env_reference`), gateway model IDs,
the catalog's provider key variables, a release's reasoning variants, and the
version order (`version_key`).

A test asserts that every step imports nothing else of the package, and that
every name here is used by a step: a new step that needs more extends this
module, so the contract stays visible in one place.
"""

from __future__ import annotations

from dexto_config.catalog import env_vars, owner_of_env_var, primary_env_var
from dexto_config.catalog.releases import reasoning_variants
from dexto_config.env_reference import env_reference
from dexto_config.migrate.gateway_ids import OPENROUTER, gateway_model_id, relabel_display_name
from dexto_config.migrate.routing import (
    DEXTO,
    DEXTO_KEY_VAR,
    DEXTO_NOVA,
    RoutingContext,
    legacy_backend,
)
from dexto_config.migrate.step import (
    REMOVED,
    Change,
    DataPath,
    Decision,
    RefusedMigration,
    StepContext,
    StepResult,
    dotted,
    write_out_default,
)
from dexto_config.versions import version_key
from dexto_config.yamlio.edit import CommentsAbove, EditableDocument, Fragment, SourceLines
from dexto_config.yamlio.render import render_flow, render_yaml

__all__ = [
    "DEXTO",
    "DEXTO_KEY_VAR",
    "DEXTO_NOVA",
    "OPENROUTER",
    "REMOVED",
    "Change",
    "CommentsAbove",
    "DataPath",
    "Decision",
    "EditableDocument",
    "Fragment",
    "RefusedMigration",
    "RoutingContext",
    "SourceLines",
    "StepContext",
    "StepResult",
    "dotted",
    "env_reference",
    "env_vars",
    "gateway_model_id",
    "legacy_backend",
    "owner_of_env_var",
    "primary_env_var",
    "reasoning_variants",
    "relabel_display_name",
    "render_flow",
    "render_yaml",
    "version_key",
    "write_out_default",
]
