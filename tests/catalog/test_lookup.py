"""Lookups, "did you mean", variants and the user's layer (DESIGN §7)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dexto_config import catalog


@pytest.mark.parametrize(
    ("provider", "model_id", "canonical", "variant"),
    [
        pytest.param("anthropic", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250929", None,
                     id="dexto-registry-id"),
        pytest.param("anthropic", "claude-sonnet-4-20250514", "claude-sonnet-4-20250514", None,
                     id="anthropic-id-dexto-does-not-list"),
        pytest.param("openai", "GPT-5-MINI", "gpt-5-mini", None, id="case-insensitive"),
        pytest.param("dexto", "anthropic/claude-sonnet-4.5", "anthropic/claude-sonnet-4.5", None,
                     id="dexto-featured"),
        pytest.param("dexto", "qwen/qwen3-coder:free", "qwen/qwen3-coder:free", None,
                     id="listed-variant-is-itself"),
        pytest.param("dexto", "x-ai/grok-4", "x-ai/grok-4", None, id="dexto-mapping-target"),
        pytest.param("openrouter", "anthropic/claude-sonnet-4.5:thinking",
                     "anthropic/claude-sonnet-4.5", "thinking", id="unlisted-variant-to-base"),
        pytest.param("dexto", "openai/gpt-5-mini:batch", "openai/gpt-5-mini", "batch",
                     id="dexto-batch-variant"),
    ],
)  # fmt: skip
def test_known(provider: str, model_id: str, canonical: str, variant: str | None) -> None:
    result = catalog.lookup(provider, model_id)
    assert isinstance(result, catalog.Known)
    assert (result.model.id, result.variant) == (canonical, variant)
    assert catalog.default_catalog().is_known(provider, model_id)


@pytest.mark.parametrize(
    ("provider", "model_id", "first_suggestion", "any_model"),
    [
        pytest.param("anthropic", "claude-sonet-4-5", "claude-sonnet-4-5", False, id="typo"),
        pytest.param("dexto", "claude-sonnet-4-5-20250929", "anthropic/claude-sonnet-4.5", False,
                     id="native-id-under-dexto"),
        pytest.param("anthropic", "anthropic/claude-sonnet-4.5", "claude-sonnet-4-5-20250929",
                     False, id="openrouter-id-under-direct"),
        pytest.param("openrouter", "anthropic/claude-sonet-4.5", "anthropic/claude-sonnet-4.5",
                     True, id="openrouter-accepts-any"),
        pytest.param("openai", "gpt-5-minii", "gpt-5-mini", False, id="extra-letter"),
    ],
)  # fmt: skip
def test_unknown_with_suggestions(
    provider: str, model_id: str, first_suggestion: str, any_model: bool
) -> None:
    result = catalog.lookup(provider, model_id)
    assert isinstance(result, catalog.Unknown)
    assert result.suggestions[0] == first_suggestion
    assert 1 <= len(result.suggestions) <= 3
    assert result.any_model is any_model
    assert not catalog.default_catalog().is_known(provider, model_id)


def test_no_suggestion_for_nonsense() -> None:
    assert catalog.suggest("anthropic", "zzzzzzzzzzzzzzzzzzzz") == ()


def test_suggest_honours_n() -> None:
    assert len(catalog.suggest("openai", "gpt-5", n=1)) == 1


def test_suggestions_prefer_the_same_family() -> None:
    suggestions = catalog.suggest("anthropic", "claude-sonnet-4-7")
    assert all("sonnet" in suggestion for suggestion in suggestions)


def test_unknown_provider_raises() -> None:
    with pytest.raises(catalog.UnknownProviderError):
        catalog.lookup("claude", "claude-sonnet-4-5")


def test_search_and_list() -> None:
    found = [info.id for info in catalog.default_catalog().search("sonnet", "dexto")]
    assert "anthropic/claude-sonnet-4.5" in found
    assert len(found) == len(set(found))
    dexto_models = catalog.default_catalog().models("dexto")
    assert dexto_models[0].source == "dexto"
    assert [m.id for m in dexto_models if m.default] == ["anthropic/claude-haiku-4.5"]


def test_user_layer_adds_custom_and_lint_config_models() -> None:
    base = catalog.default_catalog()
    custom = [
        catalog.UserModel("dexto", "acme/private-model", "Acme Private"),
        catalog.UserModel("bedrock", "acme.custom-v1:0"),
    ]
    layered = base.with_user_models(custom, extra_known={"anthropic": ["claude-internal-1"]})
    assert isinstance(layered.lookup("dexto", "acme/private-model"), catalog.Known)
    assert isinstance(layered.lookup("bedrock", "acme.custom-v1:0"), catalog.Known)
    known = layered.lookup("anthropic", "claude-internal-1")
    assert isinstance(known, catalog.Known) and known.model.source == "lint-config"
    assert isinstance(base.lookup("dexto", "acme/private-model"), catalog.Unknown)


def test_user_layer_keeps_the_mapping_of_a_model_it_overrides() -> None:
    custom = [catalog.UserModel("anthropic", "claude-sonnet-4-5-20250929", "My Sonnet")]
    layered = catalog.default_catalog().with_user_models(custom)
    result = layered.lookup("anthropic", "claude-sonnet-4-5-20250929")
    assert isinstance(result, catalog.Known)
    assert result.model.name == "My Sonnet"
    assert result.model.openrouter_id == "anthropic/claude-sonnet-4.5"


def test_build_catalog_reads_custom_models_json(tmp_path: Path) -> None:
    path = tmp_path / "custom-models.json"
    path.write_text(json.dumps({"version": 1, "models": [
        {"name": "my-llama", "baseURL": "http://localhost:8000/v1"},
        {"name": "acme/router-model", "provider": "dexto"},
        {"name": "skipped", "provider": "not-a-provider"},
        {"provider": "ollama"},
    ]}))  # fmt: skip
    built = catalog.build_catalog(custom_models_path=path)
    assert isinstance(built.lookup("openai-compatible", "my-llama"), catalog.Known)
    assert isinstance(built.lookup("dexto", "acme/router-model"), catalog.Known)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("{", "not valid JSON", id="broken-json"),
        pytest.param("[]", "must be an object with a 'models' list", id="not-an-object"),
    ],
)
def test_build_catalog_reports_unusable_custom_models(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "custom-models.json"
    path.write_text(content)
    with pytest.raises(catalog.CustomModelsError, match=message):
        catalog.build_catalog(custom_models_path=path)


def test_build_catalog_without_custom_models_file(tmp_path: Path) -> None:
    built = catalog.build_catalog(custom_models_path=tmp_path / "missing.json")
    assert isinstance(built.lookup("openai", "gpt-5-mini"), catalog.Known)
