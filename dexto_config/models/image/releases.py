"""The first Dexto release of each change to what the bundled images accept.

Each release is the first `dexto@` tag containing the commit that made the
change (read with `git tag --contains` in truffle-ai/dexto).
"""

from __future__ import annotations

from dexto_config.versions import version_key

IMAGES_SINCE = "1.6.0"
"""Images, their defaults and their factories (the agent-config package)."""
STORAGE_PATH_MUST_BE_STRING_SINCE = "1.6.1"
"""Enrichment replaces a non-string sqlite `path` / local `storePath` (03d4564c4)."""
SPAWNER_TIMEOUT_ZERO_SINCE = "1.6.1"
"""agent-spawner `defaultTimeout` may be 0 (112dadfe1)."""
CREATOR_TOOLS_SINCE = "1.6.2"
"""image-local adds the `creator-tools` factory and default entry (7b2c39556)."""
SPAWNER_SUB_AGENT_OPTIONS_SINCE = "1.6.2"
"""agent-spawner `subAgentMaxIterations`, `subAgentReasoningVariant` (5e6383d24)."""
SKILL_REFRESH_SINCE = "1.6.18"
"""creator-tools `skill_refresh` (29bd88770)."""
READ_MEDIA_FILE_SINCE = "1.6.22"
"""filesystem-tools `read_media_file` (3bf5549dd)."""
READ_SKILL_SINCE = "1.8.0"
"""builtin-tools `read_skill` (241875a75)."""
PLAN_PROMPT_FLAG_DROPPED_SINCE = "1.8.0"
"""The default plan-mode prompt loses `disable-model-invocation` (241875a75)."""


IMAGE_CHANGES = (
    IMAGES_SINCE,
    STORAGE_PATH_MUST_BE_STRING_SINCE,
    CREATOR_TOOLS_SINCE,
    SKILL_REFRESH_SINCE,
    READ_MEDIA_FILE_SINCE,
    READ_SKILL_SINCE,
)
"""Every release that changed what the images accept, oldest first."""


def image_release(version: str) -> str:
    """The newest release of IMAGE_CHANGES at or before `version` (1.6.0 or later): the
    images of `version` accept exactly what they accepted at that release."""
    return max((release for release in IMAGE_CHANGES if since(version, release)), key=version_key)


def since(version: str, release: str) -> bool:
    """True when Dexto `version` includes what `release` introduced."""
    return version_key(version) >= version_key(release)
