"""File kinds and how a path is recognised (DESIGN §2)."""

from __future__ import annotations

import enum
from pathlib import Path


class FileKind(enum.StrEnum):
    """The kinds of Dexto file this tool understands."""

    AGENT = "agent"
    PREFERENCES = "preferences"
    CUSTOM_MODELS = "custom-models"
    REGISTRY = "registry"

    @property
    def is_yaml(self) -> bool:
        return self in (FileKind.AGENT, FileKind.PREFERENCES)


SELECTABLE_KINDS = (FileKind.AGENT, FileKind.PREFERENCES, FileKind.CUSTOM_MODELS)

_BY_NAME = {
    "preferences.yml": FileKind.PREFERENCES,
    "custom-models.json": FileKind.CUSTOM_MODELS,
    "registry.json": FileKind.REGISTRY,
    "agent-registry.json": FileKind.REGISTRY,
    "user-agent-registry.json": FileKind.REGISTRY,
}
YAML_SUFFIXES = (".yml", ".yaml")


def recognise(path: Path, override: FileKind | None = None) -> FileKind | None:
    """The kind of `path`, or None when it is not a file this tool handles."""
    if override is not None:
        return override
    by_name = _BY_NAME.get(path.name)
    if by_name is not None:
        return by_name
    if path.suffix in YAML_SUFFIXES:
        return FileKind.AGENT
    return None
