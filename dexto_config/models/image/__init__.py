"""What Dexto's images add around the agent schema, from release 1.6.0 on.

`defaults` holds the defaults image-local merges into a config before the
schema check; `factories` the strict config schemas its factories apply to
`tools`, `hooks`, `storage` and `compaction` entries when Dexto creates the
agent. `dexto_config.models.image_local` is the entry point.
"""

LOCAL_IMAGE = "@dexto/image-local"
"""The default image: the one Dexto loads when nothing names another."""
LOGGER_IMAGE = "@dexto/image-logger-agent"
"""image-local plus a `request-logger` hook (packages/image-logger-agent)."""
