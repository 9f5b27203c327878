"""Shape detection of files from before the seed (DESIGN §11.2, §13)."""

from __future__ import annotations

import pytest

from dexto_config.detection import place
from dexto_config.kinds import FileKind
from dexto_config.yamlio.fast import parse

TOOLS = "internalTools: [ask_user]\n"
LLM = "llm: {provider: openai, model: gpt-4o, apiKey: $OPENAI_API_KEY}\n"


@pytest.mark.parametrize(
    ("text", "version", "evidence"),
    [
        pytest.param(
            "llm:\n  provider: openai\n  model: gpt-4o\n  maxTokens: 1000\n  systemPrompt: hi\n",
            "0.2.0",
            ["`llm.maxTokens`", "`llm.systemPrompt`"],
            id="saiki-0.2",
        ),
        pytest.param(
            LLM + "systemPrompt:\n  contributors:\n    - {id: f, type: file, priority: 1,"
            " files: [notes.md]}\n" + TOOLS,
            "0.3.0",
            ["a relative contributor file", "`internalTools`"],
            id="relative-path-before-1.1.11",
        ),
        pytest.param(
            LLM
            + "systemPrompt: hi\nstarterPrompts: []\n"
            + TOOLS
            + "toolConfirmation: {mode: event-based}\n",
            "1.1.11",
            ["`internalTools`", "`toolConfirmation`", "`starterPrompts`", "`mode: event-based`"],
            id="event-based-before-1.2.5",
        ),
        pytest.param(
            LLM
            + "systemPrompt:\n  contributors:\n    - {id: m, type: memory, priority: 40}\n"
            + TOOLS
            + "starterPrompts: []\nstorage: {cache: {type: in-memory}, database: {type: sqlite}, "
            "blob: {type: local}}\n",
            "1.2.5",
            ["`internalTools`", "`starterPrompts`", "a memory contributor"],
            id="memory-contributor-at-1.2.5",
        ),
        pytest.param(
            LLM + "systemPrompt:\n  contributors:\n    - {id: d, type: dynamic, priority: 1,"
            " source: dateTime}\n" + "internalTools: [read_file]\n",
            "1.4.0",
            ["`internalTools`", "`read_file` in `internalTools`", "`source: dateTime`"],
            id="date-time-and-file-tools-before-1.5.1",
        ),
    ],
)
def test_pre_seed_files_are_placed(text: str, version: str, evidence: list[str]) -> None:
    placement = place(FileKind.AGENT, parse(text).data)
    assert placement.version == version
    assert sorted(item.what for item in placement.evidence) == sorted(evidence)


def test_storage_without_blob_is_before_1_2_5_or_from_1_6_0() -> None:
    text = LLM + "systemPrompt: hi\nstorage: {cache: {type: in-memory}, database: {type: sqlite}}\n"
    placement = place(FileKind.AGENT, parse(text).data)
    assert "1.1.11" in placement.candidates and "1.6.0" in placement.candidates
    assert "1.2.5" not in placement.candidates and "1.5.6" not in placement.candidates
    # No tools key: before 1.6.0 no tools, from 1.6.0 the image's: --from decides.
    assert placement.version is None
    assert placement.ambiguity is not None and placement.ambiguity.release == "1.6.0"
