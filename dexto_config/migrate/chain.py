"""Discovering and ordering the migration steps (DESIGN §4).

Each module of the steps package declares `version`, `summary`, `breaking`
and any of `migrate_agent`, `migrate_preferences`, `migrate_custom_models`
(the contract is `dexto_config.migrate.step_api`). The package is `migrations/`
at the top of the repository, installed inside the wheel as
`dexto_config.migrations`; it is imported, and its modules are found by
scanning it (`pkgutil`), so the import graph shows where the steps come from.

Steps are ordered by `versions.version_key`, the package's one version order,
and each must target one of `versions.RELEASES`: the chain never names a
release the models and the version marker do not know. A known release needs
no step when nothing a file may hold changed in it (the engine still stamps
its marker).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from dexto_config.kinds import FileKind
from dexto_config.migrate.step import MigrationStep, Transform
from dexto_config.versions import RELEASES, version_key

TRANSFORM_NAMES: dict[FileKind, str] = {
    FileKind.AGENT: "migrate_agent",
    FileKind.PREFERENCES: "migrate_preferences",
    FileKind.CUSTOM_MODELS: "migrate_custom_models",
}


class ChainError(Exception):
    """The steps package is inconsistent: a load-time error, never a user's mistake."""


def shipped_steps_package() -> ModuleType:
    """The steps shipped with this tool: `dexto_config.migrations` when installed from a
    wheel, else the checkout's top-level `migrations` package."""
    try:
        return importlib.import_module("dexto_config.migrations")
    except ModuleNotFoundError as error:
        if error.name != "dexto_config.migrations":
            raise
    import migrations  # a checkout run in place: the folder beside `dexto_config/`

    expected = Path(__file__).resolve().parents[2] / "migrations"
    if Path(migrations.__path__[0]).resolve() != expected:
        raise ChainError(f"`migrations` was imported from {migrations.__path__[0]}, not {expected}")
    return migrations


@cache
def default_chain() -> tuple[MigrationStep, ...]:
    """The shipped steps, loaded once per process."""
    return load_chain(shipped_steps_package())


def load_chain(package: ModuleType) -> tuple[MigrationStep, ...]:
    """Every step module of `package` (names starting with `_` excepted), ordered by version.

    ChainError on a module without valid metadata, a version that is not one
    of `RELEASES`, a module name that does not start with its version
    (`v1_5_6_<name>` for 1.5.6), or two steps for one version.
    """
    names = sorted(
        module.name
        for module in pkgutil.iter_modules(package.__path__)
        if not module.name.startswith("_")
    )
    steps = [_step_from(importlib.import_module(f"{package.__name__}.{name}")) for name in names]
    return _ordered(steps)


def steps_between(
    chain: tuple[MigrationStep, ...], from_version: str, to_version: str
) -> tuple[MigrationStep, ...]:
    """The steps that take a file from `from_version` up to `to_version`, in order."""
    low, high = version_key(from_version), version_key(to_version)
    return tuple(step for step in chain if low < version_key(step.version) <= high)


def _step_from(module: ModuleType) -> MigrationStep:
    where = module.__file__ or module.__name__
    version = _required(module, "version", str, where)
    module_name = module.__name__.rsplit(".", 1)[-1]
    _check_version(version, module_name, where)
    return MigrationStep(
        version=version,
        summary=_required(module, "summary", str, where),
        breaking=_required(module, "breaking", bool, where),
        transforms=_transforms(module, where),
        module=module_name,
    )


def _check_version(version: str, module_name: str, where: str) -> None:
    if version not in RELEASES:
        raise ChainError(
            f"{where}: version {version!r} is not a release this tool knows "
            "(add it to dexto_config/versions.py first)"
        )
    # The name carries the version so that a listing says which step is which.
    prefix = module_prefix(version)
    if not module_name.startswith(prefix):
        raise ChainError(f"{where}: the step for {version} must be named {prefix}<what it does>")


def _transforms(module: ModuleType, where: str) -> dict[FileKind, Transform]:
    transforms: dict[FileKind, Transform] = {}
    for kind, name in TRANSFORM_NAMES.items():
        function = getattr(module, name, None)
        if function is not None:
            if not callable(function):
                raise ChainError(f"{where}: {name} must be a function")
            transforms[kind] = function
    return transforms


def module_prefix(version: str) -> str:
    """How the name of the step module for `version` starts: `v1_5_6_` for 1.5.6."""
    return "v" + version.replace(".", "_") + "_"


def _required(module: ModuleType, name: str, kind: type, where: str) -> Any:
    value = getattr(module, name, None)
    if not isinstance(value, kind):
        raise ChainError(f"{where}: missing or invalid `{name}` ({kind.__name__} expected)")
    return value


def _ordered(steps: list[MigrationStep]) -> tuple[MigrationStep, ...]:
    by_version: dict[str, MigrationStep] = {}
    for step in steps:
        if step.version in by_version:
            other = by_version[step.version]
            raise ChainError(
                f"migrations {other.module} and {step.module} both target {step.version}"
            )
        by_version[step.version] = step
    return tuple(by_version[v] for v in sorted(by_version, key=version_key))
