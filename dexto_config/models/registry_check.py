"""Dexto's `llm` refinements as a release judges them (releases 1.5.7 on).

Which providers take a `baseURL`, which models a provider accepts and their
input-token caps come from the release's model registry, so the release comes
from the validation context (`{"release": "1.10.4"}`) and one model class
serves every release with the same keys. The seed's pair (1.5.4, 1.5.6) leaves
registry membership to lint (DESIGN §3.1); from 1.5.7 on `validate` judges it as
Dexto does, since a model a release does not list stops that release.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal, Self

from pydantic import BaseModel, ValidationInfo, model_validator

from dexto_config.catalog.releases import ReleaseProvider, ReleaseRegistry, release_registry
from dexto_config.catalog.similarity import closest
from dexto_config.models.types import StrictModel, base_url_unsupported, rule_error

RELEASE_CONTEXT_KEY = "release"
MODEL_UNSUPPORTED = "model_unsupported"
"""The issue code of a model the release's registry does not accept (lint's DX201 owns it)."""


def provider_literal(release: str) -> Any:
    """The `llm.provider` enum of `release`: its registry's providers, in Dexto's order."""
    return Literal[tuple(p.name for p in release_registry(release).providers)]


def release_context(release: str) -> dict[str, str]:
    """The validation context that makes the release rules judge at `release`."""
    return {RELEASE_CONTEXT_KEY: release}


def release_of(info: ValidationInfo) -> str | None:
    """The Dexto release a validation runs for, when the caller named one."""
    context: Any = info.context
    if isinstance(context, dict):
        release = context.get(RELEASE_CONTEXT_KEY)
        return release if isinstance(release, str) else None
    return None


def _fixed_catalog(provider: ReleaseProvider) -> bool:
    return not provider.accepts_any_model and not provider.supports_custom_models


def _check_model(registry: ReleaseRegistry, provider: ReleaseProvider, model: str) -> None:
    """Raise the refinement's error when the release does not accept `model` for `provider`."""
    problem = registry.model_problem(provider.name, model)
    if problem is None:
        return
    if _fixed_catalog(provider):
        problem = unknown_model_message(registry.version, provider, model)
    raise rule_error(problem, code=MODEL_UNSUPPORTED, at="model")


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


class _ReleaseLLMRules(StrictModel):
    """The shared part: the release's registry, and whether a baseURL may be given."""

    def _registry(self, info: ValidationInfo) -> tuple[ReleaseRegistry, ReleaseProvider] | None:
        release = release_of(info)
        if release is None:
            return None
        registry = release_registry(release)
        provider = registry.provider(getattr(self, "provider"))  # noqa: B009 - subclass field
        return None if provider is None else (registry, provider)

    def _base_url_given(self) -> bool:
        base_url = getattr(self, "baseURL", None)
        return base_url is not None and base_url.strip() != ""


class AgentLLMRules(_ReleaseLLMRules):
    """An agent's `llm` superRefine: baseURL rules, the model's registry entry, token cap.

    `BASE_URL_REQUIRED_CHECKED` is the strict-mode baseURL requirement, which
    1.6.0 moved out of the schema into a credential check after loading.
    """

    BASE_URL_REQUIRED_CHECKED: ClassVar[bool] = True

    @model_validator(mode="after")
    def _release_rules(self, info: ValidationInfo) -> Self:
        found = self._registry(info)
        if found is None:
            return self
        registry, provider = found
        model: str = getattr(self, "model")  # noqa: B009
        if self._base_url_given():
            if provider.base_url == "none":
                raise base_url_unsupported(provider.name)
        elif self.BASE_URL_REQUIRED_CHECKED and provider.base_url == "required":
            raise rule_error(
                f"provider '{provider.name}' requires a baseURL",
                code="base_url_missing",
                at="baseURL",
                missing=getattr(self, "baseURL", None) is None,
            )
        _check_model(registry, provider, model)
        self._check_token_cap(registry.version, provider, model)
        return self

    def _check_token_cap(self, release: str, provider: ReleaseProvider, model: str) -> None:
        max_input: int | None = getattr(self, "maxInputTokens", None)
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


class AgentLLMRulesFrom160(AgentLLMRules):
    """From 1.6.0 a missing baseURL is reported after loading, not by the schema."""

    BASE_URL_REQUIRED_CHECKED: ClassVar[bool] = False


class PreferenceLLMRules(_ReleaseLLMRules):
    """The preferences' `llm` superRefine: a fixed catalog's model, and no unsupported baseURL."""

    @model_validator(mode="after")
    def _release_rules(self, info: ValidationInfo) -> Self:
        found = self._registry(info)
        if found is None:
            return self
        registry, provider = found
        if _fixed_catalog(provider):
            _check_model(registry, provider, getattr(self, "model"))  # noqa: B009
        if self._base_url_given() and provider.base_url == "none":
            raise base_url_unsupported(provider.name)
        return self


def base_url_json_rules(
    agent: bool, release: str, model: type[BaseModel]
) -> dict[str, list[dict[str, Any]]]:
    """The baseURL rules of the `llm` refinement at `release` as JSON Schema conditions,
    keyed by the name of the `llm` definition in the schema of `model`."""
    registry = release_registry(release)
    refused = [p.name for p in registry.providers if p.base_url == "none"]
    required = [p.name for p in registry.providers if p.base_url == "required"]
    llm = model.model_fields["llm"].annotation
    assert isinstance(llm, type)
    if not agent:
        then: dict[str, Any] = {"not": {"required": ["baseURL"]}}
        return {llm.__name__: [_if_provider(refused, then)]}
    rules = [_if_provider(refused, {"properties": {"baseURL": {"pattern": r"^\s*$"}}})]
    if getattr(llm, "BASE_URL_REQUIRED_CHECKED", False):
        needs = {"required": ["baseURL"], "properties": {"baseURL": {"pattern": r"\S"}}}
        rules.append(_if_provider(required, needs))
    return {llm.__name__: rules}


def _if_provider(providers: list[str], then: dict[str, Any]) -> dict[str, Any]:
    condition = {"properties": {"provider": {"enum": providers}}, "required": ["provider"]}
    return {"if": condition, "then": then}
