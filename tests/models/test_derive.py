"""A run builds the models of the releases it uses, never those of the releases in between.

Each case runs in a fresh interpreter: built models stay cached in a process.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any, get_args

import pytest

from dexto_config.kinds import FileKind
from dexto_config.models import model_for
from dexto_config.models.derive import Derived
from tests.conftest import REPO

RELEASES = "dexto_config.models.releases."
KIND_ATTRIBUTES = ("AgentConfig", "Preferences", "CustomModels")


def built_beyond_need(version: str) -> list[str]:
    """The release models built while getting every kind's model at `version` that none of
    `version`'s own models uses."""
    for kind in FileKind:
        if kind is not FileKind.REGISTRY:
            model_for(kind, version)
    target = sys.modules.get(RELEASES + "v" + version.replace(".", "_"))
    needed = set() if target is None else _reachable(target)
    return [
        f"{module.__name__}.{name}"
        for module in _release_modules()
        for name, value in vars(module).items()
        if isinstance(value, Derived) and value._built is not None and id(value) not in needed
    ]


def _release_modules() -> Iterator[ModuleType]:
    return (module for name, module in sys.modules.items() if name.startswith(RELEASES))


def _reachable(module: ModuleType) -> set[int]:
    seen: dict[int, Derived] = {}
    pending: list[Any] = [getattr(module, name) for name in KIND_ATTRIBUTES]
    while pending:
        item = pending.pop()
        if isinstance(item, Derived) and id(item) not in seen:
            seen[id(item)] = item
            pending.extend(annotation for annotation, _ in item.definitions.values())
        pending.extend(get_args(item))
    return set(seen)


@pytest.mark.parametrize("version", ["1.5.6", "1.5.8", "1.6.2", "1.10.4"])
def test_a_run_builds_no_model_of_a_release_it_does_not_use(version: str) -> None:
    script = (
        "import json; from tests.models.test_derive import built_beyond_need; "
        f"print(json.dumps(built_beyond_need({version!r})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
    )

    assert json.loads(done.stdout) == []
