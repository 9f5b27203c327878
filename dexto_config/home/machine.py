"""Reading what the Dexto CLI reads about the machine at start-up, without changing it.

The one place that reads the process environment's layers (`<home>/.env`,
`<cwd>/.env`, the project `.env`), `auth.json`, `preferences.yml` and
`model-auth.yml`, for `doctor` and for the legacy routing facts a migration
needs (`read_routing_context`). Values of variables and keys stay inside the returned
objects (their `repr` hides them): callers report names and origins only.
Dexto itself deletes an invalid or expired `auth.json` when it loads it; this
module only reports that it would.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dexto_config import catalog
from dexto_config.home.dotenv import read_dotenv
from dexto_config.home.project import project_env_path
from dexto_config.jsonio import read_json
from dexto_config.migrate.routing import DEXTO_KEY_VAR, RouteVia, RoutingContext

ENVIRONMENT = "environment"
HOME_DOTENV = "home .env"
CWD_DOTENV = "cwd .env"
PROJECT_DOTENV = "project .env"
AUTH_JSON = "auth.json"

AUTH_FILE = "auth.json"
PREFERENCES_FILE = "preferences.yml"
MODEL_AUTH_FILE = "model-auth.yml"

# zod 4's e-mail pattern, which the CLI's auth.json schema applies to `email`.
_EMAIL = re.compile(
    r"^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-\.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$"
)
_OPTIONAL_AUTH_STRINGS = ("refreshToken", "userId", "dextoApiKey", "dextoKeyId")
_KEY_SOURCES = ("provisioned", "user-supplied")
_PREFERENCES_LLM_KEYS = ("provider", "model", "apiKey", "baseURL")
_OAUTH_STRINGS = ("issuer", "refreshToken", "accessToken")


@dataclass(frozen=True, slots=True)
class Variable:
    """An environment variable's value and where it came from (`repr` hides the value)."""

    value: str = field(repr=False)
    origin: str

    @property
    def is_set(self) -> bool:
        """Set to something other than whitespace (what Dexto's key resolver accepts)."""
        return bool(self.value.strip())


@dataclass(frozen=True, slots=True)
class Environment:
    """`process.env` after Dexto's layered loading.

    `emptied_in_shell` names variables set but empty in the shell whose value
    came from a `.env` file instead.
    """

    variables: Mapping[str, Variable]
    emptied_in_shell: frozenset[str] = frozenset()

    def get(self, name: str) -> Variable | None:
        return self.variables.get(name)

    def value(self, name: str) -> str | None:
        variable = self.variables.get(name)
        return None if variable is None else variable.value

    def is_set(self, name: str) -> bool:
        variable = self.variables.get(name)
        return variable is not None and variable.is_set

    def with_variable(self, name: str, variable: Variable) -> Environment:
        return Environment({**self.variables, name: variable}, self.emptied_in_shell)


@dataclass(frozen=True, slots=True)
class AuthFile:
    """`auth.json` as Dexto's two readers see it.

    `stored_key`: the trimmed `dextoApiKey` of any JSON object (the key
    resolver's raw read). `problem`: why the CLI's login loader rejects the file
    (its schema, or expired without a refresh token), None when it accepts it;
    a rejected file is deleted by that loader. `bad_key_source`: a
    `dextoApiKeySource` that releases from 1.6.2 reject too. `login_key`: the
    loader's `dextoApiKey` as stored.
    """

    stored_key: str | None = field(repr=False)
    problem: str | None = None
    bad_key_source: bool = False
    login_key: str | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class PreferencesLlm:
    """The `llm` section of a loaded `preferences.yml`."""

    provider: str | None
    model: str | None
    api_key: str | None = None
    base_url: str | None = None


@dataclass(frozen=True, slots=True)
class LoadedPreferences:
    """A `preferences.yml` Dexto loads."""

    llm: PreferencesLlm
    setup_completed: bool


@dataclass(frozen=True, slots=True)
class IgnoredPreferences:
    """A `preferences.yml` that exists but fails to load: Dexto goes on without it."""

    reason: str


Preferences = LoadedPreferences | IgnoredPreferences | None


@dataclass(frozen=True, slots=True)
class ModelAuthProfile:
    """One usable profile of `model-auth.yml` (never its secret)."""

    id: str
    provider_id: str
    method_id: str
    credential_type: str
    env_var: str | None = None


@dataclass(frozen=True, slots=True)
class ModelAuthProfiles:
    """`model-auth.yml`: the default profile id per provider and the usable profiles."""

    defaults: Mapping[str, str] = field(default_factory=dict)
    profiles: tuple[ModelAuthProfile, ...] = ()

    def default_for(self, provider: str) -> ModelAuthProfile | None:
        """The provider's default profile, when it names a profile of that provider."""
        wanted = self.defaults.get(provider)
        if not wanted:
            return None
        return next(
            (p for p in self.profiles if p.id == wanted and p.provider_id == provider), None
        )


@dataclass(frozen=True, slots=True)
class Machine:
    """Everything Dexto's start-up reads besides the agent file."""

    environment: Environment
    auth: AuthFile | None
    preferences: Preferences
    model_auth: ModelAuthProfiles
    preferences_path: Path


def read_machine(
    home: Path,
    environ: Mapping[str, str],
    *,
    cwd: Path,
    version: str,
    now_ms: float | None = None,
) -> Machine:
    """The machine as Dexto `version` started in `cwd` with `environ` sees it."""
    return Machine(
        environment=layered_environment(home, environ, cwd=cwd),
        auth=read_auth_file(home / AUTH_FILE, _now_ms() if now_ms is None else now_ms),
        preferences=read_preferences(home / PREFERENCES_FILE, version),
        model_auth=read_model_auth(home / MODEL_AUTH_FILE),
        preferences_path=home / PREFERENCES_FILE,
    )


def layered_environment(home: Path, environ: Mapping[str, str], *, cwd: Path | None) -> Environment:
    """The environment after Dexto's layered loading.

    `<home>/.env`, then `<cwd>/.env`, then the project `.env` (when it is
    another file), then every non-empty variable of `environ`. Without `cwd`
    only the home's `.env` is read (the legacy CLI's rule).
    """
    home_env = (home / ".env").absolute()
    layers: list[tuple[Path, str]] = [(home_env, HOME_DOTENV)]
    if cwd is not None:
        cwd_env = (cwd / ".env").absolute()
        layers.append((cwd_env, HOME_DOTENV if cwd_env == home_env else CWD_DOTENV))
        project_env = project_env_path(cwd, home, environ)
        if project_env is not None and project_env.absolute() != cwd_env:
            origin = HOME_DOTENV if project_env.absolute() == home_env else PROJECT_DOTENV
            layers.append((project_env, origin))
    from_files: dict[str, Variable] = {}
    for path, origin in layers:
        for name, value in read_dotenv(path).items():
            from_files[name] = Variable(value, origin)
    variables = {name: Variable(value, ENVIRONMENT) for name, value in environ.items()}
    variables.update(from_files)
    variables.update({n: Variable(v, ENVIRONMENT) for n, v in environ.items() if v != ""})
    emptied = frozenset(n for n, v in environ.items() if v == "" and n in from_files)
    return Environment(variables, emptied)


def read_auth_file(path: Path, now_ms: float) -> AuthFile | None:
    """`auth.json` as Dexto reads it at time `now_ms` (milliseconds); None when absent."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        return AuthFile(None, problem=f"cannot be read ({error.strerror})")
    try:
        data = read_json(raw, parse_constant=_reject_constant)
    except ValueError:
        return AuthFile(None, problem="is not valid JSON")
    if not isinstance(data, dict):
        return AuthFile(None, problem="is not a JSON object")
    stored = data.get("dextoApiKey")
    return AuthFile(
        stored_key=stored.strip() or None if isinstance(stored, str) else None,
        problem=_login_problem(data, now_ms),
        bad_key_source="dextoApiKeySource" in data
        and data["dextoApiKeySource"] not in _KEY_SOURCES,
        login_key=stored if isinstance(stored, str) else None,
    )


def _now_ms() -> float:
    return time.time() * 1000


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _login_problem(data: dict[str, Any], now_ms: float) -> str | None:
    """Why the CLI's login loader rejects `data`, or None when it accepts it."""
    expected: dict[str, type | tuple[type, ...]] = dict.fromkeys(_OPTIONAL_AUTH_STRINGS, str)
    expected.update(token=str, email=str, expiresAt=(int, float))
    for key, kind in expected.items():
        if key in data and (not isinstance(data[key], kind) or isinstance(data[key], bool)):
            return f"has a `{key}` of the wrong type"
    if not _is_number(data.get("createdAt")):
        return "has no numeric `createdAt`"
    if "token" in data and data["token"] == "":
        return "has an empty `token`"
    if "email" in data and not _EMAIL.match(data["email"]):
        return "has an invalid `email`"
    if not data.get("token") and not data.get("dextoApiKey"):
        return "holds neither a login token nor a `dextoApiKey`"
    expires = data.get("expiresAt")
    if expires and expires < now_ms and not data.get("refreshToken"):
        return "has expired (and holds no refresh token)"
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def read_preferences(path: Path, version: str) -> Preferences:
    """`preferences.yml` as Dexto `version` loads it: None when absent."""
    from dexto_config.kinds import FileKind
    from dexto_config.models import validate_document
    from dexto_config.versions import schema_at
    from dexto_config.yamlio.fast import YamlSyntaxError, parse

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        return IgnoredPreferences(f"cannot be read ({error.strerror})")
    try:
        data = parse(raw).data
    except YamlSyntaxError as error:
        return IgnoredPreferences(f"is not valid YAML ({error})")
    if not isinstance(data, dict):
        return IgnoredPreferences("is not a mapping of keys")
    issues = validate_document(FileKind.PREFERENCES, schema_at(version), data, source_path=path)
    if issues:
        return IgnoredPreferences(f"is invalid ({issues[0].message})")
    llm = _mapping(data.get("llm"))
    setup = _mapping(data.get("setup"))
    return LoadedPreferences(
        llm=PreferencesLlm(*(_text(llm.get(key)) for key in _PREFERENCES_LLM_KEYS)),
        setup_completed=setup.get("completed") is True,
    )


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def read_model_auth(path: Path) -> ModelAuthProfiles:
    """`model-auth.yml` as Dexto reads it: empty when absent, unreadable or malformed."""
    from dexto_config.yamlio.fast import YamlSyntaxError, parse

    try:
        data = parse(path.read_bytes()).data
    except (OSError, YamlSyntaxError):
        return ModelAuthProfiles()
    if not isinstance(data, dict) or not _is_one(data.get("version")):
        return ModelAuthProfiles()
    entries = data.get("profiles")
    if not isinstance(entries, list):
        return ModelAuthProfiles()
    defaults = data.get("defaults")
    if not isinstance(defaults, dict) or not all(isinstance(v, str) for v in defaults.values()):
        defaults = {}
    profiles = tuple(p for p in (_profile(entry) for entry in entries) if p is not None)
    return ModelAuthProfiles({str(k): v for k, v in defaults.items()}, profiles)


def _is_one(value: Any) -> bool:
    return _is_number(value) and value == 1


def _profile(entry: Any) -> ModelAuthProfile | None:
    if not isinstance(entry, dict):
        return None
    names = ("id", "providerId", "methodId", "label", "createdAt", "updatedAt")
    if not all(isinstance(entry.get(name), str) for name in names):
        return None
    credential = entry.get("credential")
    if not isinstance(credential, dict):
        return None
    kind = credential.get("type")
    if kind == "api_key_env" and isinstance(credential.get("envVar"), str):
        env_var: str | None = credential["envVar"]
    elif kind == "oauth" and _is_oauth(credential):
        env_var = None
    else:
        return None
    return ModelAuthProfile(entry["id"], entry["providerId"], entry["methodId"], kind, env_var)


def _is_oauth(credential: dict[str, Any]) -> bool:
    strings = all(isinstance(credential.get(k), str) for k in _OAUTH_STRINGS)
    metadata = credential.get("metadata")
    metadata_ok = "metadata" not in credential or (
        isinstance(metadata, dict) and all(isinstance(v, str) for v in metadata.values())
    )
    return strings and _is_number(credential.get("expiresAt")) and metadata_ok


def read_prefer_dexto_credits(path: Path) -> bool:
    """The legacy `preferDextoCredits` preference; true (its default) when unset or unreadable."""
    from dexto_config.yamlio.fast import YamlSyntaxError, parse

    try:
        data = parse(path.read_bytes()).data
    except (OSError, YamlSyntaxError, UnicodeDecodeError):
        return True
    if isinstance(data, dict) and isinstance(data.get("preferDextoCredits"), bool):
        return bool(data["preferDextoCredits"])
    return True


def read_routing_context(
    home: Path,
    environ: Mapping[str, str],
    route_via: RouteVia = "auto",
    preferences_path: Path | None = None,
) -> RoutingContext:
    """The machine's routing facts as the legacy CLI read them.

    Dexto key: `DEXTO_API_KEY` in the environment or `<home>/.env`, or
    `dextoApiKey` in `<home>/auth.json`. Provider keys: every provider variable
    set in the environment or `.env`. `preferDextoCredits`: from
    `preferences_path` (default `<home>/preferences.yml`), true when absent.
    """
    environment = layered_environment(home, environ, cwd=None)
    known = {var for facts in catalog.providers() for var in facts.env_vars}
    provider_keys = frozenset(var for var in known if environment.value(var))
    auth = read_auth_file(home / AUTH_FILE, now_ms=0)
    logged_in = auth is not None and auth.stored_key is not None
    preferences = preferences_path if preferences_path is not None else home / PREFERENCES_FILE
    return RoutingContext(
        route_via=route_via,
        dexto_key=bool(environment.value(DEXTO_KEY_VAR)) or logged_in,
        provider_keys=provider_keys - {DEXTO_KEY_VAR},
        prefer_dexto_credits=read_prefer_dexto_credits(preferences),
    )
