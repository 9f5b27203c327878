"""Build `dexto_config/catalog/releases/<release>.json` from Dexto's own source.

Usage::

    python scripts/build_release_registries.py DEXTO_GIT_DIR

DEXTO_GIT_DIR is a clone (bare or not) of github.com/truffle-ai/dexto. For each
release in RELEASE_COMMITS the script reads, with `git show`, the TypeScript files
Dexto builds its model registry from, and evaluates the object and array
literals in them (strings, numbers, booleans, object/array literals, spreads,
references to other top-level constants, `mergeModels(...)`, `new Set([...])`);
no TypeScript is run. What it reads:

- `LLM_PROVIDERS` in `llm/types.ts`: the provider order;
- `LLM_REGISTRY` in `llm/registry.ts` (1.5.4-1.5.7) or `llm/registry/index.ts`
  with `models.generated.ts` and `models.manual.ts` (1.5.8 on; 1.10.4 in
  `packages/llm`): models, `baseURLSupport`, `supportsCustomModels`,
  `supportsAllRegistryModels`; `LEGACY_MODEL_ID_ALIASES` when present;
  `API_KEY_OPTIONAL_PROVIDERS` for `requiresApiKey`;
- `PROVIDER_API_KEY_MAP` in `agent-management/src/utils/api-key-resolver.ts`;
- `llm/schemas.ts`: whether gateways require `vendor/model` IDs.

Derived as Dexto's functions do: `defaultModel` (the model marked `default`, else
the first name in sort order) and, where the model has no literal `openrouterId`
and the release has `getOpenRouterCandidateModelIds`, the first candidate ID the
bundled openrouter catalog lists.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RELEASE_COMMITS: dict[str, str] = {
    "1.5.4": "14e9b11935a1c3d405a615747cf6c7595581a710",
    "1.5.6": "884fd62b5e7d2b4e7e62fffd9755d70dba04c96b",
    "1.5.7": "03e670fbf",
    "1.5.8": "f1c79a33c",
    "1.6.0": "0e02dfcbe",
    "1.6.2": "8f1b2aa23",
    "1.8.0": "d12e9f89f",
    "1.10.4": "ea2b18633",
}
OUT_DIR = Path(__file__).resolve().parent.parent / "dexto_config" / "catalog" / "releases"

TYPES_PATHS = ("packages/llm/src/types.ts", "packages/core/src/llm/types.ts")
REGISTRY_DIRS = ("packages/llm/src/registry", "packages/core/src/llm/registry")
LEGACY_REGISTRY = "packages/core/src/llm/registry.ts"
SCHEMAS_PATH = "packages/core/src/llm/schemas.ts"
KEY_RESOLVER_PATH = "packages/agent-management/src/utils/api-key-resolver.ts"
GATEWAY_FORMAT_MESSAGE = "requires OpenRouter-format model IDs"

# The prefixes and per-vendor rules of Dexto's getOpenRouterCandidateModelIds.
OPENROUTER_PREFIX = {
    "openai": "openai",
    "anthropic": "anthropic",
    "google": "google",
    "xai": "x-ai",
    "cohere": "cohere",
    "minimax": "minimax",
    "glm": "z-ai",
}

# ICU root collation order of the punctuation and symbols found in model IDs.
ICU_PUNCTUATION = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$"

Js = Any
TOKEN = re.compile(
    r"""\s+|//[^\n]*|/\*.*?\*/
    |(?P<str>'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`(?:\\.|[^`\\])*`)
    |(?P<num>-?\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?)
    |(?P<name>\.\.\.|[A-Za-z_$][\w$]*)
    |(?P<punct>[{}\[\](),:;.<>=?|&!*+/-])""",
    re.VERBOSE | re.DOTALL,
)
CLOSERS = {",", "}", "]", ")", ";"}


class Opaque:
    """A value the evaluator does not compute (a function call, a computed expression)."""


OPAQUE = Opaque()


def tokenize(source: str) -> list[str]:
    """Split TypeScript source into tokens, dropping blanks and comments."""
    tokens: list[str] = []
    for match in TOKEN.finditer(source):
        if match.lastgroup is not None:
            tokens.append(match.group(match.lastgroup))
    return tokens


def js_string(token: str) -> str:
    """The value of a quoted JS string literal (no template interpolation)."""
    body = token[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


@dataclass
class Module:
    """The top-level `const` declarations of some TypeScript files, evaluated on demand."""

    tokens: list[str]
    declarations: dict[str, int] = field(default_factory=dict)
    values: dict[str, Js] = field(default_factory=dict)

    @classmethod
    def of(cls, sources: list[str]) -> Module:
        tokens = [tok for source in sources for tok in [*tokenize(source), ";"]]
        module = cls(tokens)
        for index in range(len(tokens) - 1):
            if tokens[index] == "const" and (index == 0 or tokens[index - 1] != "."):
                module.declarations.setdefault(tokens[index + 1], index + 2)
        return module

    def value(self, name: str) -> Js:
        if name not in self.values:
            start = self.declarations.get(name)
            if start is None:
                return OPAQUE
            position = start
            if self.tokens[position] == ":":
                position = self._skip_type(position + 1)
            self.values[name] = self._expression(position + 1)[0]
        return self.values[name]

    def _skip_type(self, position: int) -> int:
        """Skip a type annotation; return the position of the token ending it."""
        depth = 0
        while True:
            token = self.tokens[position]
            if token in "({[<":
                depth += 1
            elif token in ")}]>" and depth > 0:
                depth -= 1
            elif depth == 0 and (token in CLOSERS or token == "="):
                return position
            position += 1

    def _expression(self, position: int) -> tuple[Js, int]:
        value, position = self._primary(position)
        while True:
            token = self.tokens[position]
            if token == ".":
                value = _member(value, self.tokens[position + 1])
                position += 2
            elif token == "[" and not isinstance(value, Opaque) and isinstance(value, dict):
                key, position = self._expression(position + 1)
                value = value.get(key, OPAQUE)
                position += 1
            elif token in ("as", "satisfies"):
                position = self._skip_type(position + 1)
            elif token == "(":
                args, position = self._sequence(position + 1, ")")
                value = _call(value, args)
            elif token in CLOSERS:
                return value, position
            else:
                return OPAQUE, self._skip_type(position + 1)

    def _primary(self, position: int) -> tuple[Js, int]:
        token = self.tokens[position]
        if token == "{":
            return self._object(position + 1)
        if token == "[":
            return self._sequence(position + 1, "]")
        if token[0] in "'\"`":
            return js_string(token), position + 1
        if token[0].isdigit() or (token[0] == "-" and token[1:2].isdigit()):
            number = float(token.replace("_", ""))
            return (int(number) if number.is_integer() else number), position + 1
        literals = {"true": True, "false": False, "null": None, "undefined": None}
        if token in literals:
            return literals[token], position + 1
        if token == "new":
            value, position = self._primary(position + 1)
            return value, position
        if token == "Set":
            return _make_set, position + 1
        if token == "mergeModels":
            return _merge_models, position + 1
        if token[0].isalpha() or token[0] in "_$":
            return self.value(token), position + 1
        return OPAQUE, self._skip_type(position)

    def _sequence(self, position: int, closer: str) -> tuple[list[Js], int]:
        items: list[Js] = []
        while self.tokens[position] != closer:
            if self.tokens[position] == "...":
                spread, position = self._expression(position + 1)
                items.extend(spread if isinstance(spread, list) else [])
            else:
                item, position = self._expression(position)
                items.append(item)
            if self.tokens[position] == ",":
                position += 1
        return items, position + 1

    def _object(self, position: int) -> tuple[dict[str, Js], int]:
        result: dict[str, Js] = {}
        while self.tokens[position] != "}":
            token = self.tokens[position]
            if token == "...":
                spread, position = self._expression(position + 1)
                result.update(spread if isinstance(spread, dict) else {})
            else:
                key = js_string(token) if token[0] in "'\"`" else token
                if self.tokens[position + 1] == ":":
                    result[key], position = self._expression(position + 2)
                else:
                    result[key], position = self.value(key), position + 1
            if self.tokens[position] == ",":
                position += 1
        return result, position + 1


def _member(value: Js, name: str) -> Js:
    return value.get(name, None) if isinstance(value, dict) else OPAQUE


def _call(function: Js, args: list[Js]) -> Js:
    return function(*args) if callable(function) else OPAQUE


def _make_set(items: list[Js]) -> list[Js]:
    return list(items)


def _merge_models(base: list[dict[str, Js]], extra: list[dict[str, Js]] | None) -> Js:
    """Dexto's mergeModels: `extra` replaces same-named (case-insensitive) models, else appends."""
    merged = list(base)
    index = {model["name"].lower(): i for i, model in enumerate(merged)}
    for model in extra or []:
        key = model["name"].lower()
        if key in index:
            merged[index[key]] = model
        else:
            index[key] = len(merged)
            merged.append(model)
    return merged


class Release:
    """The source files of one Dexto commit."""

    def __init__(self, git_dir: Path, commit: str) -> None:
        self.git_dir = git_dir
        self.commit = commit
        listing = self._git("ls-tree", "-r", "--name-only", commit)
        self.paths = set(listing.splitlines())

    def _git(self, *args: str) -> str:
        return subprocess.run(
            ["git", f"--git-dir={self.git_dir}", *args],
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def read(self, path: str) -> str:
        return self._git("show", f"{self.commit}:{path}")

    def first(self, candidates: tuple[str, ...]) -> str:
        return next(path for path in candidates if path in self.paths)

    def registry_sources(self) -> list[str]:
        if LEGACY_REGISTRY in self.paths:
            return [self.read(LEGACY_REGISTRY)]
        folder = next(d for d in REGISTRY_DIRS if f"{d}/index.ts" in self.paths)
        names = ("models.generated.ts", "models.manual.ts", "index.ts")
        return [self.read(f"{folder}/{name}") for name in names if f"{folder}/{name}" in self.paths]


def locale_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """A sort key close to ICU's root collation, which JS `localeCompare` uses.

    Punctuation and symbols sort before digits, digits before letters, letters
    case-insensitively; enough for model IDs.
    """

    def char_key(char: str) -> tuple[int, int, str]:
        if char in ICU_PUNCTUATION:
            return (0, ICU_PUNCTUATION.index(char), char)
        if char.isdigit():
            return (1, 0, char)
        return (2, 0, char.lower())

    return tuple(char_key(char) for char in text)


def default_model(models: list[dict[str, Js]]) -> str | None:
    """Dexto's getDefaultModelForProvider: the marked default, else the first name sorted."""
    marked = [m["name"] for m in models if m.get("default")]
    if marked:
        return str(marked[0])
    names = sorted((str(m["name"]) for m in models), key=locale_key)
    return names[0] if names else None


def openrouter_candidates(model: str, provider: str) -> Iterator[str]:
    """Dexto's getOpenRouterCandidateModelIds."""
    if "/" in model:
        yield model
        return
    prefix = OPENROUTER_PREFIX.get(provider)
    if prefix is None:
        return
    if provider == "anthropic":
        no_date = re.sub(r"-\d{8}.*$", "", model, flags=re.IGNORECASE)
        dotted = re.sub(r"-(\d)-(\d)\b", r"-\1.\2", no_date)
        yield from (f"{prefix}/{dotted}", f"{prefix}/{no_date}", f"{prefix}/{model}")
    elif provider == "google" and re.match(r"gemini-", model, re.IGNORECASE):
        yield from (f"{prefix}/{model}", f"{prefix}/{model}-001")
    else:
        yield f"{prefix}/{model}"


def openrouter_id_finder(
    registry: dict[str, Js], derives: bool
) -> Callable[[str, dict[str, Js]], str | None]:
    catalog = {m["name"].lower() for m in registry.get("openrouter", {}).get("models", [])}

    def find(provider: str, model: dict[str, Js]) -> str | None:
        if registry[provider].get("supportsAllRegistryModels") is True:
            return None
        if "openrouterId" in model or not derives:
            return model.get("openrouterId")
        candidates = openrouter_candidates(model["name"], provider)
        return next((c for c in candidates if c.lower() in catalog), None)

    return find


def reasoning_flag(model: dict[str, Js]) -> bool | None:
    """The model's `reasoning` flag (from models.dev), None when the registry leaves it unset."""
    flag = model.get("reasoning")
    return flag if isinstance(flag, bool) else None


def build(release: Release, version: str) -> dict[str, Js]:
    """The release's registry facts, in the shape `dexto_config.catalog.releases` reads."""
    providers = Module.of([release.read(release.first(TYPES_PATHS))]).value("LLM_PROVIDERS")
    registry_module = Module.of(release.registry_sources())
    registry = registry_module.value("LLM_REGISTRY")
    optional_keys = registry_module.value("API_KEY_OPTIONAL_PROVIDERS")
    aliases = registry_module.value("LEGACY_MODEL_ID_ALIASES")
    env_map = Module.of([release.read(KEY_RESOLVER_PATH)]).value("PROVIDER_API_KEY_MAP")
    derives = "getOpenRouterCandidateModelIds" in "".join(release.registry_sources())
    openrouter_id = openrouter_id_finder(registry, derives)
    rows = []
    for name in providers:
        info = registry[name]
        models = info["models"] if isinstance(info["models"], list) else []
        env_vars = env_map.get(name) or []
        rows.append(
            {
                "name": name,
                "envVars": env_vars,
                "primaryEnvVar": env_vars[0] if env_vars else f"{name.upper()}_API_KEY",
                "requiresApiKey": name not in optional_keys,
                "baseURL": info["baseURLSupport"],
                "supportsCustomModels": info.get("supportsCustomModels") is True,
                "supportsAllRegistryModels": info.get("supportsAllRegistryModels") is True,
                "defaultModel": default_model(models),
                "models": [
                    [
                        m["name"],
                        m.get("displayName"),
                        m.get("maxInputTokens"),
                        openrouter_id(name, m),
                        m.get("default") is True,
                        reasoning_flag(m),
                    ]
                    for m in models
                ],
            }
        )
    return {
        "version": version,
        "commit": release.commit,
        "gatewaysRequireVendorPrefix": GATEWAY_FORMAT_MESSAGE in release.read(SCHEMAS_PATH),
        "aliases": aliases if isinstance(aliases, dict) else {},
        "providers": rows,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    git_dir = Path(argv[1])
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for version, commit in RELEASE_COMMITS.items():
        data = build(Release(git_dir, commit), version)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        (OUT_DIR / f"{version}.json").write_text(text + "\n", encoding="utf-8")
        print(f"{version}: {sum(len(p['models']) for p in data['providers'])} models")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
