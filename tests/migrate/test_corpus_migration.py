"""The real corpus: every file Dexto 1.5.4 accepted migrates to the seed's explicit form
(`--to 1.5.6`), validates and keeps its bytes.

Reads `../shared/corpus/` in place and skips when it is absent.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dexto_config.kinds import FileKind
from dexto_config.migrate.engine import FileMigration, migrate_bytes
from dexto_config.migrate.routing import RoutingContext
from dexto_config.models import validate_document
from dexto_config.versions import marker_line
from dexto_config.yamlio.fast import parse

# The only lines the explicit-provider step may change or remove.
_STEP_LINES = re.compile(
    r"^\s*(?:-\s+)?(?:provider|model|apiKey|preferDextoCredits)\s*:|^\s*llm\s*:\s*\{"
)
_KINDS = {"agent": FileKind.AGENT, "preferences": FileKind.PREFERENCES}


def _corpus(shared: Path) -> list[tuple[Path, FileKind, bool]]:
    manifest = json.loads((shared / "corpus" / "manifest.json").read_text())
    return [
        (
            shared / "corpus" / entry["file"],
            _KINDS[entry["kind"]],
            entry["verdicts"]["1.5.4"]["valid"],
        )
        for entry in manifest["files"]
    ]


def _unrelated_lines_kept(before: bytes, after: bytes) -> list[str]:
    """Lines other than the step's own that were changed or dropped."""
    old = before.decode("utf-8").splitlines(keepends=True)
    new = after.decode("utf-8").splitlines(keepends=True)
    if new and new[0].rstrip("\r\n").lstrip("\ufeff") == marker_line("1.5.6"):
        new = new[1:]
    broken = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            broken.extend(line for line in old[i1:i2] if not _STEP_LINES.match(line))
    return broken


def _valid_at_156(result: FileMigration, kind: FileKind, path: Path) -> bool:
    data: Any = parse(result.result.decode("utf-8")).data
    return not validate_document(kind, "1.5.6", data, source_path=path)


@pytest.mark.parametrize("route_via", ["dexto", "direct"])
def test_corpus_migrates_and_preserves(
    shared_dir: Path, route_via: str, report_figure: Callable[[str], None]
) -> None:
    context = RoutingContext(route_via=route_via)  # type: ignore[arg-type]
    outcomes: Counter[str] = Counter()
    failures: list[str] = []
    for path, kind, dexto_valid in _corpus(shared_dir):
        raw = path.read_bytes()
        result = migrate_bytes(
            raw, kind, assumed_version="1.5.4", target="1.5.6", context=context, source_path=path
        )
        reason = result.refusal.code if result.refusal else None
        outcomes[result.status if reason is None else f"refused ({reason})"] += 1
        if not dexto_valid:
            # Validation fidelity is judged in tests/models; files Dexto rejected
            # for model IDs or a missing key alone still migrate here.
            continue
        if result.status != "migrated":
            failures.append(f"{path.name}: {result.status}: {result.refusal}")
            continue
        if not _valid_at_156(result, kind, path):
            failures.append(f"{path.name}: not valid for 1.5.6 after migration")
        if broken := _unrelated_lines_kept(raw, result.result):
            failures.append(f"{path.name}: unrelated lines changed: {broken[:3]}")
        again = migrate_bytes(
            result.result, kind, assumed_version="1.5.4", target="1.5.6", context=context
        )
        if again.status != "current" or again.result != result.result:
            failures.append(f"{path.name}: a second migration was not a no-op")
    figures = ", ".join(f"{status} {count}" for status, count in sorted(outcomes.items()))
    report_figure(f"corpus migration --route-via {route_via}: {figures}")
    assert not failures, "\n".join(failures)
