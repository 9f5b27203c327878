"""Dexto's value rules and refinements as plain functions, shared by both validators.

The pydantic models (`types`, `agent`, `preferences`, `custom_models`,
`registry_check`, `image.factories`) wrap these functions in validators; the
lite validator (`dexto_config.models.lite`) calls the same functions by name.
A check returns the value the schema goes on with, or raises `Refusal`: an
error type, a message template and its context, as pydantic's custom errors
carry them. Model rules take the model's field values by field name (defaults
filled in) and the release the validation runs for. No pydantic here: lint
and validate import this module.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from dexto_config.models.jsnumber import js_number
from dexto_config.models.loading import js_truthy
from dexto_config.models.urls import is_valid_url
from dexto_config.records import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

RULE_ERROR = "dexto_rule"
"""The error type of a business rule about one key of a model (see `rule_error`)."""
UNION_ERROR = "dexto_union"
"""The error type of a union whose variant the data does not select."""
TAG_MARK = "§"
"""Marks a union's variant tag in an error location: tags are not data keys."""
MODEL_UNSUPPORTED = "model_unsupported"
"""The issue code of a model the release's registry does not accept (lint's DX201 owns it)."""

# registry.json `baseURLSupport`, identical in 1.5.4 and 1.5.6.
BASE_URL_REQUIRED = ("openai-compatible", "litellm")
BASE_URL_OPTIONAL = ("ollama",)
BASE_URL_SUPPORTED = BASE_URL_REQUIRED + BASE_URL_OPTIONAL

# Assumed values of `$VAR` references (Dexto expands them from the environment).
ASSUMED_URL_VALUE = "http://localhost:8080"
ASSUMED_VALUE = "8080"
_ENV_REF_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)|\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_JS_WORD_HOST_PORT_RE = re.compile(r"\A[A-Za-z0-9_.\-]+:[0-9]+\Z")
# Compiled by `email` when first used (~1 ms, and few files have an email address).
_EMAIL_PATTERN = (
    r"(?i)\A(?!\.)(?!.*\.\.)([A-Z0-9_'+\-.]*)[A-Z0-9_+\-]@([A-Z0-9][A-Z0-9\-]*\.)+[A-Z]{2,}\Z"
)


class Refusal(Exception):
    """A check's verdict against a value: pydantic's custom error, without pydantic.

    `message` is a template: `{name}` is replaced by `context[name]`, as
    pydantic-core does (`format_message`).
    """

    def __init__(
        self, error_type: str, message: str, context: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.context = context


def format_message(template: str, context: Mapping[str, Any] | None) -> str:
    """A custom error's message as pydantic-core renders it from its template and context."""
    message = template
    for key, value in (context or {}).items():
        text = value if isinstance(value, str) else str(int(value) if _is_int(value) else value)
        message = message.replace("{" + key + "}", text)
    return message


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and -(2**63) <= value < 2**63


def rule_error(message: str, *, code: str, at: str, missing: bool = False) -> Refusal:
    """A refusal by a Dexto business rule about child key `at` of the model being validated.

    `missing` says the key is absent, so the issue points at the model's mapping.
    """
    return Refusal(RULE_ERROR, message, {"code": code, "at": at, "missing": missing})


def base_url_unsupported(provider: str) -> Refusal:
    """The refusal of a `baseURL` on a provider that takes none (agents and preferences)."""
    return rule_error(
        f"provider '{provider}' does not take a baseURL "
        "(use provider 'openai-compatible' for a custom endpoint)",
        code="base_url_unsupported",
        at="baseURL",
    )


def base_url_missing(provider: str, base_url: str | None) -> Refusal:
    """The refusal of a provider that needs a `baseURL` without one (`base_url` as given)."""
    return rule_error(
        f"provider '{provider}' requires a baseURL",
        code="base_url_missing",
        at="baseURL",
        missing=base_url is None,
    )


def expand_env_assumed(text: str) -> str:
    """Dexto's `EnvExpandedString` with every variable assumed set, then trimmed.

    A reference that starts the string is assumed to hold a URL, one inside it a
    plain token, so `$MCP_URL` and `http://localhost:${PORT}/mcp` both stay URLs.
    """

    def assumed(match: re.Match[str]) -> str:
        return ASSUMED_URL_VALUE if match.start() == 0 else ASSUMED_VALUE

    return _ENV_REF_RE.sub(assumed, text).strip()


# --- numbers (checks run before the number type) ------------------------------------


def _require_number(value: Any) -> float | int:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise Refusal("number_type", "expected a number")
    return value


def _coerce_number(value: Any) -> float | int:
    number = js_number(value)
    if math.isnan(number):
        raise Refusal("number_coercion", "expected a number (or a numeric string)")
    return number


def _as_integer(number: float | int) -> int:
    if isinstance(number, float):
        if not number.is_integer():
            raise Refusal("integer_type", "expected an integer")
        return int(number)
    return number


def _as_float(number: float | int) -> float:
    try:
        return float(number)
    except OverflowError:
        return math.inf


def integer(value: Any) -> int:
    """A YAML/JSON number that is an integer (Zod `z.number().int()`)."""
    return _as_integer(_require_number(value))


def coerced_integer(value: Any) -> int:
    """`z.coerce.number().int()`: JavaScript `Number()` first."""
    return _as_integer(_coerce_number(value))


def number(value: Any) -> float:
    """A YAML/JSON number (Zod `z.number()`)."""
    return _as_float(_require_number(value))


def coerced_number(value: Any) -> float:
    """`z.coerce.number()`: JavaScript `Number()` first."""
    return _as_float(_coerce_number(value))


def format_version(value: Any) -> Any:
    """custom-models.json `version`: the number 1."""
    if isinstance(value, bool) or value != 1:
        raise Refusal("literal_error", "expected 1", {"expected": "1"})
    return 1


# --- strings (checks run after the string type) --------------------------------------


def url(text: str) -> str:
    """An absolute URL, as `new URL(text)` accepts it."""
    if not is_valid_url(text):
        raise Refusal(
            "url", "not a valid URL (expected an absolute URL such as https://example.com)"
        )
    return text


def env_url(text: str) -> str:
    """A URL once its `$VAR` references are expanded."""
    url(expand_env_assumed(text))
    return text


def optional_url(text: str) -> str:
    """A URL, or blank."""
    if text.strip():
        url(text.strip())
    return text


def non_empty_trimmed(text: str) -> str:
    """Not blank."""
    if not text.strip():
        raise Refusal("empty_string", "must not be empty")
    return text


def env_non_empty(text: str) -> str:
    """Not blank once its `$VAR` references are expanded."""
    if not expand_env_assumed(text):
        raise Refusal("empty_string", "must not be empty")
    return text


def absolute_path(text: str) -> str:
    """A file contributor's path after template expansion."""
    if not text.startswith("/"):
        raise Refusal(
            "relative_path",
            "file contributor paths must be absolute after template expansion "
            "(start them with ${{dexto.agent_dir}}/ or give an absolute path)",
        )
    return text


def otlp_endpoint(text: str) -> str:
    """An OTLP endpoint: a URL or host:port."""
    if not (is_valid_url(text) or _JS_WORD_HOST_PORT_RE.match(text)):
        raise Refusal(
            "url", "not a valid endpoint (expected a URL or host:port, such as localhost:4318)"
        )
    return text


def email(text: str) -> str:
    """Zod's `.email()`."""
    if not re.match(_EMAIL_PATTERN, text):
        raise Refusal("email", "not a valid email address")
    return text


# --- the image's enrichment of storage paths (runs before the backend's schema) ------

_STORE_PATH_KEYS = {"sqlite": "path", "local": "storePath"}
_PER_AGENT_DEFAULT = "<per-agent default>"


def store_path_if_falsy(data: Any) -> Any:
    """1.6.0's enrichment: a falsy sqlite `path` / local `storePath` gets the per-agent default."""
    return _enriched_store_path(data, strict=False)


def store_path_unless_string(data: Any) -> Any:
    """From 1.6.1: anything but a non-empty string gets the per-agent default."""
    return _enriched_store_path(data, strict=True)


def _enriched_store_path(data: Any, *, strict: bool) -> Any:
    if not isinstance(data, dict) or data.get("type") not in _STORE_PATH_KEYS:
        return data
    key = _STORE_PATH_KEYS[data["type"]]
    value = data.get(key)
    usable = (isinstance(value, str) and value != "") if strict else js_truthy(value)
    return data if usable else {**data, key: _PER_AGENT_DEFAULT}


# --- unions ------------------------------------------------------------------------


class UnionInfo(Record):
    """What a union selects on, for its variant and its error message.

    `key` is empty for shape unions, which select by `shapes` (in that order:
    "string", "object", "list"); `skip_disabled` selects "enabled: false" for an
    entry the image skips unread.
    """

    what: str
    key: str
    expected: tuple[str, ...]
    shapes: tuple[str, ...] = ()
    skip_disabled: bool = False


SKIPPED = "enabled: false"
"""The variant of an entry with `enabled: false` in a union with `skip_disabled`."""
_SHAPES = (("string", str), ("object", dict), ("list", list))

UNIONS: dict[str, UnionInfo] = {}
"""Every union by its `what` (the error message both validators report for it)."""


def register_union(info: UnionInfo) -> UnionInfo:
    """Make `info` known to the error translator, which finds it by `info.what`."""
    UNIONS[info.what] = info
    return info


def union_variant(info: UnionInfo, data: Any) -> str | None:
    """The variant (tag) of union `info` that `data` selects, or None."""
    if not info.key:
        for name, kind in _SHAPES:
            if name in info.shapes and isinstance(data, kind):
                return name
        return None
    if not isinstance(data, dict):
        return None
    if info.skip_disabled and data.get("enabled") is False:
        return SKIPPED
    value = data.get(info.key)
    return value if isinstance(value, str) and value in info.expected else None
