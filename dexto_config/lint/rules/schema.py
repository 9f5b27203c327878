"""DX0xx, part 2: schema violations, judged at the version the file claims."""

from __future__ import annotations

import functools
from collections.abc import Iterator

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
            key_paths = document.positions.key_paths()
        path = key_paths.get((violation.position.line, violation.position.col))
        hint = _did_you_mean(document, path) if path else None
        if hint is None:
            yield violation
        else:
            yield Violation(violation.position, f"{violation.message} (did you mean {hint!r}?)")


@rule(rulebook.SCHEMA_VIOLATION)
def schema_violation(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    return problems_with(document, "schema", "schema-missing-key")


def _did_you_mean(document: LintDocument, path: DataPath) -> str | None:
    if document.version is None or not isinstance(path[-1], str):
        return None
    allowed = allowed_keys(document, path[:-1])
    by_case = {key.lower(): key for key in allowed}
    if path[-1].lower() in by_case:
        return by_case[path[-1].lower()]
    import difflib  # only for an unknown key whose case does not match (DESIGN §9)

    matches = difflib.get_close_matches(path[-1], sorted(allowed), n=1, cutoff=0.75)
    return matches[0] if matches else None


def allowed_keys(document: LintDocument, parent: DataPath) -> frozenset[str]:
    """The keys the schema allows in the mapping at `parent` (empty when not knowable)."""
    assert document.version is not None
    return _allowed_keys(document.kind, document.version, parent)


@functools.lru_cache(maxsize=1024)
def _allowed_keys(kind: FileKind, version: str, parent: DataPath) -> frozenset[str]:
    from dexto_config.models.lite.runtime import allowed_keys as schema_keys

    return schema_keys(kind.value, version, parent)
