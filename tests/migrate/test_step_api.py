"""The steps talk to the engine through `dexto_config.migrate.step_api` only."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from dexto_config.migrate import step_api
from dexto_config.migrate.chain import default_chain, shipped_steps_package

STEP_API = "dexto_config.migrate.step_api"
STEP_FILES = sorted(Path(shipped_steps_package().__path__[0]).glob("v*.py"))


def _imports(tree: ast.Module) -> list[tuple[str, list[str]]]:
    """(module, names) of every import statement in `tree`, at any depth."""
    found: list[tuple[str, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            found.append((module, [alias.name for alias in node.names]))
    return found


def _outside_contract(module: str) -> bool:
    top = module.split(".")[0]
    return module != STEP_API and module != "__future__" and top not in sys.stdlib_module_names


@pytest.mark.parametrize("path", STEP_FILES, ids=lambda path: path.stem)
def test_a_step_imports_only_the_step_api_and_the_standard_library(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    outside = [module for module, _ in _imports(tree) if _outside_contract(module)]
    assert outside == [], f"{path.name} imports {outside}; import them from {STEP_API}"


def test_the_step_api_exports_only_what_steps_use() -> None:
    used = {
        name
        for path in STEP_FILES
        for module, names in _imports(ast.parse(path.read_text(encoding="utf-8")))
        if module == STEP_API
        for name in names
    }
    assert set(step_api.__all__) == used


def test_every_step_file_is_in_the_chain() -> None:
    assert [step.module for step in default_chain()] == [path.stem for path in STEP_FILES]


@pytest.mark.parametrize(
    ("module", "outside"),
    [
        pytest.param("dexto_config.migrate.step_api", False, id="step-api"),
        pytest.param("__future__", False, id="future"),
        pytest.param("re", False, id="stdlib"),
        pytest.param("collections.abc", False, id="stdlib-submodule"),
        pytest.param("dexto_config.yamlio.edit", True, id="engine-internal"),
        pytest.param("dexto_config", True, id="package-root"),
        pytest.param("yaml", True, id="third-party"),
        pytest.param(".sibling", True, id="relative"),
    ],
)
def test_the_contract_check_tells_allowed_imports_apart(module: str, outside: bool) -> None:
    assert _outside_contract(module) is outside
