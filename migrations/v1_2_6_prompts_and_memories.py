"""1.2.6: `starterPrompts` become `prompts`; a memory contributor becomes `memories` (DESIGN §13).

- Each `starterPrompts[]` entry is an inline prompt shown among the starters:
  the list is renamed `prompts` in place and each entry gains `type: inline`
  and `showInStarters: true`; an entry without `title` gets the one Dexto gave
  a starter prompt (its id, dashes as spaces), written out.
- A contributor of `type: memory` becomes the top-level `memories` block with
  its `priority`, its `enabled` (written out: `memories` is off by default,
  a contributor was on) and its `options`, whose lines move as they were.
- A dynamic contributor with `source: memorySummary` has no successor: refused.
"""

from __future__ import annotations

from typing import Any

from dexto_config.migrate.step_api import (
    REMOVED,
    Change,
    DataPath,
    EditableDocument,
    Fragment,
    RefusedMigration,
    SourceLines,
    StepContext,
    StepResult,
    render_yaml,
)

version = "1.2.6"
summary = "starterPrompts -> prompts (inline, showInStarters); memory contributor -> memories"
breaking = True

CONTRIBUTORS: DataPath = ("systemPrompt", "contributors")
STARTERS = "starterPrompts"
_STARTER_FIELDS = {"type": "inline", "showInStarters": True}


def migrate_agent(document: EditableDocument, context: StepContext) -> StepResult:
    """Turn starter prompts into prompts and a memory contributor into `memories`."""
    _refuse_memory_summary(document)
    result = StepResult()
    _starter_prompts(document, result)
    _memories(document, result)
    return result


def _refuse_memory_summary(document: EditableDocument) -> None:
    contributors = document.find(CONTRIBUTORS)
    for index, contributor in enumerate(contributors if isinstance(contributors, list) else []):
        if isinstance(contributor, dict) and contributor.get("source") == "memorySummary":
            raise RefusedMigration(
                "a dynamic contributor with source: memorySummary was removed in Dexto 1.2.6 "
                "with no successor; 1.2.6 offers the top-level `memories` block (the memories "
                "themselves in the system prompt): use it or remove the contributor, then "
                "migrate again",
                (*CONTRIBUTORS, index, "source"),
            )


def _starter_prompts(document: EditableDocument, result: StepResult) -> None:
    starters = document.find((STARTERS,))
    if not document.has((STARTERS,)):
        return
    if document.has(("prompts",)):
        raise RefusedMigration(
            "the file has both starterPrompts and prompts; Dexto 1.2.6 keeps only prompts "
            "(a starter prompt is an inline prompt with showInStarters: true): move them "
            "there by hand, then migrate again",
            (STARTERS,),
        )
    document.rename_key((STARTERS,), "prompts")
    for index, entry in enumerate(starters if isinstance(starters, list) else []):
        if not isinstance(entry, dict):
            continue
        prompt_id = entry.get("id")
        if "title" not in entry and isinstance(prompt_id, str):
            document.add_key(("prompts", index), "title", prompt_id.replace("-", " "), after="id")
        for key, value in _STARTER_FIELDS.items():
            if key not in entry:
                document.add_key(("prompts", index), key, value)
    reason = "Dexto 1.2.6 made starter prompts inline prompts shown among the starters"
    result.changes.append(Change((STARTERS,), starters, document.get(("prompts",)), reason))


def _memories(document: EditableDocument, result: StepResult) -> None:
    contributors = document.find(CONTRIBUTORS)
    if not isinstance(contributors, list):
        return
    memory = [
        i for i, c in enumerate(contributors) if isinstance(c, dict) and c.get("type") == "memory"
    ]
    if not memory:
        return
    if len(memory) > 1 or document.has(("memories",)):
        raise RefusedMigration(
            "Dexto 1.2.6 replaced memory contributors with one top-level `memories` block; "
            "this file has more than one place for memories: keep one, then migrate again",
            (*CONTRIBUTORS, memory[-1]),
        )
    index = memory[0]
    contributor = contributors[index]
    value = _memories_value(contributor)
    lines = _memories_lines(document, index, value)
    _remove_contributor(document, contributors, index)
    document.add_key((), "memories", value, after="systemPrompt", lines=lines)
    reason = "Dexto 1.2.6 moved memory contributors to the top-level memories block"
    result.changes.append(Change((*CONTRIBUTORS, index), contributor, REMOVED, reason))
    result.changes.append(Change(("memories",), None, value, reason))


def _memories_value(contributor: dict[str, Any]) -> dict[str, Any]:
    value: dict[str, Any] = {"enabled": contributor.get("enabled", True)}
    if "priority" in contributor:
        value["priority"] = contributor["priority"]
    options = contributor.get("options")
    if isinstance(options, dict):
        value.update(options)
    elif options is not None:
        raise RefusedMigration("a memory contributor's options are not a mapping; fix them first")
    return value


def _memories_lines(
    document: EditableDocument, index: int, value: dict[str, Any]
) -> list[Fragment]:
    options_path = (*CONTRIBUTORS, index, "options")
    options = document.find(options_path)
    lines: list[Fragment] = ["memories:"]
    own = [key for key in value if not isinstance(options, dict) or key not in options]
    lines += [f"  {key}: {render_yaml(value[key], style='', in_flow=False)}" for key in own]
    if isinstance(options, dict) and options:
        if document.is_flow(options_path):
            lines += [
                f"  {key}: {render_yaml(v, style='', in_flow=False)}" for key, v in options.items()
            ]
        else:
            first = (*options_path, next(iter(options)))
            lines.append(
                SourceLines(options_path, shift=2 - document.column(first), value_only=True)
            )
    return lines


def _remove_contributor(document: EditableDocument, contributors: list[Any], index: int) -> None:
    kept = [i for i in range(len(contributors)) if i != index]
    values = [contributors[i] for i in kept]
    if not kept or document.is_flow(CONTRIBUTORS):
        document.replace_value(CONTRIBUTORS, values)
        return
    document.replace_value(CONTRIBUTORS, values, [SourceLines((*CONTRIBUTORS, i)) for i in kept])
