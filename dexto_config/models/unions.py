"""Tagged unions whose errors say which variant was expected.

Dexto's unions are Zod discriminated unions (on `type`) or shape unions (a
string or an object). Pydantic tags are marked with TAG_MARK so that the
error translator can drop them from locations: they are not data keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Union

from pydantic import Discriminator, Tag

TAG_MARK = "§"
UNION_ERROR = "dexto_union"


@dataclass(frozen=True, slots=True)
class UnionInfo:
    """What a union selects on, for error messages: `key` is empty for shape unions."""

    what: str
    key: str
    expected: tuple[str, ...]


# Keyed by the error message pydantic reports (the union's `what`); the
# discriminator cannot carry a context dict, since Annotated metadata must hash.
UNIONS: dict[str, UnionInfo] = {}


def tag(value: str) -> Tag:
    """The pydantic tag of the variant selected by `value`."""
    return Tag(TAG_MARK + value)


def by_key(key: str, values: tuple[str, ...], what: str) -> Discriminator:
    """Select the variant by the string in `key` (Zod's `discriminatedUnion(key, ...)`)."""
    UNIONS[what] = UnionInfo(what, key, values)

    def pick(data: Any) -> str | None:
        if isinstance(data, dict):
            value = data.get(key)
            if isinstance(value, str) and value in values:
                return TAG_MARK + value
        return None

    return Discriminator(pick, custom_error_type=UNION_ERROR, custom_error_message=what)


def by_shape(
    what: str, *, text: bool = False, mapping: bool = False, items: bool = False
) -> Discriminator:
    """Select the variant by the data's shape (`string`, `object` or `list` tags)."""
    UNIONS[what] = UnionInfo(what, "", ())
    shapes = (("string", str, text), ("object", dict, mapping), ("list", list, items))

    def pick(data: Any) -> str | None:
        for name, kind, allowed in shapes:
            if allowed and isinstance(data, kind):
                return TAG_MARK + name
        return None

    return Discriminator(pick, custom_error_type=UNION_ERROR, custom_error_message=what)


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
