"""Running shipped steps directly on text, without the engine's validation (for step tests)."""

from __future__ import annotations

from dexto_config.kinds import FileKind
from dexto_config.migrate.chain import default_chain, steps_between
from dexto_config.migrate.routing import RoutingContext
from dexto_config.migrate.step import StepContext, StepResult
from dexto_config.yamlio.edit import EditableDocument, JsonDocument

DIRECT = RoutingContext(route_via="direct")


def run_steps(
    text: str, source: str, target: str, kind: FileKind = FileKind.AGENT
) -> tuple[str, StepResult]:
    """`text` (a file of release `source`) after every shipped step up to `target`."""
    opener = JsonDocument if kind is FileKind.CUSTOM_MODELS else EditableDocument
    document = opener.from_bytes(text.encode())
    context = StepContext(DIRECT, source_version=source, target_version=target)
    result = StepResult()
    for step in steps_between(default_chain(), source, target):
        transform = step.transforms.get(kind)
        if transform is not None:
            result.extend(transform(document, context))
    return document.to_bytes().decode(), result
