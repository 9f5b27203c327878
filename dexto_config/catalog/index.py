"""The catalog: dict-based indexes over every layer, built once, queried in O(1)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from dexto_config.catalog import sources
from dexto_config.catalog.facts import (
    GATEWAY_PROVIDERS,
    PROVIDER_NAMES,
    ProviderFacts,
    provider,
    providers,
)
from dexto_config.catalog.model import (
    Known,
    LookupResult,
    ModelInfo,
    OpenRouterMapping,
    Unknown,
    UserModel,
)
from dexto_config.catalog.similarity import closest
from dexto_config.records import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

OPENROUTER = "openrouter"
DEXTO = "dexto"


class _ProviderIndex:
    """One provider's models by lower-cased ID, and its exact OpenRouter mappings.

    A plain class, as the catalog's values are named tuples: `lint one.yml`
    imports this module, and a dataclass costs more to create (DESIGN §9).
    """

    __slots__ = ("from_openrouter", "models", "to_openrouter")

    def __init__(
        self,
        models: dict[str, ModelInfo] | None = None,
        to_openrouter: dict[str, str] | None = None,
        from_openrouter: dict[str, str] | None = None,
    ) -> None:
        self.models = {} if models is None else models
        self.to_openrouter = {} if to_openrouter is None else to_openrouter
        self.from_openrouter = {} if from_openrouter is None else from_openrouter

    def add(self, info: ModelInfo, *, override: bool) -> None:
        key = info.id.lower()
        if override or key not in self.models:
            self.models[key] = info

    def copy(self) -> _ProviderIndex:
        return _ProviderIndex(
            dict(self.models), dict(self.to_openrouter), dict(self.from_openrouter)
        )


class Catalog:
    """Known model IDs per provider and the native ↔ OpenRouter mapping.

    Layers, highest wins: the user's (custom models, lint-config extras), the Dexto
    layer, then models.dev and OpenRouter's listing. Build one with
    `default_catalog()` and add user layers with `with_user_models()`.
    """

    def __init__(self, indexes: dict[str, _ProviderIndex], origin: str) -> None:
        self._indexes = indexes
        self.origin = origin
        # The same unknown ID recurs across a tree of agents; difflib is the costly part.
        self._suggestions: dict[tuple[str, str, int], tuple[str, ...]] = {}

    def lookup(self, provider_name: str, model_id: str) -> LookupResult:
        """`Known` when `model_id` exists for the provider, else `Unknown` with suggestions.

        IDs match case-insensitively; under `dexto`/`openrouter` an unlisted
        `:variant` (`:free`, `:batch`, ...) resolves to its base model.
        """
        facts = provider(provider_name)
        index = self._indexes[provider_name]
        info = index.models.get(model_id.lower())
        if info is not None:
            return Known(info)
        base, colon, variant = model_id.partition(":")
        if facts.takes_openrouter_ids and colon and variant:
            base_info = index.models.get(base.lower())
            if base_info is not None:
                return Known(base_info, variant=variant)
        return Unknown(
            provider=provider_name,
            model_id=model_id,
            suggestions=self.suggest(provider_name, model_id),
            any_model=facts.accepts_any_model,
        )

    def is_known(self, provider_name: str, model_id: str) -> bool:
        """True when `lookup` would return `Known` (without computing suggestions)."""
        index = self._indexes[provider(provider_name).name]
        if model_id.lower() in index.models:
            return True
        base, colon, _ = model_id.partition(":")
        return (
            bool(colon)
            and provider(provider_name).takes_openrouter_ids
            and (base.lower() in index.models)
        )

    def to_openrouter(self, provider_name: str, native_id: str) -> OpenRouterMapping:
        """The OpenRouter ID the Dexto gateway takes for `native_id` under `provider_name`.

        Exact when Dexto's registry, models.dev's cross-provider data or OpenRouter's
        listing knows it; otherwise the legacy prefix rule (`vendor/model`, groq: the
        ID unchanged) with `exact=False`.
        """
        facts = provider(provider_name)
        if facts.takes_openrouter_ids:
            return self._openrouter_id_for_any_provider(native_id)
        mapped = self._indexes[facts.name].to_openrouter.get(native_id.lower())
        if mapped is not None:
            return OpenRouterMapping(mapped, exact=True)
        return self._legacy_rule(facts, native_id)

    def to_native(self, openrouter_id: str, provider_name: str) -> str | None:
        """The ID `provider_name` uses for `openrouter_id`, or None when none is known."""
        facts = provider(provider_name)
        if facts.takes_openrouter_ids:
            return openrouter_id
        index = self._indexes[facts.name]
        base = openrouter_id.partition(":")[0].lower()
        native = index.from_openrouter.get(base)
        if native is not None:
            return native
        vendor, slash, rest = base.partition("/")
        candidate = rest if slash and vendor == facts.openrouter_prefix else base
        info = index.models.get(candidate)
        return info.id if info is not None else None

    def suggest(self, provider_name: str, model_id: str, n: int = 3) -> tuple[str, ...]:
        """Up to `n` "did you mean" IDs: the same model in the provider's ID form first,
        then the closest known IDs by edit distance and family."""
        key = (provider_name, model_id, n)
        cached = self._suggestions.get(key)
        if cached is None:
            cached = self._suggestions[key] = self._compute_suggestions(provider_name, model_id, n)
        return cached

    def _compute_suggestions(self, provider_name: str, model_id: str, n: int) -> tuple[str, ...]:
        facts = provider(provider_name)
        index = self._indexes[facts.name]
        cross = self._cross_form(facts, model_id)
        ids = [info.id for info in index.models.values()]
        similar = closest(model_id, ids, n + 1)
        ordered = dict.fromkeys(s for s in [*cross, *similar] if s.lower() != model_id.lower())
        return tuple(ordered)[:n]

    def models(self, provider_name: str | None = None) -> tuple[ModelInfo, ...]:
        """Every known model, of one provider or of all, sorted by provider then ID."""
        names = PROVIDER_NAMES if provider_name is None else (provider(provider_name).name,)
        return tuple(
            info
            for name in names
            for info in sorted(self._indexes[name].models.values(), key=_sort_key)
        )

    def search(self, text: str, provider_name: str | None = None) -> tuple[ModelInfo, ...]:
        """Known models whose ID or display name contains `text` (case-insensitive)."""
        needle = text.lower()
        return tuple(
            info
            for info in self.models(provider_name)
            if needle in info.id.lower() or needle in info.name.lower()
        )

    def with_user_models(
        self,
        custom: Iterable[UserModel] = (),
        extra_known: Mapping[str, Iterable[str]] | None = None,
    ) -> Catalog:
        """A new catalog with the user's layer on top: custom models and lint-config extras.

        Raises UnknownProviderError for a provider Dexto does not know.
        """
        extras = [
            UserModel(provider=name, name=model_id, source="lint-config")
            for name, ids in (extra_known or {}).items()
            for model_id in ids
        ]
        indexes = dict(self._indexes)
        for user_model in [*custom, *extras]:
            name = provider(user_model.provider).name
            if indexes[name] is self._indexes[name]:
                indexes[name] = indexes[name].copy()
            known = indexes[name].models.get(user_model.name.lower())
            indexes[name].add(_user_model_info(user_model, known), override=True)
        return Catalog(indexes, self.origin)

    def _openrouter_id_for_any_provider(self, model_id: str) -> OpenRouterMapping:
        """Under `dexto`/`openrouter` an ID with a `/` is already an OpenRouter ID; a bare
        native ID (legacy `provider: dexto, model: gpt-5-mini`) is mapped through the
        direct provider that lists it."""
        if "/" in model_id:
            return OpenRouterMapping(model_id, exact=True)
        for facts in providers():
            if facts.routeable and not facts.takes_openrouter_ids:
                mapped = self._indexes[facts.name].to_openrouter.get(model_id.lower())
                if mapped is not None:
                    return OpenRouterMapping(mapped, exact=True)
        return OpenRouterMapping(model_id, exact=False)

    def _legacy_rule(self, facts: ProviderFacts, native_id: str) -> OpenRouterMapping:
        openrouter_models = self._indexes[OPENROUTER].models
        if "/" in native_id:
            return OpenRouterMapping(native_id, exact=native_id.lower() in openrouter_models)
        if facts.openrouter_prefix is None:
            return OpenRouterMapping(native_id, exact=False)
        guess = f"{facts.openrouter_prefix}/{native_id}"
        return OpenRouterMapping(guess, exact=guess.lower() in openrouter_models)

    def _cross_form(self, facts: ProviderFacts, model_id: str) -> list[str]:
        """The same model in the ID form `facts` expects, when the caller used the other."""
        if facts.takes_openrouter_ids and "/" not in model_id:
            mapping = self._openrouter_id_for_any_provider(model_id)
            return [mapping.id] if mapping.exact else []
        if not facts.takes_openrouter_ids and "/" in model_id:
            native = self.to_native(model_id, facts.name)
            return [native] if native is not None else []
        return []


def _sort_key(info: ModelInfo) -> tuple[bool, str]:
    return (info.source != "dexto", info.id.lower())


def _user_model_info(user_model: UserModel, known: ModelInfo | None) -> ModelInfo:
    name = user_model.display_name or (known.name if known else user_model.name)
    if known is not None:
        return known._replace(name=name, source=user_model.source)
    facts = provider(user_model.provider)
    openrouter_id = user_model.name if facts.takes_openrouter_ids else None
    return ModelInfo(user_model.provider, user_model.name, name, user_model.source, openrouter_id)


def build(
    dexto_layer: Mapping[str, Iterable[sources.DextoEntry]],
    models_dev: Mapping[str, Iterable[sources.SourceModel]],
    openrouter_listing: Iterable[sources.SourceModel],
    origin: str,
) -> Catalog:
    """A catalog from its layers (pure: the caller reads the sources)."""
    indexes = {name: _ProviderIndex() for name in PROVIDER_NAMES}
    _add_openrouter_models(indexes, models_dev.get(OPENROUTER, ()), openrouter_listing)
    openrouter_names = _OpenRouterNames.of(indexes[OPENROUTER].models.values())
    _add_dexto_layer(indexes, dexto_layer)
    for facts in providers():
        if facts.takes_openrouter_ids:
            continue
        index = indexes[facts.name]
        for models_dev_id in facts.models_dev_ids:
            for model in models_dev.get(models_dev_id, ()):
                mapped = openrouter_names.match(facts, model)
                index.add(
                    ModelInfo(facts.name, model.id, model.name, "models.dev", mapped),
                    override=False,
                )
                if mapped is not None:
                    index.to_openrouter.setdefault(model.id.lower(), mapped)
                    index.from_openrouter.setdefault(mapped.lower(), model.id)
    # One gateway under two names (`dexto-nova` from 1.5.8): one index serves both.
    gateway = indexes[GATEWAY_PROVIDERS[0]]
    for name in GATEWAY_PROVIDERS[1:]:
        indexes[name] = gateway
    return Catalog(indexes, origin)


def dump(catalog: Catalog) -> dict[str, Any]:
    """The catalog's indexes as JSON data, which `load` turns back into the same catalog."""
    shared = set(GATEWAY_PROVIDERS[1:])  # one index under several names: stored once
    return {
        "origin": catalog.origin,
        "providers": {
            name: [
                [list(info) for info in index.models.values()],
                index.to_openrouter,
                index.from_openrouter,
            ]
            for name, index in catalog._indexes.items()
            if name not in shared
        },
    }


def load(data: Mapping[str, Any]) -> Catalog:
    """The catalog `dump` wrote; raises KeyError, TypeError or ValueError for other data."""
    indexes: dict[str, _ProviderIndex] = {}
    for name, (rows, to_openrouter, from_openrouter) in data["providers"].items():
        models = {str(row[1]).lower(): ModelInfo(*row) for row in rows}
        indexes[name] = _ProviderIndex(models, dict(to_openrouter), dict(from_openrouter))
    gateway = indexes[GATEWAY_PROVIDERS[0]]
    for name in GATEWAY_PROVIDERS[1:]:
        indexes[name] = gateway
    if sorted(indexes) != sorted(PROVIDER_NAMES):
        raise ValueError("not every provider has an index")
    return Catalog(indexes, str(data["origin"]))


def _add_openrouter_models(
    indexes: dict[str, _ProviderIndex],
    from_models_dev: Iterable[sources.SourceModel],
    from_listing: Iterable[sources.SourceModel],
) -> None:
    # `dexto` accepts every model OpenRouter lists (supportsAllRegistryModels).
    for name in (OPENROUTER, DEXTO):
        for model in from_listing:
            indexes[name].add(
                ModelInfo(name, model.id, model.name, "openrouter", model.id), override=False
            )
        for model in from_models_dev:
            indexes[name].add(
                ModelInfo(name, model.id, model.name, "models.dev", model.id), override=False
            )


def _add_dexto_layer(
    indexes: dict[str, _ProviderIndex], layer: Mapping[str, Iterable[sources.DextoEntry]]
) -> None:
    for name, entries in layer.items():
        index = indexes[name]
        for entry in entries:
            openrouter_id = entry.id if provider(name).takes_openrouter_ids else entry.openrouter
            info = ModelInfo(name, entry.id, entry.name, "dexto", openrouter_id, entry.default)
            index.add(info, override=True)
            for alias in entry.aliases:
                index.add(info._replace(id=alias, default=False), override=True)
            if entry.openrouter is not None:
                for native in (entry.id, *entry.aliases):
                    index.to_openrouter[native.lower()] = entry.openrouter
                index.from_openrouter.setdefault(entry.openrouter.lower(), entry.id)
                _add_gateway_model(indexes, entry.openrouter, entry.name)


def _add_gateway_model(indexes: dict[str, _ProviderIndex], openrouter_id: str, name: str) -> None:
    """Dexto maps a native model to `openrouter_id`, so its gateway takes that ID even
    when the models.dev snapshot no longer lists it."""
    for gateway in (OPENROUTER, DEXTO):
        info = ModelInfo(gateway, openrouter_id, name, "dexto", openrouter_id)
        indexes[gateway].add(info, override=False)


_LATEST = re.compile(r"\((latest|free)\)")
_NON_ALNUM = re.compile(r"[^a-z0-9.]+")


def _normal_name(name: str) -> str:
    """`Anthropic: Claude Sonnet 4.5 (latest)` → `claude sonnet 4.5`."""
    lowered = _LATEST.sub("", name.lower().rpartition(": ")[2])
    return _NON_ALNUM.sub(" ", lowered).strip()


class _OpenRouterNames(Record):
    """OpenRouter IDs by exact ID, by the part after the vendor, and by normalised name."""

    ids: frozenset[str]
    by_suffix: dict[str, tuple[str, ...]]
    by_name: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, models: Iterable[ModelInfo]) -> _OpenRouterNames:
        by_suffix: defaultdict[str, list[str]] = defaultdict(list)
        by_name: defaultdict[str, list[str]] = defaultdict(list)
        ids = []
        for info in models:
            if ":" in info.id or info.id.startswith("~"):
                continue
            ids.append(info.id)
            by_suffix[info.id.partition("/")[2].lower()].append(info.id)
            by_name[_normal_name(info.name)].append(info.id)
        return cls(
            frozenset(i.lower() for i in ids),
            {k: tuple(v) for k, v in by_suffix.items()},
            {k: tuple(v) for k, v in by_name.items()},
        )

    def match(self, facts: ProviderFacts, model: sources.SourceModel) -> str | None:
        """The OpenRouter ID of `model` by models.dev's cross-provider data, if unambiguous:
        the same ID under the provider's vendor prefix, the same ID after any vendor
        (for providers without a prefix), or the same display name."""
        prefix = facts.openrouter_prefix
        if prefix is not None and f"{prefix}/{model.id}".lower() in self.ids:
            return f"{prefix}/{model.id}"
        if "/" in model.id and model.id.lower() in self.ids:
            return model.id
        candidates: tuple[str, ...] = ()
        if prefix is None:
            candidates = self.by_suffix.get(model.id.rpartition("/")[2].lower(), ())
        if len(candidates) != 1:
            candidates = self.by_name.get(_normal_name(model.name), ())
            if prefix is not None:
                candidates = tuple(c for c in candidates if c.startswith(f"{prefix}/"))
        return candidates[0] if len(candidates) == 1 else None
