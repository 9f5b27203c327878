"""One module per Dexto release that changed a file's schema: its differences only.

Each module defines `AgentConfig`, `Preferences` and `CustomModels`,
deriving them from the previous release's module (what Dexto does around the
schema is `pipeline.pipeline_at`). Importing a module builds
that release and the ones it derives from, nothing newer.
"""
