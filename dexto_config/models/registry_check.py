"""Dexto's `llm` refinements as a release judges them (releases 1.5.7 on).

Which providers take a `baseURL`, which models a provider accepts and their
input-token caps come from the release's model registry, so the release comes
from the validation context (`{"release": "1.10.4"}`) and one model class
serves every release with the same keys. The seed's pair (1.5.4, 1.5.6) leaves
registry membership to lint (DESIGN §3.1); from 1.5.7 on `validate` judges it as
Dexto does, since a model a release does not list stops that release. The
rules themselves are `dexto_config.models.rules`.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import BaseModel

from dexto_config.catalog.releases import release_registry
from dexto_config.models import rules
from dexto_config.models.checks import MODEL_UNSUPPORTED
from dexto_config.models.types import RELEASE_CONTEXT_KEY, StrictModel, model_rule

__all__ = ["MODEL_UNSUPPORTED"]


def provider_literal(release: str) -> Any:
    """The `llm.provider` enum of `release`: its registry's providers, in Dexto's order."""
    return Literal[tuple(p.name for p in release_registry(release).providers)]


def release_context(release: str) -> dict[str, str]:
    """The validation context that makes the release rules judge at `release`."""
    return {RELEASE_CONTEXT_KEY: release}


class AgentLLMRules(StrictModel):
    """An agent's `llm` superRefine: baseURL rules, the model's registry entry, token cap.

    `BASE_URL_REQUIRED_CHECKED` is the strict-mode baseURL requirement, which
    1.6.0 moved out of the schema into a credential check after loading.
    """

    BASE_URL_REQUIRED_CHECKED: ClassVar[bool] = True
    _release_rules = model_rule(rules.agent_llm_release)


class AgentLLMRulesFrom160(StrictModel):
    """From 1.6.0 a missing baseURL is reported after loading, not by the schema."""

    BASE_URL_REQUIRED_CHECKED: ClassVar[bool] = False
    _release_rules = model_rule(rules.agent_llm_release_from_160)


class PreferenceLLMRules(StrictModel):
    """The preferences' `llm` superRefine: a fixed catalog's model, and no unsupported baseURL."""

    _release_rules = model_rule(rules.preference_llm_release)


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
