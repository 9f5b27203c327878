"""Native ↔ OpenRouter mapping: Dexto's own table is ground truth (DESIGN §7)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dexto_config import catalog
from dexto_config.catalog import index, sources

# Every model Dexto 1.5.4/1.5.6 lists for the routeable direct providers (except
# groq, below) and its 1.5.6 `openrouterId`.
DEXTO_MAPPING = [
    ("openai", "gpt-5.2-chat-latest", "openai/gpt-5.2-chat"),
    ("openai", "gpt-5.2", "openai/gpt-5.2"),
    ("openai", "gpt-5.2-pro", "openai/gpt-5.2-pro"),
    ("openai", "gpt-5.2-codex", "openai/gpt-5.2-codex"),
    ("openai", "gpt-5.1-chat-latest", "openai/gpt-5.1-chat"),
    ("openai", "gpt-5.1", "openai/gpt-5.1"),
    ("openai", "gpt-5.1-codex", "openai/gpt-5.1-codex"),
    ("openai", "gpt-5.1-codex-mini", "openai/gpt-5.1-codex-mini"),
    ("openai", "gpt-5-pro", "openai/gpt-5-pro"),
    ("openai", "gpt-5", "openai/gpt-5"),
    ("openai", "gpt-5-mini", "openai/gpt-5-mini"),
    ("openai", "gpt-5-nano", "openai/gpt-5-nano"),
    ("openai", "gpt-5-codex", "openai/gpt-5-codex"),
    ("openai", "gpt-4.1", "openai/gpt-4.1"),
    ("openai", "gpt-4.1-mini", "openai/gpt-4.1-mini"),
    ("openai", "gpt-4.1-nano", "openai/gpt-4.1-nano"),
    ("openai", "gpt-4o", "openai/gpt-4o"),
    ("openai", "gpt-4o-mini", "openai/gpt-4o-mini"),
    ("openai", "gpt-4o-audio-preview", "openai/gpt-4o-audio-preview"),
    ("openai", "o4-mini", "openai/o4-mini"),
    ("openai", "o3", "openai/o3"),
    ("openai", "o3-mini", "openai/o3-mini"),
    ("openai", "o1", "openai/o1"),
    ("anthropic", "claude-haiku-4-5-20251001", "anthropic/claude-haiku-4.5"),
    ("anthropic", "claude-sonnet-4-5-20250929", "anthropic/claude-sonnet-4.5"),
    ("anthropic", "claude-opus-4-5-20251101", "anthropic/claude-opus-4.5"),
    ("anthropic", "claude-opus-4-1-20250805", "anthropic/claude-opus-4.1"),
    ("anthropic", "claude-4-opus-20250514", "anthropic/claude-opus-4"),
    ("anthropic", "claude-4-sonnet-20250514", "anthropic/claude-sonnet-4"),
    ("anthropic", "claude-3-7-sonnet-20250219", "anthropic/claude-3.7-sonnet"),
    ("anthropic", "claude-3-5-sonnet-20240620", "anthropic/claude-3.5-sonnet"),
    ("anthropic", "claude-3-5-haiku-20241022", "anthropic/claude-3.5-haiku"),
    ("google", "gemini-3-flash-preview", "google/gemini-3-flash-preview"),
    ("google", "gemini-3-pro-preview", "google/gemini-3-pro-preview"),
    ("google", "gemini-3-pro-image-preview", "google/gemini-3-pro-image-preview"),
    ("google", "gemini-2.5-pro", "google/gemini-2.5-pro"),
    ("google", "gemini-2.5-flash", "google/gemini-2.5-flash"),
    ("google", "gemini-2.5-flash-lite", "google/gemini-2.5-flash-lite"),
    ("google", "gemini-2.0-flash", "google/gemini-2.0-flash-001"),
    ("google", "gemini-2.0-flash-lite", "google/gemini-2.0-flash-lite-001"),
    ("xai", "grok-4", "x-ai/grok-4"),
    ("xai", "grok-3", "x-ai/grok-3"),
    ("xai", "grok-3-mini", "x-ai/grok-3-mini"),
    ("xai", "grok-code-fast-1", "x-ai/grok-code-fast-1"),
    ("cohere", "command-a-03-2025", "cohere/command-a"),
    ("cohere", "command-r-plus", "cohere/command-r-plus-08-2024"),
    ("cohere", "command-r", "cohere/command-r-08-2024"),
    ("cohere", "command-r7b", "cohere/command-r7b-12-2024"),
]

GROQ_MODELS = [
    "gemma-2-9b-it",
    "openai/gpt-oss-20b",
    "openai/gpt-oss-120b",
    "moonshotai/kimi-k2-instruct",
    "meta-llama/llama-4-scout-17b-16e-instruct",
    "meta-llama/llama-4-maverick-17b-128e-instruct",
    "deepseek-r1-distill-llama-70b",
    "qwen/qwen3-32b",
    "llama-3.3-70b-versatile",
]


@pytest.mark.parametrize(
    ("provider", "native", "openrouter"),
    [pytest.param(*row, id=f"{row[0]}:{row[1]}") for row in DEXTO_MAPPING],
)
def test_dexto_registry_model_maps_exactly(provider: str, native: str, openrouter: str) -> None:
    assert catalog.to_openrouter(provider, native) == catalog.OpenRouterMapping(openrouter, True)
    assert catalog.to_native(openrouter, provider) == native
    assert isinstance(catalog.lookup(provider, native), catalog.Known)
    assert isinstance(catalog.lookup("dexto", openrouter), catalog.Known)


@pytest.mark.parametrize("native", GROQ_MODELS, ids=GROQ_MODELS)
def test_groq_model_maps_through_models_dev_or_is_kept_as_a_guess(native: str) -> None:
    mapping = catalog.to_openrouter("groq", native)
    if mapping.exact:
        assert isinstance(catalog.lookup("openrouter", mapping.id), catalog.Known)
    else:
        assert mapping.id == native
    assert isinstance(catalog.lookup("groq", native), catalog.Known)


@pytest.mark.parametrize(
    ("provider", "native", "expected"),
    [
        pytest.param(
            "anthropic",
            "claude-sonnet-4-5",
            ("anthropic/claude-sonnet-4.5", True),
            id="undated-anthropic-alias",
        ),
        pytest.param(
            "anthropic",
            "claude-sonnet-4-20250514",
            ("anthropic/claude-sonnet-4", True),
            id="anthropic-own-id-dexto-spells-differently",
        ),
        pytest.param(
            "anthropic",
            "claude-imaginary-9",
            ("anthropic/claude-imaginary-9", False),
            id="unknown-anthropic-prefix-guess",
        ),
        pytest.param("xai", "grok-imaginary", ("x-ai/grok-imaginary", False), id="xai-dash-prefix"),
        pytest.param(
            "cohere", "command-imaginary", ("cohere/command-imaginary", False), id="cohere-guess"
        ),
        pytest.param("groq", "imaginary-70b", ("imaginary-70b", False), id="groq-unchanged-guess"),
        pytest.param("dexto", "gpt-5-mini", ("openai/gpt-5-mini", True), id="dexto-native-id"),
        pytest.param(
            "dexto",
            "anthropic/claude-sonnet-4.5",
            ("anthropic/claude-sonnet-4.5", True),
            id="dexto-openrouter-id-unchanged",
        ),
        pytest.param(
            "openrouter",
            "qwen/qwen3-coder:free",
            ("qwen/qwen3-coder:free", True),
            id="openrouter-variant-unchanged",
        ),
        pytest.param("dexto", "imaginary", ("imaginary", False), id="dexto-unknown-bare-id"),
        pytest.param(
            "vertex",
            "claude-sonnet-4-5@20250929",
            ("anthropic/claude-sonnet-4.5", True),
            id="vertex-claude-group",
        ),
    ],
)
def test_to_openrouter(provider: str, native: str, expected: tuple[str, bool]) -> None:
    assert catalog.to_openrouter(provider, native) == catalog.OpenRouterMapping(*expected)


def test_native_ids_match_case_insensitively() -> None:
    mapping = catalog.to_openrouter("anthropic", "Claude-Sonnet-4-5-20250929")
    assert mapping == catalog.OpenRouterMapping("anthropic/claude-sonnet-4.5", True)


@pytest.mark.parametrize(
    ("openrouter", "provider", "native"),
    [
        pytest.param(
            "anthropic/claude-sonnet-4.5",
            "anthropic",
            "claude-sonnet-4-5-20250929",
            id="dated-id-preferred",
        ),
        pytest.param(
            "anthropic/claude-sonnet-4.5", "vertex", "claude-sonnet-4-5@20250929", id="vertex"
        ),
        pytest.param(
            "anthropic/claude-sonnet-4.5",
            "bedrock",
            "anthropic.claude-sonnet-4-5-20250929-v1:0",
            id="bedrock",
        ),
        pytest.param("openai/gpt-5-mini:flex", "openai", "gpt-5-mini", id="variant-stripped"),
        pytest.param("openai/imaginary", "openai", None, id="unknown"),
        pytest.param("x-ai/grok-4", "dexto", "x-ai/grok-4", id="dexto-keeps-openrouter-id"),
    ],
)
def test_to_native(openrouter: str, provider: str, native: str | None) -> None:
    assert catalog.to_native(openrouter, provider) == native


def _fixture_catalog() -> catalog.Catalog:
    """A catalog over a small hand-made models.dev, so results do not move with the snapshot."""
    models_dev = {
        "groq": (
            sources.SourceModel("openai/gpt-oss-20b", "GPT OSS 20B"),
            sources.SourceModel("deepseek-r1-distill-llama-70b", "DeepSeek R1 Distill Llama 70B"),
            sources.SourceModel("llama-guard-x", "Llama Guard X"),
            sources.SourceModel("twin-7b", "Twin 7B"),
        ),
        "openrouter": (
            sources.SourceModel("openai/gpt-oss-20b", "OpenAI: gpt-oss-20b"),
            sources.SourceModel("deepseek/deepseek-r1-distill-llama-70b", "R1 Distill 70B"),
            sources.SourceModel("meta-llama/guard-x", "Meta: Llama Guard X"),
            sources.SourceModel("a/twin-7b", "Twin A"),
            sources.SourceModel("b/twin-7b", "Twin B"),
            sources.SourceModel("anthropic/claude-sonnet-9", "Anthropic: Claude Sonnet 9 (latest)"),
        ),
        "anthropic": (sources.SourceModel("claude-sonnet-9-20300101", "Claude Sonnet 9"),),
    }
    return index.build(sources.dexto_layer(), models_dev, (), "fixture")


@pytest.mark.parametrize(
    ("provider", "native", "expected"),
    [
        pytest.param("groq", "openai/gpt-oss-20b", ("openai/gpt-oss-20b", True), id="same-id"),
        pytest.param(
            "groq",
            "deepseek-r1-distill-llama-70b",
            ("deepseek/deepseek-r1-distill-llama-70b", True),
            id="same-id-after-vendor",
        ),
        pytest.param("groq", "llama-guard-x", ("meta-llama/guard-x", True), id="same-name"),
        pytest.param("groq", "twin-7b", ("twin-7b", False), id="ambiguous-stays-a-guess"),
        pytest.param(
            "anthropic",
            "claude-sonnet-9-20300101",
            ("anthropic/claude-sonnet-9", True),
            id="name-within-vendor",
        ),
        pytest.param(
            "anthropic",
            "claude-sonnet-4-5-20250929",
            ("anthropic/claude-sonnet-4.5", True),
            id="dexto-layer-without-snapshot",
        ),
    ],
)
def test_models_dev_cross_provider_matching(
    provider: str, native: str, expected: tuple[str, bool]
) -> None:
    assert _fixture_catalog().to_openrouter(provider, native) == catalog.OpenRouterMapping(
        *expected
    )


def test_dexto_gateway_knows_every_mapped_id_without_the_snapshot() -> None:
    fixture = _fixture_catalog()
    for _, _, openrouter in DEXTO_MAPPING:
        assert fixture.is_known("dexto", openrouter), openrouter


def _registry_models(shared_dir: Path) -> list[tuple[str, str, str, str | None]]:
    rows = []
    for version in ("1.5.4", "1.5.6"):
        path = shared_dir / "reference" / f"dexto-{version}" / "registry.json"
        for entry in json.loads(path.read_text("utf-8"))["providers"]:
            for model in entry["models"]:
                rows.append((version, entry["name"], model["name"], model.get("openrouterId")))
    return rows


def test_every_registry_model_is_known_and_mapped_as_dexto_says(shared_dir: Path) -> None:
    openrouter_ids = {
        (provider, native): openrouter
        for _, provider, native, openrouter in _registry_models(shared_dir)
        if openrouter
    }
    for version, provider, native, _ in _registry_models(shared_dir):
        assert isinstance(catalog.lookup(provider, native), catalog.Known), (version, native)
        if provider in catalog.ROUTEABLE_PROVIDERS:
            mapping = catalog.to_openrouter(provider, native)
            expected = openrouter_ids.get((provider, native))
            if expected is not None:
                assert mapping == catalog.OpenRouterMapping(expected, True), (version, native)
    tabled = {(provider, native): openrouter for provider, native, openrouter in DEXTO_MAPPING}
    assert tabled == openrouter_ids, "DEXTO_MAPPING must list exactly Dexto's own mapping"
