"""`Record`: `typing.NamedTuple` at half the cost of creating each class (DESIGN §9).

`lint one.yml` creates some fifty named-tuple classes as it imports its modules.
`typing.NamedTuple` checks every field's annotation while it creates a class:
under `from __future__ import annotations` each one is compiled as a forward
reference, which costs about what the named tuple itself costs. A class that
derives from `Record` is the same `collections.namedtuple`, with the class
body's defaults, docstring and methods, and its annotations kept as written.
mypy reads `Record` as `typing.NamedTuple`, and checks the classes as such;
at run time `typing` is not imported at all.
"""

from __future__ import annotations

__all__ = ["Record"]

TYPE_CHECKING = False  # `typing.NamedTuple` for mypy (which takes this name as true)
if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    from collections import namedtuple

    # What a class body holds that the named tuple has its own of.
    _NOT_COPIED = frozenset(("__module__", "__qualname__", "__annotations__"))

    class _RecordMeta(type):
        """Turns a class body into the named tuple `typing.NamedTuple` would make of it."""

        def __new__(mcs, name, bases, namespace):
            annotations = namespace.get("__annotations__", {})
            defaults = [namespace[field] for field in annotations if field in namespace]
            record = namedtuple(
                name, annotations, defaults=defaults, module=namespace["__module__"]
            )
            record.__annotations__ = dict(annotations)
            for key, value in namespace.items():
                if key not in _NOT_COPIED and key not in annotations:
                    setattr(record, key, value)
            return record

    Record = type.__new__(_RecordMeta, "Record", (), {})
