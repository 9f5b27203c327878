"""DX6xx: shapes no Dexto release ever accepted, from saiki 0.1 to the newest (DESIGN §13).

Real files carry them (drafts, examples written ahead of a feature that took
another form). No step rewrites them: the finding says no release took the
shape and, where it is clear, what the key probably meant; a person decides.
"""

from __future__ import annotations

from collections.abc import Iterator

from dexto_config.kinds import FileKind
from dexto_config.lint import rulebook
from dexto_config.lint.document import LintDocument
from dexto_config.lint.findings import Violation
from dexto_config.lint.rule import RuleContext, rule
from dexto_config.yamlio.positions import DataPath

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

NEVER = "no Dexto release ever accepted"
# Top-level keys no release had, and what each probably meant.
_TOP_LEVEL = {
    "name": "agentCard.name (the agent's name)",
    "description": "agentCard.description",
    "session": "sessions (maxSessions, sessionTTL)",
    "logging": "logger (level, transports)",
    "blobStorage": "storage.blob",
}
_PROMPT_LISTS = ("prompts", "starterPrompts")
_STORAGE_SECTIONS = ("cache", "database", "blob")
_RESOURCE_LISTS = ("internalResources", "resources")


@rule(rulebook.NEVER_ACCEPTED_SHAPE)
def never_accepted_shape(document: LintDocument, context: RuleContext) -> Iterator[Violation]:
    if document.kind is not FileKind.AGENT:
        return
    data = document.mapping
    for path, message in _shapes(data):
        yield Violation(document.key_at(path), message)


def _shapes(data: dict[str, Any]) -> Iterator[tuple[DataPath, str]]:
    for key, meant in _TOP_LEVEL.items():
        if key in data:
            yield (key,), f"top-level `{key}`: {NEVER} it; it probably meant {meant}"
    for key in _PROMPT_LISTS:
        prompts = data.get(key)
        for index, prompt in enumerate(prompts if isinstance(prompts, list) else []):
            if isinstance(prompt, dict) and "icon" in prompt:
                yield (
                    (key, index, "icon"),
                    f"{key}[{index}].icon: {NEVER} a prompt icon; put an emoji in its title",
                )
    system = data.get("systemPrompt")
    contributors = system.get("contributors") if isinstance(system, dict) else None
    for index, contributor in enumerate(contributors if isinstance(contributors, list) else []):
        if isinstance(contributor, dict) and "priority" not in contributor:
            yield (
                ("systemPrompt", "contributors", index),
                f"systemPrompt.contributors[{index}] has no priority: {NEVER} a contributor "
                "without one (lower numbers come first in the prompt)",
            )
    yield from _storage_shapes(data.get("storage"))
    yield from _blob_resource_shapes(data)
    if isinstance(data.get("plugins"), list):
        yield (
            ("plugins",),
            f"`plugins` as a list: {NEVER} it; up to 1.5.8 it maps built-in plugin names "
            "to their options, from 1.6.0 `hooks:` is the list",
        )
    if isinstance(data.get("customTools"), dict):
        yield (
            ("customTools",),
            f"`customTools` as a mapping: {NEVER} it; it is a list of `{{type: ...}}` "
            "entries (from 1.6.0 under `tools:`)",
        )


def _storage_shapes(storage: Any) -> Iterator[tuple[DataPath, str]]:
    for section in _STORAGE_SECTIONS:
        backend = storage.get(section) if isinstance(storage, dict) else None
        if isinstance(backend, dict) and backend.get("type") == "memory":
            yield (
                ("storage", section, "type"),
                f"storage.{section}.type: memory: {NEVER} it; it probably meant in-memory",
            )


def _blob_resource_shapes(data: dict[str, Any]) -> Iterator[tuple[DataPath, str]]:
    for key in _RESOURCE_LISTS:
        section = data.get(key)
        listed = section.get("resources") if isinstance(section, dict) else section
        at: DataPath = (key, "resources") if isinstance(section, dict) else (key,)
        for index, resource in enumerate(listed if isinstance(listed, list) else []):
            if not isinstance(resource, dict) or resource.get("type") != "blob":
                continue
            for setting in sorted(set(resource) - {"type"}):
                yield (
                    (*at, index, setting),
                    f"a blob resource's `{setting}`: {NEVER} it; a blob resource only turns "
                    f"the provider on, its limits probably belong under storage.blob",
                )
