"""The whole corpus through Dexto's history: files written for saiki 0.1 to Dexto 1.10.4 (§13).

Each agent file is migrated from the release its shape places it at (§11.2),
else, where the shape is ambiguous, `--from` the release its commit in Dexto's
history belonged to (the manifest's `cli_version`, else its root package's
version), to the newest release. Every file either reaches it, accepted by our models there,
with the lines no step has business with kept, and a second run a no-op, or is
refused with a named reason. The run prints the counts.
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

from dexto_config.detection import place
from dexto_config.kinds import FileKind
from dexto_config.migrate.engine import FileMigration, migrate_bytes
from dexto_config.models import validate_document
from dexto_config.versions import LATEST_VERSION, schema_at
from dexto_config.yamlio.fast import YamlSyntaxError, parse
from tests.migrate.test_corpus_releases import _CHAIN_LINES, DIRECT, judge

# The files the steps bring to the newest release (DESIGN §13's goal: at least 300 of 400).
REACHED_AT_LEAST = 300
# Lines the steps before the seed rewrite, move or remove.
_PRE_SEED_LINES = re.compile(
    r"^\s*(?:-\s+)?(?:source|mode|starterPrompts|id|type|options|router|maxTokens"
    r"|providerOptions|baseUrl|systemPrompt|internalTools|files|apiKey)\s*:"
    r"|^\s*-\s+['\"]?(?:\.|[\w-]+/|[\w-]+\.md)"
)


def _agents(shared: Path) -> list[tuple[Path, str]]:
    manifest = json.loads((shared / "corpus" / "manifest.json").read_text())
    return [
        (
            shared / "corpus" / entry["file"],
            entry["cli_version"] or entry["root_package"].rsplit("@", 1)[1],
        )
        for entry in manifest["files"]
        if entry["kind"] == "agent"
    ]


def _source(raw: bytes, history: str) -> str:
    """Where the file's shape places it; its release in Dexto's history when that is ambiguous."""
    try:
        data = parse(raw.decode("utf-8")).data
    except (UnicodeDecodeError, YamlSyntaxError):
        return history
    return place(FileKind.AGENT, data).version or history


def _lost_lines(before: bytes, after: bytes) -> list[str]:
    """Changed or dropped lines that are neither a step's own nor moved elsewhere."""
    old = before.decode("utf-8").splitlines()
    new = after.decode("utf-8").splitlines()[1:]  # the marker
    kept = {line.strip() for line in new}
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [
        line
        for tag, i1, i2, _j1, _j2 in matcher.get_opcodes()
        if tag in ("replace", "delete")
        for line in old[i1:i2]
        if line.strip()
        and line.strip() not in kept
        and not _CHAIN_LINES.match(line)
        and not _PRE_SEED_LINES.match(line)
    ]


def _refusal_name(result: FileMigration) -> str:
    """The refusal's reason code with the setting its message names first."""
    assert result.refusal is not None
    message = result.refusal.message.removeprefix("the file is not valid Dexto configuration: ")
    found = re.search(r"'([^']+)'|`([^`]+)`|\A([\w.\[\]-]+):", message)
    subject = next((group for group in found.groups() if group), "?") if found else "?"
    return f"{result.refusal.code} ({subject})"


# Refusals of a file its own release already rejects (the chain starts from a file Dexto took).
_INVALID_AT_SOURCE = frozenset(
    {"invalid", "unknown-key", "invalid-yaml", "encoding", "not-a-mapping"}
)


def _refusal_group(result: FileMigration) -> str:
    assert result.refusal is not None
    return "invalid at its own release" if result.refusal.code in _INVALID_AT_SOURCE else "refused"


def _grouped(outcomes: Counter[str], group: str) -> str:
    """`group N (reason n, ...)` over the outcomes named `group: reason`."""
    reasons = [
        (name.removeprefix(f"{group}: "), count)
        for name, count in outcomes.most_common()
        if name.startswith(f"{group}: ")
    ]
    listed = ", ".join(f"{reason} {count}" for reason, count in reasons)
    return f"{group} {sum(count for _, count in reasons)} ({listed})"


def test_corpus_history_reaches_the_newest_release(
    shared_dir: Path, report_figure: Callable[[str], None]
) -> None:
    outcomes: Counter[str] = Counter()
    failures: list[str] = []
    placed = 0
    for path, history in _agents(shared_dir):
        raw = path.read_bytes()
        source = _source(raw, history)
        placed += source != history
        result = migrate_bytes(
            raw,
            FileKind.AGENT,
            assumed_version=source,
            target=LATEST_VERSION,
            context=DIRECT,
            source_path=path,
        )
        if result.status == "refused":
            outcomes[f"{_refusal_group(result)}: {_refusal_name(result)}"] += 1
            continue
        if result.status == "current":
            data: Any = parse(raw.decode("utf-8")).data
            if validate_document(FileKind.AGENT, schema_at(LATEST_VERSION), data, source_path=path):
                outcomes["current but not valid"] += 1
                continue
        outcomes["reached"] += 1
        if result.status == "migrated":
            failures += judge(path, source, result, _lost_lines)
    report_figure(
        f"corpus history agents -> {LATEST_VERSION} ({placed} placed by shape): "
        f"reached {outcomes['reached']}; {_grouped(outcomes, 'refused')}; "
        f"{_grouped(outcomes, 'invalid at its own release')}"
    )
    assert not failures, "\n".join(failures)
    assert outcomes["reached"] >= REACHED_AT_LEAST
