"""What Dexto does to an agent file around its schema, per release (DESIGN §3.1, §11).

The schema dumps show input shapes only; the loader, the enrichment, the
image and the checks after parsing changed between releases too.
`pipeline_at` gives a release's `AgentPipeline`; `validate_document` follows
it. No pydantic here: validation needs the pipeline before any schema.
"""

from __future__ import annotations

from dexto_config.records import Record
from dexto_config.versions import version_key

IMAGE_LOCAL = "@dexto/image-local"


class AgentPipeline(Record):
    """The steps around an agent's schema check at one release.

    - `expands_project_dir`: the loader also expands `${{dexto.project_dir}}` (1.6.0 on).
    - `loadable_images`: the `image` values the release loads before validating;
      None when the release does not load images (1.5.6 and earlier).
    - `custom_tools_listed`: enrichment calls `customTools.some(...)` to add the
      bundled plan tools, so a `customTools` that is not a list stops the load
      (1.5.7 and 1.5.8).
    - `image_resolved`: the image's defaults are merged before the schema and its
      factories check `tools`, `hooks`, storage and compaction after it (1.6.0 on).
    """

    expands_project_dir: bool = False
    loadable_images: tuple[str, ...] | None = None
    custom_tools_listed: bool = False
    image_resolved: bool = False


# The releases whose pipeline changed, oldest first (the seed's pair has the first).
_PIPELINE_CHANGES = (
    ("1.5.4", AgentPipeline()),
    ("1.5.7", AgentPipeline(loadable_images=(IMAGE_LOCAL,), custom_tools_listed=True)),
    ("1.6.0", AgentPipeline(expands_project_dir=True, image_resolved=True)),
)


def pipeline_at(version: str) -> AgentPipeline:
    """What Dexto `version` does around an agent's schema (a release of KNOWN_VERSIONS)."""
    found = _PIPELINE_CHANGES[0][1]
    for release, pipeline in _PIPELINE_CHANGES:
        if version_key(version) >= version_key(release):
            found = pipeline
    return found
