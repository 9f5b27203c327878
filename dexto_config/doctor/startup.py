"""Dexto's start-up for `dexto --agent FILE`, replayed step by step (DESIGN §14).

Read from Dexto 1.10.4's CLI (`index-main.ts`, `config/cli-overrides.ts`,
`cli/utils/dexto-auth-check.ts`, `cli/auth/service.ts`) and core
(`utils/api-key-resolver.ts`, `llm/services/factory.ts`), with the release
differences of `StartupBehaviour`:

1. the environment after layered loading (read by `home.machine`);
2. login bootstrap: with login enabled and `DEXTO_API_KEY` unset, the CLI's
   login loader copies `auth.json`'s key into `DEXTO_API_KEY`;
3. login gate: when preferences' `llm` (if it names provider and model) or else
   the agent's uses the gateway, start-up stops unless the loader accepts
   `auth.json`;
4. start-up fallback (setup not completed): an agent without usable
   credentials moves to the first provider with a key (or, for one that needs
   a base URL, `OPENAI_BASE_URL`) and a default model; the key's value becomes
   `llm.apiKey` and `baseURL` is dropped;
5. preferences override: preferences' `provider`, `model`, `apiKey`, `baseURL`
   each replace the agent's, when set (from 1.6.21 only with `setup.completed`);
6. the key sent: a `model-auth.yml` default profile, else `llm.apiKey` expanded,
   else the resolver (`auth.json` first for the gateway, then the provider's
   variables in order);
7. the base URL.

The login loader deletes an `auth.json` it rejects; the replay only records
that (and that the file is gone for the steps after).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from dexto_config.doctor import problems as say
from dexto_config.doctor.release import ProviderFacts, RegistryFacts, StartupBehaviour
from dexto_config.doctor.verdict import FILE, MODEL_AUTH, ChangedBy, Credential, Effective, Verdict
from dexto_config.home.machine import (
    AUTH_JSON,
    AuthFile,
    Environment,
    IgnoredPreferences,
    LoadedPreferences,
    Machine,
    Variable,
)

DEXTO_API_KEY = "DEXTO_API_KEY"
OPENAI_BASE_URL = "OPENAI_BASE_URL"
DEXTO_API_URL = "DEXTO_API_URL"
OPENAI_COMPATIBLE = "openai-compatible"
# The endpoint an OpenAI "ChatGPT login" profile sends requests to, whatever llm.baseURL says.
CHATGPT_LOGIN_URL = "https://chatgpt.com/backend-api/codex"
# Login methods whose profile carries its own credential (OAuth), per provider.
_OAUTH_HANDLERS = frozenset({("openai", "chatgpt_login")})
_REFERENCE = re.compile(r"\$([A-Z_][A-Z0-9_]*)|\$\{([A-Z_][A-Z0-9_]*)\}", re.IGNORECASE)

Source = Literal["agent", "preferences", "fallback"]


@dataclass(frozen=True, slots=True)
class AgentLlm:
    """The `llm` section of an agent file as Dexto loads it (values as written)."""

    provider: str | None
    model: str | None
    api_key: Any = field(default=None, repr=False)
    base_url: Any = None


@dataclass(frozen=True, slots=True)
class _Key:
    """A key value found for a provider, and where (`repr` hides the value)."""

    value: str = field(repr=False)
    credential: Credential


@dataclass(frozen=True, slots=True)
class _ApiKey:
    """`llm.apiKey` during start-up: text as written, or the value the fallback wrote."""

    text: str = field(repr=False)
    source: Source
    found: _Key | None = None


@dataclass(frozen=True, slots=True)
class _Llm:
    provider: str
    model: str | None
    api_key: _ApiKey | None
    base_url: str | None
    base_url_source: Source | None


def read_agent_llm(data: Any) -> AgentLlm | None:
    """The `llm` of parsed agent data, or None when there is no `llm` mapping."""
    llm = data.get("llm") if isinstance(data, dict) else None
    if not isinstance(llm, dict):
        return None
    provider, model = llm.get("provider"), llm.get("model")
    return AgentLlm(
        provider=provider if isinstance(provider, str) else None,
        model=model if isinstance(model, str) else None,
        api_key=llm.get("apiKey"),
        base_url=llm.get("baseURL"),
    )


def unloadable(path: str, reason: str) -> Verdict:
    """The verdict for an agent file Dexto cannot load at all."""
    return Verdict(path, None, None, None, None, (say.unloadable(reason),), stopped=True)


def decide(
    path: str,
    agent: AgentLlm | None,
    machine: Machine,
    registry: RegistryFacts,
    behaviour: StartupBehaviour,
) -> Verdict:
    """What Dexto `behaviour.version` runs for the agent at `path`, and every surprise."""
    return _Startup(machine, registry, behaviour).run(path, agent)


class _Startup:
    """One replay of start-up: the environment and `auth.json` change as Dexto changes them."""

    def __init__(
        self, machine: Machine, registry: RegistryFacts, behaviour: StartupBehaviour
    ) -> None:
        self.machine = machine
        self.registry = registry
        self.behaviour = behaviour
        self.env: Environment = machine.environment
        self.auth: AuthFile | None = machine.auth
        self.notes: list[str] = []
        self.login = behaviour.login_enabled(machine.environment.value("DEXTO_FEATURE_AUTH"))

    def run(self, path: str, agent: AgentLlm | None) -> Verdict:
        loaded = self._preferences()
        if agent is None or not agent.provider:
            return self._verdict(path, agent, None, None, (say.no_llm(),), stopped=True)
        self._bootstrap_login()
        gate = self._login_gate(agent, loaded)
        if gate is not None:
            effective = Effective(agent.provider, agent.model)
            return self._verdict(path, agent, effective, None, (gate,), stopped=True)
        if self.registry.provider(agent.provider) is None:
            problem = say.unknown_provider(agent.provider, self.behaviour.version)
            effective = Effective(agent.provider, agent.model)
            return self._verdict(path, agent, effective, None, (problem,), stopped=True)
        llm = _Llm(agent.provider, agent.model, _written_key(agent.api_key, "agent"), *_url(agent))
        llm, changed_by, surprises = self._apply_overrides(llm, loaded)
        credential, key_notes = self._key_sent(llm)
        through_login = credential is not None and credential.found_in == MODEL_AUTH
        base_url = CHATGPT_LOGIN_URL if through_login else self._base_url(llm)
        effective = Effective(llm.provider, llm.model, changed_by, base_url)
        checks = self._checks(agent, llm, credential)
        return self._verdict(path, agent, effective, credential, (*surprises, *key_notes, *checks))

    def _preferences(self) -> LoadedPreferences | None:
        """Preferences Dexto loads (the machine reader judges them with the release's schema)."""
        preferences = self.machine.preferences
        if isinstance(preferences, IgnoredPreferences):
            self.notes.append(say.ignored_preferences(self.machine.preferences_path, preferences))
            return None
        return preferences

    def _verdict(
        self,
        path: str,
        agent: AgentLlm | None,
        effective: Effective | None,
        credential: Credential | None,
        problems: tuple[str, ...],
        *,
        stopped: bool = False,
    ) -> Verdict:
        return Verdict(
            path=path,
            configured_provider=None if agent is None else agent.provider,
            configured_model=None if agent is None else agent.model,
            effective=effective,
            credential=credential,
            problems=(*problems, *self.notes),
            stopped=stopped,
        )

    # -- steps 2 and 3: the login bootstrap and gate -------------------------------------

    def _load_login(self) -> AuthFile | None:
        """The CLI's login loader: the file when it accepts it; a rejected file is deleted."""
        auth = self.auth
        if auth is None:
            return None
        rejected = auth.problem or (
            "has an invalid `dextoApiKeySource`"
            if auth.bad_key_source and self.behaviour.login_loader_checks_key_source
            else None
        )
        if rejected is None:
            return auth
        self.notes.append(say.auth_deleted(rejected))
        self.auth = None
        return None

    def _bootstrap_login(self) -> None:
        if not self.login or self.env.is_set(DEXTO_API_KEY):
            return
        auth = self._load_login()
        if auth is not None and auth.login_key:
            self.env = self.env.with_variable(DEXTO_API_KEY, Variable(auth.login_key, AUTH_JSON))

    def _login_gate(self, agent: AgentLlm, preferences: LoadedPreferences | None) -> str | None:
        if not self.login:
            return None
        if preferences is not None and preferences.llm.provider and preferences.llm.model:
            provider, where = preferences.llm.provider, "preferences.yml's llm"
        elif agent.provider and agent.model:
            provider, where = agent.provider, "this agent's llm"
        else:
            return None
        if provider != self.behaviour.gateway:
            return None
        missing = self.machine.auth is None
        if self._load_login() is not None:
            return None
        return say.login_gate(where, provider, "is missing" if missing else "was rejected")

    # -- steps 4 and 5: the start-up fallback and the preferences override ------------------

    def _apply_overrides(
        self, llm: _Llm, preferences: LoadedPreferences | None
    ) -> tuple[_Llm, ChangedBy | None, tuple[str, ...]]:
        completed = preferences is not None and preferences.setup_completed
        if self.behaviour.startup_fallback and not completed:
            moved = self._fallback(llm)
            if moved is not None and (moved.provider, moved.model) != (llm.provider, llm.model):
                return moved, "startup-fallback", (self._switch_note(llm, moved),)
            return moved or llm, None, ()
        overrides = completed or not self.behaviour.preferences_need_setup
        if preferences is None or not overrides:
            return llm, None, ()
        chosen = preferences.llm
        if not (chosen.provider and chosen.model):
            return llm, None, ()
        merged = replace(
            llm,
            provider=chosen.provider,
            model=chosen.model,
            api_key=_written_key(chosen.api_key, "preferences") if chosen.api_key else llm.api_key,
        )
        if chosen.base_url:
            merged = replace(merged, base_url=chosen.base_url, base_url_source="preferences")
        if (merged.provider, merged.model) == (llm.provider, llm.model):
            return merged, None, ()
        note = say.preferences_override(llm.provider, llm.model, merged.provider, merged.model)
        return merged, "preferences", (note, *self._carried(llm, merged))

    def _fallback(self, llm: _Llm) -> _Llm | None:
        if self._usable(llm):
            return None
        for facts in self.registry.providers:
            key = self._resolve_key(facts.name)
            explicit = key is not None or (
                facts.base_url == "required" and self.env.is_set(OPENAI_BASE_URL)
            )
            if not explicit or not facts.default_model:
                continue
            api_key = None if key is None else _ApiKey(key.value, "fallback", key)
            return _Llm(facts.name, facts.default_model, api_key, None, None)
        return None

    def _usable(self, llm: _Llm) -> bool:
        """Dexto's `hasUsableCredentials` for the agent's provider."""
        facts = self._facts(llm.provider)
        base_url = _expand(llm.base_url, self.env) if llm.base_url else ""
        if facts.base_url == "required" and not base_url.strip():
            return False
        if not facts.requires_api_key:
            return True
        inline = _expand(llm.api_key.text, self.env) if llm.api_key and llm.api_key.text else ""
        return bool(inline.strip()) or self._resolve_key(llm.provider) is not None

    def _switch_note(self, before: _Llm, after: _Llm) -> str:
        facts = self._facts(before.provider)
        base_url = _expand(before.base_url, self.env) if before.base_url else ""
        lacks_url = facts.base_url == "required" and not base_url.strip()
        return say.silent_switch(
            before.provider,
            () if lacks_url else facts.env_vars,
            after.provider,
            gateway=after.provider == self.behaviour.gateway,
        )

    def _carried(self, before: _Llm, after: _Llm) -> tuple[str, ...]:
        """What the agent's own `apiKey` and `baseURL` do on the provider preferences chose."""
        if after.provider == before.provider:
            return ()
        notes: list[str] = []
        if after.api_key is not None and after.api_key.source == "agent":
            own = self._facts(after.provider).primary_env_var
            notes.append(say.key_carried(_describe(after.api_key.text), after.provider, own))
        if after.base_url_source == "agent":
            accepts = self._facts(after.provider).base_url != "none"
            notes.append(say.base_url_carried(after.provider, accepts))
        return tuple(notes)

    # -- step 6: the key sent ----------------------------------------------------------------

    def _resolve_key(self, provider: str) -> _Key | None:
        """Dexto's `resolveApiKeyForProvider` (reading `auth.json` first for the gateway)."""
        stored = self.auth.stored_key if self.auth is not None else None
        reads_auth = self.behaviour.resolver_reads_auth_json and provider == self.behaviour.gateway
        if reads_auth and stored:
            # Dexto copies the stored key into DEXTO_API_KEY as it reads it.
            self.env = self.env.with_variable(DEXTO_API_KEY, Variable(stored, AUTH_JSON))
            return _Key(stored, Credential(DEXTO_API_KEY, AUTH_JSON))
        facts = self.registry.provider(provider)
        for name in facts.env_vars if facts is not None else ():
            variable = self.env.get(name)
            if variable is not None and variable.is_set:
                return _Key(variable.value.strip(), Credential(name, variable.origin))
        return None

    def _key_sent(self, llm: _Llm) -> tuple[Credential | None, tuple[str, ...]]:
        profile = self._profile_key(llm.provider)
        if profile is not None:
            return profile, ()
        written = self._written_credential(llm.api_key)
        if written is not None:
            return written, ()
        resolved = self._resolve_key(llm.provider)
        if resolved is None:
            return None, ()
        if resolved.credential.found_in == AUTH_JSON and self._shell_key_differs(resolved):
            return resolved.credential, (say.auth_json_wins(),)
        return resolved.credential, ()

    def _profile_key(self, provider: str) -> Credential | None:
        if not self.behaviour.model_auth_profiles:
            return None
        profile = self.machine.model_auth.default_for(provider)
        if profile is None:
            return None
        if profile.env_var is not None:
            variable = self.env.get(profile.env_var)
            if variable is not None and variable.is_set:
                return Credential(profile.env_var, variable.origin)
            return None
        if (profile.provider_id, profile.method_id) in _OAUTH_HANDLERS:
            return Credential(None, MODEL_AUTH)
        return None

    def _written_credential(self, api_key: _ApiKey | None) -> Credential | None:
        if api_key is None:
            return None
        if api_key.found is not None:
            return api_key.found.credential
        if not _expand(api_key.text, self.env):
            return None
        variable = _only_reference(api_key.text)
        if variable is None:
            return Credential(None, FILE)
        found = self.env.get(variable)
        return Credential(variable, found.origin if found is not None else FILE)

    def _shell_key_differs(self, resolved: _Key) -> bool:
        """A `DEXTO_API_KEY` of the environment or a `.env` that is not the key sent."""
        own = self.machine.environment.get(DEXTO_API_KEY)
        return own is not None and own.is_set and own.value.strip() != resolved.value

    # -- step 7 and the remaining checks -----------------------------------------------------

    def _base_url(self, llm: _Llm) -> str | None:
        """The endpoint, shown as written: a value from the environment only by its name."""
        written = llm.base_url.strip() if llm.base_url and _expand(llm.base_url, self.env) else ""
        if llm.provider == self.behaviour.gateway:
            return self._gateway_url(written)
        if written:
            return written.rstrip("/")
        if llm.provider == OPENAI_COMPATIBLE and self.env.is_set(OPENAI_BASE_URL):
            return f"${OPENAI_BASE_URL}"
        return None

    def _gateway_url(self, written: str) -> str:
        if not self.behaviour.gateway_url_configurable:
            return self.behaviour.default_gateway_url
        if written:
            return written.rstrip("/")
        configured = (self.env.value(DEXTO_API_URL) or "").strip().rstrip("/")
        if not configured:
            return self.behaviour.default_gateway_url
        return f"${DEXTO_API_URL}" + ("" if configured.endswith("/v1") else "/v1")

    def _checks(self, agent: AgentLlm, llm: _Llm, credential: Credential | None) -> list[str]:
        facts = self._facts(llm.provider)
        notes: list[str] = []
        if credential is not None and credential.variable is not None:
            owners = self._owners(credential.variable)
            if owners and llm.provider not in owners and not _reported_as_carried(agent, llm):
                own = facts.primary_env_var
                notes.append(say.foreign_key(credential.variable, owners, llm.provider, own))
            if credential.variable in self.env.emptied_in_shell:
                notes.append(say.empty_in_shell(credential.variable, credential.found_in))
        if facts.requires_api_key and credential is None:
            notes.append(say.no_key(llm.provider, facts.env_vars))
        if facts.base_url == "required" and self._base_url(llm) is None:
            notes.append(say.no_base_url(llm.provider))
        return notes

    def _owners(self, variable: str) -> tuple[str, ...]:
        return tuple(p.name for p in self.registry.providers if variable in p.env_vars)

    def _facts(self, provider: str) -> ProviderFacts:
        facts = self.registry.provider(provider)
        if facts is None:
            raise KeyError(provider)
        return facts


def _reported_as_carried(agent: AgentLlm, llm: _Llm) -> bool:
    """The agent's own key on a provider preferences chose (`_carried` said so)."""
    return (
        llm.api_key is not None and llm.api_key.source == "agent" and agent.provider != llm.provider
    )


def _written_key(value: Any, source: Source) -> _ApiKey | None:
    """`apiKey` as Dexto reads it: only a non-empty string counts."""
    return _ApiKey(value, source) if isinstance(value, str) and value else None


def _url(agent: AgentLlm) -> tuple[str | None, Source | None]:
    if isinstance(agent.base_url, str) and agent.base_url:
        return agent.base_url, "agent"
    return None, None


def _expand(text: str, env: Environment) -> str:
    """Dexto's `EnvExpandedString`: `$VAR`/`${VAR}` replaced (unset: empty), then trimmed."""
    return _REFERENCE.sub(lambda m: env.value(m.group(1) or m.group(2)) or "", text).strip()


def _only_reference(text: str) -> str | None:
    """The variable when `text` is exactly one `$VAR`/`${VAR}` reference (spaces aside)."""
    match = _REFERENCE.fullmatch(text.strip())
    return None if match is None else match.group(1) or match.group(2)


def _describe(text: str) -> str:
    variable = _only_reference(text)
    return f"`${variable}`" if variable is not None else "(a literal key)"
