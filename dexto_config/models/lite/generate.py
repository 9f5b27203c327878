"""Writing the lite validator's tables from the pydantic models' core schemas.

`python -m dexto_config.models.lite.generate` rewrites `tables/`; the test
suite checks that the committed tables are what this module generates (as
`schema check` does for the JSON Schemas), so a model change that is not
regenerated fails CI. The tables are committed rather than generated at run
time: building them needs pydantic, which lint and validate must not import.

Each table is the post-order walk of one model's pydantic-core schema (see
`runtime` for the nodes), with equal nodes written once.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from pydantic._internal import _validators as pydantic_validators

from dexto_config.kinds import FileKind
from dexto_config.models import checks, rules
from dexto_config.models.checks import TAG_MARK, UnionInfo
from dexto_config.models.image import LOCAL_IMAGE, LOGGER_IMAGE
from dexto_config.models.image.releases import IMAGE_CHANGES
from dexto_config.models.lite import table_name
from dexto_config.models.lite.runtime import RELEASE_MARK
from dexto_config.models.oracle import pydantic_model
from dexto_config.models.types import LITE_CHECK
from dexto_config.models.unions import LITE_UNION
from dexto_config.versions import KNOWN_VERSIONS

TABLES = Path(__file__).resolve().parent / "tables"
_KIND_SCHEMAS = tuple(
    kind.value for kind in (FileKind.AGENT, FileKind.PREFERENCES, FileKind.CUSTOM_MODELS)
)
_IMAGE_SCHEMAS = (LOCAL_IMAGE, LOGGER_IMAGE)
# pydantic applies a number's bounds after its before-validator with these functions.
_BOUND_VALIDATORS = (
    pydantic_validators.greater_than_validator,
    pydantic_validators.greater_than_or_equal_validator,
    pydantic_validators.less_than_or_equal_validator,
)
_SCALAR_DEFAULTS = (str, int, float, bool, type(None))


def table_schemas() -> Iterator[tuple[str, str]]:
    """Every (schema, version) that has a table."""
    for version in KNOWN_VERSIONS:
        for schema in _KIND_SCHEMAS:
            yield schema, version
    for version in IMAGE_CHANGES:
        for schema in _IMAGE_SCHEMAS:
            yield schema, version


def table_text(schema: str, version: str) -> str:
    """The source of the table module of `schema` at `version`."""
    core = pydantic_model(schema, version).__pydantic_core_schema__
    nodes = _Walk(core, version).nodes
    lines = [
        f'"""The lite validator\'s table of {schema} at {version}: generated from the pydantic',
        'models by `python -m dexto_config.models.lite.generate`; do not edit."""',
        "",
        "from __future__ import annotations",
        "",
        "TYPE_CHECKING = False  # `lint` imports a table on every run: `typing` is not imported",
        "if TYPE_CHECKING:",
        "    from typing import Any",
        "",
        "NODES: tuple[Any, ...] = (",
        *(f"    {node!r}," for node in nodes),
        ")",
        "",
    ]
    return "\n".join(lines)


def expected_tables() -> dict[str, str]:
    """Every table's file name and text, as the models give them."""
    return {
        f"{table_name(schema, version)}.py": table_text(schema, version)
        for schema, version in table_schemas()
    }


def write_tables(folder: Path = TABLES) -> list[Path]:
    """Write every table into `folder`, delete stale ones; returns the files changed."""
    expected = expected_tables()
    changed = []
    for path in sorted(folder.glob("*.py")):
        if path.name != "__init__.py" and path.name not in expected:
            path.unlink()
            changed.append(path)
    for name, text in expected.items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


class _Walk:
    """The nodes of one core schema, children first, equal nodes once."""

    def __init__(self, core: Any, version: str) -> None:
        self._version = version
        self.nodes: list[tuple[Any, ...]] = []
        self._index: dict[tuple[Any, ...], int] = {}
        self._definitions: dict[str, Any] = {}
        self._by_ref: dict[str, int] = {}
        self._node(core)

    def _add(self, node: tuple[Any, ...]) -> int:
        if node not in self._index:
            self._index[node] = len(self.nodes)
            self.nodes.append(node)
        return self._index[node]

    def _node(self, schema: dict[str, Any]) -> int:
        ref = schema.get("ref")
        if ref is not None and ref in self._by_ref:
            return self._by_ref[ref]
        index = self._add(self._build(schema))
        if ref is not None:
            self._by_ref[ref] = index
        return index

    def _build(self, schema: dict[str, Any]) -> tuple[Any, ...]:
        kind = schema["type"]
        if kind == "definitions":
            self._definitions.update({item["ref"]: item for item in schema["definitions"]})
            return self.nodes[self._node(schema["schema"])]
        if kind == "definition-ref":
            return self.nodes[self._node(self._definitions[schema["schema_ref"]])]
        builder = getattr(self, "_" + kind.replace("-", "_"), None)
        if builder is None:
            raise ValueError(f"the lite validator has no node for core schema type {kind!r}")
        node: tuple[Any, ...] = builder(schema)
        return node

    def _any(self, schema: dict[str, Any]) -> tuple[Any, ...]:
        return ("any",)

    def _bool(self, schema: dict[str, Any]) -> tuple[Any, ...]:
        return ("bool",)

    def _str(self, schema: dict[str, Any]) -> tuple[Any, ...]:
        _only(schema, "strict", "min_length", "max_length", "pattern", "metadata")
        return ("str", schema.get("min_length"), schema.get("max_length"), schema.get("pattern"))

    def _int(self, schema: dict[str, Any]) -> tuple[Any, ...]:
        _only(schema, "strict", "metadata")
        return ("int",)

    def _float(self, schema: dict[str, Any]) -> tuple[Any, ...]:
        _only(schema, "strict", "metadata")
        return ("float",)

    def _literal(self, schema: dict[str, Any]) -> tuple[Any, ...]:
        values = tuple(schema["expected"])
        return ("literal", values, _expected_words(values))

    def _list(self, schema: dict[str, Any]) -> tuple[Any, ...]:
        _only(schema, "items_schema", "min_length", "strict", "metadata")
        item = self._node(schema.get("items_schema", {"type": "any"}))
        return ("list", item, schema.get("min_length"))

    def _dict(self, schema: dict[str, Any]) -> tuple[Any, ...]:
        _only(schema, "keys_schema", "values_schema", "strict", "metadata")
        keys = self._node(schema.get("keys_schema", {"type": "any"}))
        values = self._node(schema.get("values_schema", {"type": "any"}))
        return ("dict", keys, values)

    def _model(self, schema: dict[str, Any]) -> tuple[Any, ...]:
        if schema.get("custom_init") or schema.get("post_init") or schema.get("root_model"):
            raise ValueError(
                f"model {schema['cls'].__name__} has init hooks the lite validator lacks"
            )
        config = schema.get("config", {})
        if not config.get("strict"):
            raise ValueError(f"model {schema['cls'].__name__} is not strict")
        inner = schema["schema"]
        if inner["type"] != "model-fields" or inner.get("computed_fields"):
            raise ValueError(f"model {schema['cls'].__name__} is not a plain model")
        fields = tuple(self._field(name, field) for name, field in inner["fields"].items())
        extra = config.get("extra_fields_behavior", "ignore")
        return ("model", schema["cls"].__name__, extra, fields)

    def _field(self, name: str, field: dict[str, Any]) -> tuple[Any, ...]:
        alias = field.get("validation_alias", name)
        if not isinstance(alias, str):
            raise ValueError(f"field {name} has an alias path the lite validator lacks")
        schema = field["schema"]
        if schema["type"] != "default":
            return (name, alias, self._node(schema), True, None)
        default = schema["default"]
        if "default_factory" in schema or not isinstance(default, _SCALAR_DEFAULTS):
            raise ValueError(f"field {name} has a default the lite validator cannot write")
        return (name, alias, self._node(schema["schema"]), False, default)

    def _tagged_union(self, schema: dict[str, Any]) -> tuple[Any, ...]:
        info: UnionInfo = getattr(schema["discriminator"], LITE_UNION)
        choices = tuple(
            (tag.removeprefix(TAG_MARK), self._node(choice))
            for tag, choice in schema["choices"].items()
        )
        return (
            "union",
            info.what.replace(self._version, RELEASE_MARK),
            info.key,
            info.expected,
            info.shapes,
            info.skip_disabled,
            choices,
        )

    def _function_before(self, schema: dict[str, Any]) -> tuple[Any, ...]:
        return ("before", _plain_name(schema, checks), self._node(schema["schema"]))

    def _function_after(self, schema: dict[str, Any]) -> tuple[Any, ...]:
        function = schema["function"]["function"]
        if isinstance(function, functools.partial) and function.func in _BOUND_VALIDATORS:
            ((name, limit),) = function.keywords.items()
            return ("bound", name, limit, self._node(schema["schema"]))
        plain = getattr(_validator_function(schema), LITE_CHECK)
        module = rules if plain.__module__ == rules.__name__ else checks
        kind = "rule" if module is rules else "after"
        return (kind, _plain_name(schema, module), self._node(schema["schema"]))


def _only(schema: dict[str, Any], *known: str) -> None:
    unknown = set(schema) - {"type", *known}
    if unknown:
        raise ValueError(
            f"core schema {schema['type']} has {sorted(unknown)}: not in the lite validator"
        )


def _expected_words(values: tuple[Any, ...]) -> str:
    """pydantic-core's `expected` of a literal error: `'a', 'b' or 'c'`."""
    shown = [repr(value) for value in values]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]


def _validator_function(schema: dict[str, Any]) -> Any:
    """The function a core schema's validator calls (pydantic binds model validators)."""
    function = schema["function"]["function"]
    while isinstance(function, functools.partial):
        function = function.func
    return function


def _plain_name(schema: dict[str, Any], module: ModuleType) -> str:
    """The name of the plain function (in `module`) a core schema's validator runs."""
    plain: Any = getattr(_validator_function(schema), LITE_CHECK, None)
    name: str = getattr(plain, "__name__", "")
    if plain is None or getattr(module, name, None) is not plain:
        raise ValueError(f"a validator runs {plain!r}, not a function of {module.__name__}")
    return name


def main() -> int:
    """Rewrite the tables; print what changed."""
    for path in write_tables():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
