"""The lite validator: the pydantic models' schema checks, without pydantic (DESIGN §9).

`generate` (which imports pydantic) walks each model's pydantic-core schema
and writes a table of nodes per schema and release into `tables/`; `runtime`
compiles a table into plain-Python checks on first use and reports errors as
pydantic's error details, so that one translator (`models.translate`) turns
either validator's errors into the same `SchemaIssue`s. The rules Dexto
applies beyond types are plain functions (`models.checks`, `models.rules`)
that the models and the tables both name.

A schema is named by the file kind (`agent`, `preferences`, `custom-models`)
or by a bundled image (`@dexto/image-local`: what its factories check).
Tables exist for each kind at each known version and for each image at each
release that changed the images.
"""

from __future__ import annotations

import re

from dexto_config.models.translate import ErrorDetails

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Protocol

    class SchemaCheck(Protocol):
        """A schema check: the errors of `data` against `schema` at release `version`."""

        def __call__(self, schema: str, version: str, data: Any, /) -> list[ErrorDetails]: ...


def table_name(schema: str, version: str) -> str:
    """The module name of the table of `schema` at `version`, e.g. `agent_1_10_4`."""
    return re.sub(r"[^a-z0-9]+", "_", f"{schema} {version}".lower()).strip("_")


def lite_errors(schema: str, version: str, data: Any) -> list[ErrorDetails]:
    """The errors of `data` against `schema` at `version`, as pydantic would report them."""
    from dexto_config.models.lite.runtime import validator

    errors: list[ErrorDetails] = []
    validator(schema, version)(data, (), errors)
    return errors


def table_version(schema: str, version: str) -> str:
    """The release whose table judges `schema` at `version`.

    A file kind has a table per known version; an image one per release that
    changed it (`image_release`), which covers every release from 1.6.0.
    """
    if schema.startswith("@"):
        from dexto_config.models.image.releases import image_release

        return image_release(version)
    return version
