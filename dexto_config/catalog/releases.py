"""Dexto's bundled LLM model registry at each release (DESIGN §2, §7, §11, §14).

One JSON file per release in `releases/`, built from Dexto's source by
`scripts/build_release_registries.py`; a release's file is read only when it is
first asked for. `ReleaseRegistry.model_problem` answers what Dexto's LLM schema
refinement at that release says of an `llm.provider`/`llm.model` pair.
"""

from __future__ import annotations

import json
from functools import cache, cached_property
from pathlib import Path

from dexto_config.records import Record
from dexto_config.versions import newest_at_or_below

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Literal

__all__ = [
    "REGISTRY_RELEASES",
    "ReleaseModel",
    "ReleaseProvider",
    "ReleaseRegistry",
    "reasoning_variants",
    "release_registry",
]

REGISTRY_RELEASES: tuple[str, ...] = (
    "1.5.4",
    "1.5.6",
    "1.5.7",
    "1.5.8",
    "1.6.0",
    "1.6.2",
    "1.8.0",
    "1.10.4",
)

BEDROCK_REGION_PREFIXES = ("eu.", "us.", "global.")


class ReleaseModel(Record):
    """One model of a provider's bundled catalog (named tuples, cheaper to create than
    dataclasses, as lint imports this module: DESIGN §9)."""

    name: str
    display_name: str | None
    max_input_tokens: int | None
    openrouter_id: str | None
    default: bool


class ReleaseProvider(Record):
    """One provider as Dexto's registry describes it at a release.

    `accepts_any_model` is true when the provider's catalog is empty;
    `primary_env_var` is the variable Dexto names in "missing API key" messages.
    """

    name: str
    env_vars: tuple[str, ...]
    primary_env_var: str | None
    requires_api_key: bool
    base_url: Literal["none", "optional", "required"]
    accepts_any_model: bool
    supports_custom_models: bool
    supports_all_registry_models: bool
    default_model: str | None
    models: tuple[ReleaseModel, ...]


class ReleaseRegistry:
    """Dexto's model registry at one release, providers in Dexto's LLM_PROVIDERS order.

    `aliases` maps a provider to Dexto's legacy model-ID aliases (lower-case ID to
    the catalog ID it is looked up as); `gateways_require_vendor_prefix` is true
    from the release whose schema requires `vendor/model` IDs for gateways;
    `reasoning_flags` holds, per provider, the models.dev `reasoning` flag of the
    models that have one (lower-case model ID to flag).
    """

    def __init__(
        self,
        version: str,
        providers: tuple[ReleaseProvider, ...],
        aliases: dict[str, dict[str, str]],
        gateways_require_vendor_prefix: bool,
        reasoning_flags: dict[str, dict[str, bool]] | None = None,
    ) -> None:
        self.version = version
        self.providers = providers
        self.aliases = aliases
        self.gateways_require_vendor_prefix = gateways_require_vendor_prefix
        self.reasoning_flags = reasoning_flags or {}

    @cached_property
    def _by_name(self) -> dict[str, ReleaseProvider]:
        return {provider.name: provider for provider in self.providers}

    def provider(self, name: str) -> ReleaseProvider | None:
        """The provider called `name`, or None when this release does not know it."""
        return self._by_name.get(name)

    def model_problem(self, provider: str, model: str) -> str | None:
        """Dexto's message for the pair, or None when its schema accepts it.

        This is the refinement's model check only: Dexto skips it when a
        `baseURL` is set for a provider that takes none (that error wins), and an
        unknown provider fails the schema's enum instead (None here).
        """
        info = self.provider(provider)
        if info is None:
            return None
        if (
            self.gateways_require_vendor_prefix
            and info.supports_all_registry_models
            and "/" not in model
        ):
            return (
                f"Provider '{provider}' requires OpenRouter-format model IDs (e.g. "
                f"'openai/gpt-5-mini' or 'anthropic/claude-sonnet-4.5'). You provided '{model}'."
            )
        if info.accepts_any_model or info.supports_custom_models:
            return None
        wanted = self._lookup_id(provider, model)
        if any(known.name.lower() == wanted for known in info.models):
            return None
        supported = ", ".join(known.name for known in info.models)
        return f"Model '{model}' is not supported for provider '{provider}'. Supported: {supported}"

    def reasoning_flag(self, provider: str, model: str) -> bool | None:
        """The registry's `reasoning` flag for the model, as Dexto's findModelInfo finds it.

        A gateway other than openrouter also finds `vendor/model` IDs in openrouter's
        catalog. None when the model is not listed or has no flag.
        """
        info = self.provider(provider)
        if info is None:
            return None
        wanted = self._lookup_id(provider, model)
        if any(known.name.lower() == wanted for known in info.models):
            return self.reasoning_flags.get(provider, {}).get(wanted)
        if provider != "openrouter" and info.supports_all_registry_models and "/" in model:
            return self.reasoning_flags.get("openrouter", {}).get(wanted)
        return None

    def _lookup_id(self, provider: str, model: str) -> str:
        """The ID Dexto looks a model up by: region prefix dropped, lower case, alias applied."""
        for prefix in BEDROCK_REGION_PREFIXES:
            if model.startswith(prefix):
                model = model[len(prefix) :]
                break
        lowered = model.lower()
        return self.aliases.get(provider, {}).get(lowered, lowered)


def _release_for(version: str) -> str:
    """The newest release with data at or below `version` (the oldest for older ones)."""
    return newest_at_or_below(version, REGISTRY_RELEASES)


@cache
def _load(release: str) -> ReleaseRegistry:
    # Read beside this module, as `dexto_layer.json` is: importlib.resources costs ~5 ms.
    text = (Path(__file__).parent / "releases" / f"{release}.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return ReleaseRegistry(
        version=release,
        providers=tuple(_provider(row) for row in data["providers"]),
        aliases=data["aliases"],
        gateways_require_vendor_prefix=data["gatewaysRequireVendorPrefix"],
        reasoning_flags={
            row["name"]: {
                fields[0].lower(): fields[5] for fields in row["models"] if fields[5] is not None
            }
            for row in data["providers"]
        },
    )


def _provider(row: dict[str, Any]) -> ReleaseProvider:
    models = tuple(ReleaseModel(*fields[:5]) for fields in row["models"])
    return ReleaseProvider(
        name=row["name"],
        env_vars=tuple(row["envVars"]),
        primary_env_var=row["primaryEnvVar"],
        requires_api_key=row["requiresApiKey"],
        base_url=row["baseURL"],
        accepts_any_model=not models,
        supports_custom_models=row["supportsCustomModels"],
        supports_all_registry_models=row["supportsAllRegistryModels"],
        default_model=row["defaultModel"],
        models=models,
    )


def release_registry(version: str) -> ReleaseRegistry:
    """Dexto's registry as of `version`: the newest release with data at or below it."""
    return _load(_release_for(version))


def reasoning_variants(version: str, provider: str, model: str) -> tuple[str, ...] | None:
    """The `llm.reasoning.variant` values Dexto's schema allows for the pair at `version`.

    None before 1.6.2 (no `llm.reasoning`) and for a provider the release does not
    know; an empty tuple when the model is not reasoning-capable (Dexto rejects
    every variant then).
    """
    # Its regular expressions and tables cost ~5 ms: only files that set a variant pay.
    from dexto_config.catalog.reasoning import reasoning_rules_for

    registry = release_registry(version)
    rules = reasoning_rules_for(registry.version, registry.reasoning_flag)
    if rules is None or registry.provider(provider) is None:
        return None
    return rules.variants(provider, model)
