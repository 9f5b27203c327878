"""Placing a file without a version marker among Dexto's releases by its shape (DESIGN §11.2).

Each known release accepts some keys and values and refuses others; the keys a
file uses bound the releases it can belong to (its candidates). The newest
candidate is its version, unless a release inside the candidates would change
what this very file does (no `tools` key: no tools before 1.6.0, the image's
tools from 1.6.0): then the file's release cannot be told from its shape.

Pure: parsed data in, a `Placement` out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from dexto_config.kinds import FileKind
from dexto_config.records import Record
from dexto_config.versions import (
    AGENT_PRE_SEED_VERSIONS,
    KNOWN_VERSIONS,
    PRE_SEED_VERSIONS,
    PREFERENCES_SINCE,
    version_key,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_ROUTEABLE = frozenset({"anthropic", "openai", "google", "groq", "xai", "cohere", "openrouter"})
_TOOL_KEYS = ("tools", "internalTools", "customTools")
_SKILL_PROMPT_FIELDS = ("disable-model-invocation", "allowed-tools", "model", "context", "agent")
_NEW_SOUNDS = ("onStartup", "startupSoundFile", "approvalSoundFile", "completeSoundFile")
# An agent may come from before the seed (DESIGN §13): its releases are candidates too.
AGENT_RELEASES = (*AGENT_PRE_SEED_VERSIONS, *KNOWN_VERSIONS)
PREFERENCES_RELEASES = tuple(
    v
    for v in (*PRE_SEED_VERSIONS, *KNOWN_VERSIONS)
    if version_key(v) >= version_key(PREFERENCES_SINCE)
)
# File and process tools, which left `internalTools` in 1.5.1.
_GROUPED_TOOLS = frozenset(
    {"read_file", "write_file", "edit_file", "glob_files", "grep_content"}
    | {"bash_exec", "bash_output", "kill_process"}
)
# Absolute (POSIX or Windows), home-relative, or templated: not resolved from the folder.
_NOT_RELATIVE = ("/", "\\", "~", "${{")


class Evidence(Record):
    """A key or value that only some releases accept: `since` up to, not including, `until`."""

    what: str
    path: tuple[str | int, ...]
    since: str | None = None
    until: str | None = None
    # Accepted again from this release on (a storage without blob: < 1.2.5, >= 1.6.0).
    resumes: str | None = None

    def admits(self, version: str) -> bool:
        """True when release `version` accepts this key or value."""
        key = version_key(version)
        if self.since is not None and key < version_key(self.since):
            return False
        if self.resumes is not None and key >= version_key(self.resumes):
            return True
        return self.until is None or key < version_key(self.until)

    @property
    def era(self) -> str:
        """The releases that accept it, for messages: 'Dexto < 1.6.0', 'Dexto 1.5.7-1.6.2'."""
        if self.until and self.resumes:
            return f"Dexto < {self.until} or >= {self.resumes}"
        if self.since and self.until:
            return f"Dexto {self.since} to {_before(self.until)}"
        if self.until:
            return f"Dexto < {self.until}"
        return f"Dexto >= {self.since}"


class Boundary(Record):
    """A release at which this file's behaviour changes without any key changing."""

    release: str
    why: str


class Placement(Record):
    """Where a file's shape puts it.

    `candidates` are the known releases that accept every piece of `evidence`
    (empty when the file mixes shapes no release accepts together); `version` is
    the newest candidate, or None when `ambiguity` names a release inside the
    candidates that would change what the file does.
    """

    candidates: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    ambiguity: Boundary | None

    @property
    def version(self) -> str | None:
        if not self.candidates or self.ambiguity is not None:
            return None
        return self.candidates[-1]

    def rejected_at(self, target: str) -> tuple[Evidence, ...]:
        """The evidence release `target` refuses (the keys that date the file)."""
        return tuple(item for item in self.evidence if not item.admits(target))


def place(kind: FileKind, data: Any) -> Placement:
    """Where the shape of `data`, a parsed file of `kind`, puts it among the known releases."""
    if not isinstance(data, dict):
        return Placement(KNOWN_VERSIONS, (), None)
    evidence = tuple(_EVIDENCE[kind](data)) if kind in _EVIDENCE else ()
    releases = _RELEASES.get(kind, KNOWN_VERSIONS)
    candidates = tuple(v for v in releases if all(item.admits(v) for item in evidence))
    ambiguity = None
    if kind is FileKind.AGENT and len(candidates) > 1:
        ambiguity = next(_agent_boundaries(data, candidates), None)
    elif kind is FileKind.PREFERENCES and len(candidates) > 1:
        ambiguity = next(_preferences_boundaries(data, candidates), None)
    return Placement(candidates, evidence, ambiguity)


def describe(evidence: tuple[Evidence, ...]) -> str:
    """The evidence as a short list for messages: '`toolConfirmation`, `internalTools`'."""
    return ", ".join(dict.fromkeys(item.what for item in evidence))


# --- evidence -------------------------------------------------------------------


def _agent_evidence(data: dict[str, Any]) -> Iterator[Evidence]:
    for key in ("toolConfirmation", "internalTools", "customTools", "internalResources", "plugins"):
        if key in data:
            yield Evidence(f"`{key}`", (key,), until="1.6.0")
    for key in ("permissions", "resources", "hooks"):
        if key in data:
            yield Evidence(f"`{key}`", (key,), since="1.6.0")
    tools = data.get("tools")
    if isinstance(tools, dict):
        yield Evidence("a `tools` map of output limits", ("tools",), until="1.6.0")
    elif isinstance(tools, list):
        yield Evidence("a `tools` list", ("tools",), since="1.6.0")
    if "agentFile" in data:
        yield Evidence("`agentFile`", ("agentFile",), since="1.5.8")
    internal = data.get("internalTools")
    if isinstance(internal, list) and "ask_user" in internal:
        index = internal.index("ask_user")
        yield Evidence("`ask_user`", ("internalTools", index), since="1.1.11")
    if isinstance(internal, list) and "invoke_skill" in internal:
        index = internal.index("invoke_skill")
        yield Evidence("`invoke_skill`", ("internalTools", index), since="1.5.7")
    yield from _llm_evidence(data.get("llm"))
    yield from _prompt_evidence(data.get("prompts"))
    yield from _permission_evidence(data.get("permissions"))
    storage = data.get("storage")
    if isinstance(storage, dict) and "blob" not in storage:
        # Its default until 1.2.5, required up to 1.6.0, the image's default from 1.6.0.
        yield Evidence("a `storage` without `blob`", ("storage",), until="1.2.5", resumes="1.6.0")
    if _mentions(data, "dexto.project_dir"):
        yield Evidence("`${{dexto.project_dir}}`", (), since="1.6.0")
    yield from _pre_seed_evidence(data)


def _pre_seed_evidence(data: dict[str, Any]) -> Iterator[Evidence]:
    """Shapes that releases before the seed wrote and a later one removed (DESIGN §13)."""
    if "starterPrompts" in data:
        yield Evidence("`starterPrompts`", ("starterPrompts",), until="1.2.6")
    llm = data.get("llm")
    if isinstance(llm, dict):
        for key, until in (("maxTokens", "0.2.7"), ("systemPrompt", "0.3.0"), ("router", "1.4.0")):
            if key in llm:
                yield Evidence(f"`llm.{key}`", ("llm", key), until=until)
    card = data.get("agentCard")
    if isinstance(card, dict) and "authentication" in card:
        path = ("agentCard", "authentication")
        yield Evidence("`agentCard.authentication`", path, until="1.2.5")
    for key, since in (("elicitation", "1.2.5"), ("compaction", "1.5.1")):
        if key in data:
            yield Evidence(f"`{key}`", (key,), since=since)
    if isinstance(data.get("tools"), dict):
        yield Evidence("a `tools` map of output limits", ("tools",), since="1.4.0")
    if isinstance(data.get("customTools"), list):
        yield Evidence("`customTools`", ("customTools",), since="1.5.1")
    confirmation = data.get("toolConfirmation")
    if isinstance(confirmation, dict) and confirmation.get("mode") == "event-based":
        yield Evidence("`mode: event-based`", ("toolConfirmation", "mode"), until="1.2.5")
    internal = data.get("internalTools")
    for index, name in enumerate(internal if isinstance(internal, list) else []):
        if isinstance(name, str) and name in _GROUPED_TOOLS:
            yield Evidence(f"`{name}` in `internalTools`", ("internalTools", index), until="1.5.1")
    yield from _contributor_evidence(data.get("systemPrompt"))


def _contributor_evidence(system_prompt: Any) -> Iterator[Evidence]:
    contributors = system_prompt.get("contributors") if isinstance(system_prompt, dict) else None
    for index, contributor in enumerate(contributors if isinstance(contributors, list) else []):
        if not isinstance(contributor, dict):
            continue
        at = ("systemPrompt", "contributors", index)
        source = contributor.get("source")
        if source == "dateTime":
            yield Evidence("`source: dateTime`", (*at, "source"), until="1.5.1")
        elif source == "date":
            yield Evidence("`source: date`", (*at, "source"), since="1.5.1")
        if contributor.get("type") == "memory":
            yield Evidence("a memory contributor", (*at, "type"), until="1.2.6")
        files = contributor.get("files") if contributor.get("type") == "file" else None
        for number, name in enumerate(files if isinstance(files, list) else []):
            if isinstance(name, str) and name and not name.startswith(_NOT_RELATIVE):
                path = (*at, "files", number)
                yield Evidence("a relative contributor file", path, until="1.1.11")


def _llm_evidence(llm: Any, at: tuple[str | int, ...] = ("llm",)) -> Iterator[Evidence]:
    yield from _provider_evidence(llm, at)
    if not isinstance(llm, dict):
        return
    if "reasoningEffort" in llm:
        yield Evidence("`reasoningEffort`", (*at, "reasoningEffort"), until="1.6.2")
    if "reasoning" in llm:
        yield Evidence("`reasoning`", (*at, "reasoning"), since="1.6.2")


def _provider_evidence(llm: Any, at: tuple[str | int, ...]) -> Iterator[Evidence]:
    if not isinstance(llm, dict):
        return
    provider = llm.get("provider")
    if provider == "dexto":
        yield Evidence("`provider: dexto`", (*at, "provider"), until="1.5.8")
    elif provider == "dexto-nova":
        yield Evidence("`provider: dexto-nova`", (*at, "provider"), since="1.5.8")
    elif provider in ("minimax", "glm"):
        yield Evidence(f"`provider: {provider}`", (*at, "provider"), since="1.5.7")


def _prompt_evidence(prompts: Any) -> Iterator[Evidence]:
    if not isinstance(prompts, list):
        return
    for index, prompt in enumerate(prompts):
        if not isinstance(prompt, dict):
            continue
        for field in _SKILL_PROMPT_FIELDS:
            if field in prompt:
                path = ("prompts", index, field)
                yield Evidence(f"prompt `{field}`", path, since="1.5.7", until="1.8.0")
        for field in ("user-invocable", "namespace"):
            if field in prompt:
                yield Evidence(f"prompt `{field}`", ("prompts", index, field), since="1.5.7")


def _permission_evidence(permissions: Any) -> Iterator[Evidence]:
    if not isinstance(permissions, dict):
        return
    if permissions.get("mode") == "auto-deny":
        yield Evidence("`mode: auto-deny`", ("permissions", "mode"), until="1.8.0")
    policies = permissions.get("toolPolicies")
    if isinstance(policies, dict) and "alwaysDeny" in policies:
        path = ("permissions", "toolPolicies", "alwaysDeny")
        yield Evidence("`alwaysDeny`", path, until="1.8.0")


def _preferences_evidence(data: dict[str, Any]) -> Iterator[Evidence]:
    defaults = data.get("defaults")
    if isinstance(defaults, dict) and "defaultMode" in defaults:
        yield Evidence("`defaults.defaultMode`", ("defaults", "defaultMode"), since="1.2.0")
    llm = data.get("llm")
    if isinstance(llm, dict):
        for key in ("baseURL", "reasoningEffort"):
            if key in llm:
                yield Evidence(f"`llm.{key}`", ("llm", key), since="1.5.1")
        if "apiKey" not in llm:
            yield Evidence("an `llm` without `apiKey`", ("llm",), since="1.5.1")
    setup = data.get("setup")
    for key in ("apiKeyPending", "baseURLPending"):
        if isinstance(setup, dict) and key in setup:
            yield Evidence(f"`setup.{key}`", ("setup", key), since="1.5.1")
    if "sounds" in data:
        yield Evidence("`sounds`", ("sounds",), since="1.5.4")
    if "preferDextoCredits" in data:
        yield Evidence("`preferDextoCredits`", ("preferDextoCredits",), until="1.5.6")
    yield from _llm_evidence(data.get("llm"))
    sounds = data.get("sounds")
    if isinstance(sounds, dict):
        for key in _NEW_SOUNDS:
            if key in sounds:
                yield Evidence(f"`sounds.{key}`", ("sounds", key), since="1.6.1")


def _custom_models_evidence(data: dict[str, Any]) -> Iterator[Evidence]:
    models = data.get("models")
    if not isinstance(models, list):
        return
    # A custom model's unknown keys are dropped, not refused, so only its provider dates it
    # (1.6.2 silently drops an old `reasoningEffort`).
    for index, model in enumerate(models):
        yield from _provider_evidence(model, ("models", index))


_RELEASES: dict[FileKind, tuple[str, ...]] = {
    FileKind.AGENT: AGENT_RELEASES,
    FileKind.PREFERENCES: PREFERENCES_RELEASES,
}

_EVIDENCE: dict[FileKind, Callable[[dict[str, Any]], Iterator[Evidence]]] = {
    FileKind.AGENT: _agent_evidence,
    FileKind.PREFERENCES: _preferences_evidence,
    FileKind.CUSTOM_MODELS: _custom_models_evidence,
}

# --- behaviour boundaries ---------------------------------------------------------


def _agent_boundaries(data: dict[str, Any], candidates: tuple[str, ...]) -> Iterator[Boundary]:
    """The releases inside `candidates` that change what this agent does, most telling first."""
    if _straddles(candidates, "1.6.0") and not any(key in data for key in _TOOL_KEYS):
        yield Boundary(
            "1.6.0",
            "the file configures no tools: before 1.6.0 that means none (or only the plan "
            "tools), from 1.6.0 the image's default tools, filesystem and process included",
        )
    if _straddles(candidates, "1.5.7") and not _lists_plan_tools(data.get("customTools")):
        yield Boundary(
            "1.5.7",
            "Dexto 1.5.7 and 1.5.8 add the plan tools to every agent, earlier releases do not",
        )
    yield from _routing_boundary(data.get("llm"), candidates)
    yield from _written_out_defaults(data, candidates)


def _written_out_defaults(data: dict[str, Any], candidates: tuple[str, ...]) -> Iterator[Boundary]:
    """Releases before the seed whose new default changes an agent that leaves the key out."""
    confirmation = data.get("toolConfirmation")
    if _straddles(candidates, "1.2.5") and not _names(confirmation, "mode"):
        yield Boundary(
            "1.2.5",
            "the file names no toolConfirmation.mode: before 1.2.5 tools ran only once "
            "approved, from 1.2.5 they are approved automatically",
        )
    if _can_elicit(data) and not _names(data.get("elicitation"), "enabled"):
        yield from _elicitation_boundary(candidates)
    if _straddles(candidates, "1.4.0") and _waits_without_timeout(data):
        yield Boundary(
            "1.4.0",
            "the file asks for approvals or allows elicitation without a timeout: before "
            "1.4.0 an unanswered request was given up after 2 minutes, from 1.4.0 it waits",
        )
    llm = data.get("llm")
    if _straddles(candidates, "1.5.2") and isinstance(llm, dict) and "maxIterations" not in llm:
        yield Boundary(
            "1.5.2",
            "the file sets no llm.maxIterations: a turn stopped after 50 tool calls "
            "before 1.5.2, it has no cap from 1.5.2",
        )


def _elicitation_boundary(candidates: tuple[str, ...]) -> Iterator[Boundary]:
    """Elicitation left to the default: none before 1.1.11, on from 1.1.11, off from 1.3.0."""
    on = [c for c in candidates if _within(c, "1.1.11", "1.3.0")]
    if not on or len(on) == len(candidates):
        return
    release = "1.1.11" if version_key(candidates[0]) < version_key("1.1.11") else "1.3.0"
    yield Boundary(
        release,
        "the file does not set elicitation.enabled: MCP servers and ask_user could ask the "
        "user from 1.1.11 to 1.2.6, not before 1.1.11 (no elicitation) nor from 1.3.0 (off)",
    )


def _can_elicit(data: dict[str, Any]) -> bool:
    """True when the agent lists `ask_user`, the tool that asks the user through elicitation.

    An MCP server may ask too, but few do, and counting every file with a server would
    ask nearly every 2025 file for --from; that rare difference is not counted.
    """
    internal = data.get("internalTools")
    return isinstance(internal, list) and "ask_user" in internal


def _waits_without_timeout(data: dict[str, Any]) -> bool:
    confirmation, elicitation = data.get("toolConfirmation"), data.get("elicitation")
    asks = isinstance(confirmation, dict) and confirmation.get("mode") == "manual"
    elicits = isinstance(elicitation, dict) and elicitation.get("enabled") is True
    return (asks and not _names(confirmation, "timeout")) or (
        elicits and not _names(elicitation, "timeout")
    )


def _within(release: str, since: str, until: str) -> bool:
    return version_key(since) <= version_key(release) < version_key(until)


def _preferences_boundaries(
    data: dict[str, Any], candidates: tuple[str, ...]
) -> Iterator[Boundary]:
    """The releases inside `candidates` that change what these preferences do."""
    if _straddles(candidates, "1.2.0") and not _names(data.get("defaults"), "defaultMode"):
        yield Boundary(
            "1.2.0",
            "the file sets no defaults.defaultMode: `dexto` without --mode started the CLI "
            "before 1.2.0, the web UI from 1.2.0",
        )
    yield from _routing_boundary(data.get("llm"), candidates)


def _names(section: Any, key: str) -> bool:
    return isinstance(section, dict) and key in section


def _routing_boundary(llm: Any, candidates: tuple[str, ...]) -> Iterator[Boundary]:
    if not _straddles(candidates, "1.5.6") or not isinstance(llm, dict):
        return
    if llm.get("provider") in _ROUTEABLE or llm.get("provider") == "dexto":
        yield Boundary(
            "1.5.6",
            f"before 1.5.6 `provider: {llm.get('provider')}` could be routed through the Dexto "
            "gateway depending on the login state; from 1.5.6 it is the backend",
        )


def _straddles(candidates: tuple[str, ...], release: str) -> bool:
    key = version_key(release)
    return version_key(candidates[0]) < key <= version_key(candidates[-1])


def _lists_plan_tools(custom_tools: Any) -> bool:
    return isinstance(custom_tools, list) and any(
        isinstance(entry, dict) and entry.get("type") == "plan-tools" for entry in custom_tools
    )


def _mentions(value: Any, text: str) -> bool:
    """True when some string value in `value` contains `text` (keys are not looked at)."""
    # A stack, not recursion through generators: every agent file is walked whole.
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if text in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _before(release: str) -> str:
    """The last known release before `release`."""
    earlier = [v for v in AGENT_RELEASES if version_key(v) < version_key(release)]
    return earlier[-1] if earlier else release
