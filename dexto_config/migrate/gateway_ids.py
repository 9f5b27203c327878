"""OpenRouter model IDs for the gateway providers (`dexto`, `dexto-nova`, `openrouter`).

One rule for every step that moves a model to a provider taking OpenRouter IDs
(DESIGN §4.1, §11.1): the catalog's mapping, else the legacy vendor prefix, with
a warning whenever the result is a guess.
"""

from __future__ import annotations

from dexto_config import catalog
from dexto_config.migrate.routing import DEXTO, DEXTO_NOVA
from dexto_config.migrate.step import Change, DataPath, StepResult
from dexto_config.yamlio.edit import EditableDocument

OPENROUTER = "openrouter"
# Providers whose models are OpenRouter IDs, in every release.
GATEWAY_PROVIDERS = frozenset({DEXTO, DEXTO_NOVA, OPENROUTER})
# Direct providers whose native IDs the gateway knows under a vendor prefix, in
# the order a bare ID under a gateway provider is looked up.
_GATEWAY_VENDORS = ("anthropic", "openai", "google", "xai", "cohere")
_VENDOR_BY_PREFIX = (
    ("claude", "anthropic"),
    ("gpt-", "openai"),
    ("o1", "openai"),
    ("o3", "openai"),
    ("o4", "openai"),
    ("gemini", "google"),
    ("grok", "xai"),
    ("command", "cohere"),
)


def gateway_model_id(provider: str, model: str, warnings: list[str]) -> str:
    """`model` (named under `provider`) as the OpenRouter ID a gateway provider takes.

    An ID that already has a vendor (`vendor/model`) is kept; a guess adds a
    line to `warnings`.
    """
    if "/" in model:
        return model
    native_provider = _vendor_of(model) if provider in GATEWAY_PROVIDERS else provider
    if native_provider is None:
        warnings.append(
            f"model {model!r}: no vendor is known for it, so it was kept as written; "
            "the gateway expects an OpenRouter ID such as 'openai/gpt-5-mini'"
        )
        return model
    mapping = catalog.to_openrouter(native_provider, model)
    if not mapping.exact:
        warnings.append(
            f"model {model!r}: no known OpenRouter ID, guessed {mapping.id!r} by the legacy "
            f"{native_provider} prefix rule; check it with `dexto-config models search`"
        )
    return mapping.id


def _vendor_of(model: str) -> str | None:
    for vendor in _GATEWAY_VENDORS:
        if isinstance(catalog.lookup(vendor, model), catalog.Known):
            return vendor
    for prefix, vendor in _VENDOR_BY_PREFIX:
        if model.startswith(prefix):
            return vendor
    return None


# How a custom model's display name names the backend it runs on.
BACKEND_LABELS = {OPENROUTER: "OpenRouter", DEXTO: "Dexto", DEXTO_NOVA: "Dexto Nova"}


def relabel_display_name(
    document: EditableDocument,
    block: DataPath,
    moved: tuple[str, str],
    reason: str,
    result: StepResult,
) -> None:
    """A custom model `moved` from one provider to another keeps no stale backend label:
    `displayName: "Claude (OpenRouter)"` becomes `"Claude (Dexto)"`, for `reason`."""
    old, new = moved
    path = (*block, "displayName")
    name = document.find(path)
    old_label = f" ({BACKEND_LABELS[old]})"
    if not isinstance(name, str) or not name.endswith(old_label):
        return
    renamed = name[: -len(old_label)] + f" ({BACKEND_LABELS[new]})"
    document.set_value(path, renamed)
    result.changes.append(Change(path, name, renamed, reason))
