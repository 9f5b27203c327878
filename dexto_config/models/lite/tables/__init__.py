"""Generated tables of the lite validator (see `dexto_config.models.lite.generate`)."""
