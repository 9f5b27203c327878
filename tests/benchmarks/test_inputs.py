"""The benchmark's input builders still work and still build what §9 measures (no timing here)."""

from __future__ import annotations

from pathlib import Path

import yaml

from benchmarks.inputs import (
    BIG_PROMPT_BYTES,
    CORPUS_FIXTURES,
    SMALL_AGENT_BYTES,
    build_big_agent,
    build_corpus,
    build_small_agent,
)
from dexto_config.kinds import FileKind
from dexto_config.validation import check_file
from tests.conftest import REPO

# The fixtures are seed-era agents (Dexto 1.5.6's explicit form).
SEED = "1.5.6"


def test_corpus_fixtures_are_valid_agents() -> None:
    invalid = [
        name
        for name in CORPUS_FIXTURES
        if not check_file(REPO / name, FileKind.AGENT, target=SEED).valid
    ]
    assert invalid == []


def test_corpus_files_are_distinct_valid_copies(tmp_path: Path) -> None:
    files = build_corpus(tmp_path, len(CORPUS_FIXTURES) + 3)

    assert len({f.read_bytes() for f in files}) == len(files)
    assert all(check_file(f, FileKind.AGENT, target=SEED).valid for f in files)
    crlf = [f for f in files if "crlf" in f.name]
    assert crlf and all(b"\n" not in f.read_bytes().replace(b"\r\n", b"") for f in crlf)


def test_big_and_small_agents_have_the_budgeted_sizes(tmp_path: Path) -> None:
    big, small = build_big_agent(tmp_path), build_small_agent(tmp_path)

    assert BIG_PROMPT_BYTES * 0.99 <= big.stat().st_size <= BIG_PROMPT_BYTES * 1.01
    assert SMALL_AGENT_BYTES * 0.9 <= small.stat().st_size <= SMALL_AGENT_BYTES
    prompt = yaml.safe_load(big.read_text(encoding="utf-8"))["systemPrompt"]
    assert len(prompt) > BIG_PROMPT_BYTES * 0.95
    assert check_file(small, FileKind.AGENT).valid
