"""DX0xx, part 2: schema violations, judged at the version the file claims."""

from __future__ import annotations

import difflib
import functools
import types
from collections.abc import Iterator
from typing import Annotated, Any, Union, get_args, get_origin

from dexto_config.kinds import FileKind
from dexto_config.lint import rulebook
from dexto_config.lint.document import LintDocument
from dexto_config.lint.findings import Violation
from dexto_config.lint.rule import MAX_FINDINGS_PER_RULE, RuleContext, rule
from dexto_config.lint.rules.syntax import problems_with
from dexto_config.yamlio.positions import DataPath


@rule(rulebook.UNKNOWN_KEY)
def unknown_key(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    key_paths: dict[tuple[int, int], DataPath] | None = None
    for count, violation in enumerate(problems_with(document, "schema-unknown-key")):
        if count >= MAX_FINDINGS_PER_RULE:  # only counted by the engine: no hint needed
            yield violation
            continue
        if key_paths is None:  # built once: looking each key up by scanning was quadratic
            key_paths = _key_paths(document)
        path = key_paths.get((violation.position.line, violation.position.col))
        hint = _did_you_mean(document, path) if path else None
        if hint is None:
            yield violation
        else:
            yield Violation(violation.position, f"{violation.message} (did you mean {hint!r}?)")


@rule(rulebook.SCHEMA_VIOLATION)
def schema_violation(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    return problems_with(document, "schema", "schema-missing-key")


def _key_paths(document: LintDocument) -> dict[tuple[int, int], DataPath]:
    """The data path of every mapping key, by the key's (line, column)."""
    found: dict[tuple[int, int], DataPath] = {}
    for path, entry in document.positions.entries.items():
        key = entry.key
        if key is not None:
            found.setdefault((key.line, key.col), path)
    return found


def _did_you_mean(document: LintDocument, path: DataPath) -> str | None:
    if document.version is None or not isinstance(path[-1], str):
        return None
    allowed = allowed_keys(document, path[:-1])
    by_case = {key.lower(): key for key in allowed}
    if path[-1].lower() in by_case:
        return by_case[path[-1].lower()]
    matches = difflib.get_close_matches(path[-1], sorted(allowed), n=1, cutoff=0.75)
    return matches[0] if matches else None


def allowed_keys(document: LintDocument, parent: DataPath) -> frozenset[str]:
    """The keys the schema allows in the mapping at `parent` (empty when not knowable)."""
    assert document.version is not None
    return _allowed_keys(document.kind, document.version, parent)


@functools.lru_cache(maxsize=1024)
def _allowed_keys(kind: FileKind, version: str, parent: DataPath) -> frozenset[str]:
    from dexto_config.models import model_for  # pydantic: only when a file is linted

    annotation: Any = model_for(kind, version)
    candidates = [annotation]
    for part in parent:
        candidates = [child for c in candidates for child in _children(c, part)]
    return frozenset(key for c in candidates for key in _model_keys(c))


def _unwrapped(annotation: Any) -> list[Any]:
    origin = get_origin(annotation)
    if origin is Annotated:
        return _unwrapped(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        return [member for arg in get_args(annotation) for member in _unwrapped(arg)]
    return [annotation]


def _children(annotation: Any, part: str | int) -> list[Any]:
    from pydantic import BaseModel

    found: list[Any] = []
    for member in _unwrapped(annotation):
        origin = get_origin(member)
        if isinstance(member, type) and issubclass(member, BaseModel) and isinstance(part, str):
            found.extend(
                field.annotation
                for name, field in member.model_fields.items()
                if (field.alias or name) == part
            )
        elif origin is dict and isinstance(part, str):
            found.append(get_args(member)[1])
        elif origin in (list, tuple) and isinstance(part, int):
            found.append(get_args(member)[0])
    return found


def _model_keys(annotation: Any) -> list[str]:
    from pydantic import BaseModel

    return [
        field.alias or name
        for member in _unwrapped(annotation)
        if isinstance(member, type) and issubclass(member, BaseModel)
        for name, field in member.model_fields.items()
    ]
