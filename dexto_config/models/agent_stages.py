"""What Dexto does to an agent's data around its schema check, per release (DESIGN §11).

Before the schema: the image the file names must load (1.5.7 on), the
enrichment's plan-tools step needs `customTools` to be a list (1.5.7, 1.5.8),
and from 1.6.0 the image's defaults are merged in (the image's own prompt goes
first, so schema paths into `prompts` are mapped back to the file's).
"""

from __future__ import annotations

from collections.abc import Callable

from dexto_config.models.issues import SchemaIssue
from dexto_config.models.pipeline import AgentPipeline
from dexto_config.records import Record
from dexto_config.yamlio.fast import DataPath

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class Prepared(Record):
    """The data the schema sees, the issues that stopped Dexto before it, and how a path in
    the data maps back to the file's."""

    data: Any
    issues: list[SchemaIssue]
    to_original: Callable[[DataPath], DataPath] | None = None


def before_schema(config: Any, pipeline: AgentPipeline, version: str) -> Prepared:
    """The config as Dexto `version` hands it to its schema, or what stops it before."""
    if not isinstance(config, dict):
        return Prepared(config, [])
    stop = _stop_before_schema(config, pipeline, version)
    if stop is not None:
        return Prepared(config, [stop])
    if not pipeline.image_resolved:
        return Prepared(config, [])
    from dexto_config.models.image_local import apply_image_defaults, prompt_origins

    image = config.get("image") if isinstance(config.get("image"), str) else None
    merged = apply_image_defaults(config, image, version)
    origins = (
        prompt_origins(config, image, version) if isinstance(config.get("prompts"), list) else []
    )
    return Prepared(merged, [], _prompt_paths(origins) if origins else None)


def _stop_before_schema(
    config: dict[str, Any], pipeline: AgentPipeline, version: str
) -> SchemaIssue | None:
    if pipeline.image_resolved:
        from dexto_config.models.image_local import image_load_issue

        return image_load_issue(config, version)
    image = config.get("image")
    loadable = pipeline.loadable_images
    if loadable is not None and isinstance(image, str) and image not in loadable:
        return _image_not_loaded(image, version, loadable)
    custom_tools = config.get("customTools")
    listed = custom_tools is None or isinstance(custom_tools, list)
    if pipeline.custom_tools_listed and not listed:
        return SchemaIssue(
            ("customTools",),
            f"Dexto {version} stops loading the file: `customTools` must be a list of "
            "tool entries (`- type: ...`), not a mapping or a single value",
            "load_error",
        )
    return None


def _prompt_paths(origins: list[int | None]) -> Callable[[DataPath], DataPath]:
    """Map `prompts[i]` of the merged config to the file's own prompt (the image's: `prompts`)."""

    def to_original(path: DataPath) -> DataPath:
        if len(path) < 2 or path[0] != "prompts" or not isinstance(path[1], int):
            return path
        index = path[1]
        origin = origins[index] if index < len(origins) else None
        return ("prompts",) if origin is None else ("prompts", origin, *path[2:])

    return to_original


def _image_not_loaded(image: str, version: str, loadable: tuple[str, ...]) -> SchemaIssue:
    return SchemaIssue(
        ("image",),
        f"Dexto {version} cannot load image '{image}'; it ships {', '.join(loadable)} "
        "(remove `image` to use the default)",
        "image_load_failed",
    )
