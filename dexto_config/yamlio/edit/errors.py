"""What editing a document can raise; every error is an `EditError`."""

from __future__ import annotations

from dexto_config.yamlio.positions import DataPath


def show(path: DataPath) -> str:
    """`llm.model`, `tools.0`: a data path in an error message."""
    return ".".join(str(part) for part in path) or "(document root)"


class EditError(Exception):
    """Base of every error raised while editing a document."""


class UndecodableInput(EditError):
    """The bytes are not UTF-8 text."""

    def __init__(self, offset: int, reason: str) -> None:
        self.offset = offset
        super().__init__(f"not UTF-8 text: {reason} at byte {offset}")


class PathNotFound(EditError):
    """A path names no value in the document's current data."""

    def __init__(self, path: DataPath) -> None:
        self.path = path
        super().__init__(f"no value at {show(path)}")


class UnsupportedEdit(EditError):
    """An edit this engine will not make, because it cannot be made faithfully."""


class AliasedNodeError(UnsupportedEdit):
    """The node is shared through an anchor and alias; editing it would change every use."""

    def __init__(self, path: DataPath) -> None:
        self.path = path
        super().__init__(
            f"{show(path)} is shared through a YAML anchor/alias; "
            "editing it would change every place that uses it"
        )


class OverlappingEdits(EditError):
    """Two edits touch the same text."""


class EditVerificationError(EditError):
    """The edited text does not parse back to the intended data."""
