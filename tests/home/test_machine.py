"""Reading the machine as Dexto's start-up does: `.env` layers, auth.json, model-auth.yml,
and the legacy routing facts a migration needs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dexto_config.home.dotenv import parse_dotenv
from dexto_config.home.machine import (
    layered_environment,
    read_auth_file,
    read_model_auth,
    read_routing_context,
)
from dexto_config.home.project import project_env_path
from dexto_config.migrate.routing import RoutingContext

NOW_MS = 1_800_000_000_000

DOTENV_CASES = {
    "plain": ("A=1\nB = two\n", {"A": "1", "B": "two"}),
    "export and comment": ("export A=1 # note\n# B=2\n", {"A": "1"}),
    "hash ends an unquoted value": ("A=ab#cd\n", {"A": "ab"}),
    "quoted keeps the hash": ("A='ab#cd'\n", {"A": "ab#cd"}),
    "double quotes expand \\n": ('A="x\\ny"\n', {"A": "x\ny"}),
    "single quotes do not": ("A='x\\ny'\n", {"A": "x\\ny"}),
    "multi-line quoted value": ('A="one\ntwo"\nB=3\n', {"A": "one\ntwo", "B": "3"}),
    "last assignment wins": ("A=1\nA=2\n", {"A": "2"}),
    "no expansion": ("A=$B\n", {"A": "$B"}),
    "empty value": ("A=\nB=2\n", {"A": "", "B": "2"}),
    "CRLF": ("A=1\r\nB=2\r\n", {"A": "1", "B": "2"}),
    "colon form": ("A: 1\n", {"A": "1"}),
}


@pytest.mark.parametrize(("text", "expected"), DOTENV_CASES.values(), ids=DOTENV_CASES.keys())
def test_dotenv_as_dexto_reads_it(text: str, expected: dict[str, str]) -> None:
    assert parse_dotenv(text) == expected


def test_layers_shell_beats_dotenv_unless_empty(tmp_path: Path) -> None:
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    (home / ".env").write_text("A=home\nB=home\nC=home\nD=home\n")
    (work / ".env").write_text("B=cwd\nC=cwd\n")
    env = layered_environment(home, {"C": "shell", "D": "", "E": ""}, cwd=work)
    found = {name: (v.value, v.origin) for name, v in env.variables.items()}
    assert found == {
        "A": ("home", "home .env"),
        "B": ("cwd", "cwd .env"),
        "C": ("shell", "environment"),
        "D": ("home", "home .env"),
        "E": ("", "environment"),
    }
    assert env.emptied_in_shell == {"D"}


def test_variable_repr_hides_the_value(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("A=very-secret\n")
    env = layered_environment(tmp_path, {}, cwd=None)
    assert "very-secret" not in repr(env)


PROJECT_CASES = {
    "no project": ({}, {}, None),
    "a project with a registry marker": ({"agents/registry.json": "{}"}, {}, "root"),
    "a package depending on dexto": (
        {"package.json": json.dumps({"dependencies": {"dexto": "1"}})},
        {},
        "root",
    ),
    "Dexto's own source: the home .env again": (
        {"package.json": json.dumps({"name": "dexto-monorepo"})},
        {},
        "home",
    ),
    "Dexto's source in dev mode": (
        {"package.json": json.dumps({"name": "dexto-monorepo"})},
        {"DEXTO_DEV_MODE": "true"},
        "root",
    ),
}


@pytest.mark.parametrize(
    ("files", "environ", "expected"), PROJECT_CASES.values(), ids=PROJECT_CASES.keys()
)
def test_project_env_path(
    tmp_path: Path, files: dict[str, str], environ: dict[str, str], expected: str | None
) -> None:
    root, home = tmp_path / "root", tmp_path / "home"
    (root / "sub").mkdir(parents=True)
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    found = project_env_path(root / "sub", home, environ)
    wanted = {None: None, "root": root / ".env", "home": home / ".env"}[expected]
    assert found == wanted


AUTH_CASES = {
    "a login": ({"createdAt": 1, "token": "t"}, None, None),
    "a stored key": ({"createdAt": 1, "dextoApiKey": " k "}, None, "k"),
    "no createdAt": ({"token": "t", "dextoApiKey": "k"}, "has no numeric `createdAt`", "k"),
    "neither token nor key": ({"createdAt": 1}, "holds neither", None),
    "expired without refresh token": (
        {"createdAt": 1, "token": "t", "expiresAt": 5},
        "has expired",
        None,
    ),
    "expired with a refresh token": (
        {"createdAt": 1, "token": "t", "expiresAt": 5, "refreshToken": "r"},
        None,
        None,
    ),
    "a bad e-mail": ({"createdAt": 1, "token": "t", "email": "x@y"}, "invalid `email`", None),
    "null where a string goes": (
        {"createdAt": 1, "token": "t", "userId": None},
        "wrong type",
        None,
    ),
}


@pytest.mark.parametrize(("data", "problem", "stored"), AUTH_CASES.values(), ids=AUTH_CASES.keys())
def test_auth_file(
    tmp_path: Path, data: dict[str, object], problem: str | None, stored: str | None
) -> None:
    path = tmp_path / "auth.json"
    path.write_text(json.dumps(data))
    auth = read_auth_file(path, NOW_MS)
    assert auth is not None
    assert auth.stored_key == stored
    if problem is None:
        assert auth.problem is None
    else:
        assert auth.problem is not None and problem in auth.problem


def test_auth_file_absent_or_not_json(tmp_path: Path) -> None:
    assert read_auth_file(tmp_path / "auth.json", NOW_MS) is None
    (tmp_path / "auth.json").write_text("{broken")
    broken = read_auth_file(tmp_path / "auth.json", NOW_MS)
    assert broken is not None and broken.problem == "is not valid JSON"


PROFILE = (
    "  - id: openai:api_key\n    providerId: openai\n    methodId: api_key\n    label: K\n"
    "    credential: {type: api_key_env, envVar: MY_KEY}\n"
    "    createdAt: a\n    updatedAt: b\n"
)
MODEL_AUTH_CASES = {
    "a default profile": (
        f"version: 1\ndefaults: {{openai: 'openai:api_key'}}\nprofiles:\n{PROFILE}",
        "MY_KEY",
    ),
    "a default naming another provider's profile": (
        f"version: 1\ndefaults: {{anthropic: 'openai:api_key'}}\nprofiles:\n{PROFILE}",
        None,
    ),
    "wrong version": (
        f"version: 2\ndefaults: {{openai: 'openai:api_key'}}\nprofiles:\n{PROFILE}",
        None,
    ),
    "not YAML": ("version: [1\n", None),
}


@pytest.mark.parametrize(
    ("text", "env_var"), MODEL_AUTH_CASES.values(), ids=MODEL_AUTH_CASES.keys()
)
def test_model_auth_default_profile(tmp_path: Path, text: str, env_var: str | None) -> None:
    path = tmp_path / "model-auth.yml"
    path.write_text(text)
    profile = read_model_auth(path).default_for("openai")
    assert (None if profile is None else profile.env_var) == env_var


def test_working_in_the_home_reads_its_env_as_the_home_s(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("A=1\n")
    env = layered_environment(tmp_path, {}, cwd=tmp_path)
    variable = env.get("A")
    assert variable is not None and variable.origin == "home .env"


ROUTING_CASES = {
    "nothing set": ({}, {}, RoutingContext()),
    "gateway key in the environment": (
        {},
        {"DEXTO_API_KEY": "k"},
        RoutingContext(dexto_key=True),
    ),
    "provider key in the home .env": (
        {".env": "ANTHROPIC_API_KEY=k\n"},
        {},
        RoutingContext(provider_keys=frozenset({"ANTHROPIC_API_KEY"})),
    ),
    "an empty variable is not set": ({}, {"OPENAI_API_KEY": ""}, RoutingContext()),
    "a key stored by login": (
        {"auth.json": json.dumps({"createdAt": 1, "dextoApiKey": "k"})},
        {},
        RoutingContext(dexto_key=True),
    ),
    "a login without a stored key": (
        {"auth.json": json.dumps({"createdAt": 1, "token": "t"})},
        {},
        RoutingContext(),
    ),
    "preferDextoCredits off": (
        {"preferences.yml": "preferDextoCredits: false\n"},
        {},
        RoutingContext(prefer_dexto_credits=False),
    ),
}


@pytest.mark.parametrize(
    ("files", "environ", "expected"), ROUTING_CASES.values(), ids=ROUTING_CASES.keys()
)
def test_read_routing_context(
    tmp_path: Path, files: dict[str, str], environ: dict[str, str], expected: RoutingContext
) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    assert read_routing_context(tmp_path, environ) == expected


def test_read_routing_context_takes_route_via_and_another_preferences_file(tmp_path: Path) -> None:
    preferences = tmp_path / "elsewhere.yml"
    preferences.write_text("preferDextoCredits: false\n")
    context = read_routing_context(tmp_path, {}, "direct", preferences)
    assert context == RoutingContext(route_via="direct", prefer_dexto_credits=False)
