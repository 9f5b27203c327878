"""Table-driven tests of the preferences and custom-models models per version."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from dexto_config.kinds import FileKind
from dexto_config.models import IssueKind, validate_document

PREFERENCES: dict[str, Any] = {
    "llm": {"provider": "anthropic", "model": "claude-sonnet-4-5-20250929"},
    "defaults": {"defaultAgent": "coding-agent"},
}


def preferences(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(PREFERENCES)
    for key, value in changes.items():
        section, _, field = key.partition("__")
        if field:
            data[section][field] = value
        else:
            data[section] = value
    return data


PREFERENCE_CASES = [
    pytest.param(preferences(), None, None, id="minimal"),
    pytest.param(
        preferences(preferDextoCredits=True),
        None,
        ("preferDextoCredits",),
        id="prefer-dexto-credits",
    ),
    pytest.param(preferences(llm__apiKey="$ANTHROPIC_API_KEY"), None, None, id="api-key-reference"),
    pytest.param(
        preferences(llm__apiKey="${ANTHROPIC_API_KEY}"),
        ("llm", "apiKey"),
        ("llm", "apiKey"),
        id="api-key-braces-refused",
    ),
    pytest.param(
        preferences(llm__apiKey="sk-ant-123"),
        ("llm", "apiKey"),
        ("llm", "apiKey"),
        id="api-key-literal-refused",
    ),
    pytest.param(
        preferences(llm__provider="openai-compatible", llm__model="m"),
        None,
        None,
        id="baseurl-never-required",
    ),
    pytest.param(
        preferences(llm__provider="ollama", llm__baseURL="http://localhost:11434"),
        None,
        None,
        id="baseurl-supported",
    ),
    pytest.param(
        preferences(llm__baseURL="http://localhost:4000"),
        ("llm", "baseURL"),
        ("llm", "baseURL"),
        id="baseurl-unsupported",
    ),
    pytest.param(
        preferences(llm__provider="litellm", llm__baseURL="not a url"),
        ("llm", "baseURL"),
        ("llm", "baseURL"),
        id="baseurl-invalid",
    ),
    pytest.param(
        preferences(llm__apiKey=None), ("llm", "apiKey"), ("llm", "apiKey"), id="null-not-dropped"
    ),
    pytest.param(
        preferences(defaults={}), ("defaults",), ("defaults",), id="default-agent-missing"
    ),
    pytest.param(
        preferences(defaults__defaultMode="tui"),
        ("defaults", "defaultMode"),
        ("defaults", "defaultMode"),
        id="bad-mode",
    ),
    pytest.param(
        preferences(defaults__defaultAgent=""),
        ("defaults", "defaultAgent"),
        ("defaults", "defaultAgent"),
        id="empty-default-agent",
    ),
    pytest.param(
        preferences(sounds={"enabled": "on"}),
        ("sounds", "enabled"),
        ("sounds", "enabled"),
        id="yaml12-on-is-string",
    ),
    pytest.param(
        preferences(setup={"completed": True, "done": 1}),
        ("setup", "done"),
        ("setup", "done"),
        id="unknown-in-setup",
    ),
]


@pytest.mark.parametrize(("data", "issue_v154", "issue_v156"), PREFERENCE_CASES)
def test_preferences(
    data: dict[str, Any], issue_v154: tuple[str, ...] | None, issue_v156: tuple[str, ...] | None
) -> None:
    for version, expected in (("1.5.4", issue_v154), ("1.5.6", issue_v156)):
        issues = validate_document(FileKind.PREFERENCES, version, data)
        assert [issue.path for issue in issues][:1] == ([expected] if expected else []), version


def test_preferences_api_key_message_does_not_echo_the_value() -> None:
    issues = validate_document(
        FileKind.PREFERENCES, "1.5.6", preferences(llm__apiKey="sk-ant-secret")
    )
    assert "sk-ant-secret" not in issues[0].message
    assert "environment variable reference" in issues[0].message


def custom_models(*models: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {"version": 1, "models": list(models), **top}


CUSTOM_MODEL_CASES = [
    pytest.param(custom_models(), True, True, None, id="empty"),
    pytest.param(
        custom_models({"name": "m", "baseURL": "http://localhost:8000/v1"}),
        True,
        True,
        None,
        id="default-provider-with-baseurl",
    ),
    pytest.param(
        custom_models({"name": "m"}),
        False,
        False,
        (("models", 0), IssueKind.MISSING_KEY),
        id="default-provider-needs-baseurl",
    ),
    pytest.param(
        custom_models({"name": "m", "provider": "dexto"}),
        False,
        True,
        (("models", 0, "provider"), IssueKind.VALUE),
        id="dexto-provider-from-1.5.6",
    ),
    pytest.param(
        custom_models({"name": "m", "provider": "openrouter", "note": "x"}),
        True,
        True,
        None,
        id="model-unknown-keys-dropped",
    ),
    pytest.param(custom_models(comment="mine"), True, True, None, id="top-level-not-strict"),
    pytest.param(
        custom_models({"name": "m", "provider": "local"}),
        False,
        False,
        (("models", 0), IssueKind.MISSING_KEY),
        id="local-needs-file-path",
    ),
    pytest.param(
        custom_models({"name": "m", "provider": "local", "filePath": "/m/a.gguf"}),
        True,
        True,
        None,
        id="local-gguf",
    ),
    pytest.param(
        custom_models({"name": "", "provider": "ollama"}),
        False,
        False,
        (("models", 0, "name"), IssueKind.VALUE),
        id="empty-name",
    ),
    pytest.param(
        custom_models({"name": "m", "provider": "ollama", "maxInputTokens": "100"}),
        False,
        False,
        (("models", 0, "maxInputTokens"), IssueKind.VALUE),
        id="tokens-not-coerced",
    ),
    pytest.param(
        {"version": 2, "models": []},
        False,
        False,
        (("version",), IssueKind.VALUE),
        id="bad-format-version",
    ),
    pytest.param(
        {"models": []}, False, False, ((), IssueKind.MISSING_KEY), id="missing-format-version"
    ),
]


@pytest.mark.parametrize(("data", "valid_v154", "valid_v156", "first_issue"), CUSTOM_MODEL_CASES)
def test_custom_models(
    data: dict[str, Any],
    valid_v154: bool,
    valid_v156: bool,
    first_issue: tuple[tuple[str | int, ...], IssueKind] | None,
) -> None:
    for version, valid in (("1.5.4", valid_v154), ("1.5.6", valid_v156)):
        issues = validate_document(FileKind.CUSTOM_MODELS, version, data)
        assert (issues == []) is valid, (version, issues)
        if issues:
            assert (issues[0].path, issues[0].kind) == first_issue
