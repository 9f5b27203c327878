"""A release's model as the previous release's model plus its differences.

Pydantic subclasses can add or retype fields but never remove one, and a
release that renames a key removes the old one. `derived` copies a model's
fields (with their defaults, constraints and aliases), drops the named ones,
then adds or replaces the given ones, so a release module states only what
its release changed.

A derived model is a plan, built into a pydantic class only when a run uses
its release (`Derived.build`): validating a 1.10.4 file builds 1.10.4's
models, not those of the releases between the seed and 1.10.4, so a release
added to the chain costs the runs that do not use it nothing but a few dicts.
"""

from __future__ import annotations

import types
from collections.abc import Collection
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, create_model

from dexto_config.models.types import PassthroughModel, StrictModel, StripModel

_OBJECT_KINDS: tuple[type[BaseModel], ...] = (StrictModel, StripModel, PassthroughModel)


class Derived:
    """A model that `derived` described and `build` creates (once) on first use.

    `definitions` are `create_model`'s field definitions; their annotations may
    name other `Derived` models, built along with this one.
    """

    def __init__(
        self, name: str, doc: str, parent: type[BaseModel], definitions: dict[str, Any]
    ) -> None:
        self.name = name
        self.doc = doc
        self.parent = parent
        self.definitions = definitions
        self._built: type[BaseModel] | None = None

    def build(self) -> type[BaseModel]:
        """The pydantic model, created on the first call."""
        if self._built is None:
            fields: dict[str, Any] = {
                name: (_built_annotation(annotation), default)
                for name, (annotation, default) in self.definitions.items()
            }
            self._built = create_model(self.name, __base__=self.parent, __doc__=self.doc, **fields)
        return self._built


def derived(
    base: type[BaseModel] | Derived,
    name: str,
    *,
    doc: str,
    drop: Collection[str] = (),
    parent: type[BaseModel] | None = None,
    **fields: Any,
) -> Derived:
    """A model named `name` with `base`'s fields less `drop`, plus `fields`.

    A field given as a bare annotation is required; give `(annotation, default)`
    or `(annotation, Field(...))` otherwise. The new model's parent is `parent`
    (for validators that must come along), else the object kind of `base`
    (strict, strip or passthrough); `base`'s own validators are not inherited.
    """
    inherited = _definitions(base)
    unknown = set(drop) - set(inherited)
    if unknown:
        raise ValueError(f"{_name(base)} has no fields {sorted(unknown)} to drop")
    definitions = {key: value for key, value in inherited.items() if key not in drop}
    for field_name, definition in fields.items():
        definitions[field_name] = definition if isinstance(definition, tuple) else (definition, ...)
    return Derived(name, doc, parent or _object_kind(base), definitions)


def built(model: type[BaseModel] | Derived) -> type[BaseModel]:
    """`model` as a pydantic class: a `Derived` one is built (once)."""
    return model.build() if isinstance(model, Derived) else model


def _definitions(base: type[BaseModel] | Derived) -> dict[str, Any]:
    if isinstance(base, Derived):
        return base.definitions
    return {name: (info.annotation, info) for name, info in base.model_fields.items()}


def _name(model: type[BaseModel] | Derived) -> str:
    return model.name if isinstance(model, Derived) else model.__name__


def _object_kind(model: type[BaseModel] | Derived) -> type[BaseModel]:
    parent = model.parent if isinstance(model, Derived) else model
    for kind in _OBJECT_KINDS:
        if issubclass(parent, kind):
            return kind
    raise TypeError(f"{_name(model)} is not a strict, strip or passthrough model")


def _built_annotation(annotation: Any) -> Any:
    """`annotation` with every `Derived` model in it (list items, union members) built."""
    if isinstance(annotation, Derived):
        return annotation.build()
    args = get_args(annotation)
    if not args or not any(_holds_derived(arg) for arg in args):
        return annotation
    origin = get_origin(annotation)
    if origin is Annotated:
        return Annotated[(_built_annotation(args[0]), *annotation.__metadata__)]
    arguments = tuple(_built_annotation(arg) for arg in args)
    if origin is Union:
        return Union[arguments]  # noqa: UP007 (members built at run time)
    return types.GenericAlias(origin, arguments)


def _holds_derived(annotation: Any) -> bool:
    if isinstance(annotation, Derived):
        return True
    return any(_holds_derived(arg) for arg in get_args(annotation))
