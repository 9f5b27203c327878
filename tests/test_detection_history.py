"""Shape detection of files from before the seed (DESIGN §11.2, §13)."""

from __future__ import annotations

import pytest

from dexto_config.detection import AGENT_RELEASES, PREFERENCES_RELEASES, place
from dexto_config.kinds import FileKind
from dexto_config.versions import PRE_SEED_VERSIONS, version_key
from dexto_config.yamlio.fast import parse

TOOLS = "internalTools: [search_history]\n"
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
            "blob: {type: local}}\ntoolConfirmation: {mode: manual}\n",
            "1.2.5",
            ["`internalTools`", "`starterPrompts`", "a memory contributor", "`toolConfirmation`"],
            id="memory-contributor-at-1.2.5",
        ),
        pytest.param(
            LLM + "systemPrompt:\n  contributors:\n    - {id: d, type: dynamic, priority: 1,"
            " source: dateTime}\n" + "internalTools: [read_file]\n"
            "toolConfirmation: {mode: auto-approve}\nelicitation: {enabled: false}\n",
            "1.4.0",
            [
                "`internalTools`",
                "`read_file` in `internalTools`",
                "`source: dateTime`",
                "`toolConfirmation`",
                "`elicitation`",
            ],
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


@pytest.mark.parametrize(
    ("text", "release"),
    [
        pytest.param(LLM + "systemPrompt: hi\nstarterPrompts: []\n" + TOOLS, "1.2.5", id="no-mode"),
        pytest.param(
            "llm: {provider: openai, model: gpt-4o, router: vercel}\nsystemPrompt: hi\n"
            "internalTools: [ask_user]\ntoolConfirmation: {mode: manual, timeout: 1000}\n",
            "1.3.0",
            id="ask-user-without-elicitation-enabled",
        ),
        pytest.param(
            LLM + "systemPrompt:\n  contributors:\n    - {id: d, type: dynamic, priority: 1,"
            " source: dateTime}\n" + TOOLS + "toolConfirmation: {mode: manual}\n"
            "elicitation: {enabled: false}\n",
            "1.4.0",
            id="approvals-without-timeout",
        ),
        pytest.param(
            "llm: {provider: ollama, model: llama3}\nsystemPrompt: hi\n"
            + TOOLS
            + "toolConfirmation: {mode: manual}\nelicitation: {enabled: true}\ncompaction: "
            "{type: reactive-overflow}\ncustomTools: [{type: plan-tools}]\n",
            "1.5.2",
            id="no-max-iterations",
        ),
    ],
)
def test_a_default_that_changed_inside_the_candidates_asks_for_from(
    text: str, release: str
) -> None:
    placement = place(FileKind.AGENT, parse(text).data)
    assert placement.version is None
    assert placement.ambiguity is not None and placement.ambiguity.release == release


@pytest.mark.parametrize(
    ("text", "version", "ambiguity"),
    [
        pytest.param(
            "llm: {provider: openai, model: gpt-4o, apiKey: $OPENAI_API_KEY}\n"
            "defaults: {defaultAgent: default-agent}\n",
            None,
            "1.2.0",
            id="2025-without-default-mode",
        ),
        pytest.param(
            "llm: {provider: ollama, model: llama3, baseURL: http://localhost:11434}\n"
            "defaults: {defaultAgent: default-agent, defaultMode: cli}\n",
            "1.10.4",
            None,
            id="default-mode-and-base-url",
        ),
        pytest.param(
            "llm: {provider: ollama, model: llama3}\n"
            "defaults: {defaultAgent: default-agent}\n"
            "setup: {completed: true, apiKeyPending: true}\n",
            "1.10.4",
            None,
            id="pending-key-from-1.5.1-no-default-mode-needed",
        ),
    ],
)
def test_preferences_from_2025_are_placed(
    text: str, version: str | None, ambiguity: str | None
) -> None:
    placement = place(FileKind.PREFERENCES, parse(text).data)
    assert placement.candidates[0] in ("1.1.0", "1.2.0", "1.5.1")
    assert placement.version == version
    assert (placement.ambiguity.release if placement.ambiguity else None) == ambiguity


def test_ask_user_dates_a_file_from_1_1_11() -> None:
    placement = place(FileKind.AGENT, parse(LLM + "internalTools: [ask_user]\n").data)
    assert placement.candidates[0] == "1.1.11"


def test_the_release_lists_are_in_order() -> None:
    for releases in (PRE_SEED_VERSIONS, AGENT_RELEASES, PREFERENCES_RELEASES):
        assert list(releases) == sorted(releases, key=version_key)
