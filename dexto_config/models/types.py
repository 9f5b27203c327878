"""Field types shared by the models: JavaScript number semantics, URLs, Dexto's string rules.

Every validator raises `PydanticCustomError` with a short message that says
what is expected; `dexto_config.models.errors` prefixes it with the path.
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictStr
from pydantic_core import PydanticCustomError

from dexto_config.models.jsnumber import js_number
from dexto_config.models.urls import is_valid_url

UNSET: Any = None
"""Default of an optional key (Zod `.optional()`, not `.nullable()`).

An absent key reads as None, while an explicit null still fails the field's
type, as in Zod; defaults are not validated, so None never reaches a validator.
"""

# Every object kind sets `defer_build`: pydantic builds a model's validator when
# it is first used, so a run builds only the release it validates (DESIGN §9).


class StrictModel(BaseModel):
    """A Zod `.strict()` object: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=False, defer_build=True)


class PassthroughModel(BaseModel):
    """A Zod `.passthrough()` object: unknown keys are kept and accepted."""

    model_config = ConfigDict(extra="allow", strict=True, defer_build=True)


class StripModel(BaseModel):
    """A plain Zod object: unknown keys are silently dropped."""

    model_config = ConfigDict(extra="ignore", strict=True, defer_build=True)


Provider = Literal[
    "openai",
    "openai-compatible",
    "anthropic",
    "google",
    "groq",
    "xai",
    "cohere",
    "openrouter",
    "litellm",
    "glama",
    "vertex",
    "bedrock",
    "local",
    "ollama",
    "dexto",
]
LLM_PROVIDERS: tuple[str, ...] = get_args(Provider)
ReasoningEffort = Literal["none", "minimal", "low", "medium", "high", "xhigh"]

# registry.json `baseURLSupport`, identical in 1.5.4 and 1.5.6.
BASE_URL_REQUIRED = ("openai-compatible", "litellm")
BASE_URL_OPTIONAL = ("ollama",)
BASE_URL_SUPPORTED = BASE_URL_REQUIRED + BASE_URL_OPTIONAL
BASE_URL_UNSUPPORTED = tuple(p for p in LLM_PROVIDERS if p not in BASE_URL_SUPPORTED)

# Assumed values of `$VAR` references (Dexto expands them from the environment).
ASSUMED_URL_VALUE = "http://localhost:8080"
ASSUMED_VALUE = "8080"
_ENV_REF_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)|\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_JS_WORD_HOST_PORT_RE = re.compile(r"\A[A-Za-z0-9_.\-]+:[0-9]+\Z")
_EMAIL_RE = re.compile(
    r"\A(?!\.)(?!.*\.\.)([A-Z0-9_'+\-.]*)[A-Z0-9_+\-]@([A-Z0-9][A-Z0-9\-]*\.)+[A-Z]{2,}\Z",
    re.IGNORECASE,
)


RULE_ERROR = "dexto_rule"


def rule_error(message: str, *, code: str, at: str, missing: bool = False) -> PydanticCustomError:
    """An error for a Dexto business rule about child key `at` of the model being validated.

    `missing` says the key is absent, so the issue points at the model's mapping.
    """
    return PydanticCustomError(RULE_ERROR, message, {"code": code, "at": at, "missing": missing})


def base_url_unsupported(provider: str) -> PydanticCustomError:
    """The error for a `baseURL` on a provider that takes none (agents and preferences)."""
    return rule_error(
        f"provider '{provider}' does not take a baseURL "
        "(use provider 'openai-compatible' for a custom endpoint)",
        code="base_url_unsupported",
        at="baseURL",
    )


def expand_env_assumed(text: str) -> str:
    """Dexto's `EnvExpandedString` with every variable assumed set, then trimmed.

    A reference that starts the string is assumed to hold a URL, one inside it a
    plain token, so `$MCP_URL` and `http://localhost:${PORT}/mcp` both stay URLs.
    """

    def assumed(match: re.Match[str]) -> str:
        return ASSUMED_URL_VALUE if match.start() == 0 else ASSUMED_VALUE

    return _ENV_REF_RE.sub(assumed, text).strip()


def _require_number(value: Any) -> float | int:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise PydanticCustomError("number_type", "expected a number")
    return value


def _coerce_number(value: Any) -> float | int:
    number = js_number(value)
    if math.isnan(number):
        raise PydanticCustomError("number_coercion", "expected a number (or a numeric string)")
    return number


def _as_integer(number: float | int) -> int:
    if isinstance(number, float):
        if not number.is_integer():
            raise PydanticCustomError("integer_type", "expected an integer")
        return int(number)
    return number


def _as_float(number: float | int) -> float:
    try:
        return float(number)
    except OverflowError:
        return math.inf


def _integer(value: Any) -> int:
    return _as_integer(_require_number(value))


def _coerced_integer(value: Any) -> int:
    return _as_integer(_coerce_number(value))


def _number(value: Any) -> float:
    return _as_float(_require_number(value))


def _coerced_number(value: Any) -> float:
    return _as_float(_coerce_number(value))


AS_INTEGER = BeforeValidator(_integer)
AS_JS_INTEGER = BeforeValidator(_coerced_integer)
AS_NUMBER = BeforeValidator(_number)
AS_JS_NUMBER = BeforeValidator(_coerced_number)

Int = Annotated[int, AS_INTEGER]
PositiveInt = Annotated[int, AS_INTEGER, Field(gt=0)]
NonNegativeInt = Annotated[int, AS_INTEGER, Field(ge=0)]
Number = Annotated[float, AS_NUMBER]
PositiveNumber = Annotated[float, AS_NUMBER, Field(gt=0)]
JsPositiveInt = Annotated[int, AS_JS_INTEGER, Field(gt=0)]
"""`z.coerce.number().int().positive()`: JavaScript `Number()` first."""
JsUnitInterval = Annotated[float, AS_JS_NUMBER, Field(ge=0, le=1)]


def _check_url(text: str) -> str:
    if not is_valid_url(text):
        raise PydanticCustomError(
            "url", "not a valid URL (expected an absolute URL such as https://example.com)"
        )
    return text


def _check_env_url(text: str) -> str:
    _check_url(expand_env_assumed(text))
    return text


def _check_optional_url(text: str) -> str:
    if text.strip():
        _check_url(text.strip())
    return text


def _check_non_empty_trimmed(text: str) -> str:
    if not text.strip():
        raise PydanticCustomError("empty_string", "must not be empty")
    return text


def _check_env_non_empty(text: str) -> str:
    if not expand_env_assumed(text):
        raise PydanticCustomError("empty_string", "must not be empty")
    return text


def _check_absolute_path(text: str) -> str:
    if not text.startswith("/"):
        raise PydanticCustomError(
            "relative_path",
            "file contributor paths must be absolute after template expansion "
            "(start them with ${{dexto.agent_dir}}/ or give an absolute path)",
        )
    return text


def _check_otlp_endpoint(text: str) -> str:
    if not (is_valid_url(text) or _JS_WORD_HOST_PORT_RE.match(text)):
        raise PydanticCustomError(
            "url", "not a valid endpoint (expected a URL or host:port, such as localhost:4318)"
        )
    return text


def _check_email(text: str) -> str:
    if not _EMAIL_RE.match(text):
        raise PydanticCustomError("email", "not a valid email address")
    return text


Url = Annotated[StrictStr, AfterValidator(_check_url), Field(json_schema_extra={"format": "uri"})]
EnvUrl = Annotated[StrictStr, AfterValidator(_check_env_url)]
OptionalUrl = Annotated[StrictStr, AfterValidator(_check_optional_url)]
NonEmptyTrimmed = Annotated[
    StrictStr, AfterValidator(_check_non_empty_trimmed), Field(json_schema_extra={"pattern": r"\S"})
]
EnvNonEmpty = Annotated[StrictStr, AfterValidator(_check_env_non_empty)]
AbsolutePath = Annotated[StrictStr, AfterValidator(_check_absolute_path)]
OtlpEndpoint = Annotated[StrictStr, AfterValidator(_check_otlp_endpoint)]
Email = Annotated[
    StrictStr,
    Field(max_length=254, json_schema_extra={"format": "email"}),
    AfterValidator(_check_email),
]
