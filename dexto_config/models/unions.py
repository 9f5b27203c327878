"""Tagged unions whose errors say which variant was expected.

Dexto's unions are Zod discriminated unions (on `type`) or shape unions (a
string or an object); `checks.union_variant` selects the variant for both
validators. Pydantic tags are marked with TAG_MARK so that the error
translator can drop them from locations: they are not data keys.
"""

from __future__ import annotations

from typing import Annotated, Any, Union

from pydantic import Discriminator, Tag

from dexto_config.models.checks import (
    TAG_MARK,
    UNION_ERROR,
    UnionInfo,
    register_union,
    union_variant,
)

LITE_UNION = "lite_union"
"""The attribute of a discriminator's function holding its `UnionInfo` (read by the generator)."""


def tag(value: str) -> Tag:
    """The pydantic tag of the variant selected by `value`."""
    return Tag(TAG_MARK + value)


def discriminator(info: UnionInfo) -> Discriminator:
    """The pydantic discriminator of union `info`, which selects as `union_variant` does.

    The union's `what` is the error message; the translator finds `info` by it
    (the discriminator cannot carry a context dict: Annotated metadata must hash).
    """
    register_union(info)

    def pick(data: Any) -> str | None:
        variant = union_variant(info, data)
        return None if variant is None else TAG_MARK + variant

    setattr(pick, LITE_UNION, info)
    return Discriminator(pick, custom_error_type=UNION_ERROR, custom_error_message=info.what)


def by_key(key: str, values: tuple[str, ...], what: str) -> Discriminator:
    """Select the variant by the string in `key` (Zod's `discriminatedUnion(key, ...)`)."""
    return discriminator(UnionInfo(what, key, values))


def by_shape(
    what: str, *, text: bool = False, mapping: bool = False, items: bool = False
) -> Discriminator:
    """Select the variant by the data's shape (`string`, `object` or `list` tags)."""
    shapes = (("string", text), ("object", mapping), ("list", items))
    return discriminator(UnionInfo(what, "", (), tuple(name for name, on in shapes if on)))


def tagged_union(key: str, variants: dict[str, Any], what: str) -> Any:
    """The union of `variants` selected by the string in `key`, built at run time.

    For models a release derives at import time: a static `Annotated[A | B, ...]`
    cannot name them.
    """
    members = [Annotated[model, tag(value)] for value, model in variants.items()]
    return Annotated[Union[tuple(members)], by_key(key, tuple(variants), what)]  # noqa: UP007


def list_of(item: Any) -> Any:
    """`list[item]` for an item type built at run time (see `tagged_union`)."""
    return list[item]
