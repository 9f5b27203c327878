"""Safety rules of the engine: what is refused, what is a no-op, what is kept (DESIGN §4)."""

from __future__ import annotations

import pytest

from dexto_config.kinds import FileKind
from dexto_config.migrate.engine import migrate_bytes
from dexto_config.migrate.routing import RoutingContext
from dexto_config.versions import LATEST_VERSION, marker_line

CONTEXT = RoutingContext(dexto_key=True)
LEGACY = "1.5.4"
# An agent in the shape Dexto 1.6.0 and later write (and without a marker, as Dexto writes it).
CURRENT = (
    "systemPrompt: You help.\nllm:\n  provider: anthropic\n  model: claude-haiku-4-5-20251001\n"
    "tools: [{type: builtin-tools}]\n"
)
AGENT = "systemPrompt: You help.\nllm:\n  provider: anthropic\n  model: claude-haiku-4-5-20251001\n"


@pytest.mark.parametrize(
    ("source", "reason", "line", "message"),
    [
        pytest.param(
            AGENT + "starterPrompts: []\n", "unknown-key", 5, "starterPrompts", id="unknown-key"
        ),
        pytest.param(
            AGENT.replace("  model:", "  routerx: 1\n  model:"),
            "unknown-key",
            4,
            "routerx",
            id="unknown-nested-key",
        ),
        pytest.param("llm: [\n", "invalid-yaml", 1, "never closed", id="invalid-yaml"),
        pytest.param(AGENT + "llm: {}\n", "invalid-yaml", 5, "duplicate key", id="duplicate-key"),
        pytest.param(
            "# dexto-config: schemaVersion=9.0.0\n" + AGENT,
            "future-version",
            1,
            "written by a newer Dexto (schemaVersion 9.0.0; this tool knows up to 1.10.4)",
            id="future-marker",
        ),
        pytest.param(
            AGENT + "schemaVersion: 9.0.0\n",
            "future-version",
            5,
            "schemaVersion 9.0.0",
            id="future-schema-version-key",
        ),
        pytest.param(
            AGENT + "schemaVersion: 1.5.4\n",
            "unknown-key",
            5,
            "schemaVersion",
            id="known-schema-version-key-is-unknown",
        ),
        pytest.param(
            "llm:\n  provider: anthropic\n  model: claude-haiku-4-5\n",
            "invalid",
            1,
            "systemPrompt",
            id="invalid-before-migration",
        ),
        pytest.param("", "not-a-mapping", 1, "empty", id="empty-file"),
        pytest.param("- a\n- b\n", "not-a-mapping", 1, "not a mapping", id="top-level-list"),
    ],
)
def test_refused_files_stay_untouched(source: str, reason: str, line: int, message: str) -> None:
    result = migrate_bytes(source.encode(), FileKind.AGENT, assumed_version=LEGACY, context=CONTEXT)
    assert result.status == "refused"
    assert result.result == source.encode()
    assert result.refusal is not None
    assert result.refusal.code == reason
    assert result.refusal.line == line
    assert message in result.refusal.message


def test_undecodable_bytes_are_refused() -> None:
    raw = b"systemPrompt: caf\xe9\n"
    result = migrate_bytes(raw, FileKind.AGENT, assumed_version=None, context=CONTEXT)
    assert result.status == "refused"
    assert result.refusal is not None and result.refusal.code == "encoding"


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(marker_line(LATEST_VERSION) + "\n" + CURRENT, id="marker"),
        pytest.param(
            marker_line(LATEST_VERSION) + "\r\n" + CURRENT.replace("\n", "\r\n"), id="crlf"
        ),
        pytest.param("\ufeff" + marker_line(LATEST_VERSION) + "\n" + CURRENT, id="bom"),
    ],
)
def test_a_current_file_is_a_byte_identical_no_op(source: str) -> None:
    raw = source.encode()
    result = migrate_bytes(raw, FileKind.AGENT, assumed_version=None, context=CONTEXT)
    assert result.status == "current"
    assert result.result == raw


def test_a_markerless_file_declared_current_is_not_touched() -> None:
    raw = AGENT.encode()
    result = migrate_bytes(raw, FileKind.AGENT, assumed_version=LATEST_VERSION, context=CONTEXT)
    assert (result.status, result.result) == ("current", raw)


@pytest.mark.parametrize("stated", [None, "1.5.4", "1.5.6"])
def test_a_file_in_the_newest_shape_is_current_whatever_was_assumed(stated: str | None) -> None:
    # Dexto writes no marker; the hook assumes the release it upgraded from.
    raw = CURRENT.encode()
    result = migrate_bytes(raw, FileKind.AGENT, assumed_version=stated, context=CONTEXT)
    assert (result.status, result.result, result.from_version) == ("current", raw, LATEST_VERSION)
    assert result.version_evidence == "the shape (a `tools` list)"


@pytest.mark.parametrize(
    ("source", "reason", "message"),
    [
        pytest.param(
            AGENT,
            "ambiguous-version",
            "state the release it was written for with --from",
            id="no-tools-key-runs-differently-across-1.6.0",
        ),
        pytest.param(
            AGENT + "toolConfirmation: {mode: manual}\nhooks: []\n",
            "mixed-releases",
            "no Dexto release accepts these keys together (`toolConfirmation`, `hooks`)",
            id="keys-of-two-eras",
        ),
    ],
)
def test_an_unmarked_file_whose_release_its_shape_cannot_tell_is_refused(
    source: str, reason: str, message: str
) -> None:
    result = migrate_bytes(source.encode(), FileKind.AGENT, assumed_version=None, context=CONTEXT)
    assert result.status == "refused"
    assert result.refusal is not None
    assert (result.refusal.code, result.result) == (reason, source.encode())
    assert message in result.refusal.message


def test_migrating_twice_is_a_no_op() -> None:
    first = migrate_bytes(AGENT.encode(), FileKind.AGENT, assumed_version=LEGACY, context=CONTEXT)
    second = migrate_bytes(first.result, FileKind.AGENT, assumed_version=None, context=CONTEXT)
    assert first.status == "migrated"
    assert second.status == "current"
    assert second.result == first.result


def test_an_older_marker_is_replaced_in_place() -> None:
    source = "# dexto-config: schemaVersion=1.5.4\n# mine\n" + AGENT
    result = migrate_bytes(source.encode(), FileKind.AGENT, assumed_version=None, context=CONTEXT)
    assert result.result.decode().startswith(
        marker_line(LATEST_VERSION) + "\n# mine\nsystemPrompt:"
    )


def test_an_intermediate_release_counts_as_behind() -> None:
    source = "# dexto-config: schemaVersion=1.5.5\n" + AGENT
    result = migrate_bytes(source.encode(), FileKind.AGENT, assumed_version=None, context=CONTEXT)
    assert result.status == "migrated"
    assert result.from_version == "1.5.5"


def test_custom_models_json_without_changes_is_current() -> None:
    raw = b'{"version": 1, "models": [{"name": "m", "provider": "ollama"}]}\n'
    result = migrate_bytes(raw, FileKind.CUSTOM_MODELS, assumed_version=None, context=CONTEXT)
    assert (result.status, result.result) == ("current", raw)


def test_registry_json_is_never_migrated() -> None:
    raw = b'{"agents": []}'
    result = migrate_bytes(raw, FileKind.REGISTRY, assumed_version=None, context=CONTEXT)
    assert (result.status, result.result) == ("current", raw)
