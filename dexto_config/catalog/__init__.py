"""The model catalog (DESIGN §7): known model IDs per provider, the native ↔ OpenRouter
mapping, and every provider fact of DESIGN §2.

Importing this package is cheap: data is read on the first lookup, once per process.
The module-level functions use `default_catalog()` (snapshot or fresh refresh cache
plus the Dexto layer); build a catalog with the user's layer with `build_catalog()`
or `default_catalog().with_user_models(...)`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache

from dexto_config.catalog.facts import (
    DIRECT_ONLY_PROVIDERS,
    PROVIDER_NAMES,
    ROUTEABLE_PROVIDERS,
    ProviderFacts,
    UnknownProviderError,
    accepts_any_model,
    base_url_support,
    env_vars,
    is_provider,
    is_routeable,
    legacy_openrouter_prefix,
    owner_of_env_var,
    primary_env_var,
    provider,
    providers,
    supports_custom_models,
    takes_openrouter_ids,
)
from dexto_config.catalog.model import (
    Known,
    LookupResult,
    ModelInfo,
    OpenRouterMapping,
    Unknown,
    UserModel,
)
from dexto_config.catalog.user import CustomModelsError, custom_models_from_data, read_custom_models

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from dexto_config.catalog.index import Catalog

__all__ = [
    "DIRECT_ONLY_PROVIDERS",
    "PROVIDER_NAMES",
    "ROUTEABLE_PROVIDERS",
    "Catalog",
    "CustomModelsError",
    "Known",
    "LookupResult",
    "ModelInfo",
    "OpenRouterMapping",
    "ProviderFacts",
    "Unknown",
    "UnknownProviderError",
    "UserModel",
    "accepts_any_model",
    "base_url_support",
    "build_catalog",
    "custom_models_from_data",
    "default_catalog",
    "env_vars",
    "is_provider",
    "is_routeable",
    "legacy_openrouter_prefix",
    "lookup",
    "owner_of_env_var",
    "primary_env_var",
    "provider",
    "providers",
    "read_custom_models",
    "reload",
    "suggest",
    "supports_custom_models",
    "takes_openrouter_ids",
    "to_native",
    "to_openrouter",
]


@cache
def default_catalog() -> Catalog:
    """The catalog without a user layer, loaded (or built) on first use and then reused."""
    from dexto_config.catalog import compiled

    return compiled.default_catalog()


def reload() -> None:
    """Forget the loaded data, so that the next lookup reads the sources (after a refresh)."""
    from dexto_config.catalog import sources

    sources.clear()
    default_catalog.cache_clear()


def build_catalog(
    custom_models_path: Path | None = None,
    extra_known: Mapping[str, Iterable[str]] | None = None,
) -> Catalog:
    """The default catalog plus the user's layer: the models of `custom_models_path`
    (skipped when the file does not exist) and lint-config extras by provider.

    Raises CustomModelsError when the file exists but cannot be used.
    """
    custom: tuple[UserModel, ...] = ()
    if custom_models_path is not None and custom_models_path.exists():
        custom = read_custom_models(custom_models_path)
    return default_catalog().with_user_models(custom, extra_known)


def lookup(provider_name: str, model_id: str) -> LookupResult:
    """`Known` or `Unknown(suggestions)` for `model_id` under `provider_name` (default catalog)."""
    return default_catalog().lookup(provider_name, model_id)


def to_openrouter(provider_name: str, native_id: str) -> OpenRouterMapping:
    """`native_id` under `provider_name` as an OpenRouter ID, and whether that is exact."""
    return default_catalog().to_openrouter(provider_name, native_id)


def to_native(openrouter_id: str, provider_name: str) -> str | None:
    """`openrouter_id` as `provider_name`'s own ID, or None when none is known."""
    return default_catalog().to_native(openrouter_id, provider_name)


def suggest(provider_name: str, model_id: str, n: int = 3) -> tuple[str, ...]:
    """Up to `n` "did you mean" IDs for `model_id` under `provider_name`."""
    return default_catalog().suggest(provider_name, model_id, n)


def __getattr__(name: str) -> object:
    # `Catalog` is importable from here without paying for index/suggest at import time.
    if name == "Catalog":
        from dexto_config.catalog.index import Catalog

        return Catalog
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
