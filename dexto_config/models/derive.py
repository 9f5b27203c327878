"""A release's model as the previous release's model plus its differences.

Pydantic subclasses can add or retype fields but never remove one, and a
release that renames a key removes the old one. `derived` copies a model's
fields (with their defaults, constraints and aliases), drops the named ones,
then adds or replaces the given ones, so a release module states only what
its release changed.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from pydantic import BaseModel, create_model

from dexto_config.models.types import PassthroughModel, StrictModel, StripModel

_OBJECT_KINDS: tuple[type[BaseModel], ...] = (StrictModel, StripModel, PassthroughModel)


def derived(
    base: type[BaseModel],
    name: str,
    *,
    doc: str,
    drop: Collection[str] = (),
    parent: type[BaseModel] | None = None,
    **fields: Any,
) -> type[BaseModel]:
    """A model named `name` with `base`'s fields less `drop`, plus `fields`.

    A field given as a bare annotation is required; give `(annotation, default)`
    or `(annotation, Field(...))` otherwise. The new model's parent is `parent`
    (for validators that must come along), else the object kind of `base`
    (strict, strip or passthrough); `base`'s own validators are not inherited.
    """
    unknown = set(drop) - set(base.model_fields)
    if unknown:
        raise ValueError(f"{base.__name__} has no fields {sorted(unknown)} to drop")
    definitions: dict[str, Any] = {
        field_name: (info.annotation, info)
        for field_name, info in base.model_fields.items()
        if field_name not in drop
    }
    for field_name, definition in fields.items():
        definitions[field_name] = definition if isinstance(definition, tuple) else (definition, ...)
    model = create_model(name, __base__=parent or _object_kind(base), __doc__=doc, **definitions)
    return model


def _object_kind(model: type[BaseModel]) -> type[BaseModel]:
    for kind in _OBJECT_KINDS:
        if issubclass(model, kind):
            return kind
    raise TypeError(f"{model.__name__} is not a strict, strip or passthrough model")
