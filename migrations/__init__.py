"""Migration steps, one module per schema version (installed as `dexto_config.migrations`)."""
