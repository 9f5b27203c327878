"""What Dexto's images add around the agent schema, from release 1.6.0 on.

`defaults` holds the defaults image-local merges into a config before the
schema check; `factories` the strict config schemas its factories apply to
`tools`, `hooks`, `storage` and `compaction` entries when Dexto creates the
agent. `dexto_config.models.image_local` is the entry point.
"""
