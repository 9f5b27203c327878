"""The wording of every surprise `doctor` reports: what happens, why, and what to do.

Messages name providers, models, variables and files; never a value.
"""

from __future__ import annotations

from pathlib import Path

from dexto_config.home.machine import IgnoredPreferences

CARRIED = "key sent to another provider"


def ignored_preferences(path: Path, preferences: IgnoredPreferences) -> str:
    return (
        f"{path} {preferences.reason}: Dexto ignores it without a word, so its llm and setup "
        f"do not apply; fix it (`dexto-config validate {path}`)"
    )


def unloadable(reason: str) -> str:
    return f"Dexto cannot load this file ({reason}): start-up fails; fix it first"


def no_llm() -> str:
    return "the file has no `llm` with a provider: Dexto cannot start this agent; add llm.provider"


def unknown_provider(provider: str, version: str) -> str:
    return (
        f"Dexto {version} does not know provider {provider}: start-up fails; "
        "run `dexto-config validate` on this file"
    )


def auth_deleted(reason: str) -> str:
    return (
        f"auth.json {reason}: Dexto deletes it at start-up (doctor left it as it is); "
        "run `dexto login` again"
    )


def login_gate(where: str, provider: str, state: str) -> str:
    return (
        f"not logged in: {where} uses {provider} and auth.json {state}, so Dexto stops at "
        "start-up (a DEXTO_API_KEY in the environment does not count); run `dexto login`, "
        "or choose another provider"
    )


def silent_switch(provider: str, variables: tuple[str, ...], to: str, *, gateway: bool) -> str:
    lacking = (
        f"no key for {provider} ({', '.join(variables)})"
        if variables
        else (f"no baseURL for {provider}")
    )
    billed = " (billed to your Dexto Nova credits)" if gateway else ""
    keep = f"set {variables[0]}" if variables else "set llm.baseURL"
    return (
        f"{lacking}: Dexto switches this agent to {to} at start-up{billed}; "
        f"{keep} to keep {provider}"
    )


def preferences_override(
    provider: str, model: str | None, to_provider: str, to_model: str | None
) -> str:
    return (
        f"preferences.yml's llm replaces this agent's {provider}/{model} with "
        f"{to_provider}/{to_model} (it applies to every agent): edit its llm, or set "
        "setup.completed: false there to let each agent keep its own"
    )


def key_carried(described_key: str, provider: str, own_variable: str | None) -> str:
    fix = (
        f"add `apiKey: ${own_variable}` to its llm" if own_variable else "remove the agent's apiKey"
    )
    return (
        f"{CARRIED}: the agent's apiKey {described_key} is sent to {provider}, because "
        f"preferences.yml's llm changes the provider but sets no apiKey; {fix}"
    )


def base_url_carried(provider: str, accepted: bool) -> str:
    if accepted:
        return (
            f"the agent's baseURL is sent to {provider} (preferences.yml's llm sets none): "
            "set the right baseURL in preferences.yml or remove it from the agent"
        )
    return (
        f"the agent's baseURL stays on {provider}, which takes none: Dexto refuses the "
        "configuration at start-up; remove baseURL from the agent"
    )


def foreign_key(
    variable: str, owners: tuple[str, ...], provider: str, own_variable: str | None
) -> str:
    fix = f"write `apiKey: ${own_variable}`" if own_variable else f"use {provider}'s own key"
    return f"{CARRIED}: {variable} belongs to {', '.join(owners)} but is sent to {provider}; {fix}"


def empty_in_shell(variable: str, found_in: str) -> str:
    return (
        f"{variable} is set but empty in the shell, so Dexto uses the value from {found_in}: "
        "unset it, or set the key you mean"
    )


def no_key(provider: str, variables: tuple[str, ...]) -> str:
    named = f" ({', '.join(variables)})" if variables else ""
    action = f"set {variables[0]}" if variables else "configure its credentials"
    return (
        f"no key for {provider}{named}: Dexto starts with a warning in cli/web mode and "
        f"refuses in server/mcp mode; {action}"
    )


def no_base_url(provider: str) -> str:
    return (
        f"{provider} needs a baseURL and none is set: set llm.baseURL "
        "(or OPENAI_BASE_URL for openai-compatible)"
    )


def auth_json_wins() -> str:
    return (
        "auth.json's dextoApiKey is sent, not the different DEXTO_API_KEY of the environment: "
        "run `dexto logout` to use the variable"
    )
