"""Schema errors as `SchemaIssue`s: paths into the file's data, human messages.

Both validators report errors as pydantic's error details do (`type`, `loc`,
`msg`, `input`, `ctx`): pydantic's `ValidationError.errors()` and the lite
validator's. Locations lose pydantic's union tags, and are cut back to the nearest part of
the original data (enrichment may have added the rest). Messages say what is
wrong and what is expected; they never quote a value except an enum choice
or a union tag, and never anything under an `apiKey` key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from dexto_config.models.checks import RULE_ERROR, TAG_MARK, UNION_ERROR, UNIONS
from dexto_config.models.issues import IssueKind, SchemaIssue
from dexto_config.yamlio.fast import DataPath

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

ErrorDetails = Mapping[str, "Any"]
"""One error as pydantic's `ErrorDetails` holds it."""

_EXPECTED_TYPE = {
    "string_type": "a string",
    "bool_type": "a boolean (true or false)",
    "int_type": "a number",
    "float_type": "a number",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}
_CODE_BY_TYPE = {
    "greater_than": "too_small",
    "greater_than_equal": "too_small",
    "less_than_equal": "too_big",
    "too_short": "too_small",
    "string_too_short": "too_small",
    "string_too_long": "too_big",
    "string_pattern_mismatch": "invalid_format",
    "url": "invalid_url",
    "email": "invalid_format",
    "relative_path": "relative_path",
    "empty_string": "too_small",
    "number_type": "invalid_type",
    "number_coercion": "invalid_type",
    "integer_type": "invalid_type",
}
_PATTERN_HINTS = {
    r"^\$[A-Z_][A-Z0-9_]*$": "must be an environment variable reference such as $OPENAI_API_KEY",
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": "must be lowercase letters and digits joined by single hyphens",
    r"^\.[A-Za-z0-9][A-Za-z0-9._-]*$": "must be a file extension such as .md",
}


def issues_from_details(
    details: Iterable[ErrorDetails],
    original: Any,
    root_label: str,
    to_original: Callable[[DataPath], DataPath] | None = None,
) -> list[SchemaIssue]:
    """Translate the errors of a validation of data derived from `original`.

    `to_original` maps a path in the validated data to the same place in
    `original` where the two differ by more than added keys (the image's
    defaults put a prompt before the file's own, say).
    """
    translator = _Translator(original, root_label, to_original)
    return [translator.issue(detail) for detail in details]


def data_path(loc: tuple[int | str, ...]) -> DataPath:
    """A pydantic location without its union tags."""
    return tuple(part for part in loc if not (isinstance(part, str) and part.startswith(TAG_MARK)))


def describe(value: Any) -> str:
    """What kind of YAML/JSON value `value` is, for 'got ...' phrases."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


class _Translator:
    def __init__(
        self,
        original: Any,
        root_label: str,
        to_original: Callable[[DataPath], DataPath] | None = None,
    ) -> None:
        self._original = original
        self._root_label = root_label
        self._to_original = to_original

    def issue(self, detail: ErrorDetails) -> SchemaIssue:
        path = data_path(detail["loc"])
        if self._to_original is not None:
            path = self._to_original(path)
        kind = detail["type"]
        if kind == "extra_forbidden":
            return self._unknown_key(path)
        if kind == "missing":
            return self._missing_key(path[:-1], str(path[-1]), "")
        if kind == RULE_ERROR:
            return self._rule(path, detail)
        if kind == UNION_ERROR:
            return self._union(path, detail)
        if kind == "literal_error":
            return self._located(path, self._enum_message(path, detail), "invalid_value")
        if kind in _EXPECTED_TYPE:
            message = f"expected {_EXPECTED_TYPE[kind]}, got {describe(detail['input'])}"
            return self._located(path, f"{self.where(path)}: {message}", "invalid_type")
        return self._located(path, f"{self.where(path)}: {_constraint(detail)}", _code(kind))

    def where(self, path: DataPath) -> str:
        """A path as people write it: `llm.provider`, `mcpServers.fs.args[0]`."""
        if not path:
            return self._root_label
        text = ""
        for part in path:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
        return text

    def _unknown_key(self, path: DataPath) -> SchemaIssue:
        message = f"unknown key '{path[-1]}' in {self.where(path[:-1])}"
        return SchemaIssue(self._existing(path), message, "unknown_key", IssueKind.UNKNOWN_KEY)

    def _missing_key(self, parent: DataPath, key: str, why: str) -> SchemaIssue:
        message = f"missing required key '{key}' in {self.where(parent)}"
        if why:
            message += f": {why}"
        return SchemaIssue(self._existing(parent), message, "missing_key", IssueKind.MISSING_KEY)

    def _rule(self, path: DataPath, detail: ErrorDetails) -> SchemaIssue:
        context = detail.get("ctx", {})
        at = str(context.get("at", ""))
        if context.get("missing"):
            return self._missing_key(path, at, detail["msg"])
        target = (*path, at) if at else path
        code = str(context.get("code", "invalid_value"))
        return self._located(target, f"{self.where(target)}: {detail['msg']}", code)

    def _union(self, path: DataPath, detail: ErrorDetails) -> SchemaIssue:
        info = UNIONS[detail["msg"]]
        value = detail["input"]
        if not info.key:
            message = f"{self.where(path)}: expected {info.what}, got {describe(value)}"
            return self._located(path, message, "invalid_type")
        if not isinstance(value, dict):
            message = f"{self.where(path)}: expected a mapping, got {describe(value)}"
            return self._located(path, message, "invalid_type")
        expected = ", ".join(info.expected)
        if info.key not in value:
            return self._missing_key(path, info.key, f"expected one of {expected}")
        tag_path = (*path, info.key)
        tag_value = value[info.key]
        shown = repr(tag_value) if isinstance(tag_value, str) else describe(tag_value)
        message = (
            f"{self.where(tag_path)}: {shown} is not a valid {info.what}; "
            f"expected one of {expected}"
        )
        return self._located(tag_path, message, "invalid_value")

    def _enum_message(self, path: DataPath, detail: ErrorDetails) -> str:
        expected = str(detail.get("ctx", {}).get("expected", "")).replace("'", "")
        expected = expected.replace(" or ", ", ")
        value = detail["input"]
        shown = repr(value) if isinstance(value, str) else describe(value)
        if "apiKey" in path:
            shown = "this value"
        names = [part for part in path if isinstance(part, str)]
        noun = names[-1] if names else "value"
        in_list = bool(path) and isinstance(path[-1], int)
        subject = f"a valid value in {noun}" if in_list else f"a valid {noun}"
        return f"{self.where(path)}: {shown} is not {subject}; expected one of {expected}"

    def _located(self, path: DataPath, message: str, code: str) -> SchemaIssue:
        return SchemaIssue(self._existing(path), message, code)

    def _existing(self, path: DataPath) -> DataPath:
        """The longest prefix of `path` present in the original data."""
        node = self._original
        for depth, part in enumerate(path):
            if not _has_child(node, part):
                return path[:depth]
            node = node[part]
        return path


def _has_child(node: Any, part: str | int) -> bool:
    if isinstance(node, dict):
        return isinstance(part, str) and part in node
    if isinstance(node, list):
        return isinstance(part, int) and 0 <= part < len(node)
    return False


def _code(kind: str) -> str:
    return _CODE_BY_TYPE.get(kind, "invalid_value")


def _constraint(detail: ErrorDetails) -> str:
    kind = detail["type"]
    context = detail.get("ctx", {})
    if kind == "greater_than":
        return f"must be greater than {context['gt']}"
    if kind == "greater_than_equal":
        return f"must be at least {context['ge']}"
    if kind == "less_than_equal":
        return f"must be at most {context['le']}"
    if kind == "too_short":
        return f"must have at least {context['min_length']} item(s)"
    if kind == "string_too_short":
        return (
            "must not be empty"
            if context["min_length"] == 1
            else (f"must be at least {context['min_length']} characters long")
        )
    if kind == "string_too_long":
        return f"must be at most {context['max_length']} characters long"
    if kind == "string_pattern_mismatch":
        pattern = str(context["pattern"])
        return _PATTERN_HINTS.get(pattern, f"must match the pattern {pattern}")
    return str(detail["msg"])
