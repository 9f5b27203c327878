"""The implemented rules: every `Rule` declared in a module of `dexto_config.lint.rules`.

Their documentation is `rulebook`'s; this pairs each documented rule with its
one check, found by package scan, and is what the linter runs.
"""

from __future__ import annotations

import importlib
import os
from functools import cache

from dexto_config.lint import rulebook
from dexto_config.lint import rules as rules_package
from dexto_config.lint.rule import Rule


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, sorted by code; loaded once per process.

    Refuses a documented rule without a check, or with two, and a check of a
    `RuleInfo` that is not `rulebook`'s.
    """
    found: dict[str, Rule] = {}
    for name in _rule_modules():
        module = importlib.import_module(f"{rules_package.__name__}.{name}")
        for value in vars(module).values():
            if not isinstance(value, Rule) or found.get(value.code) is value:
                continue
            if value.code in found or rulebook.find_rule(value.code) is not value.info:
                raise rulebook.RuleConflict(
                    f"rule {value.code} {value.name} in {module.__name__} is implemented twice "
                    "or not documented in dexto_config.lint.rulebook"
                )
            found[value.code] = value
    missing = [info.code for info in rulebook.RULES if info.code not in found]
    if missing:
        raise rulebook.RuleConflict(f"documented rules without a check: {', '.join(missing)}")
    return tuple(found[info.code] for info in rulebook.RULES)


def _rule_modules() -> list[str]:
    """The rules package's modules, by name; read from its folders, as `pkgutil` would
    (which imports `inspect`, a tenth of `lint one.yml`'s budget: DESIGN §9)."""
    names = {
        entry.removesuffix(".py")
        for folder in rules_package.__path__
        for entry in os.listdir(folder)
        if entry.endswith(".py") and not entry.startswith("_")
    }
    return sorted(names)


@cache
def rules_by_code() -> dict[str, Rule]:
    """Every rule keyed by its code."""
    return {r.code: r for r in all_rules()}
