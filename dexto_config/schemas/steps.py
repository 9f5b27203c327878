"""Migration steps as their modules declare them, read without executing them.

`schema check` needs the steps of a base git ref too, whose code may not even
import with today's package; the declarations are plain assignments and
function definitions, so reading them with `ast` is enough and safe.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass

from dexto_config.kinds import FileKind
from dexto_config.migrate.chain import TRANSFORM_NAMES


class UnreadableStep(Exception):
    """A migration module that cannot be parsed, or that declares no version."""


@dataclass(frozen=True)
class DeclaredStep:
    """A migration module's file name, target version and the file kinds it transforms."""

    module: str
    version: str
    kinds: frozenset[FileKind]


def declared_steps(sources: Mapping[str, str]) -> list[DeclaredStep]:
    """The steps declared by the step modules in `sources` (file name -> source text).

    Private modules (`_*.py`, e.g. `__init__.py`) and non-Python files are not steps.
    """
    return [
        declared_step(name, text)
        for name, text in sorted(sources.items())
        if name.endswith(".py") and not name.startswith("_")
    ]


def declared_step(name: str, source: str) -> DeclaredStep:
    """The declaration of one step module; UnreadableStep when it has none."""
    try:
        tree = ast.parse(source, filename=name)
    except SyntaxError as error:
        raise UnreadableStep(f"{name}:{error.lineno}: cannot parse: {error.msg}") from None
    names = _top_level_names(tree)
    version = _string_assignment(tree, "version")
    if version is None:
        raise UnreadableStep(f'{name}: no `version = "..."` declaration')
    kinds = frozenset(kind for kind, function in TRANSFORM_NAMES.items() if function in names)
    return DeclaredStep(module=name, version=version, kinds=kinds)


def _top_level_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def _string_assignment(tree: ast.Module, name: str) -> str | None:
    for node in tree.body:
        target, value = _assignment(node)
        if target == name and isinstance(value, ast.Constant) and isinstance(value.value, str):
            return value.value
    return None


def _assignment(node: ast.stmt) -> tuple[str | None, ast.expr | None]:
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        return (target.id if isinstance(target, ast.Name) else None), node.value
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return node.target.id, node.value
    return None, None
