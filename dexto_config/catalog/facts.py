"""Facts about Dexto's LLM providers (DESIGN §2), in one place.

Authored from Dexto 1.5.6's `llm/registry.ts`, `llm/routing.ts` and
`utils/api-key-resolver.ts`; where 1.5.4 differed, the difference is noted.
The providers later releases added (`minimax`, `glm`, `dexto-nova`) are here
too, so that rules and commands know every name; what a release accepts is
`dexto_config.catalog.releases`.
Importing this module loads no data: it is a table of constants.
"""

from __future__ import annotations

from dexto_config.records import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal

    BaseURLSupport = Literal["none", "optional", "required"]


class UnknownProviderError(ValueError):
    """A provider name that Dexto does not know."""

    def __init__(self, name: str) -> None:
        super().__init__(f"unknown provider {name!r}; known: {', '.join(PROVIDER_NAMES)}")
        self.name = name


class ProviderFacts(Record):
    """What Dexto knows about one provider (a named tuple: cheaper to create than a
    dataclass on `lint one.yml`'s path, DESIGN §9).

    `env_vars` lists every variable Dexto reads for the key, primary first, aliases
    after. `routeable` is the legacy (≤1.5.4) implicit-routing set; `openrouter_prefix`
    is the vendor prefix the legacy router put in front of a native model ID (None
    when the provider had none and the ID was passed on unchanged).
    """

    name: str
    env_vars: tuple[str, ...]
    primary_env_var: str
    requires_api_key: bool
    base_url: BaseURLSupport
    supports_custom_models: bool
    accepts_any_model: bool
    routeable: bool
    openrouter_prefix: str | None
    takes_openrouter_ids: bool
    models_dev_ids: tuple[str, ...]

    @property
    def direct_only(self) -> bool:
        """True for providers that were never routed through Dexto."""
        return not self.routeable and not self.takes_openrouter_ids


def _facts(
    name: str,
    env_vars: tuple[str, ...],
    *,
    primary: str | None = None,
    requires_api_key: bool = True,
    base_url: BaseURLSupport = "none",
    custom: bool = False,
    any_model: bool = False,
    routeable: bool = False,
    prefix: str | None = None,
    openrouter_ids: bool = False,
    models_dev: tuple[str, ...] = (),
) -> ProviderFacts:
    return ProviderFacts(
        name=name,
        env_vars=env_vars,
        primary_env_var=primary or env_vars[0],
        requires_api_key=requires_api_key,
        base_url=base_url,
        supports_custom_models=custom,
        accepts_any_model=any_model,
        routeable=routeable,
        openrouter_prefix=prefix,
        takes_openrouter_ids=openrouter_ids,
        models_dev_ids=models_dev,
    )


_OPENAI_KEYS = ("OPENAI_API_KEY", "OPENAI_KEY")

_ALL: tuple[ProviderFacts, ...] = (
    _facts("openai", _OPENAI_KEYS, routeable=True, prefix="openai", models_dev=("openai",)),
    # openai-compatible servers legitimately take the OpenAI key variables.
    _facts(
        "openai-compatible",
        _OPENAI_KEYS,
        requires_api_key=False,
        base_url="required",
        custom=True,
        any_model=True,
    ),
    _facts(
        "anthropic",
        ("ANTHROPIC_API_KEY", "ANTHROPIC_KEY", "CLAUDE_API_KEY"),
        routeable=True,
        prefix="anthropic",
        models_dev=("anthropic",),
    ),
    _facts(
        "google",
        ("GOOGLE_GENERATIVE_AI_API_KEY", "GOOGLE_API_KEY", "GEMINI_API_KEY"),
        routeable=True,
        prefix="google",
        models_dev=("google",),
    ),
    _facts("groq", ("GROQ_API_KEY",), routeable=True, models_dev=("groq",)),
    _facts(
        "xai", ("XAI_API_KEY", "X_AI_API_KEY"), routeable=True, prefix="x-ai", models_dev=("xai",)
    ),
    _facts("cohere", ("COHERE_API_KEY",), routeable=True, prefix="cohere", models_dev=("cohere",)),
    # Added by 1.5.7 (their model lists live in each release's registry).
    _facts("minimax", ("MINIMAX_API_KEY",), prefix="minimax"),
    _facts("glm", ("ZHIPU_API_KEY", "ZHIPUAI_API_KEY"), prefix="z-ai"),
    _facts(
        "openrouter",
        ("OPENROUTER_API_KEY",),
        custom=True,
        any_model=True,
        routeable=True,
        openrouter_ids=True,
        models_dev=("openrouter",),
    ),
    _facts(
        "litellm",
        ("LITELLM_API_KEY", "LITELLM_KEY"),
        requires_api_key=False,
        base_url="required",
        custom=True,
        any_model=True,
    ),
    _facts("glama", ("GLAMA_API_KEY",), custom=True, any_model=True),
    # vertex and local authenticate without a key variable; Dexto still names a primary one.
    _facts(
        "vertex",
        (),
        primary="VERTEX_API_KEY",
        requires_api_key=False,
        models_dev=("google-vertex", "google-vertex-anthropic"),
    ),
    _facts(
        "bedrock",
        ("AWS_BEARER_TOKEN_BEDROCK",),
        requires_api_key=False,
        custom=True,
        models_dev=("amazon-bedrock",),
    ),
    _facts(
        "local", (), primary="LOCAL_API_KEY", requires_api_key=False, custom=True, any_model=True
    ),
    _facts(
        "ollama",
        (),
        primary="OLLAMA_API_KEY",
        requires_api_key=False,
        base_url="optional",
        custom=True,
        any_model=True,
    ),
    # 1.5.4 let `dexto` take any model; 1.5.6 checks it against the OpenRouter catalog.
    _facts("dexto", ("DEXTO_API_KEY",), custom=True, openrouter_ids=True),
    # 1.5.8 renamed the gateway provider; it takes the same OpenRouter IDs.
    _facts("dexto-nova", ("DEXTO_API_KEY",), custom=True, openrouter_ids=True),
)
GATEWAY_PROVIDERS: tuple[str, ...] = ("dexto", "dexto-nova")
"""The Dexto gateway's provider names: `dexto` up to 1.5.7, `dexto-nova` from 1.5.8."""

PROVIDER_NAMES: tuple[str, ...] = tuple(facts.name for facts in _ALL)
_BY_NAME: dict[str, ProviderFacts] = {facts.name: facts for facts in _ALL}

ROUTEABLE_PROVIDERS: frozenset[str] = frozenset(f.name for f in _ALL if f.routeable)
# The legacy router's sets (1.5.4): the providers it knew that it never rerouted.
_LATER_PROVIDERS = frozenset({"minimax", "glm", "dexto-nova"})
DIRECT_ONLY_PROVIDERS: frozenset[str] = frozenset(
    f.name for f in _ALL if f.direct_only and f.name not in _LATER_PROVIDERS
)


def providers() -> tuple[ProviderFacts, ...]:
    """Every provider any known Dexto release knows, in Dexto's own order."""
    return _ALL


def provider(name: str) -> ProviderFacts:
    """The facts of provider `name`; raises UnknownProviderError for other names."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise UnknownProviderError(name) from None


def is_provider(name: str) -> bool:
    """True when `name` is one of Dexto's providers."""
    return name in _BY_NAME


def env_vars(name: str) -> tuple[str, ...]:
    """The key variables provider `name` reads, primary first, then aliases."""
    return provider(name).env_vars


def primary_env_var(name: str) -> str:
    """The key variable Dexto names first for provider `name` (e.g. `ANTHROPIC_API_KEY`)."""
    return provider(name).primary_env_var


def accepts_any_model(name: str) -> bool:
    """True when an unknown model ID for `name` deserves a warning, never an error."""
    return provider(name).accepts_any_model


def supports_custom_models(name: str) -> bool:
    """True when Dexto lets `custom-models.json` define models for `name`."""
    return provider(name).supports_custom_models


def base_url_support(name: str) -> BaseURLSupport:
    """Whether `llm.baseURL` is forbidden, optional or required for `name`."""
    return provider(name).base_url


def is_routeable(name: str) -> bool:
    """True when the legacy runtime could reroute `name` through the Dexto gateway."""
    return provider(name).routeable


def legacy_openrouter_prefix(name: str) -> str | None:
    """The vendor prefix the legacy router added to a native ID (`xai` → `x-ai`), or None."""
    return provider(name).openrouter_prefix


def takes_openrouter_ids(name: str) -> bool:
    """True for `dexto` and `openrouter`, whose model IDs are OpenRouter IDs."""
    return provider(name).takes_openrouter_ids


def owner_of_env_var(variable: str) -> tuple[str, ...]:
    """The providers that read `variable` as their key (two for `OPENAI_API_KEY`)."""
    return tuple(f.name for f in _ALL if variable in f.env_vars)
