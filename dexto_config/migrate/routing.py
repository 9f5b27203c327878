"""The routing context and the legacy decision rule (DESIGN §4.1), pure.

`RoutingContext` is the frozen set of machine facts the legacy runtime used to
pick a backend; `legacy_backend()` is that rule. Nothing here reads the
machine: `dexto_config.home.machine.read_routing_context` builds a context
from the environment, `.env`, `auth.json` and `preferences.yml`, once per run
and before any write.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from dexto_config import catalog

RouteVia = Literal["auto", "dexto", "direct"]
ROUTE_VIA_CHOICES: tuple[RouteVia, ...] = ("auto", "dexto", "direct")
DEXTO = "dexto"
# Release 1.5.8 renamed the gateway provider; both names are the same backend.
DEXTO_NOVA = "dexto-nova"
DEXTO_KEY_VAR = "DEXTO_API_KEY"


@dataclass(frozen=True, slots=True)
class RoutingContext:
    """What the legacy runtime knew when it chose a backend."""

    route_via: RouteVia = "auto"
    dexto_key: bool = False
    provider_keys: frozenset[str] = frozenset()
    prefer_dexto_credits: bool = True

    @property
    def forced(self) -> bool:
        return self.route_via != "auto"

    def to_json(self) -> dict[str, Any]:
        """A JSON-safe record (names of variables only, never their values)."""
        return {
            "route_via": self.route_via,
            "dexto_key": self.dexto_key,
            "provider_keys": sorted(self.provider_keys),
            "prefer_dexto_credits": self.prefer_dexto_credits,
        }

    @classmethod
    def from_json(cls, record: Mapping[str, Any]) -> RoutingContext:
        route_via = record.get("route_via", "auto")
        if route_via not in ROUTE_VIA_CHOICES:
            raise ValueError(f"invalid route_via {route_via!r} in recorded routing context")
        return cls(
            route_via=route_via,
            dexto_key=bool(record.get("dexto_key", False)),
            provider_keys=frozenset(str(k) for k in record.get("provider_keys", ())),
            prefer_dexto_credits=bool(record.get("prefer_dexto_credits", True)),
        )

    def with_prefer_dexto_credits(self, value: bool) -> RoutingContext:
        return RoutingContext(self.route_via, self.dexto_key, self.provider_keys, value)


@dataclass(frozen=True, slots=True)
class Backend:
    """Where an `llm` block's calls went, and why."""

    name: str
    reason: str

    @property
    def is_dexto(self) -> bool:
        return self.name == DEXTO


def backend_name(provider: str) -> str:
    """The backend a provider name calls: the gateway's two names are one backend."""
    return DEXTO if provider == DEXTO_NOVA else provider


def legacy_backend(provider: str, context: RoutingContext) -> Backend:
    """The backend the legacy (1.5.4) runtime called for `provider` under `context`."""
    if provider == DEXTO:
        return Backend(DEXTO, "provider dexto always called the Dexto gateway")
    routeable = catalog.is_provider(provider) and catalog.is_routeable(provider)
    if not routeable:
        return Backend(provider, f"{provider} was never routed through Dexto")
    if context.route_via == "direct":
        return Backend(provider, "forced by --route-via direct")
    if context.route_via == "dexto":
        return Backend(DEXTO, f"forced by --route-via dexto; {provider} was routeable")
    if not context.dexto_key:
        return Backend(provider, "not logged in to Dexto")
    own_key = own_key_present(provider, context)
    if not context.prefer_dexto_credits and own_key is not None:
        return Backend(provider, f"preferDextoCredits was false and {own_key} is set")
    return Backend(DEXTO, f"logged in to Dexto; {provider} was routeable")


def own_key_present(provider: str, context: RoutingContext) -> str | None:
    """The first of `provider`'s key variables that is set, if any."""
    for variable in catalog.env_vars(provider):
        if variable in context.provider_keys:
            return variable
    return None
