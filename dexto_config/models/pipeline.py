"""What Dexto does to an agent file around its schema, per release (DESIGN §3.1, §11).

The schema dumps show input shapes only; the loader, the enrichment, the
image and the checks after parsing changed between releases too. A release
module states its `AgentPipeline`; `validate_document` follows it.
"""

from __future__ import annotations

from dataclasses import dataclass

IMAGE_LOCAL = "@dexto/image-local"


@dataclass(frozen=True, slots=True)
class AgentPipeline:
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
