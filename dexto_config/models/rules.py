"""Dexto's refinements of whole objects as plain functions, shared by both validators.

Each rule takes an object's field values by field name (a key the file
leaves out holds its default, None for an optional key) and the release the
validation runs for (None: no release rules, as for the seed's pair), and
raises `Refusal` (from `rule_error`) when Dexto refuses the object. The
pydantic models run them as `model_rule` validators (`types.model_rule`); the
lite validator calls them by name after an object's keys validated.

The `llm` release rules read the release's model registry: which providers
take a `baseURL`, which models a provider accepts, and their input-token caps.
"""

from __future__ import annotations

from collections.abc import Mapping

from dexto_config.catalog.releases import ReleaseProvider, ReleaseRegistry, release_registry
from dexto_config.catalog.similarity import closest
from dexto_config.models.checks import (
    BASE_URL_REQUIRED,
    BASE_URL_SUPPORTED,
    MODEL_UNSUPPORTED,
    base_url_missing,
    base_url_unsupported,
    expand_env_assumed,
    rule_error,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

Values = Mapping[str, "Any"]


# --- the seed's pair (1.5.4, 1.5.6) ---------------------------------------------------


def seed_llm_base_url(values: Values, release: str | None) -> None:
    """An agent's `llm`: a baseURL only where the provider takes one, and where it needs one."""
    base_url, provider = values["baseURL"], values["provider"]
    base_url_set = base_url is not None and base_url.strip() != ""
    if base_url_set and provider not in BASE_URL_SUPPORTED:
        raise base_url_unsupported(provider)
    if not base_url_set and provider in BASE_URL_REQUIRED:
        raise base_url_missing(provider, base_url)


def seed_preference_base_url(values: Values, release: str | None) -> None:
    """The preferences' `llm`: no baseURL where the provider takes none."""
    if values["baseURL"] and values["provider"] not in BASE_URL_SUPPORTED:
        raise base_url_unsupported(values["provider"])


def custom_model_requirements(values: Values, release: str | None) -> None:
    """A custom model: a baseURL for the providers that need one, a .gguf file for `local`."""
    provider: str = values["provider"]
    base_url: str | None = values.get("baseURL")
    file_path: str | None = values.get("filePath")
    if provider in BASE_URL_REQUIRED and not base_url:
        raise base_url_missing(provider, base_url)
    if provider == "local" and not file_path:
        raise rule_error(
            "provider 'local' requires a filePath to a .gguf file",
            code="file_path_missing",
            at="filePath",
            missing=file_path is None,
        )
    if provider == "local" and file_path is not None and not file_path.endswith(".gguf"):
        raise rule_error(
            "filePath must name a .gguf file", code="file_path_not_gguf", at="filePath"
        )


def _env_set(value: str | None) -> bool:
    return value is not None and expand_env_assumed(value) != ""


def redis_connection(values: Values, release: str | None) -> None:
    """A redis cache names its server."""
    if not _env_set(values["url"]) and not values["host"]:
        raise rule_error(
            "a redis cache needs 'url' or 'host'",
            code="connection_missing",
            at="url",
            missing=values["url"] is None,
        )


def postgres_connection(values: Values, release: str | None) -> None:
    """A postgres database names its server."""
    url = values["url"]
    if not (_env_set(url) or _env_set(values["connectionString"]) or values["host"]):
        raise rule_error(
            "a postgres database needs 'url', 'connectionString' or 'host'",
            code="connection_missing",
            at="url",
            missing=url is None,
        )


# --- releases 1.5.7 on: the release's model registry ------------------------------------


def agent_llm_release(values: Values, release: str | None) -> None:
    """An agent's `llm` superRefine (1.5.7 to 1.5.8): baseURL rules, the model, its token cap."""
    _agent_llm(values, release, base_url_required=True)


def agent_llm_release_from_160(values: Values, release: str | None) -> None:
    """From 1.6.0 a missing baseURL is reported after loading, not by the schema."""
    _agent_llm(values, release, base_url_required=False)


def preference_llm_release(values: Values, release: str | None) -> None:
    """The preferences' `llm` superRefine: a fixed catalog's model, no unsupported baseURL."""
    found = _registry(values, release)
    if found is None:
        return
    registry, provider = found
    if _fixed_catalog(provider):
        _check_model(registry, provider, values["model"])
    if _base_url_given(values) and provider.base_url == "none":
        raise base_url_unsupported(provider.name)


def unknown_model_message(release: str, provider: ReleaseProvider, model: str) -> str:
    """Why Dexto `release` refuses `model` for `provider`, with up to three near IDs."""
    message = (
        f"Dexto {release} does not know model '{model}' for provider '{provider.name}' "
        "(its model registry decides)"
    )
    near = closest(model, (known.name for known in provider.models), 3)
    if near:
        message += "; did you mean " + ", ".join(repr(name) for name in near) + "?"
    return message


def _agent_llm(values: Values, release: str | None, *, base_url_required: bool) -> None:
    found = _registry(values, release)
    if found is None:
        return
    registry, provider = found
    model: str = values["model"]
    if _base_url_given(values):
        if provider.base_url == "none":
            raise base_url_unsupported(provider.name)
    elif base_url_required and provider.base_url == "required":
        raise base_url_missing(provider.name, values.get("baseURL"))
    _check_model(registry, provider, model)
    _check_token_cap(values, registry.version, provider, model)


def _registry(
    values: Values, release: str | None
) -> tuple[ReleaseRegistry, ReleaseProvider] | None:
    if release is None:
        return None
    registry = release_registry(release)
    provider = registry.provider(values["provider"])
    return None if provider is None else (registry, provider)


def _base_url_given(values: Values) -> bool:
    base_url = values.get("baseURL")
    return base_url is not None and base_url.strip() != ""


def _fixed_catalog(provider: ReleaseProvider) -> bool:
    return not provider.accepts_any_model and not provider.supports_custom_models


def _check_model(registry: ReleaseRegistry, provider: ReleaseProvider, model: str) -> None:
    """Refuse `model` when the release does not accept it for `provider`."""
    problem = registry.model_problem(provider.name, model)
    if problem is None:
        return
    if _fixed_catalog(provider):
        problem = unknown_model_message(registry.version, provider, model)
    raise rule_error(problem, code=MODEL_UNSUPPORTED, at="model")


def _check_token_cap(values: Values, release: str, provider: ReleaseProvider, model: str) -> None:
    max_input: int | None = values.get("maxInputTokens")
    if max_input is None or not _fixed_catalog(provider):
        return
    cap = next((m.max_input_tokens for m in provider.models if m.name == model), None)
    if cap is not None and max_input > cap:
        raise rule_error(
            f"model '{model}' takes at most {cap} input tokens in Dexto {release}; "
            f"lower maxInputTokens to {cap} or less",
            code="tokens_exceeded",
            at="maxInputTokens",
        )
