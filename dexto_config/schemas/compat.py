"""Breaking changes between two schema shapes: what a file valid before may fail now."""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass

from dexto_config.schemas.shape import Constraint, FieldShape, Shapes

# For these keywords a larger bound accepts less (minLength 1 -> 2 is stricter)...
_LOWER_BOUNDS = frozenset(
    {"minLength", "minItems", "minProperties", "minimum", "exclusiveMinimum", "gt", "ge"}
)
# ...and for these a smaller one does. Any other new or changed keyword is stricter.
_UPPER_BOUNDS = frozenset(
    {"maxLength", "maxItems", "maxProperties", "maximum", "exclusiveMaximum", "lt", "le"}
)
_TOP_LEVEL = "(top level)"


class ChangeKind(enum.StrEnum):
    """The kinds of breaking change `schema check` looks for (DESIGN §8)."""

    REMOVED_FIELD = "removed field"
    CHANGED_TYPE = "changed type"
    REMOVED_ENUM_VALUE = "removed enum value"
    NEW_REQUIRED_FIELD = "new required field without default"
    MADE_REQUIRED = "now required without default"
    STRICTER = "stricter"


@dataclass(frozen=True)
class BreakingChange:
    """One change at one field path that can make a previously valid file invalid."""

    path: str
    kind: ChangeKind
    detail: str

    def describe(self) -> str:
        """One line such as `llm.router: removed field`."""
        where = self.path or _TOP_LEVEL
        return f"{where}: {self.kind}" + (f" ({self.detail})" if self.detail else "")


def breaking_changes(old: Shapes, new: Shapes) -> list[BreakingChange]:
    """Every breaking change from `old` to `new`, ordered by path; additions that are optional
    or have a default, new union branches and looser constraints are not breaking."""
    changes = [*_removed(old, new), *_added_required(old, new)]
    for path in old.keys() & new.keys():
        changes.extend(_changed(old[path], new[path]))
    return sorted(changes, key=lambda c: (c.path, c.kind, c.detail))


def _removed(old: Shapes, new: Shapes) -> list[BreakingChange]:
    # A removed section is one change, not one per field inside it.
    topmost = {_highest_missing(path, new) for path in old.keys() - new.keys()}
    return [BreakingChange(path, ChangeKind.REMOVED_FIELD, "") for path in topmost]


def _added_required(old: Shapes, new: Shapes) -> list[BreakingChange]:
    return [
        BreakingChange(path, ChangeKind.NEW_REQUIRED_FIELD, "")
        for path in new.keys() - old.keys()
        if _needed(new[path]) and _exists(_container(path), old)
    ]


def _changed(old: FieldShape, new: FieldShape) -> list[BreakingChange]:
    changes: list[BreakingChange] = []
    lost_types = _lost_types(old.types, new.types)
    if lost_types:
        detail = f"was {_names(old.types) or 'any'}, now {_names(new.types)}"
        changes.append(BreakingChange(new.path, ChangeKind.CHANGED_TYPE, detail))
    if new.enum is not None:
        if old.enum is None:
            detail = f"now limited to {_values(new.enum)}"
            changes.append(BreakingChange(new.path, ChangeKind.STRICTER, detail))
        elif old.enum - new.enum:
            detail = _values(old.enum - new.enum)
            changes.append(BreakingChange(new.path, ChangeKind.REMOVED_ENUM_VALUE, detail))
    if _needed(new) and not _needed(old):
        detail = "lost its default" if old.required else "was optional"
        changes.append(BreakingChange(new.path, ChangeKind.MADE_REQUIRED, detail))
    changes.extend(
        BreakingChange(new.path, ChangeKind.STRICTER, detail)
        for detail in _stricter_constraints(old.constraints, new.constraints)
    )
    return changes


def _lost_types(old: frozenset[str], new: frozenset[str]) -> frozenset[str]:
    if not new:
        return frozenset()
    if not old:
        return frozenset({"any"})
    accepted = new | ({"integer"} if "number" in new else set())
    return old - accepted


def _stricter_constraints(old: frozenset[Constraint], new: frozenset[Constraint]) -> list[str]:
    old_values: dict[str, list[str]] = {}
    for keyword, value in old:
        old_values.setdefault(keyword, []).append(value)
    details = []
    for keyword, value in sorted(new - old):
        before = old_values.get(keyword, [])
        if before and _looser_or_equal_bound(keyword, before, value):
            continue
        was = f", was {' | '.join(sorted(before))}" if before else ""
        details.append(f"{keyword} {value}{was}")
    return details


def _looser_or_equal_bound(keyword: str, before: list[str], value: str) -> bool:
    if keyword not in _LOWER_BOUNDS | _UPPER_BOUNDS:
        return False
    try:
        bounds = [float(json.loads(v)) for v in before]
        bound = float(json.loads(value))
    except (TypeError, ValueError):
        return False
    if keyword in _LOWER_BOUNDS:
        return bound <= max(bounds)
    return bound >= min(bounds)


def _needed(shape: FieldShape) -> bool:
    return shape.required and not shape.has_default


def _highest_missing(path: str, shapes: Shapes) -> str:
    while path and not _exists(_container(path), shapes):
        path = _container(path)
    return path


def _container(path: str) -> str:
    """The object holding the field at `path`: `a.b(type=x)` for `a.b(type=x).c`."""
    if path.endswith("[]"):
        return path[:-2]
    return path.rsplit(".", 1)[0] if "." in path else ""


def _exists(container: str, shapes: Shapes) -> bool:
    return (
        container == ""
        or container in shapes
        or any(p.startswith(container + ".") or p.startswith(container + "[]") for p in shapes)
    )


def _names(types: frozenset[str]) -> str:
    return " | ".join(sorted(types))


def _values(values: frozenset[str]) -> str:
    return ", ".join(sorted(values))
