"""The model fixtures of `fixtures/`, with their kind and plain data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dexto_config.kinds import FileKind
from dexto_config.yamlio.fast import parse

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
MODEL_FIXTURE_DIRS = ("agents", "preferences", "custom-models")


@dataclass(frozen=True)
class Fixture:
    """One fixture file: `name` is its path under fixtures/."""

    name: str
    path: Path
    kind: FileKind

    def data(self) -> Any:
        text = self.path.read_text(encoding="utf-8")
        return json.loads(text) if self.kind is FileKind.CUSTOM_MODELS else parse(text).data


def model_fixtures() -> list[Fixture]:
    """Every agent, preferences and custom-models fixture."""
    found = []
    for folder in MODEL_FIXTURE_DIRS:
        for path in sorted((FIXTURES / folder).rglob("*")):
            if path.suffix in (".yml", ".yaml", ".json"):
                found.append(Fixture(path.relative_to(FIXTURES).as_posix(), path, _kind(path)))
    return found


def _kind(path: Path) -> FileKind:
    if path.name == "preferences.yml":
        return FileKind.PREFERENCES
    if path.name == "custom-models.json":
        return FileKind.CUSTOM_MODELS
    return FileKind.AGENT
