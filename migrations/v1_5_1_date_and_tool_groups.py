"""1.5.1: `source: dateTime` is `date`; file and process tools leave `internalTools` (DESIGN §13).

- A dynamic contributor's `source: dateTime` is `date` from 1.5.1; the text it
  injects then names the day only, so the time of day is lost (a warning).
- `read_file`, `write_file`, `edit_file`, `glob_files`, `grep_content` moved to
  the `filesystem-tools` custom tool group, `bash_exec`, `bash_output`,
  `kill_process` to `process-tools`; policy names follow them
  (`internal--read_file` -> `custom--read_file`). A group grants all its tools:
  a part of the file tools is kept to that part by `enabledTools` (Dexto 1.5.3
  and later), and a part of the process tools, which no release can limit, is
  refused: the group would grant more than the file listed.
"""

from __future__ import annotations

from typing import Any

from dexto_config.migrate.step_api import (
    Change,
    DataPath,
    EditableDocument,
    Fragment,
    RefusedMigration,
    SourceLines,
    StepContext,
    StepResult,
    dotted,
    render_flow,
    version_key,
)

version = "1.5.1"
summary = "contributor source dateTime -> date; file and process tools -> customTools groups"
breaking = True

CONTRIBUTORS: DataPath = ("systemPrompt", "contributors")
POLICIES: DataPath = ("toolConfirmation", "toolPolicies")
# Each group's tools, in the order Dexto lists them.
GROUPS: dict[str, tuple[str, ...]] = {
    "filesystem-tools": ("read_file", "write_file", "edit_file", "glob_files", "grep_content"),
    "process-tools": ("bash_exec", "bash_output", "kill_process"),
}
# The first release whose filesystem-tools take `enabledTools`.
LIMITED_FILE_TOOLS = "1.5.3"
_MOVED = {name: group for group, names in GROUPS.items() for name in names}


def migrate_agent(document: EditableDocument, context: StepContext) -> StepResult:
    """Rename `dateTime` sources and move file and process tools into their groups."""
    result = StepResult()
    _date_sources(document, result)
    _tool_groups(document, context, result)
    return result


def _date_sources(document: EditableDocument, result: StepResult) -> None:
    contributors = document.find(CONTRIBUTORS)
    for index, contributor in enumerate(contributors if isinstance(contributors, list) else []):
        if not isinstance(contributor, dict) or contributor.get("source") != "dateTime":
            continue
        path = (*CONTRIBUTORS, index, "source")
        document.set_value(path, "date")
        reason = "Dexto 1.5.1 renamed the dynamic source dateTime to date"
        result.changes.append(Change(path, "dateTime", "date", reason))
        result.warn_at(
            f"{dotted(path)}: dateTime became date; from Dexto 1.5.1 the system prompt "
            "names the day only, without the time of day",
            document.position(path),
        )


def _tool_groups(document: EditableDocument, context: StepContext, result: StepResult) -> None:
    internal = document.find(("internalTools",))
    if not isinstance(internal, list):
        return
    moved = [name for name in internal if isinstance(name, str) and name in _MOVED]
    if not moved:
        return
    found = (_group_entry(group, moved, context) for group in GROUPS)
    entries = [entry for entry in found if entry is not None]
    custom = document.find(("customTools",))
    if custom is not None and not isinstance(custom, list):
        raise RefusedMigration("`customTools` is not a list; fix it, then migrate again")
    taken = {entry.get("type") for entry in custom or [] if isinstance(entry, dict)}
    for entry in entries:
        if entry["type"] in taken:
            raise RefusedMigration(
                f"internalTools lists {entry['type']} tools that Dexto 1.5.1 moved to the "
                f"customTools group {entry['type']}, which this file already has; merge "
                "them there by hand, then migrate again",
                ("internalTools",),
            )
    _keep_other_tools(document, internal)
    _add_groups(document, custom, entries)
    reason = "Dexto 1.5.1 moved the file and process tools to customTools groups"
    result.changes.append(
        Change(("internalTools",), internal, document.get(("internalTools",)), reason)
    )
    result.changes.append(Change(("customTools",), custom, document.get(("customTools",)), reason))
    _rename_policies(document, result)


def _group_entry(group: str, moved: list[str], context: StepContext) -> dict[str, Any] | None:
    names = GROUPS[group]
    listed = [name for name in names if name in moved]
    if not listed:
        return None
    if len(listed) == len(names):
        return {"type": group}
    target = context.target_version or version
    if group == "filesystem-tools" and version_key(target) >= version_key(LIMITED_FILE_TOOLS):
        return {"type": group, "enabledTools": listed}
    missing = ", ".join(name for name in names if name not in listed)
    raise RefusedMigration(
        f"internalTools lists {', '.join(listed)} but not {missing}: Dexto 1.5.1 moved "
        f"these tools to the customTools group {group}, which grants all of them, so the "
        f"agent would gain {missing}; Dexto {target} cannot limit that group: list all "
        "of them or none, then migrate again",
        ("internalTools",),
    )


def _keep_other_tools(document: EditableDocument, internal: list[Any]) -> None:
    kept = [(index, name) for index, name in enumerate(internal) if name not in _MOVED]
    values = [name for _index, name in kept]
    if not kept or document.is_flow(("internalTools",)):
        document.replace_value(("internalTools",), values)
        return
    lines = [SourceLines(("internalTools", index)) for index, _name in kept]
    document.replace_value(("internalTools",), values, lines)


def _add_groups(
    document: EditableDocument, custom: list[Any] | None, entries: list[dict[str, Any]]
) -> None:
    if custom is not None:
        if document.is_flow(("customTools",)) or not custom:
            document.replace_value(("customTools",), [*custom, *entries])
            return
        column = document.column(("customTools", 0))
        lines = _entry_lines(entries, column)
        document.insert_items(("customTools",), len(custom), entries, lines)
        return
    column = document.column(("internalTools",))
    new_lines = [f"{' ' * column}customTools:", *_entry_lines(entries, column + 2)]
    document.add_key((), "customTools", entries, after="internalTools", lines=new_lines)


def _entry_lines(entries: list[dict[str, Any]], column: int) -> list[Fragment]:
    pad = " " * column
    lines: list[Fragment] = []
    for entry in entries:
        lines.append(f"{pad}- type: {entry['type']}")
        if "enabledTools" in entry:
            lines.append(
                f"{pad}  enabledTools: {render_flow(entry['enabledTools'], as_json=False)}"
            )
    return lines


def _rename_policies(document: EditableDocument, result: StepResult) -> None:
    for policy in ("alwaysAllow", "alwaysDeny"):
        path = (*POLICIES, policy)
        names = document.find(path)
        for index, name in enumerate(names if isinstance(names, list) else []):
            if isinstance(name, str) and name.startswith("internal--"):
                rest = name.removeprefix("internal--")
                tool = rest.split("--", 1)[0]
                if tool in _MOVED:
                    new_name = f"custom--{rest}"
                    document.set_value((*path, index), new_name)
                    reason = f"Dexto 1.5.1 serves {tool} from the custom tool group {_MOVED[tool]}"
                    result.changes.append(Change((*path, index), name, new_name, reason))
