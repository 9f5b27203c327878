"""Dexto's model registry per release: the API on hand-written cases, and fidelity to ../shared."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from dexto_config.catalog.releases import REGISTRY_RELEASES, reasoning_variants, release_registry

ANTHROPIC_1_10 = "Model 'claude-3-haiku-20240307' is not supported for provider 'anthropic'."
GATEWAY_FORMAT = "Provider 'openrouter' requires OpenRouter-format model IDs"


@pytest.mark.parametrize(
    ("asked", "served"),
    [
        ("1.5.0", "1.5.4"),
        ("1.5.4", "1.5.4"),
        ("1.5.5", "1.5.4"),
        ("1.5.8", "1.5.8"),
        ("1.9.5", "1.8.0"),
        ("1.10.4", "1.10.4"),
        ("2.0.0", "1.10.4"),
    ],
)
def test_release_registry_serves_the_newest_release_at_or_below(asked: str, served: str) -> None:
    assert release_registry(asked).version == served


def test_release_registry_is_cached() -> None:
    assert release_registry("1.6.1") is release_registry("1.6.0")


@pytest.mark.parametrize(
    ("version", "provider", "model", "problem_starts"),
    [
        ("1.10.4", "anthropic", "claude-3-haiku-20240307", ANTHROPIC_1_10),
        ("1.10.4", "anthropic", "CLAUDE-HAIKU-4-5", None),
        ("1.5.8", "anthropic", "claude-4-sonnet-20250514", None),
        ("1.8.0", "anthropic", "CLAUDE-4-SONNET-20250514", None),
        ("1.10.4", "anthropic", "claude-4-sonnet-20250514", "Model 'claude-4-sonnet-20250514'"),
        ("1.5.7", "anthropic", "claude-4-sonnet-20250514", None),
        ("1.5.4", "openai", "gpt-4-turbo", "Model 'gpt-4-turbo' is not supported"),
        ("1.5.8", "openai", "gpt-4-turbo", None),
        ("1.5.8", "openrouter", "gpt-5-mini", GATEWAY_FORMAT),
        ("1.5.8", "openrouter", "anyvendor/any-model", None),
        ("1.5.7", "openrouter", "gpt-5-mini", None),
        ("1.5.8", "dexto-nova", "qwen/qwen3-coder:free", None),
        ("1.10.4", "bedrock", "eu.anything-at-all", None),
        ("1.5.4", "anthropic", "global.Claude-Haiku-4-5-20251001", None),
        ("1.5.4", "anthropic", "us.no-such-model", "Model 'us.no-such-model' is not supported"),
        ("1.10.4", "openai-compatible", "whatever", None),
        ("1.10.4", "ollama", "llama3", None),
        ("1.10.4", "no-such-provider", "whatever", None),
    ],
)
def test_model_problem(version: str, provider: str, model: str, problem_starts: str | None) -> None:
    problem = release_registry(version).model_problem(provider, model)
    if problem_starts is None:
        assert problem is None
    else:
        assert problem is not None and problem.startswith(problem_starts)


def test_the_problem_lists_the_catalog_in_registry_order() -> None:
    registry = release_registry("1.5.7")
    names = [model.name for model in registry.provider("glm").models]  # type: ignore[union-attr]
    assert registry.model_problem("glm", "glm-0") == (
        f"Model 'glm-0' is not supported for provider 'glm'. Supported: {', '.join(names)}"
    )


@pytest.mark.parametrize(
    ("version", "provider", "field", "value"),
    [
        ("1.5.4", "dexto", "accepts_any_model", True),
        ("1.5.6", "dexto", "supports_all_registry_models", True),
        ("1.5.8", "dexto-nova", "supports_all_registry_models", True),
        ("1.5.8", "bedrock", "supports_custom_models", True),
        ("1.10.4", "vertex", "requires_api_key", False),
        ("1.10.4", "vertex", "primary_env_var", "VERTEX_API_KEY"),
        ("1.10.4", "glm", "env_vars", ("ZHIPU_API_KEY", "ZHIPUAI_API_KEY")),
        ("1.10.4", "ollama", "base_url", "optional"),
        ("1.10.4", "litellm", "base_url", "required"),
    ],
)
def test_provider_facts(version: str, provider: str, field: str, value: object) -> None:
    assert getattr(release_registry(version).provider(provider), field) == value


def test_unknown_provider_is_none() -> None:
    assert release_registry("1.5.4").provider("dexto-nova") is None


ADAPTIVE = ("disabled", "low", "medium", "high")
GPT5 = ("minimal", "low", "medium", "high")


@pytest.mark.parametrize(
    ("version", "provider", "model", "variants"),
    [
        ("1.6.0", "openai", "gpt-5", None),
        ("1.6.2", "no-such-provider", "gpt-5", None),
        ("1.6.2", "openai", "gpt-5", GPT5),
        ("1.6.2", "openai", "gpt-5.2", ("low", "medium", "high", "xhigh")),
        ("1.10.4", "openai", "gpt-5.2", ("none", "low", "medium", "high", "xhigh")),
        ("1.6.2", "openai", "gpt-5-pro", ("high",)),
        ("1.10.4", "openai", "gpt-5.1-chat-latest", ("medium",)),
        ("1.6.2", "openai", "gpt-4o", ()),
        ("1.6.2", "openai-compatible", "o3-distill", ("none", "low", "medium", "high")),
        ("1.6.2", "openai-compatible", "llama3", ()),
        ("1.6.2", "anthropic", "claude-sonnet-4-5-20250929", ("disabled", "enabled")),
        ("1.6.2", "anthropic", "claude-opus-4-6", (*ADAPTIVE, "max")),
        ("1.10.4", "anthropic", "claude-opus-4-7", (*ADAPTIVE, "xhigh", "max")),
        ("1.8.0", "anthropic", "claude-opus-4-7", (*ADAPTIVE, "max")),
        ("1.10.4", "anthropic", "claude-fable-5", ("low", "medium", "high", "xhigh", "max")),
        ("1.10.4", "vertex", "claude-sonnet-4-6", ADAPTIVE),
        (
            "1.6.2",
            "google",
            "gemini-3-pro-preview",
            ("disabled", "minimal", "low", "medium", "high"),
        ),
        ("1.10.4", "google", "gemini-3-pro-preview", ADAPTIVE),
        ("1.10.4", "google", "gemini-2.5-flash", ("disabled", "high", "max")),
        ("1.8.0", "openrouter", "anthropic/claude-opus-4.6", (*ADAPTIVE, "max")),
        ("1.10.4", "openrouter", "anthropic/claude-opus-4.6", ADAPTIVE),
        ("1.10.4", "dexto-nova", "google/gemini-2.5-pro", ()),
        ("1.10.4", "openrouter", "deepseek/deepseek-r1", ()),
        ("1.10.4", "groq", "openai/gpt-oss-120b", ()),
    ],
)
def test_reasoning_variants(
    version: str, provider: str, model: str, variants: tuple[str, ...] | None
) -> None:
    assert reasoning_variants(version, provider, model) == variants


# --- fidelity to ../shared -------------------------------------------------------------------


def _reference_provider(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": row["name"],
        "env_vars": tuple(row["apiKeyEnvVars"]),
        "primary_env_var": row["primaryApiKeyEnvVar"],
        "requires_api_key": row["requiresApiKey"],
        "base_url": row["baseURLSupport"],
        "accepts_any_model": row["acceptsAnyModel"],
        "supports_custom_models": row["supportsCustomModels"],
        "supports_all_registry_models": row["supportsAllRegistryModels"],
        "default_model": row["defaultModel"],
        "models": [(m["name"], m.get("openrouterId")) for m in row["models"]],
    }


@pytest.mark.parametrize("version", REGISTRY_RELEASES)
def test_package_data_equals_the_reference_registry(shared_dir: Path, version: str) -> None:
    reference = shared_dir / "reference" / f"dexto-{version}" / "registry.json"
    if not reference.is_file():
        pytest.skip(f"no reference registry for {version}")
    expected = json.loads(reference.read_text(encoding="utf-8"))
    actual = [
        {
            "name": p.name,
            "env_vars": p.env_vars,
            "primary_env_var": p.primary_env_var,
            "requires_api_key": p.requires_api_key,
            "base_url": p.base_url,
            "accepts_any_model": p.accepts_any_model,
            "supports_custom_models": p.supports_custom_models,
            "supports_all_registry_models": p.supports_all_registry_models,
            "default_model": p.default_model,
            "models": [(m.name, m.openrouter_id) for m in p.models],
        }
        for p in release_registry(version).providers
    ]
    assert actual == [_reference_provider(row) for row in expected["providers"]]


def _model_issue(verdict: dict[str, Any]) -> str | None:
    issues = verdict.get("issues") or []
    return next((i["message"] for i in issues if i.get("path") == "llm.model"), None)


def _llm_pair(path: Path) -> tuple[str, str, Any] | None:
    """The file's literal `llm.provider`, `llm.model` and `llm.baseURL`, if it has them."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return None
    llm = document.get("llm") if isinstance(document, dict) else None
    if not isinstance(llm, dict):
        return None
    provider, model = llm.get("provider"), llm.get("model")
    if not isinstance(provider, str) or not isinstance(model, str) or "$" in model:
        return None
    return provider, model, llm.get("baseURL")


def test_model_problem_agrees_with_dexto_on_the_corpus(
    shared_dir: Path, report_figure: Callable[[str], None]
) -> None:
    manifest = json.loads((shared_dir / "corpus" / "manifest.json").read_text(encoding="utf-8"))
    counts: Counter[str] = Counter()
    disagreements = []
    for entry in manifest["files"]:
        if entry["kind"] != "agent":
            continue
        pair = _llm_pair(shared_dir / "corpus" / entry["file"])
        if pair is None:
            continue
        provider, model, base_url = pair
        for version, verdict in entry["verdicts"].items():
            registry = release_registry(version)
            info = registry.provider(provider)
            if base_url and info is not None and info.base_url == "none":
                continue  # Dexto reports the baseURL and skips the model check
            expected = _model_issue(verdict)
            if expected is None and not verdict["valid"]:
                continue
            actual = registry.model_problem(provider, model)
            counts["checked"] += 1
            if expected is not None:
                counts["rejected"] += 1
                counts["same message"] += actual == expected
            if (actual is None) == (expected is None):
                counts["agree"] += 1
            else:
                disagreements.append((entry["file"], version, provider, model))
    report_figure(
        f"release registry vs Dexto on corpus agents: {counts['agree']}/{counts['checked']} "
        f"(file, release) pairs agree; {counts['rejected']} model rejections, "
        f"{counts['same message']} with Dexto's exact message"
    )
    assert disagreements == []
    assert counts["same message"] == counts["rejected"]
