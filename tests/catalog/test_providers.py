"""Provider facts of DESIGN §2: key variables, baseURL, routing, legacy prefixes."""

from __future__ import annotations

import pytest

from dexto_config import catalog


@pytest.mark.parametrize(
    ("name", "env_vars", "primary"),
    [
        pytest.param("openai", ("OPENAI_API_KEY", "OPENAI_KEY"), "OPENAI_API_KEY", id="openai"),
        pytest.param(
            "openai-compatible",
            ("OPENAI_API_KEY", "OPENAI_KEY"),
            "OPENAI_API_KEY",
            id="openai-compatible-uses-openai-key",
        ),
        pytest.param(
            "anthropic",
            ("ANTHROPIC_API_KEY", "ANTHROPIC_KEY", "CLAUDE_API_KEY"),
            "ANTHROPIC_API_KEY",
            id="anthropic-claude-alias",
        ),
        pytest.param(
            "google",
            ("GOOGLE_GENERATIVE_AI_API_KEY", "GOOGLE_API_KEY", "GEMINI_API_KEY"),
            "GOOGLE_GENERATIVE_AI_API_KEY",
            id="google-gemini-alias",
        ),
        pytest.param("groq", ("GROQ_API_KEY",), "GROQ_API_KEY", id="groq"),
        pytest.param("xai", ("XAI_API_KEY", "X_AI_API_KEY"), "XAI_API_KEY", id="xai"),
        pytest.param("cohere", ("COHERE_API_KEY",), "COHERE_API_KEY", id="cohere"),
        pytest.param("openrouter", ("OPENROUTER_API_KEY",), "OPENROUTER_API_KEY", id="openrouter"),
        pytest.param(
            "litellm", ("LITELLM_API_KEY", "LITELLM_KEY"), "LITELLM_API_KEY", id="litellm"
        ),
        pytest.param("glama", ("GLAMA_API_KEY",), "GLAMA_API_KEY", id="glama"),
        pytest.param("vertex", (), "VERTEX_API_KEY", id="vertex-keyless"),
        pytest.param(
            "bedrock", ("AWS_BEARER_TOKEN_BEDROCK",), "AWS_BEARER_TOKEN_BEDROCK", id="bedrock"
        ),
        pytest.param("local", (), "LOCAL_API_KEY", id="local-keyless"),
        pytest.param("ollama", (), "OLLAMA_API_KEY", id="ollama-keyless"),
        pytest.param("dexto", ("DEXTO_API_KEY",), "DEXTO_API_KEY", id="dexto"),
        pytest.param("dexto-nova", ("DEXTO_API_KEY",), "DEXTO_API_KEY", id="dexto-nova"),
        pytest.param("minimax", ("MINIMAX_API_KEY",), "MINIMAX_API_KEY", id="minimax"),
        pytest.param("glm", ("ZHIPU_API_KEY", "ZHIPUAI_API_KEY"), "ZHIPU_API_KEY", id="glm"),
    ],
)
def test_key_variables(name: str, env_vars: tuple[str, ...], primary: str) -> None:
    assert catalog.env_vars(name) == env_vars
    assert catalog.primary_env_var(name) == primary


def test_every_provider_is_described_in_dexto_order() -> None:
    assert catalog.PROVIDER_NAMES == (
        "openai", "openai-compatible", "anthropic", "google", "groq", "xai", "cohere",
        "minimax", "glm", "openrouter", "litellm", "glama", "vertex", "bedrock", "local",
        "ollama", "dexto", "dexto-nova",
    )  # fmt: skip
    assert [facts.name for facts in catalog.providers()] == list(catalog.PROVIDER_NAMES)


def test_routeable_and_direct_only_sets() -> None:
    assert (
        frozenset({"anthropic", "openai", "google", "groq", "xai", "cohere", "openrouter"})
        == catalog.ROUTEABLE_PROVIDERS
    )
    assert (
        frozenset({"bedrock", "vertex", "ollama", "local", "openai-compatible", "litellm", "glama"})
        == catalog.DIRECT_ONLY_PROVIDERS
    )
    assert not catalog.is_routeable("dexto")


@pytest.mark.parametrize(
    ("name", "prefix"),
    [
        pytest.param("openai", "openai", id="openai"),
        pytest.param("anthropic", "anthropic", id="anthropic"),
        pytest.param("google", "google", id="google"),
        pytest.param("xai", "x-ai", id="xai-dash"),
        pytest.param("cohere", "cohere", id="cohere"),
        pytest.param("groq", None, id="groq-none"),
        pytest.param("bedrock", None, id="direct-only-none"),
    ],
)
def test_legacy_openrouter_prefix(name: str, prefix: str | None) -> None:
    assert catalog.legacy_openrouter_prefix(name) == prefix


@pytest.mark.parametrize(
    ("name", "base_url"),
    [
        pytest.param("openai-compatible", "required", id="openai-compatible"),
        pytest.param("litellm", "required", id="litellm"),
        pytest.param("ollama", "optional", id="ollama"),
        pytest.param("anthropic", "none", id="anthropic"),
        pytest.param("dexto", "none", id="dexto"),
    ],
)
def test_base_url_support(name: str, base_url: str) -> None:
    assert catalog.base_url_support(name) == base_url


@pytest.mark.parametrize(
    ("name", "any_model", "custom"),
    [
        pytest.param("openai-compatible", True, True, id="openai-compatible"),
        pytest.param("litellm", True, True, id="litellm"),
        pytest.param("ollama", True, True, id="ollama"),
        pytest.param("local", True, True, id="local"),
        pytest.param("glama", True, True, id="glama"),
        pytest.param("openrouter", True, True, id="openrouter"),
        pytest.param("dexto", False, True, id="dexto-checked-since-1.5.6"),
        pytest.param("bedrock", False, True, id="bedrock"),
        pytest.param("vertex", False, False, id="vertex"),
        pytest.param("anthropic", False, False, id="anthropic"),
    ],
)
def test_model_acceptance(name: str, any_model: bool, custom: bool) -> None:
    assert catalog.accepts_any_model(name) is any_model
    assert catalog.supports_custom_models(name) is custom


def test_owner_of_env_var_counts_aliases() -> None:
    assert catalog.owner_of_env_var("CLAUDE_API_KEY") == ("anthropic",)
    assert catalog.owner_of_env_var("OPENAI_KEY") == ("openai", "openai-compatible")
    assert catalog.owner_of_env_var("NOPE") == ()


def test_unknown_provider_is_a_precise_error() -> None:
    with pytest.raises(catalog.UnknownProviderError, match="unknown provider 'claude'"):
        catalog.provider("claude")
    assert not catalog.is_provider("claude")


def test_provider_facts_match_dexto_registry(shared_dir: object) -> None:
    import json
    from pathlib import Path

    assert isinstance(shared_dir, Path)
    for version in ("1.5.4", "1.5.6"):
        registry = json.loads(
            (shared_dir / "reference" / f"dexto-{version}" / "registry.json").read_text("utf-8")
        )
        for entry in registry["providers"]:
            facts = catalog.provider(entry["name"])
            assert facts.env_vars == tuple(entry["apiKeyEnvVars"])
            assert facts.primary_env_var == entry["primaryApiKeyEnvVar"]
            assert facts.requires_api_key == entry["requiresApiKey"]
            assert facts.base_url == entry["baseURLSupport"]
            assert facts.supports_custom_models == entry["supportsCustomModels"]
            if not (version == "1.5.4" and entry["name"] == "dexto"):
                assert facts.accepts_any_model == entry["acceptsAnyModel"], entry["name"]
            assert facts.openrouter_prefix == registry["OPENROUTER_PROVIDER_PREFIX"].get(
                entry["name"]
            )
        routing = registry["routing"]
        assert set(routing["DEXTO_ROUTEABLE_PROVIDERS"]) == catalog.ROUTEABLE_PROVIDERS
        assert set(routing["DIRECT_ONLY_PROVIDERS"]) == catalog.DIRECT_ONLY_PROVIDERS
