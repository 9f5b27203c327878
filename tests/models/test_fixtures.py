"""Every fixture's verdict and first issue, per schema version."""

from __future__ import annotations

import pytest

from dexto_config.models import IssueKind, validate_document
from dexto_config.versions import KNOWN_VERSIONS, version_key
from tests.models.fixture_files import Fixture, model_fixtures

Issue = tuple[tuple[str | int, ...], IssueKind]


def until(release: str) -> tuple[str, ...]:
    """The known versions before `release`."""
    return tuple(v for v in KNOWN_VERSIONS if version_key(v) < version_key(release))


def since(release: str) -> tuple[str, ...]:
    """The known versions from `release` on."""
    return tuple(v for v in KNOWN_VERSIONS if version_key(v) >= version_key(release))


BOTH = KNOWN_VERSIONS  # valid at every release (the name predates the later releases)
V154 = ("1.5.4",)
NONE: tuple[str, ...] = ()

# fixture -> (versions it is valid in, (path, kind) of its first issue elsewhere, or a
# mapping from the first release of each first issue to it)
EXPECTED: dict[str, tuple[tuple[str, ...], Issue | dict[str, Issue] | None]] = {
    "agents/legacy-anthropic-routeable.yml": (BOTH, None),
    "agents/valid-every-section.yml": (
        until("1.6.0"),
        {
            "1.6.0": (("tools",), IssueKind.VALUE),
            "1.6.2": (("llm", "reasoningEffort"), IssueKind.UNKNOWN_KEY),
        },
    ),
    "agents/valid-explicit-dexto.yml": (until("1.5.8"), (("llm", "provider"), IssueKind.VALUE)),
    "agents/valid-null-values-dropped.yml": (BOTH, None),
    # Fixtures of the release steps (DESIGN §11.1): each valid at the releases it was written for.
    "agents/explicit-1.5.6-gateway-tools-plugins.yml": (
        until("1.5.8"),
        (("llm", "provider"), IssueKind.VALUE),
    ),
    "agents/explicit-1.5.6-crlf-bom-flow-tools.yml": (
        until("1.6.0"),
        (("toolConfirmation",), IssueKind.UNKNOWN_KEY),
    ),
    "agents/release-1.5.7-no-tools.yml": (
        ("1.5.7",),
        {
            "1.5.4": (("prompts", 0, "model"), IssueKind.UNKNOWN_KEY),
            "1.5.8": (("llm", "provider"), IssueKind.VALUE),
        },
    ),
    "agents/valid-number-coercion.yml": (BOTH, None),
    "agents/valid-ollama-baseurl-without-scheme.yml": (BOTH, None),
    "agents/valid-openai-compatible-baseurl.yml": (BOTH, None),
    "agents/invalid-agent-dir-inside-string.yml": (
        NONE,
        (("mcpServers", "files", "args", 0), IssueKind.VALUE),
    ),
    "agents/invalid-bad-provider.yml": (NONE, (("llm", "provider"), IssueKind.VALUE)),
    "agents/invalid-baseurl-env-reference.yml": (NONE, (("llm", "baseURL"), IssueKind.VALUE)),
    # 1.6.0 moved the baseURL requirement out of the schema, into a check at start-up.
    "agents/invalid-baseurl-missing-litellm.yml": (
        since("1.6.0"),
        (("llm",), IssueKind.MISSING_KEY),
    ),
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
    # From 1.6.0 the schema takes any `{type}` backend; the image refuses `memory` at start-up
    # (`start_up_issues`, lint DX407).
    "agents/invalid-storage-cache-type.yml": (
        since("1.6.0"),
        (("storage", "cache", "type"), IssueKind.VALUE),
    ),
    "agents/invalid-unknown-keys.yml": (NONE, (("llm", "router"), IssueKind.UNKNOWN_KEY)),
    "agents/invalid-wrong-types.yml": (NONE, (("elicitation", "enabled"), IssueKind.VALUE)),
    "agents/invalid-yaml-merge-key.yml": (NONE, (("llm",), IssueKind.MISSING_KEY)),
    "preferences/explicit-dexto/preferences.yml": (
        until("1.5.8"),
        (("llm", "provider"), IssueKind.VALUE),
    ),
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
        ("1.5.6", "1.5.7"),
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
    if isinstance(first_issue, dict):
        starts = [v for v in first_issue if version_key(v) <= version_key(version)]
        first_issue = first_issue[max(starts, key=version_key)]
    assert (issues[0].path, issues[0].kind) == first_issue
