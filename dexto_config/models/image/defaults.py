"""The `defaults` of Dexto's bundled images, per release.

Read from packages/image-local/src/index.ts (`imageLocal.defaults`);
image-logger-agent spreads image-local, so it has the same defaults.
"""

from __future__ import annotations

from dexto_config.models.image.releases import (
    CREATOR_TOOLS_SINCE,
    PLAN_PROMPT_FLAG_DROPPED_SINCE,
    since,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_TOOL_TYPES_BEFORE_SPAWNER = (
    "builtin-tools",
    "filesystem-tools",
    "process-tools",
    "todo-tools",
    "plan-tools",
    "scheduler-tools",
    "lifecycle-tools",
)
_PLAN_MODE_PROMPT_TEXT = "\n".join(
    (
        "You are in PLAN MODE.",
        "",
        "Goal: produce a concrete implementation plan before making changes.",
        "",
        "Rules:",
        "- Ask clarifying questions only if required to create a correct plan.",
        "- Write a short, ordered checklist in markdown using `- [ ]` items.",
        "- Do not start implementing until the user approves the plan.",
        "",
        "Plan tools:",
        "- Create a plan: `plan_create`",
        "- Update a plan: `plan_update`",
        "- Read the current plan: `plan_read`",
        "- Request user approval: `plan_review`",
        "",
        "After drafting the plan, call `plan_create` (or `plan_update` if it already exists), "
        "then call `plan_review`.",
    )
)


def image_local_defaults(version: str) -> dict[str, Any]:
    """A fresh copy of image-local's `defaults` at Dexto `version` (1.6.0 or later)."""
    return {
        "storage": _default_storage(),
        "tools": [{"type": name} for name in default_tool_types(version)],
        "prompts": [_plan_mode_prompt(version)],
    }


def _default_storage() -> dict[str, Any]:
    """image-local's storage defaults, a fresh copy each time (no `copy` to import)."""
    return {
        "blob": {"type": "local", "storePath": "./data/blobs"},
        "database": {"type": "sqlite", "path": "./data/agent.db"},
        "cache": {"type": "in-memory"},
    }


def default_tool_types(version: str) -> tuple[str, ...]:
    """The `type` of each tools entry image-local gives an agent whose file has no `tools`."""
    creator = ("creator-tools",) if since(version, CREATOR_TOOLS_SINCE) else ()
    return (*_TOOL_TYPES_BEFORE_SPAWNER, *creator, "agent-spawner")


def _plan_mode_prompt(version: str) -> dict[str, Any]:
    prompt: dict[str, Any] = {
        "type": "inline",
        "id": "dexto-plan-mode",
        "title": "Plan Mode",
        "description": (
            "Internal prompt used by the CLI plan mode toggle. This is injected into the "
            "first user message when plan mode is enabled."
        ),
        "user-invocable": False,
    }
    if not since(version, PLAN_PROMPT_FLAG_DROPPED_SINCE):
        prompt["disable-model-invocation"] = True
    prompt["prompt"] = _PLAN_MODE_PROMPT_TEXT
    return prompt
