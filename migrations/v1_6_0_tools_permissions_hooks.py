"""1.6.0: tools, permissions, resources and hooks restructured (DESIGN §11, §11.1).

- `toolConfirmation` is renamed `permissions` (same inner shape), in place;
- tool names in policies lose their `internal--`/`custom--` prefixes (`mcp--` stays);
- `internalTools: [names]` and `customTools: [entries]` become one `tools:` list:
  a `builtin-tools` entry with `enabledTools`, `search_history` in a
  `lifecycle-tools` entry, then the custom entries, lines moved as they were;
- an agent without tools gets the tools its release gave it, written out,
  because 1.6.0 gives such an agent the image's default tools;
- `internalResources` becomes `resources` (list form only);
- the built-in `plugins` become `hooks` entries with the options 1.6.0 accepts.

Refused, because 1.6.0 has no equivalent: the old `tools:` map of per-tool
output limits, `plugins.custom` and `plugins.registry`.
"""

from __future__ import annotations

from typing import Any

from dexto_config.migrate.step_api import (
    REMOVED,
    Change,
    CommentsAbove,
    DataPath,
    EditableDocument,
    Fragment,
    RefusedMigration,
    SourceLines,
    StepContext,
    StepResult,
    render_flow,
    version_key,
)

version = "1.6.0"
summary = "toolConfirmation -> permissions; internalTools + customTools -> tools; plugins -> hooks"
breaking = True

SEARCH_HISTORY = "search_history"
PLAN_TOOLS = {"type": "plan-tools"}
_TOOL_PREFIXES = ("internal--", "custom--")
# From 1.5.7 up to (not including) 1.6.0 a bundled plan plugin gave every agent the plan tools.
_PLAN_PLUGIN_RELEASES = ("1.5.7", "1.6.0")
# The built-in plugins and the options image-local's 1.6.0 hook factories accept.
_HOOKS = {
    "contentPolicy": ("content-policy", ("maxInputChars", "redactEmails", "redactApiKeys")),
    "responseSanitizer": (
        "response-sanitizer",
        ("redactEmails", "redactApiKeys", "maxResponseLength"),
    ),
}
# Limits where 0 meant "no limit" up to 1.5.8; 1.6.0 takes only positive ones.
_LIMITS = ("maxInputChars", "maxResponseLength")
_DROPPED_PLUGIN_OPTIONS = {
    "priority": "1.6.0 runs hooks in the order of the `hooks:` list",
    "blocking": "1.6.0 hooks have no blocking switch",
}
_NO_YAML_PLUGINS = {
    "custom": "plugin modules loaded from a path",
    "registry": "plugins from the plugin registry",
}


def migrate_agent(document: EditableDocument, context: StepContext) -> StepResult:
    """Restructure an agent into the 1.6.0 shape, or refuse it untouched."""
    _refuse_what_has_no_equivalent(document, context)
    result = StepResult()
    _rename_tool_confirmation(document, result)
    _strip_prompt_tool_prefixes(document, result)
    _merge_tools(document, context, result)
    _rename_internal_resources(document, result)
    _plugins_to_hooks(document, result)
    return result


# -- refusals -------------------------------------------------------------------


def _refuse_what_has_no_equivalent(document: EditableDocument, context: StepContext) -> None:
    limits = document.find(("tools",))
    if isinstance(limits, list):
        raise RefusedMigration(
            "`tools` is already a list of tool factories, the shape of Dexto 1.6.0 and "
            f"later, in a file taken as Dexto {context.source_version}; migrate it with "
            "--from naming the release it was written for",
            ("tools",),
        )
    if isinstance(limits, dict) and limits:
        raise RefusedMigration(
            "`tools` (a map of per-tool output limits) was removed in Dexto 1.6.0, where "
            "`tools:` lists tool factories instead; 1.6.0 offers output limits only as "
            "factory options (e.g. process-tools' maxOutputBuffer): remove the map or move "
            "its limits there, then migrate again",
            ("tools",),
        )
    plugins = document.find(("plugins",))
    if isinstance(plugins, list) and plugins:
        # Dropped, its plugins (a tool filter among them, in real files) would stop applying.
        raise RefusedMigration(
            "`plugins` is a list, a shape no Dexto release accepted (up to 1.5.8 it maps "
            "built-in plugin names to their options; from 1.6.0 `hooks:` lists an image's "
            "hook factories): rewrite it as one of those, then migrate again",
            ("plugins",),
        )
    if not isinstance(plugins, dict):
        return
    for key, what in _NO_YAML_PLUGINS.items():
        if plugins.get(key):
            raise RefusedMigration(
                f"`plugins.{key}` ({what}) was removed in Dexto 1.6.0, which loads custom "
                "hooks only from an image's hook factories (no YAML form); package them "
                "in an image or remove them, then migrate again",
                ("plugins", key),
            )


# -- permissions -------------------------------------------------------------------


def _rename_tool_confirmation(document: EditableDocument, result: StepResult) -> None:
    if not document.has(("toolConfirmation",)):
        return
    document.rename_key(("toolConfirmation",), "permissions")
    reason = "Dexto 1.6.0 renamed toolConfirmation to permissions (same settings)"
    result.changes.append(Change(("toolConfirmation",), "toolConfirmation", "permissions", reason))
    for policy in ("alwaysAllow", "alwaysDeny"):
        _strip_tool_prefixes(document, ("permissions", "toolPolicies", policy), result)


def _strip_prompt_tool_prefixes(document: EditableDocument, result: StepResult) -> None:
    prompts = document.find(("prompts",))
    if isinstance(prompts, list):
        for index in range(len(prompts)):
            _strip_tool_prefixes(document, ("prompts", index, "allowed-tools"), result)


def _strip_tool_prefixes(document: EditableDocument, path: DataPath, result: StepResult) -> None:
    names = document.find(path)
    if not isinstance(names, list):
        return
    for index, name in enumerate(names):
        if isinstance(name, str) and name.startswith(_TOOL_PREFIXES):
            new_name = name.split("--", 1)[1]
            document.set_value((*path, index), new_name)
            reason = "Dexto 1.6.0 names internal and custom tools without a prefix"
            result.changes.append(Change((*path, index), name, new_name, reason))


# -- tools -----------------------------------------------------------------------


def _merge_tools(document: EditableDocument, context: StepContext, result: StepResult) -> None:
    internal = _list_or_none(document, "internalTools", result)
    custom = _list_or_none(document, "customTools", result)
    entries = _builtin_entries(internal or [])
    plan = _plan_tools_given(context.source_version, custom or [])
    # Left over: an empty map of tool limits or a null (a non-empty map was refused).
    leftover = document.has(("tools",))
    if leftover and (custom is not None or internal is not None):
        old = document.get(("tools",))
        document.remove_key(("tools",))
        reason = "an empty map of tool limits sets nothing; in 1.6.0 `tools:` lists tools"
        result.changes.append(Change(("tools",), old, REMOVED, reason))
    if custom is not None:
        _into_custom_tools(document, internal, entries, plan)
    elif internal is not None:
        _into_internal_tools(document, entries, plan)
    elif leftover:
        document.replace_value(("tools",), [PLAN_TOOLS] if plan else [])
    else:
        # Beside the agent's other capabilities (and not after a final block scalar).
        after = next((key for key in ("mcpServers", "llm") if document.has((key,))), None)
        document.add_key((), "tools", [PLAN_TOOLS] if plan else [], after=after)
    new = document.get(("tools",))
    source = context.source_version or "1.5.6"
    for key, old in (("internalTools", internal), ("customTools", custom)):
        if old is not None:
            reason = f"Dexto 1.6.0 lists every tool factory under tools: ({key} is gone)"
            result.changes.append(Change((key,), old, new, reason))
    if internal is None and custom is None:
        result.changes.append(Change(("tools",), None, new, _no_tools_reason(source, plan)))
    elif plan:
        reason = f"Dexto {source}'s plan plugin gave every agent the plan tools"
        result.changes.append(Change(("tools",), None, PLAN_TOOLS, reason))


def _list_or_none(document: EditableDocument, key: str, result: StepResult) -> list[Any] | None:
    """The list at top-level `key`; a null there (Dexto drops it) is removed."""
    if not document.has((key,)):
        return None
    value = document.get((key,))
    if value is None:
        document.remove_key((key,))
        result.changes.append(Change((key,), None, REMOVED, "an empty key sets nothing"))
        return None
    if not isinstance(value, list):
        raise RefusedMigration(f"`{key}` is not a list; fix it, then migrate again", (key,))
    return value


def _builtin_entries(internal: list[Any]) -> list[dict[str, Any]]:
    builtin = [name for name in internal if name != SEARCH_HISTORY]
    entries: list[dict[str, Any]] = []
    if builtin:
        entries.append({"type": "builtin-tools", "enabledTools": builtin})
    if SEARCH_HISTORY in internal:
        entries.append({"type": "lifecycle-tools", "enabledTools": [SEARCH_HISTORY]})
    return entries


def _plan_tools_given(source: str | None, custom: list[Any]) -> bool:
    first, after_last = _PLAN_PLUGIN_RELEASES
    if source is None or not version_key(first) <= version_key(source) < version_key(after_last):
        return False
    types = (entry.get("type") for entry in custom if isinstance(entry, dict))
    return PLAN_TOOLS["type"] not in types


def _no_tools_reason(source: str, plan: bool) -> str:
    given = "only the plan tools (its plan plugin)" if plan else "no tools"
    return (
        f"without `tools`, Dexto 1.6.0 gives an agent the image's default tools "
        f"(filesystem, process, ...); Dexto {source} gave this agent {given}, written out here"
    )


def _into_custom_tools(
    document: EditableDocument,
    internal: list[Any] | None,
    entries: list[dict[str, Any]],
    plan: bool,
) -> None:
    """customTools becomes `tools` in place; the internal tools' entries go first."""
    document.rename_key(("customTools",), "tools")
    block = not document.is_flow(("tools",))
    # Block-style internal tools move with their comments; flow-style ones are rewritten.
    moved = block and internal is not None and not document.is_flow(("internalTools",))
    if entries:
        if block:
            column = document.column(("tools", 0))
            lines = _entry_lines(document, ("internalTools",), entries, column, moved=moved)
            document.insert_items(("tools",), 0, entries, lines)
        else:
            document.insert_items(("tools",), 0, entries)
    if plan:
        length = len(document.get(("tools",)))
        lines = [f"{' ' * document.column(('tools', 0))}- type: plan-tools"] if block else []
        document.insert_items(("tools",), length, [PLAN_TOOLS], lines)
    if internal is not None:
        if entries and moved:
            document.remove_moved(("internalTools",))
        else:
            document.remove_key(("internalTools",))


def _into_internal_tools(
    document: EditableDocument, entries: list[dict[str, Any]], plan: bool
) -> None:
    """internalTools becomes `tools` in place, its items moved into the new entries."""
    value: list[Any] = [*entries, PLAN_TOOLS] if plan else list(entries)
    document.rename_key(("internalTools",), "tools")
    if not entries or document.is_flow(("tools",)):
        document.replace_value(("tools",), value)
        return
    # A new entry's `-` may sit two columns left of the items, so they need not move.
    column = max(0, document.column(("tools", 0)) - 2)
    lines = _entry_lines(document, ("tools",), entries, column, moved=False)
    if plan:
        lines.append(f"{' ' * column}- type: plan-tools")
    document.replace_value(("tools",), value, lines)


def _entry_lines(
    document: EditableDocument,
    tools_key: DataPath,
    entries: list[dict[str, Any]],
    column: int,
    *,
    moved: bool,
) -> list[Fragment]:
    """Block lines of the new entries at `column`, with the lines of the names at `tools_key`.

    `moved`: the names' entry leaves its place, so the comments above it come along.
    """
    names = document.get(tools_key)
    block_names = not document.is_flow(tools_key)
    pad = " " * column
    lines: list[Fragment] = []
    if moved:
        lines.append(CommentsAbove(tools_key, shift=column - document.column(tools_key)))
    for entry in entries:
        lines.append(f"{pad}- type: {entry['type']}")
        wanted = entry["enabledTools"]
        if not block_names:
            lines.append(f"{pad}  enabledTools: {render_flow(wanted, as_json=False)}")
            continue
        lines.append(f"{pad}  enabledTools:")
        for index, name in enumerate(names):
            if name in wanted:
                item = (*tools_key, index)
                shift = max(0, column + 2 - document.column(item))
                lines.append(SourceLines(item, shift=shift))
    return lines


# -- resources -------------------------------------------------------------------


def _rename_internal_resources(document: EditableDocument, result: StepResult) -> None:
    if not document.has(("internalResources",)):
        return
    old = document.get(("internalResources",))
    if old is None:
        document.remove_key(("internalResources",))
        result.changes.append(
            Change(("internalResources",), None, REMOVED, "an empty key sets nothing")
        )
        return
    document.rename_key(("internalResources",), "resources")
    reason = "Dexto 1.6.0 renamed internalResources to resources"
    if isinstance(old, dict):
        reason = _flatten_resources(document, old)
    result.changes.append(Change(("internalResources",), old, document.get(("resources",)), reason))


def _flatten_resources(document: EditableDocument, old: dict[str, Any]) -> str:
    """`{enabled, resources}` becomes the plain list 1.6.0 takes; returns the reason."""
    inner = old.get("resources") or []
    if old.get("enabled") is False or not inner:
        document.replace_value(("resources",), [])
        return (
            "Dexto 1.6.0 takes resources only as a list (no `enabled` switch); "
            "these resources were disabled, so the list is empty"
        )
    inner_path = ("resources", "resources")
    if document.is_flow(inner_path):
        document.replace_value(("resources",), inner)
    else:
        document.replace_value(("resources",), inner, [SourceLines(inner_path, value_only=True)])
    return "Dexto 1.6.0 takes resources only as a list; the enabled list is kept as it was"


# -- hooks -----------------------------------------------------------------------


def _plugins_to_hooks(document: EditableDocument, result: StepResult) -> None:
    if not document.has(("plugins",)):
        return
    plugins = document.get(("plugins",))
    if not isinstance(plugins, dict) or not any(
        isinstance(plugins.get(name), dict) for name in _HOOKS
    ):
        document.remove_key(("plugins",))
        reason = "no built-in plugin is configured; image-local has no default hooks"
        result.changes.append(Change(("plugins",), plugins, REMOVED, reason))
        return
    document.rename_key(("plugins",), "hooks")
    names = [name for name in plugins if name in _HOOKS and isinstance(plugins[name], dict)]
    entries = [_hook_entry(name, plugins[name], result) for name in names]
    if document.is_flow(("hooks",)) or any(document.is_flow(("hooks", n)) for n in names):
        document.replace_value(("hooks",), entries)
    else:
        document.replace_value(("hooks",), entries, _hook_lines(document, names, entries))
    reason = "Dexto 1.6.0 replaced plugins with a list of hooks"
    result.changes.append(Change(("plugins",), plugins, entries, reason))


def _hook_entry(name: str, options: dict[str, Any], result: StepResult) -> dict[str, Any]:
    hook_type, accepted = _HOOKS[name]
    entry: dict[str, Any] = {"type": hook_type}
    for option, value in options.items():
        if option in _LIMITS and value == 0:
            result.warnings.append(
                f"plugins.{name}.{option}: 0 was dropped: it meant no limit, which is the "
                f"default of the {hook_type} hook (1.6.0 takes only a positive limit)"
            )
        elif option == "enabled" or option in accepted:
            entry[option] = value
        elif option in _DROPPED_PLUGIN_OPTIONS:
            result.warnings.append(
                f"plugins.{name}.{option} was dropped: {_DROPPED_PLUGIN_OPTIONS[option]}"
            )
        else:
            result.warnings.append(
                f"plugins.{name}.{option} was dropped: the {hook_type} hook of Dexto 1.6.0 "
                "does not take it"
            )
    return entry


def _hook_lines(
    document: EditableDocument, names: list[str], entries: list[dict[str, Any]]
) -> list[Fragment]:
    """Each plugin's key line becomes `- type: ...`; its kept option lines follow as they were.

    The entries' `-` sits two columns left of the first kept option, so that
    option's lines need not move (others move to its column).
    """
    options = [
        ("hooks", name, option)
        for name, entry in zip(names, entries, strict=True)
        for option in entry
        if option != "type"
    ]
    first_column = document.column(("hooks", names[0]))
    dash = max(document.column(options[0]) - 2, 0) if options else first_column
    lines: list[Fragment] = []
    for name, entry in zip(names, entries, strict=True):
        path = ("hooks", name)
        lines.append(CommentsAbove(path, shift=dash - document.column(path)))
        lines.append(f"{' ' * dash}- type: {entry['type']}")
        for option in entry:
            if option != "type":
                shift = dash + 2 - document.column((*path, option))
                lines.append(SourceLines((*path, option), shift=shift))
    return lines
