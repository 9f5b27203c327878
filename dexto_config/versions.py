"""The releases this tool knows, their one order, and the first-line version marker (DESIGN §3).

Every comparison of two versions in the package goes through `version_key`;
the migration chain checks at load time that each step targets one of
`RELEASES`. Imports nothing at load time: the hook's no-op path checks
`--from-version` and `--to` with it on every Dexto start-up (DESIGN §9).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

# The seed's pair, then every real release that changed what a file may hold
# (DESIGN §3, §11); 1.10.4 changed no key but is the newest release known, and
# its model registry differs from 1.8.0's.
KNOWN_VERSIONS: tuple[str, ...] = (
    "1.5.4",
    "1.5.6",
    "1.5.7",
    "1.5.8",
    "1.6.0",
    "1.6.1",
    "1.6.2",
    "1.8.0",
    "1.10.4",
)
OLDEST_VERSION = KNOWN_VERSIONS[0]
# Releases before the seed whose changes to agent files the chain's first steps undo
# (DESIGN §13). They have no models: a file of one is judged at OLDEST_VERSION once
# those steps ran.
AGENT_PRE_SEED_VERSIONS: tuple[str, ...] = (
    "0.1.0",  # saiki's first release: the oldest shape (no step)
    "0.2.0",  # llm.apiKey env:NAME -> $NAME
    "0.2.7",  # llm.maxTokens -> llm.maxInputTokens; llm.providerOptions removed
    "0.2.8",  # strict schemas; MCP http baseUrl -> url
    "0.3.0",  # llm.systemPrompt -> top-level systemPrompt
    "1.1.11",  # relative file-contributor paths rejected
    "1.2.5",  # storage.blob required; approval mode event-based (the default) -> manual
    "1.2.6",  # starterPrompts -> prompts; memory contributors -> memories
    "1.3.0",  # elicitation off by default
    "1.4.0",  # llm.router removed; approvals no longer time out by default
    "1.5.1",  # source dateTime -> date; file and process tools leave internalTools
    "1.5.2",  # llm.maxIterations no longer defaults to 50
)
# preferences.yml first appeared in 1.1.0; 1.2.0 added defaults.defaultMode (default
# web, where the CLI's own default had been cli). Neither changed an agent file.
PREFERENCES_SINCE = "1.1.0"
# Every release before the seed that the chain names, agent or preferences.
PRE_SEED_VERSIONS: tuple[str, ...] = (
    *AGENT_PRE_SEED_VERSIONS[:5],  # saiki 0.1 to 0.3.0
    PREFERENCES_SINCE,
    AGENT_PRE_SEED_VERSIONS[5],  # 1.1.11
    "1.2.0",
    *AGENT_PRE_SEED_VERSIONS[6:],
)
LATEST_VERSION = KNOWN_VERSIONS[-1]
# Every release this tool knows, oldest first: the only versions a migration step may target.
RELEASES: tuple[str, ...] = (*PRE_SEED_VERSIONS, *KNOWN_VERSIONS)

MARKER_PREFIX = "# dexto-config: schemaVersion="
_MARKER_PATTERN = r"\A\ufeff?# dexto-config: schemaVersion=([^\s#]+)[ \t]*(?:\r\n|\n|\r|\Z)"
# At most 16 parts of at most 9 digits: a longer "version" is not one, and its parts
# could not even be converted (Python refuses integers of more than 4,300 digits).
_MAX_PARTS, _MAX_PART_DIGITS = 16, 9
# version_key's answers: a run sees a handful of distinct versions, compared for every file.
_KEYS: dict[str, tuple[int, ...]] = {}


class FutureSchemaVersion(Exception):
    """A file claims a schema version newer than this tool knows."""

    def __init__(self, version: str) -> None:
        self.version = version
        super().__init__(
            f"written by a newer Dexto (schemaVersion {version}; "
            f"this tool knows up to {LATEST_VERSION})"
        )


class UnknownSchemaVersion(Exception):
    """A version string that is not a version, or not one of ours and not newer."""

    def __init__(self, version: str) -> None:
        self.version = version
        known = ", ".join(KNOWN_VERSIONS)
        super().__init__(
            f"{version!r} is not a schema version (expected a release such as {known})"
        )


def version_key(version: str) -> tuple[int, ...]:
    """Sort key for a dotted numeric version, without importing packaging."""
    key = _KEYS.get(version)
    if key is None:
        key = _KEYS[version] = tuple(int(part) for part in version.split("."))
    return key


def is_version_string(text: str) -> bool:
    """True for a dotted numeric version such as 1.5.6: 1 to 16 parts of 1 to 9 decimal digits."""
    parts = text.split(".")
    return len(parts) <= _MAX_PARTS and all(
        0 < len(part) <= _MAX_PART_DIGITS and part.isdecimal() for part in parts
    )


def read_marker(text: str) -> str | None:
    """The version named by the first-line marker of `text`, if any."""
    import re  # here, not at the top: the no-op path imports this module (re caches the pattern)

    match = re.match(_MARKER_PATTERN, text)
    return match.group(1) if match else None


def marker_line(version: str) -> str:
    """The marker comment for `version`, without a line ending."""
    return f"{MARKER_PREFIX}{version}"


def effective_version(version: str) -> str:
    """The known schema a file of `version` is judged by.

    Raises FutureSchemaVersion above the newest known version and
    UnknownSchemaVersion for text that is not a version; see `schema_at`.
    """
    if not is_version_string(version):
        raise UnknownSchemaVersion(version)
    if version_key(version) > version_key(LATEST_VERSION):
        raise FutureSchemaVersion(version)
    return schema_at(version)


def schema_at(version: str) -> str:
    """The newest known schema version at or below `version` (the oldest for older ones).

    Releases between known versions changed nothing, so they share the schema
    of the last known release before them.
    """
    return newest_at_or_below(version, KNOWN_VERSIONS)


def newest_at_or_below(version: str, releases: Sequence[str]) -> str:
    """The newest of `releases` (oldest first) at or below `version`; the oldest for older ones."""
    key = version_key(version)
    at_or_below = [release for release in releases if version_key(release) <= key]
    return at_or_below[-1] if at_or_below else releases[0]


def is_newer_than_known(version: str, newest: str = LATEST_VERSION) -> bool:
    """True when `version` is a version above `newest` (default: the newest known one)."""
    return is_version_string(version) and version_key(version) > version_key(newest)


def schema_version_key(data: object) -> str | None:
    """A top-level `schemaVersion` key's value as text (a future Dexto may add the key)."""
    value = data.get("schemaVersion") if isinstance(data, dict) else None
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value)
    return None


def registry_checked(version: str) -> bool:
    """True when `validate` judges model IDs by the release's own registry (1.5.7 on)."""
    return version not in ("1.5.4", "1.5.6")
