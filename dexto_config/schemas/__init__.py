"""The committed JSON Schemas: export from the models and the `schema check` guard (§3, §8)."""
