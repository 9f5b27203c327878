"""What Dexto's image does to an agent config around the schema check (DESIGN §11.1).

From release 1.6.0 Dexto loads an image before it validates an agent file:
the CLI takes `--image`, else the file's `image`, else `$DEXTO_IMAGE`, else
`@dexto/image-local` (packages/cli/src/index-main.ts), and stops when the image
cannot be loaded. It then merges the image's `defaults` into the raw config
(agent-config's resolver/apply-image-defaults.ts), enriches and validates it,
and finally has the image's factories check each `tools`, `hooks`, `storage`
and `compaction` entry (resolver/resolve-services-from-config.ts). This
module reproduces the merge and those last checks for the images the Dexto
CLI bundles; the environment variable and the flag are not seen here.
"""

from __future__ import annotations

from dexto_config.models.image import LOCAL_IMAGE, LOGGER_IMAGE
from dexto_config.models.image.defaults import image_local_defaults
from dexto_config.models.image.releases import IMAGES_SINCE, since
from dexto_config.models.image.tools import tool_name_hint
from dexto_config.models.issues import SchemaIssue
from dexto_config.models.lite import lite_errors
from dexto_config.models.translate import issues_from_details

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dexto_config.models.lite import SchemaCheck

DEFAULT_IMAGE = LOCAL_IMAGE
"""The image Dexto loads when neither the file, `$DEXTO_IMAGE` nor `--image` names one."""
BUNDLED_IMAGES: tuple[str, ...] = (LOCAL_IMAGE, LOGGER_IMAGE)
"""The images the Dexto CLI ships (its package.json dependencies) and so can always load."""

_PROMPTS = "prompts"


def selected_image(config: dict[str, Any]) -> str:
    """The image specifier Dexto loads for `config`: its non-empty `image`, else the default."""
    image = config.get("image")
    return image if isinstance(image, str) and image else DEFAULT_IMAGE


def bundled_image(specifier: str) -> str | None:
    """The bundled image `specifier` loads, or None when Dexto cannot load it from a fresh install.

    Dexto trims the specifier and drops a `@version` suffix from a scoped name
    (`@dexto/image-local@1.6.0`); with no image installed in its image store it
    imports that package from the CLI's own dependencies.
    """
    name = specifier.strip()
    if name.startswith("@"):
        scope_end = name.find("/")
        version_at = name.find("@", scope_end + 1) if scope_end != -1 else -1
        if version_at != -1:
            name = name[:version_at]
    return name if name in BUNDLED_IMAGES else None


def apply_image_defaults(config: dict[str, Any], image: str | None, version: str) -> dict[str, Any]:
    """`config` with the defaults of `image` (None: the default) merged as Dexto `version` does.

    Dexto's `applyImageDefaults`: a shallow merge where the file wins, except
    that a mapping in both (`storage`) merges one level deep, and `prompts`
    keeps the image's prompts unless the file sets `prompts: []` (a file
    prompt with the same identity replaces the image's in place). Lists such
    as `tools` are atomic. Before 1.6.0, or for an image Dexto cannot load,
    the config comes back unchanged. The result shares nothing with `config`.
    """
    if not since(version, IMAGES_SINCE) or bundled_image(image or DEFAULT_IMAGE) is None:
        return {key: _copied(value) for key, value in config.items()}
    defaults = image_local_defaults(version)
    merged = {**defaults, **_copied(config)}
    for key, default in defaults.items():
        value = merged[key]
        if isinstance(default, dict) and isinstance(value, dict):
            merged[key] = {**default, **value}
    merged[_PROMPTS] = _merge_prompts(merged[_PROMPTS], defaults[_PROMPTS], _PROMPTS in config)
    return merged


def _copied(value: Any) -> Any:
    """A copy of parsed file data sharing no mapping or list with it (its scalars are
    immutable); 4x cheaper than `copy.deepcopy`, which each validated agent went through."""
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return value


def prompt_origins(config: dict[str, Any], image: str | None, version: str) -> list[int | None]:
    """Where each prompt of the merged config comes from: its index in the file's `prompts`,
    or None for one of the image's; maps issues on merged prompts back to the file.

    Dexto puts the image's prompts first and collapses prompts of the same
    identity, so a file's `prompts[0]` is usually the merged `prompts[1]`.
    """
    prompts = config.get(_PROMPTS)
    own: list[int | None] = list(range(len(prompts))) if isinstance(prompts, list) else []
    if not since(version, IMAGES_SINCE) or bundled_image(image or DEFAULT_IMAGE) is None:
        return own
    defaults = image_local_defaults(version)[_PROMPTS]
    entries = _prompt_entries(prompts, defaults, _PROMPTS in config)
    return own if entries is None else [origin for origin, _ in entries]


def _merge_prompts(prompts: Any, defaults: list[Any], present: bool) -> Any:
    entries = _prompt_entries(prompts, defaults, present)
    return prompts if entries is None else [prompt for _, prompt in entries]


def _prompt_entries(
    prompts: Any, defaults: list[Any], present: bool
) -> list[tuple[int | None, Any]] | None:
    """Dexto's `mergePrompts` with each prompt's index in the file (None: the image's).

    None when the file's `prompts` stand as written (`[]`, or not a list).
    """
    if not present:
        return [(None, prompt) for prompt in defaults]
    if not isinstance(prompts, list) or not prompts:
        return None
    merged: dict[str, tuple[int | None, Any]] = {}
    for index, prompt in enumerate(defaults):
        merged[_prompt_identity(prompt) or f"default:{index}"] = (None, prompt)
    for index, prompt in enumerate(prompts):
        merged[_prompt_identity(prompt) or f"config:{index}"] = (index, prompt)
    return list(merged.values())


def _prompt_identity(prompt: Any) -> str | None:
    """Dexto's `promptIdentityKey`: the key under which a file prompt replaces an image prompt."""
    if not isinstance(prompt, dict):
        return None
    kind = prompt.get("type")
    if kind == "inline":
        prompt_id = prompt.get("id")
        return f"inline:{prompt_id}" if isinstance(prompt_id, str) and prompt_id else None
    if kind == "file":
        file = prompt.get("file")
        if not isinstance(file, str) or not file:
            return None
        namespace = prompt.get("namespace")
        return f"file:{namespace if isinstance(namespace, str) else ''}:{file}"
    return None


def image_issues(
    config: dict[str, Any], version: str, schema_check: SchemaCheck = lite_errors
) -> list[SchemaIssue]:
    """Every error Dexto `version`'s image stage and factories find in a schema-valid `config`.

    `config` is the agent's data after the schema check (plain dicts); issue
    paths point into it. An image Dexto cannot load is one issue at `image`
    (Dexto stops there); otherwise each `tools`, `hooks`, `storage` and
    `compaction` entry is checked against the image's factory for its `type`.
    Before 1.6.0 there is no image stage.
    """
    load_issue = image_load_issue(config, version)
    if load_issue is not None:
        return [load_issue]
    return factory_issues(config, version, schema_check)


def image_load_issue(config: dict[str, Any], version: str) -> SchemaIssue | None:
    """The issue when Dexto `version` cannot load the image `config` selects (it stops there)."""
    if not since(version, IMAGES_SINCE):
        return None
    specifier = selected_image(config)
    if bundled_image(specifier) is None:
        return _unloadable_image(specifier, version)
    return None


def factory_issues(
    config: dict[str, Any], version: str, schema_check: SchemaCheck = lite_errors
) -> list[SchemaIssue]:
    """What the factories of the (loadable) image `config` selects refuse in its entries.

    `schema_check` runs the image's schema (named by the image): the lite
    validator, or (in tests) `oracle.pydantic_errors`.
    """
    image = bundled_image(selected_image(config))
    if not since(version, IMAGES_SINCE) or image is None:
        return []
    errors = schema_check(image, version, config)
    return [
        _with_hint(issue, config, version)
        for issue in issues_from_details(errors, config, "agent config")
    ]


def _unloadable_image(specifier: str, version: str) -> SchemaIssue:
    bundled = " and ".join(BUNDLED_IMAGES)
    message = (
        f"image: Dexto {version} cannot load image {specifier!r} (it ships {bundled}); "
        f"name one of those, or install the image with `dexto image install {specifier}`"
    )
    return SchemaIssue(("image",), message, "image_load_failed")


def _with_hint(issue: SchemaIssue, config: dict[str, Any], version: str) -> SchemaIssue:
    """A refused `enabledTools` name gets a pointer to where it belongs, when it has one."""
    path = issue.path
    if len(path) != 4 or path[0] != "tools" or path[2] != "enabledTools":
        return issue
    name = config["tools"][path[1]]["enabledTools"][path[3]]
    hint = tool_name_hint(name, version) if isinstance(name, str) else None
    return issue._replace(message=f"{issue.message}; {hint}") if hint else issue
