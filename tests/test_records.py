"""`Record` classes behave as the `typing.NamedTuple` classes mypy takes them for."""

from __future__ import annotations

import pickle
from typing import NamedTuple

import pytest

from dexto_config.records import Record


class Point(Record):
    """A point, as a record."""

    x: int
    y: int = 0
    label: str | None = None

    def norm(self) -> int:
        return abs(self.x) + abs(self.y)


class TypedPoint(NamedTuple):
    """A point, as typing makes it."""

    x: int
    y: int = 0
    label: str | None = None

    def norm(self) -> int:
        return abs(self.x) + abs(self.y)


@pytest.mark.parametrize(
    ("what", "of_record", "of_typed"),
    [
        ("fields", Point._fields, TypedPoint._fields),
        ("defaults", Point._field_defaults, TypedPoint._field_defaults),
        ("annotated fields", list(Point.__annotations__), list(TypedPoint.__annotations__)),
        ("a tuple", issubclass(Point, tuple), issubclass(TypedPoint, tuple)),
        ("positional", tuple(Point(1, 2, "a")), tuple(TypedPoint(1, 2, "a"))),
        ("keywords", tuple(Point(x=1, label="a")), tuple(TypedPoint(x=1, label="a"))),
        ("a method", Point(-3, 4).norm(), TypedPoint(-3, 4).norm()),
        ("_replace", tuple(Point(1)._replace(y=5)), tuple(TypedPoint(1)._replace(y=5))),
        ("hash", hash(Point(1, 2)), hash(TypedPoint(1, 2))),
        ("module", Point.__module__, TypedPoint.__module__),
        (
            "repr",
            repr(Point(1)).replace("Point", ""),
            repr(TypedPoint(1)).replace("TypedPoint", ""),
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_record_is_the_named_tuple_typing_makes(
    what: str, of_record: object, of_typed: object
) -> None:
    assert of_record == of_typed


def test_a_record_keeps_its_docstring_and_pickles() -> None:
    point = Point(1, 2, "a")
    assert Point.__doc__ == "A point, as a record."
    assert pickle.loads(pickle.dumps(point)) == point
    with pytest.raises(AttributeError):
        point.x = 3  # type: ignore[misc]
