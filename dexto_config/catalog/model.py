"""Values the catalog hands out: models, lookup results, OpenRouter mappings.

Named tuples, not dataclasses: `lint one.yml` imports them, and a dataclass costs
about ten times as much to create (DESIGN §9).
"""

from __future__ import annotations

from dexto_config.records import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal

    Source = Literal["dexto", "models.dev", "openrouter", "custom-models", "lint-config"]
    """Which layer a model came from (DESIGN §7), highest first."""


class ModelInfo(Record):
    """One model ID under one provider.

    `openrouter_id` is the model's ID under `dexto`/`openrouter` when the catalog
    knows it exactly (for those two providers it is the ID itself).
    """

    provider: str
    id: str
    name: str
    source: Source
    openrouter_id: str | None = None
    default: bool = False


class Known(Record):
    """`lookup` found the model. `variant` is the `:suffix` that resolved to its base model."""

    model: ModelInfo
    variant: str | None = None


class Unknown(Record):
    """`lookup` did not find the model; `suggestions` holds up to n "did you mean" IDs.

    `any_model` is True when the provider accepts any model ID (a warning, not an error).
    """

    provider: str
    model_id: str
    suggestions: tuple[str, ...]
    any_model: bool


LookupResult = Known | Unknown


class OpenRouterMapping(Record):
    """A native model ID turned into an OpenRouter ID.

    `exact` is False when the catalog knew no mapping and the legacy prefix rule
    (or, for groq, the unchanged ID) was used: a guess the caller should warn about.
    """

    id: str
    exact: bool


class UserModel(Record):
    """A model from the user's layer: a `custom-models.json` entry or a lint-config extra."""

    provider: str
    name: str
    display_name: str | None = None
    source: Literal["custom-models", "lint-config"] = "custom-models"
