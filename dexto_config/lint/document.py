"""The view of one file that rules read: data, positions, version and raw problems."""

from __future__ import annotations

from pathlib import Path

from dexto_config.detection import Placement
from dexto_config.kinds import FileKind
from dexto_config.records import Record
from dexto_config.yamlio.positions import FILE_START, DataPath, Position, PositionIndex

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    # Only for annotations: `rules` and `explain` read rule metadata without pydantic.
    from dexto_config.problem import Problem
    from dexto_config.validation import CheckedFile

DEFAULT_CUSTOM_MODEL_PROVIDER = "openai-compatible"


class LlmBlock(Record):
    """One place that names a provider and a model: an `llm` section or a custom model.

    `provider` is None when the block names none (or not as a string); custom
    models default to `openai-compatible` as Dexto does. `defines_model` is True
    for custom-model entries, which declare their model instead of naming a known one.
    """

    path: DataPath
    provider: str | None
    model: str | None
    api_key: Any
    base_url: Any
    has_base_url: bool
    defines_model: bool


class LintDocument(Record):
    """One checked file as the rules see it."""

    path: Path
    kind: FileKind
    text: str
    data: Any
    positions: PositionIndex
    marker_version: str | None
    version: str | None
    problems: tuple[Problem, ...]
    llm_blocks: tuple[LlmBlock, ...]
    """Every provider/model block of the file, in file order."""
    placement: Placement | None = None
    """Where the file's shape puts it among Dexto's releases (None when it did not parse)."""
    secrets: tuple[tuple[DataPath, bool, str], ...] = ()
    """Every secret in the data: (path, whether it is the key at that path, secret)."""

    @classmethod
    def of(cls, checked: CheckedFile) -> LintDocument:
        parsed = checked.parsed
        data = parsed.data if parsed is not None else None
        return cls(
            path=checked.path,
            kind=checked.kind,
            text=checked.text or "",
            data=data,
            positions=parsed.positions if parsed is not None else PositionIndex(),
            marker_version=checked.marker_version,
            version=checked.version,
            problems=tuple(checked.problems),
            llm_blocks=_llm_blocks(checked.kind, data),
            placement=checked.placement,
            secrets=checked.secrets(),
        )

    @property
    def mapping(self) -> dict[str, Any]:
        """The top-level mapping, or an empty one when the file is not a mapping."""
        return self.data if isinstance(self.data, dict) else {}

    def value_at(self, path: DataPath) -> Position:
        """Where the value at `path` (or its nearest recorded ancestor) sits."""
        return self.positions.nearest(path)[1].value

    def key_at(self, path: DataPath) -> Position:
        """Where the key of `path` sits; its value's position for list items and the root."""
        entry = self.positions.nearest(path)[1]
        return entry.key or entry.value

    def marker_position(self) -> Position:
        """The first line, where the version marker sits."""
        first_line = self.text.split("\n", 1)[0].rstrip("\r").lstrip("\ufeff")
        return Position(1, 1, 1, len(first_line) + 1) if first_line else FILE_START


def _llm_blocks(kind: FileKind, data: Any) -> tuple[LlmBlock, ...]:
    mapping = data if isinstance(data, dict) else {}
    if kind is FileKind.CUSTOM_MODELS:
        models = mapping.get("models")
        if not isinstance(models, list):
            return ()
        return tuple(
            _block(("models", index), entry, DEFAULT_CUSTOM_MODEL_PROVIDER, "name", True)
            for index, entry in enumerate(models)
            if isinstance(entry, dict)
        )
    llm = mapping.get("llm")
    if kind.is_yaml and isinstance(llm, dict):
        return (_block(("llm",), llm, None, "model", False),)
    return ()


def _block(
    path: DataPath,
    section: dict[str, Any],
    default_provider: str | None,
    model_key: str,
    defines_model: bool,
) -> LlmBlock:
    provider = section.get("provider", default_provider)
    model = section.get(model_key)
    return LlmBlock(
        path=path,
        provider=provider if isinstance(provider, str) else None,
        model=model if isinstance(model, str) else None,
        api_key=section.get("apiKey"),
        base_url=section.get("baseURL"),
        has_base_url="baseURL" in section and section["baseURL"] is not None,
        defines_model=defines_model,
    )
