"""dexto-config: validate, lint and migrate Dexto configuration files."""

__version__ = "0.1.0"
