"""The tool names each bundled tool factory offers, per Dexto release, and where a
refused name belongs (used by the factories' models and by their issues' hints)."""

from __future__ import annotations

from dexto_config.models.image.releases import (
    CREATOR_TOOLS_SINCE,
    READ_MEDIA_FILE_SINCE,
    READ_SKILL_SINCE,
    SKILL_REFRESH_SINCE,
    since,
)

# (name, first release offering it); order as in Dexto's name lists.
BUILTIN_TOOLS = (
    ("ask_user", "1.6.0"),
    ("delegate_to_url", "1.6.0"),
    ("list_resources", "1.6.0"),
    ("get_resource", "1.6.0"),
    ("invoke_skill", "1.6.0"),
    ("read_skill", READ_SKILL_SINCE),
    ("http_request", "1.6.0"),
    ("sleep", "1.6.0"),
    ("web_search", "1.6.0"),
    ("code_search", "1.6.0"),
)
FILESYSTEM_TOOLS = (
    ("read_file", "1.6.0"),
    ("read_media_file", READ_MEDIA_FILE_SINCE),
    ("write_file", "1.6.0"),
    ("edit_file", "1.6.0"),
    ("glob_files", "1.6.0"),
    ("grep_content", "1.6.0"),
)
PLAN_TOOLS = (
    ("plan_create", "1.6.0"),
    ("plan_read", "1.6.0"),
    ("plan_update", "1.6.0"),
    ("plan_review", "1.6.0"),
)
LIFECYCLE_TOOLS = (
    ("view_logs", "1.6.0"),
    ("search_history", "1.6.0"),
    ("memory_list", "1.6.0"),
    ("memory_get", "1.6.0"),
    ("memory_create", "1.6.0"),
    ("memory_update", "1.6.0"),
    ("memory_delete", "1.6.0"),
)
CREATOR_TOOLS = (
    ("skill_create", CREATOR_TOOLS_SINCE),
    ("skill_update", CREATOR_TOOLS_SINCE),
    ("skill_refresh", SKILL_REFRESH_SINCE),
    ("skill_search", CREATOR_TOOLS_SINCE),
    ("skill_list", CREATOR_TOOLS_SINCE),
    ("tool_catalog", CREATOR_TOOLS_SINCE),
)
_TOOL_NAMES_BY_FACTORY = (
    ("builtin-tools", BUILTIN_TOOLS),
    ("filesystem-tools", FILESYSTEM_TOOLS),
    ("plan-tools", PLAN_TOOLS),
    ("lifecycle-tools", LIFECYCLE_TOOLS),
    ("creator-tools", CREATOR_TOOLS),
)
_OLD_TOOL_PREFIXES = ("internal--", "custom--")


def names_at(version: str, names: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """The names of `names` that Dexto `version` offers."""
    return tuple(name for name, first in names if since(version, first))


def tool_name_hint(name: str, version: str) -> str | None:
    """Where a tool name that one factory refused belongs at `version`, if anywhere.

    Covers the two 1.6.0 moves (names lost their `internal--`/`custom--`
    prefix; `search_history` went from the built-ins to `lifecycle-tools`)
    and names that a later release adds.
    """
    for prefix in _OLD_TOOL_PREFIXES:
        if name.startswith(prefix):
            bare = name.removeprefix(prefix)
            return f"tool names have no '{prefix}' prefix since Dexto 1.6.0 (use '{bare}')"
    for factory, names in _TOOL_NAMES_BY_FACTORY:
        for known, first in names:
            if known != name:
                continue
            if not since(version, first):
                return f"'{name}' ({factory}) needs Dexto {first} or later"
            return f"'{name}' is a {factory} tool: list it in a {factory} entry"
    return None
