"""Every fixture's verdict and first issue, per schema version."""

from __future__ import annotations

import pytest

from dexto_config.models import IssueKind, validate_document
from dexto_config.versions import KNOWN_VERSIONS
from tests.models.fixture_files import Fixture, model_fixtures

BOTH = ("1.5.4", "1.5.6")
V154 = ("1.5.4",)
V156 = ("1.5.6",)
NONE: tuple[str, ...] = ()

# fixture -> (versions it is valid in, (path, kind) of its first issue elsewhere)
EXPECTED: dict[str, tuple[tuple[str, ...], tuple[tuple[str | int, ...], IssueKind] | None]] = {
    "agents/legacy-anthropic-routeable.yml": (BOTH, None),
    "agents/valid-every-section.yml": (BOTH, None),
    "agents/valid-explicit-dexto.yml": (BOTH, None),
    "agents/valid-null-values-dropped.yml": (BOTH, None),
    "agents/valid-number-coercion.yml": (BOTH, None),
    "agents/valid-ollama-baseurl-without-scheme.yml": (BOTH, None),
    "agents/valid-openai-compatible-baseurl.yml": (BOTH, None),
    "agents/invalid-agent-dir-inside-string.yml": (
        NONE,
        (("mcpServers", "files", "args", 0), IssueKind.VALUE),
    ),
    "agents/invalid-bad-provider.yml": (NONE, (("llm", "provider"), IssueKind.VALUE)),
    "agents/invalid-baseurl-env-reference.yml": (NONE, (("llm", "baseURL"), IssueKind.VALUE)),
    "agents/invalid-baseurl-missing-litellm.yml": (NONE, (("llm",), IssueKind.MISSING_KEY)),
    "agents/invalid-baseurl-unsupported-provider.yml": (
        NONE,
        (("llm", "baseURL"), IssueKind.VALUE),
    ),
    "agents/invalid-file-contributor-relative-path.yml": (
        NONE,
        (("systemPrompt", "contributors", 0, "files", 0), IssueKind.VALUE),
    ),
    "agents/invalid-mcp-url.yml": (NONE, (("mcpServers", "gmail", "url"), IssueKind.VALUE)),
    "agents/invalid-missing-keys.yml": (NONE, ((), IssueKind.MISSING_KEY)),
    "agents/invalid-null-in-list.yml": (
        NONE,
        (("llm", "allowedMediaTypes", 1), IssueKind.VALUE),
    ),
    "agents/invalid-number-not-coerced-outside-llm.yml": (
        NONE,
        (("sessions", "maxSessions"), IssueKind.VALUE),
    ),
    "agents/invalid-storage-cache-type.yml": (
        NONE,
        (("storage", "cache", "type"), IssueKind.VALUE),
    ),
    "agents/invalid-unknown-keys.yml": (NONE, (("llm", "router"), IssueKind.UNKNOWN_KEY)),
    "agents/invalid-wrong-types.yml": (NONE, (("elicitation", "enabled"), IssueKind.VALUE)),
    "agents/invalid-yaml-merge-key.yml": (NONE, (("llm",), IssueKind.MISSING_KEY)),
    "preferences/explicit-dexto/preferences.yml": (BOTH, None),
    "preferences/legacy-prefer-dexto-credits/preferences.yml": (
        V154,
        (("preferDextoCredits",), IssueKind.UNKNOWN_KEY),
    ),
    "preferences/invalid-baseurl-unsupported-provider/preferences.yml": (
        NONE,
        (("llm", "baseURL"), IssueKind.VALUE),
    ),
    "preferences/invalid-literal-api-key/preferences.yml": (
        NONE,
        (("llm", "apiKey"), IssueKind.VALUE),
    ),
    "preferences/invalid-missing-defaults/preferences.yml": (NONE, ((), IssueKind.MISSING_KEY)),
    "preferences/invalid-null-value/preferences.yml": (NONE, (("llm", "baseURL"), IssueKind.VALUE)),
    "custom-models/legacy-openrouter/custom-models.json": (BOTH, None),
    "custom-models/explicit-dexto-provider/custom-models.json": (
        V156,
        (("models", 0, "provider"), IssueKind.VALUE),
    ),
    "custom-models/invalid-missing-baseurl/custom-models.json": (
        NONE,
        (("models", 0), IssueKind.MISSING_KEY),
    ),
    "custom-models/invalid-local-not-gguf/custom-models.json": (
        NONE,
        (("models", 0, "filePath"), IssueKind.VALUE),
    ),
}

FIXTURES = model_fixtures()


def test_every_fixture_has_an_expectation() -> None:
    assert sorted(f.name for f in FIXTURES) == sorted(EXPECTED)


@pytest.mark.parametrize("version", KNOWN_VERSIONS)
@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_fixture_verdict(fixture: Fixture, version: str) -> None:
    valid_in, first_issue = EXPECTED[fixture.name]
    issues = validate_document(fixture.kind, version, fixture.data(), source_path=fixture.path)
    if version in valid_in:
        assert issues == []
        return
    assert issues, "expected the fixture to be invalid"
    assert first_issue is not None
    assert (issues[0].path, issues[0].kind) == first_issue
