"""The pydantic models as a schema check: the source of the lite tables and their test oracle.

`pydantic_errors` has the signature of `lite.lite_errors`, so that
`validate_document(..., schema_check=pydantic_errors)` judges with the models
themselves. Run time never uses it: it imports pydantic.
"""

from __future__ import annotations

from typing import Any

import pydantic

from dexto_config.kinds import FileKind
from dexto_config.models import model_for
from dexto_config.models.registry_check import release_context
from dexto_config.models.translate import ErrorDetails

_KINDS = {kind.value: kind for kind in FileKind}


def pydantic_model(schema: str, version: str) -> type[pydantic.BaseModel]:
    """The model of `schema` (a file kind's value, or a bundled image) at `version`."""
    kind = _KINDS.get(schema)
    if kind is not None:
        return model_for(kind, version)
    from dexto_config.models.image.factories import image_model

    return image_model(schema, version)


def pydantic_errors(schema: str, version: str, data: Any) -> list[ErrorDetails]:
    """The errors pydantic reports for `data` against `schema` at `version`."""
    try:
        pydantic_model(schema, version).model_validate(data, context=release_context(version))
    except pydantic.ValidationError as error:
        return list(error.errors(include_url=False))
    return []
