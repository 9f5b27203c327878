"""How Dexto's start-up changed between releases (DESIGN §14), read from its CLI and core.

Provider facts (order, key variables, default models, base-URL needs) are not
here: they come from the release's registry (`dexto_config.catalog.releases`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from dexto_config.versions import version_key

FIRST_DOCTOR_RELEASE = "1.5.7"
_DEFAULT_GATEWAY_URL_BEFORE_1_9 = "https://api.dexto.ai/v1"
_DEFAULT_GATEWAY_URL = "https://app.dexto.ai/v1"


class ProviderFacts(Protocol):
    """What start-up needs to know of one provider (a `ReleaseProvider`)."""

    @property
    def name(self) -> str: ...
    @property
    def env_vars(self) -> tuple[str, ...]: ...
    @property
    def primary_env_var(self) -> str | None: ...
    @property
    def requires_api_key(self) -> bool: ...
    @property
    def base_url(self) -> str: ...
    @property
    def default_model(self) -> str | None: ...


class RegistryFacts(Protocol):
    """A release's providers in Dexto's `LLM_PROVIDERS` order (a `ReleaseRegistry`)."""

    @property
    def version(self) -> str: ...
    @property
    def providers(self) -> tuple[ProviderFacts, ...]: ...
    def provider(self, name: str) -> ProviderFacts | None: ...


@dataclass(frozen=True, slots=True)
class StartupBehaviour:
    """The start-up steps of one Dexto release that differ between releases.

    - `gateway`: the Dexto gateway provider (`dexto` in 1.5.7, `dexto-nova` after).
    - `auth_on_by_default`: 1.5.7 turned login on only with `DEXTO_FEATURE_AUTH=true`;
      later releases unless it is set to anything but `true`.
    - `login_loader_checks_key_source`: the CLI's `auth.json` schema knows
      `dextoApiKeySource` (1.6.2).
    - `startup_fallback` and `preferences_need_setup`: 1.6.21 added the start-up
      fallback and made the preferences override wait for `setup.completed`.
    - `resolver_reads_auth_json`: the key resolver reads `auth.json` first for the
      gateway (1.6.22).
    - `gateway_url_configurable`: `llm.baseURL`, then `DEXTO_API_URL` (1.6.24).
    - `model_auth_profiles`: `model-auth.yml` default profiles (1.8.2).
    """

    version: str
    gateway: str
    auth_on_by_default: bool
    login_loader_checks_key_source: bool
    startup_fallback: bool
    preferences_need_setup: bool
    resolver_reads_auth_json: bool
    gateway_url_configurable: bool
    default_gateway_url: str
    model_auth_profiles: bool

    @classmethod
    def at(cls, version: str) -> StartupBehaviour:
        """The behaviour of release `version` (1.5.7 or later)."""
        key = version_key(version)
        return cls(
            version=version,
            gateway="dexto" if key < (1, 5, 8) else "dexto-nova",
            auth_on_by_default=key >= (1, 5, 8),
            login_loader_checks_key_source=key >= (1, 6, 2),
            startup_fallback=key >= (1, 6, 21),
            preferences_need_setup=key >= (1, 6, 21),
            resolver_reads_auth_json=key >= (1, 6, 22),
            gateway_url_configurable=key >= (1, 6, 24),
            default_gateway_url=(
                _DEFAULT_GATEWAY_URL if key >= (1, 9, 0) else _DEFAULT_GATEWAY_URL_BEFORE_1_9
            ),
            model_auth_profiles=key >= (1, 8, 2),
        )

    def login_enabled(self, feature_flag: str | None) -> bool:
        """Whether the login bootstrap and gate run, given `DEXTO_FEATURE_AUTH`."""
        if feature_flag is None:
            return self.auth_on_by_default
        return feature_flag == "true"


def is_doctor_release(version: str) -> bool:
    """True for the released Dexto versions `doctor` models (1.5.7 and later)."""
    return version_key(version) >= version_key(FIRST_DOCTOR_RELEASE)
