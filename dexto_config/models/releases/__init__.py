"""One module per Dexto release that changed a file's schema: its differences only.

Each module defines `AgentConfig`, `Preferences`, `CustomModels` and the
agent's `PIPELINE` (what Dexto does around the schema at that release),
deriving them from the previous release's module. Importing a module builds
that release and the ones it derives from, nothing newer.
"""
