"""The lite validator against its source: the pydantic models, issue for issue.

Lint and validate run the lite validator (no pydantic at run time, DESIGN §9);
the models are its oracle. Every difference (path, message, code, kind or
order of a `SchemaIssue`) is a bug in the lite runtime or its tables. Data
comes from every file under fixtures/, the corpus in ../shared (skipped
without it) at every known release, and hypothesis mutations of both.
"""

from __future__ import annotations

import datetime
import json
import math
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dexto_config.jsonio import read_json
from dexto_config.kinds import FileKind
from dexto_config.models import start_up_issues, validate_document
from dexto_config.models.lite.generate import TABLES, expected_tables
from dexto_config.models.oracle import pydantic_errors
from dexto_config.versions import KNOWN_VERSIONS
from dexto_config.yamlio.fast import YamlSyntaxError, parse
from dexto_config.yamlio.jstags import JsSet
from tests.conftest import FIXTURES, REPO, SHARED

KINDS = (FileKind.AGENT, FileKind.PREFERENCES, FileKind.CUSTOM_MODELS)


@dataclass(frozen=True)
class Document:
    """Parsed data of one file, and the path validation sees it at."""

    name: str
    path: Path
    data: Any


def _read(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    return read_json(text) if path.suffix == ".json" else parse(text).data


def _documents(paths: Iterator[Path], root: Path) -> list[Document]:
    found = []
    for path in paths:
        try:
            data = _read(path)
        except (YamlSyntaxError, json.JSONDecodeError, UnicodeDecodeError):
            continue
        found.append(Document(path.relative_to(root).as_posix(), path, data))
    return found


def fixture_documents() -> list[Document]:
    """Every YAML and JSON file under fixtures/ that parses."""
    paths = (p for p in sorted(FIXTURES.rglob("*")) if p.suffix in (".yml", ".yaml", ".json"))
    return _documents(paths, FIXTURES)


def corpus_documents() -> list[tuple[FileKind, Document]]:
    """The corpus files with their kinds; empty without ../shared."""
    corpus = SHARED / "corpus"
    manifest_path = corpus / "manifest.json"
    if not manifest_path.is_file():
        return []
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    found = []
    for entry in manifest["files"]:
        kind = FileKind.AGENT if entry["kind"] == "agent" else FileKind.PREFERENCES
        found += [(kind, doc) for doc in _documents(iter([corpus / entry["file"]]), corpus)]
    return found


def differences(kind: FileKind, version: str, document: Document) -> str | None:
    """How the lite validator's issues differ from the models' for `document`; None if not."""
    path = document.path
    lite = validate_document(kind, version, document.data, source_path=path)
    oracle = validate_document(
        kind, version, document.data, source_path=path, schema_check=pydantic_errors
    )
    if lite == oracle and kind is FileKind.AGENT and not lite:
        lite = start_up_issues(version, document.data, source_path=path)
        oracle = start_up_issues(
            version, document.data, source_path=path, schema_check=pydantic_errors
        )
    if lite == oracle:
        return None
    return f"{document.name} as {kind} at {version}:\n  lite   {lite}\n  models {oracle}"


def _agreement(
    label: str, cases: list[tuple[FileKind, Document]], version: str
) -> tuple[str, list[str]]:
    found = [d for kind, doc in cases if (d := differences(kind, version, doc)) is not None]
    agreed = len(cases) - len(found)
    share = agreed / len(cases) if cases else 1.0
    figure = f"lite validator vs models, {label} at {version}: {share:.1%} ({agreed}/{len(cases)})"
    return figure, found


def test_tables_are_generated_from_the_current_models() -> None:
    expected = expected_tables()
    committed = {p.name: p.read_text(encoding="utf-8") for p in TABLES.glob("*.py")}
    committed.pop("__init__.py")
    stale = sorted(
        name
        for name in expected.keys() | committed.keys()
        if expected.get(name) != committed.get(name)
    )
    assert not stale, (
        f"stale lite tables {stale}: run `python -m dexto_config.models.lite.generate`"
    )


@pytest.mark.parametrize("version", KNOWN_VERSIONS)
def test_fixtures_agree(version: str, report_figure: Callable[[str], None]) -> None:
    """Every fixture, judged as each kind (the validators must agree on any data)."""
    cases = [(kind, doc) for doc in fixture_documents() for kind in KINDS]
    figure, found = _agreement("fixtures x kinds", cases, version)
    report_figure(figure)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("version", KNOWN_VERSIONS)
def test_corpus_agrees(
    shared_dir: Path, version: str, report_figure: Callable[[str], None]
) -> None:
    figure, found = _agreement("corpus", corpus_documents(), version)
    report_figure(figure)
    assert not found, "\n".join(found)


# --- mutations ------------------------------------------------------------------------

_SEEDS = fixture_documents() + [doc for _, doc in corpus_documents()[::8]]
_VALUES = st.sampled_from(
    [
        None,
        True,
        False,
        0,
        -1,
        1,
        7,
        0.5,
        2.5,
        10**20,
        math.inf,
        "",
        " ",
        "x",
        "0x10",
        " 42 ",
        "1e3",
        "$VAR",
        "${{dexto.agent_dir}}/../x",
        "http://",
        "https://example.com",
        "localhost:4318",
        "a@b.co",
        "{code} {at}",
        "stdio",
        "sse",
        "http",
        "inline",
        "file",
        "static",
        "redis",
        "postgres",
        "sqlite",
        "in-memory",
        "local",
        "openai",
        "openai-compatible",
        "litellm",
        "ollama",
        "dexto-nova",
        "gpt-5-mini",
        "builtin-tools",
        "filesystem-tools",
        "agent-spawner",
        "reactive-overflow",
        ".md",
        ".md\n",
        "my-prompt\n",
        "$OPENAI_API_KEY\n",
        "a" * 501,
        [],
        ["x"],
        [1, None],
        {},
        {"type": "x"},
        {"type": "stdio", "command": ""},
        {"enabled": False, "type": "nope"},
        JsSet(("a",)),
        datetime.date(2024, 1, 2),
    ]
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*prefix, index))


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


@st.composite
def mutated(draw: st.DrawFn) -> tuple[FileKind, str, Document]:
    """A seed document with a few values replaced, keys dropped, renamed or added."""
    seed = draw(st.sampled_from(_SEEDS))
    data = _copy(seed.data)
    for _ in range(draw(st.integers(1, 4))):
        paths = list(_paths(data))
        path = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(("replace", "drop", "rename", "add", "graft")))
        parent = _at(data, path[:-1]) if path else None
        if action == "replace" and path:
            parent[path[-1]] = _copy(draw(_VALUES))
        elif action == "graft" and path:
            parent[path[-1]] = _copy(_at(data, draw(st.sampled_from(paths))))
        elif action == "drop" and path and isinstance(parent, dict):
            del parent[path[-1]]
        elif action == "rename" and path and isinstance(parent, dict):
            parent[str(path[-1]).lower() + draw(st.sampled_from(("", "s", "_")))] = parent.pop(
                path[-1]
            )
        elif action == "add" and isinstance(_at(data, path), dict):
            target = _at(data, path)
            target[draw(st.sampled_from(("type", "enabled", "url", "extra", "baseURL")))] = _copy(
                draw(_VALUES)
            )
        if not isinstance(data, dict):
            data = {"value": data}
    kind = draw(st.sampled_from(KINDS))
    version = draw(st.sampled_from(KNOWN_VERSIONS))
    return kind, version, Document(seed.name, seed.path, data)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=mutated())
def test_mutations_agree(case: tuple[FileKind, str, Document]) -> None:
    kind, version, document = case
    assert differences(kind, version, document) is None


# --- run time -----------------------------------------------------------------------------

_MODULES = "import sys; print('\\n'.join(sorted(sys.modules)))"
_RUN_CLI = (
    "import sys\n"
    "from dexto_config.entry import main\n"
    "sys.argv = ['dexto-config', *sys.argv[1:]]\n"
    "try:\n"
    "    main()\n"
    "finally:\n"
    "    print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
)


@pytest.mark.parametrize("command", ["lint", "validate"])
def test_lint_and_validate_never_import_pydantic(command: str, tmp_path: Path) -> None:
    """One agent that has problems the schema, the image and the did-you-mean all see."""
    agent = tmp_path / "agent.yml"
    agent.write_text(
        "systemPrompt: hi\nllm:\n  provider: openai\n  model: gpt-5-mini\n"
        "  maxIteration: 3\ntools:\n  - type: builtin-tools\n    enabledTools: [ask_user]\n",
        encoding="utf-8",
    )
    valid = tmp_path / "valid.yml"
    valid.write_text(
        "# dexto-config: schemaVersion=1.10.4\nsystemPrompt: hi\n"
        "llm: {provider: openai, model: gpt-5-mini}\ntools: [{type: builtin-tools, "
        "enabledTools: [internal--ask_user]}]\n",
        encoding="utf-8",
    )
    bare = subprocess.run([sys.executable, "-c", _MODULES], capture_output=True, text=True)
    run = subprocess.run(
        [sys.executable, "-c", _RUN_CLI, command, str(agent), str(valid)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    loaded = set(run.stderr.split()) - set(bare.stdout.split())
    assert "maxIteration" in run.stdout
    assert {"pydantic", "pydantic_core"} & loaded == set()
