"""The real corpus through Dexto's releases: every agent Dexto 1.5.6 or 1.5.7 accepts reaches
the newest release, or is refused for a reason named here (DESIGN §11, §11.1).

Each file is migrated `--from` the first of those releases that accepts it, then judged:
our models accept it at the target, lines the chain has no business with are kept,
a second run is a no-op, and Dexto's own YAML parser (../shared/oracle, when node
is present) reads the data we meant. Refusals must agree with Dexto's verdicts: a
file refused for a dropped model is one Dexto's newest release rejects for its model.
Reads `../shared/corpus/` in place and skips when it is absent.
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dexto_config.kinds import FileKind
from dexto_config.migrate.engine import FileMigration, migrate_bytes
from dexto_config.migrate.routing import RoutingContext
from dexto_config.models import validate_document
from dexto_config.versions import LATEST_VERSION, schema_at
from dexto_config.yamlio.fast import parse

DIRECT = RoutingContext(route_via="direct")
SOURCES = ("1.5.6", "1.5.7")
# What a refusal may be for, by the words of its message.
REFUSAL_REASONS = (
    ("plugins.custom", "`plugins.custom`"),
    ("plugins.registry", "`plugins.registry`"),
    ("tools limits map", "per-tool output limits"),
    ("model dropped", "does not list"),
    ("reasoning variant", "reasoningEffort:"),
    ("auto-deny", "auto-deny"),
    ("alwaysDeny", "alwaysDeny"),
    ("allowed-tools", "allowed-tools"),
)
KNOWN_REASONS = {name for name, _words in REFUSAL_REASONS}
# Lines the chain rewrites, moves or removes; any other line must survive as it was.
_CHAIN_LINES = re.compile(
    r"^\s*(?:-\s+)?(?:provider|model|reasoningEffort|toolConfirmation|internalTools|customTools"
    r"|internalResources|enabled|resources|plugins|contentPolicy|responseSanitizer|priority"
    r"|blocking|alwaysDeny|tools|disable-model-invocation|context|agent)\s*:"
    r"|^\s*-\s+['\"]?(?:internal|custom)--|^\s*-\s+[a-z_]+\s*(?:#.*)?$"
)
_ORACLE = Path(__file__).resolve().parents[2].parent / "shared" / "oracle" / "yaml" / "parse.mjs"


def _sources(shared: Path) -> list[tuple[Path, str, dict[str, Any]]]:
    manifest = json.loads((shared / "corpus" / "manifest.json").read_text())
    found = []
    for entry in manifest["files"]:
        verdicts = entry["verdicts"]
        source = next((r for r in SOURCES if verdicts.get(r, {}).get("valid")), None)
        if entry["kind"] == "agent" and source is not None:
            found.append((shared / "corpus" / entry["file"], source, verdicts))
    return found


def _lost_lines(before: bytes, after: bytes) -> list[str]:
    """Changed or dropped lines that are neither the chain's own nor moved elsewhere."""
    old = before.decode("utf-8").splitlines()
    new = after.decode("utf-8").splitlines()[1:]  # the marker
    kept = {line.strip() for line in new}
    lost = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            lost += [
                line
                for line in old[i1:i2]
                if line.strip() and not _CHAIN_LINES.match(line) and line.strip() not in kept
            ]
    return lost


def _refusal_reason(result: FileMigration) -> str:
    message = result.refusal.message if result.refusal else ""
    return next((name for name, words in REFUSAL_REASONS if words in message), message)


def judge(
    path: Path,
    source: str,
    result: FileMigration,
    lost_lines: Callable[[bytes, bytes], list[str]] = _lost_lines,
) -> list[str]:
    """What is wrong with a migrated corpus file: invalid at the newest release, unrelated
    lines changed (as `lost_lines` tells them), or a second migration that is no no-op."""
    problems = []
    data: Any = parse(result.result.decode("utf-8")).data
    if issues := validate_document(
        FileKind.AGENT, schema_at(LATEST_VERSION), data, source_path=path
    ):
        problems.append(f"not valid at {LATEST_VERSION}: {issues[0].message}")
    if lost := lost_lines(result.original, result.result):
        problems.append(f"unrelated lines changed: {lost[:3]}")
    again = migrate_bytes(result.result, FileKind.AGENT, assumed_version=source, context=DIRECT)
    if again.status != "current" or again.result != result.result:
        problems.append("a second migration was not a no-op")
    return [f"{path.name}: {problem}" for problem in problems]


def _oracle_disagreements(migrated: dict[Path, bytes], tmp_path: Path) -> list[str]:
    """Files whose migrated text Dexto's own YAML parser reads differently from us."""
    if shutil.which("node") is None or not _ORACLE.is_file():
        return []
    files = []
    for path, text in migrated.items():
        copy = tmp_path / path.name
        copy.write_bytes(text)
        files.append(copy)
    run = subprocess.run(
        ["node", str(_ORACLE), *map(str, files)], capture_output=True, text=True, timeout=300
    )
    problems = []
    for line in run.stdout.splitlines():
        read = json.loads(line)
        ours = parse(Path(read["file"]).read_text(encoding="utf-8")).data
        if not read["ok"] or read["value"] != ours:
            problems.append(f"{Path(read['file']).name}: Dexto's parser reads other data")
    return problems


def test_corpus_reaches_the_newest_release(
    shared_dir: Path, tmp_path: Path, report_figure: Callable[[str], None]
) -> None:
    outcomes: Counter[str] = Counter()
    failures: list[str] = []
    migrated: dict[Path, bytes] = {}
    for path, source, verdicts in _sources(shared_dir):
        raw = path.read_bytes()
        result = migrate_bytes(
            raw, FileKind.AGENT, assumed_version=source, context=DIRECT, source_path=path
        )
        if result.status == "refused":
            reason = _refusal_reason(result)
            outcomes[f"from {source}: refused ({reason})"] += 1
            if reason not in KNOWN_REASONS:
                failures.append(f"{path.name}: refused for an unexpected reason: {reason}")
            newest = json.dumps(verdicts.get(LATEST_VERSION, {}).get("issues", []))
            if reason == "model dropped" and "llm.model" not in newest:
                failures.append(f"{path.name}: Dexto {LATEST_VERSION} did not reject its model")
            continue
        outcomes[f"from {source}: {result.status}"] += 1
        migrated[path] = result.result
        failures += judge(path, source, result)
    failures += _oracle_disagreements(migrated, tmp_path)
    figures = ", ".join(f"{status} {count}" for status, count in sorted(outcomes.items()))
    report_figure(f"corpus 1.5.6/1.5.7 agents -> {LATEST_VERSION}: {figures}")
    # Of the 89 agents Dexto 1.5.6 accepts, 3 have no faithful 1.10.4 form (DESIGN §11).
    assert outcomes["from 1.5.6: migrated"] >= 86
    assert not failures, "\n".join(failures)
