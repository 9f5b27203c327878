"""Rule discovery: every `Rule` declared in a module of `dexto_config.lint.rules`."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from dexto_config.lint import rules as rules_package
from dexto_config.lint.rule import Rule


class RuleConflict(Exception):
    """Two rules share a code or a name."""


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, sorted by code; loaded once per process."""
    found: dict[str, Rule] = {}
    names: dict[str, str] = {}
    for module_info in pkgutil.iter_modules(rules_package.__path__):
        module = importlib.import_module(f"{rules_package.__name__}.{module_info.name}")
        for value in vars(module).values():
            if not isinstance(value, Rule) or found.get(value.code) is value:
                continue
            if value.code in found or value.name in names:
                raise RuleConflict(
                    f"rule {value.code} {value.name} in {module.__name__} clashes with "
                    f"{names.get(value.name) or found[value.code].name}"
                )
            found[value.code] = value
            names[value.name] = value.code
    return tuple(sorted(found.values(), key=lambda r: r.code))


@cache
def rules_by_code() -> dict[str, Rule]:
    """Every rule keyed by its code."""
    return {r.code: r for r in all_rules()}


def find_rule(code_or_name: str) -> Rule | None:
    """The rule with this code (any case) or name, if any."""
    wanted = code_or_name.strip()
    for candidate in all_rules():
        if candidate.code == wanted.upper() or candidate.name == wanted.lower():
            return candidate
    return None
