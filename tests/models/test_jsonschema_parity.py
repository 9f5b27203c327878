"""The exported JSON Schemas judge every fixture as the pydantic models do.

JSON Schema sees the file as written; Dexto (and our models) first apply its
loader and enrichment and judge some strings by rules JSON Schema cannot
express. Fixtures where that changes the verdict are listed with the reason,
and the test checks that they really differ, so the list stays true.
"""

from __future__ import annotations

from functools import cache

import jsonschema
import pytest

from dexto_config.kinds import FileKind
from dexto_config.models import json_schema, validate_document
from dexto_config.versions import KNOWN_VERSIONS
from tests.models.fixture_files import Fixture, model_fixtures

ALL = frozenset(KNOWN_VERSIONS)
# fixture -> why the verdicts differ (at every version unless the versions are given)
KNOWN_DIFFERENCES: dict[str, str | tuple[str, frozenset[str]]] = {
    "agents/valid-every-section.yml": (
        "enrichment fills the sqlite database path",
        frozenset({"1.5.4", "1.5.6", "1.5.7", "1.5.8"}),
    ),
    "agents/valid-null-values-dropped.yml": "Dexto drops null mapping values and .inf",
    "agents/valid-number-coercion.yml": "llm numbers and MCP timeouts use JavaScript Number()",
    "agents/invalid-file-contributor-relative-path.yml": "absolute paths after template expansion",
    "agents/invalid-agent-dir-inside-string.yml": "the loader's ${{dexto.agent_dir}} escape check",
    "agents/invalid-mcp-url.yml": "MCP urls are judged after $VAR expansion",
    "agents/invalid-baseurl-env-reference.yml": "URLs are WHATWG URLs, not format: uri",
}


@cache
def _validator(kind: FileKind, version: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json_schema(kind, version))


def _schema_verdict(fixture: Fixture, version: str) -> bool:
    return _validator(fixture.kind, version).is_valid(fixture.data())


def _model_verdict(fixture: Fixture, version: str) -> bool:
    return not validate_document(fixture.kind, version, fixture.data(), source_path=fixture.path)


@pytest.mark.parametrize("kind", [FileKind.AGENT, FileKind.PREFERENCES, FileKind.CUSTOM_MODELS])
@pytest.mark.parametrize("version", KNOWN_VERSIONS)
def test_schemas_are_draft_2020_12(kind: FileKind, version: str) -> None:
    schema = json_schema(kind, version)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("version", KNOWN_VERSIONS)
@pytest.mark.parametrize("fixture", model_fixtures(), ids=lambda f: f.name)
def test_fixture_verdicts_match(fixture: Fixture, version: str) -> None:
    schema_valid = _schema_verdict(fixture, version)
    model_valid = _model_verdict(fixture, version)
    reason, versions = _known_difference(fixture.name)
    if version in versions:
        assert schema_valid != model_valid, f"no longer differs: {reason}"
    else:
        assert schema_valid == model_valid


def test_known_differences_name_real_fixtures() -> None:
    names = {fixture.name for fixture in model_fixtures()}
    assert set(KNOWN_DIFFERENCES) <= names


@pytest.mark.parametrize(
    ("provider", "base_url", "valid"),
    [
        pytest.param("litellm", None, False, id="required-missing"),
        pytest.param("litellm", "http://localhost:4000", True, id="required-present"),
        pytest.param("anthropic", "https://proxy.example.com", False, id="unsupported-present"),
        pytest.param("anthropic", None, True, id="unsupported-absent"),
        pytest.param("ollama", None, True, id="optional-absent"),
        pytest.param("ollama", "http://localhost:11434", True, id="optional-present"),
    ],
)
def test_base_url_rules_are_if_then(provider: str, base_url: str | None, valid: bool) -> None:
    llm = {"provider": provider, "model": "m"}
    if base_url is not None:
        llm["baseURL"] = base_url
    data = {"systemPrompt": "s", "llm": llm}
    assert _validator(FileKind.AGENT, "1.5.6").is_valid(data) is valid
    assert (validate_document(FileKind.AGENT, "1.5.6", data) == []) is valid


def _known_difference(name: str) -> tuple[str, frozenset[str]]:
    entry = KNOWN_DIFFERENCES.get(name)
    if entry is None:
        return "", frozenset()
    return entry if isinstance(entry, tuple) else (entry, ALL)
