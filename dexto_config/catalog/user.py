"""The user's layer: models from `~/.dexto/models/custom-models.json`."""

from __future__ import annotations

from dexto_config.catalog.facts import is_provider
from dexto_config.catalog.model import UserModel

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

DEFAULT_CUSTOM_PROVIDER = "openai-compatible"


class CustomModelsError(ValueError):
    """`custom-models.json` cannot be read or is not a `{"models": [...]}` object."""


def custom_models_from_data(data: Any) -> tuple[UserModel, ...]:
    """The models of parsed `custom-models.json` data.

    Entries without a string `name`, or naming a provider Dexto does not know, are
    skipped: judging them is `validate`'s job, the catalog only learns the good ones.
    """
    if not isinstance(data, dict) or not isinstance(data.get("models"), list):
        raise CustomModelsError("custom-models.json must be an object with a 'models' list")
    found = []
    for entry in data["models"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            continue
        provider_name = entry.get("provider", DEFAULT_CUSTOM_PROVIDER)
        if not isinstance(provider_name, str) or not is_provider(provider_name):
            continue
        display_name = entry.get("displayName")
        found.append(
            UserModel(
                provider=provider_name,
                name=entry["name"],
                display_name=display_name if isinstance(display_name, str) else None,
            )
        )
    return tuple(found)


def read_custom_models(path: Path) -> tuple[UserModel, ...]:
    """The models of the `custom-models.json` at `path`; raises CustomModelsError."""
    from dexto_config.jsonio import read_json

    try:
        data = read_json(path.read_bytes())
    except OSError as error:
        raise CustomModelsError(f"{path}: cannot read: {error.strerror}") from None
    except ValueError as error:
        raise CustomModelsError(f"{path}: not valid JSON: {error}") from None
    try:
        return custom_models_from_data(data)
    except CustomModelsError as error:
        raise CustomModelsError(f"{path}: {error}") from None
