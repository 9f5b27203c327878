"""`migrate --verify`: the explicit file must call the backend the legacy runtime called."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dexto_config.migrate.engine import FileMigration
from dexto_config.migrate.routing import RoutingContext, backend_name, legacy_backend
from dexto_config.migrate.step import DataPath, dotted
from dexto_config.yamlio.fast import parse


@dataclass(frozen=True, slots=True)
class VerifyFailure:
    """An `llm` block whose explicit backend differs from its legacy one."""

    path: DataPath
    legacy: str
    explicit: str

    def describe(self) -> str:
        where = dotted(self.path)
        return (
            f"{where}: the legacy runtime called {self.legacy}, "
            f"the migrated file calls {self.explicit}"
        )


def verify_backends(migration: FileMigration, context: RoutingContext) -> list[VerifyFailure]:
    """Recompute both backends of every migrated block; differences the user forced are fine."""
    if migration.status != "migrated" or context.forced:
        return []
    migrated = parse(migration.result).data
    failures = []
    for decision in migration.decisions:
        legacy = legacy_backend(decision.old_provider, context).name
        explicit = _provider_at(migrated, decision.path)
        if not isinstance(explicit, str) or backend_name(explicit) != legacy:
            failures.append(VerifyFailure(decision.path, legacy, str(explicit)))
    return failures


def _provider_at(data: Any, path: DataPath) -> Any:
    node = data
    for part in path:
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return None
    return node.get("provider") if isinstance(node, dict) else None
