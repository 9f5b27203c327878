"""Lint rules, one module per rule family; every `Rule` here is found by package scan."""
