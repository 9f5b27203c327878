"""The rules' checks, one module per rule family, found by package scan (`lint.registry`).

Each names the `RuleInfo` of `lint.rulebook` it implements: the rules' documentation.
"""
