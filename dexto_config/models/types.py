"""Field types shared by the models: JavaScript number semantics, URLs, Dexto's string rules.

The rules themselves are plain functions in `dexto_config.models.checks` and
`dexto_config.models.rules`, which the lite validator calls too; here they
become pydantic validators (`check`, `model_rule`) whose `Refusal`s turn
into `PydanticCustomError`s; `dexto_config.models.translate` prefixes their
messages with the path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal, Protocol, TypeVar, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictStr,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from dexto_config.models import checks
from dexto_config.models.checks import BASE_URL_SUPPORTED, Refusal

UNSET: Any = None
"""Default of an optional key (Zod `.optional()`, not `.nullable()`).

An absent key reads as None, while an explicit null still fails the field's
type, as in Zod; defaults are not validated, so None never reaches a validator.
"""

RELEASE_CONTEXT_KEY = "release"
"""The validation context's key naming the release the rules judge at."""

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


_In = TypeVar("_In")
_Out = TypeVar("_Out")
LITE_CHECK = "lite_check"
"""The attribute naming the plain check a pydantic validator runs (read by the generator)."""


def pydantic_error(refusal: Refusal) -> PydanticCustomError:
    """`refusal` as the pydantic error it stands for."""
    return PydanticCustomError(refusal.error_type, refusal.message, refusal.context)


def check(plain: Callable[[_In], _Out]) -> Callable[[_In], _Out]:
    """A pydantic field validator running the plain check `plain` of `checks`."""

    def run(value: _In) -> _Out:
        try:
            return plain(value)
        except Refusal as refusal:
            raise pydantic_error(refusal) from None

    setattr(run, LITE_CHECK, plain)
    return run


class ModelRule(Protocol):
    """A rule of `dexto_config.models.rules`."""

    __name__: str

    def __call__(self, values: Any, release: str | None, /) -> None: ...


def release_of(info: ValidationInfo) -> str | None:
    """The Dexto release a validation runs for, when the caller named one."""
    context: Any = info.context
    if isinstance(context, dict):
        release = context.get(RELEASE_CONTEXT_KEY)
        return release if isinstance(release, str) else None
    return None


def model_rule(rule: ModelRule) -> Any:
    """A pydantic model validator (after the fields) running `rule` on the fields' values."""

    def run(model: BaseModel, info: ValidationInfo) -> BaseModel:
        try:
            rule(model.__dict__, release_of(info))
        except Refusal as refusal:
            raise pydantic_error(refusal) from None
        return model

    setattr(run, LITE_CHECK, rule)
    return model_validator(mode="after")(run)


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
ReasoningEffort = Literal["none", "minimal", "low", "medium", "high", "xhigh"]

LLM_PROVIDERS: tuple[str, ...] = get_args(Provider)
BASE_URL_UNSUPPORTED = tuple(p for p in LLM_PROVIDERS if p not in BASE_URL_SUPPORTED)

AS_INTEGER = BeforeValidator(check(checks.integer))
AS_JS_INTEGER = BeforeValidator(check(checks.coerced_integer))
AS_NUMBER = BeforeValidator(check(checks.number))
AS_JS_NUMBER = BeforeValidator(check(checks.coerced_number))

Int = Annotated[int, AS_INTEGER]
PositiveInt = Annotated[int, AS_INTEGER, Field(gt=0)]
NonNegativeInt = Annotated[int, AS_INTEGER, Field(ge=0)]
Number = Annotated[float, AS_NUMBER]
PositiveNumber = Annotated[float, AS_NUMBER, Field(gt=0)]
JsPositiveInt = Annotated[int, AS_JS_INTEGER, Field(gt=0)]
"""`z.coerce.number().int().positive()`: JavaScript `Number()` first."""
JsUnitInterval = Annotated[float, AS_JS_NUMBER, Field(ge=0, le=1)]


Url = Annotated[
    StrictStr, AfterValidator(check(checks.url)), Field(json_schema_extra={"format": "uri"})
]
EnvUrl = Annotated[StrictStr, AfterValidator(check(checks.env_url))]
OptionalUrl = Annotated[StrictStr, AfterValidator(check(checks.optional_url))]
NonEmptyTrimmed = Annotated[
    StrictStr,
    AfterValidator(check(checks.non_empty_trimmed)),
    Field(json_schema_extra={"pattern": r"\S"}),
]
EnvNonEmpty = Annotated[StrictStr, AfterValidator(check(checks.env_non_empty))]
AbsolutePath = Annotated[StrictStr, AfterValidator(check(checks.absolute_path))]
OtlpEndpoint = Annotated[StrictStr, AfterValidator(check(checks.otlp_endpoint))]
Email = Annotated[
    StrictStr,
    Field(max_length=254, json_schema_extra={"format": "email"}),
    AfterValidator(check(checks.email)),
]
