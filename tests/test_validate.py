"""`validate`: positions of every kind of error, whole-file errors, versions, exit codes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from dexto_config.cli import run
from dexto_config.kinds import FileKind
from dexto_config.validation import check_bytes
from tests.conftest import FIXTURES

LEGACY_PREFERENCES = (
    "llm:\n  provider: openai\n  model: gpt-5-mini\n"
    "defaults:\n  defaultAgent: a\npreferDextoCredits: true\n"
)
VALID = "systemPrompt: You help.\nllm:\n  provider: openai\n  model: gpt-5-mini\n"


def _problems(
    text: str | bytes, kind: FileKind = FileKind.AGENT, target: str | None = None
) -> list[tuple[int, int, str]]:
    raw = text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text
    checked = check_bytes(raw, kind, path=Path("/agents/a/a.yml"), target=target)
    return [(p.line, p.col, p.code) for p in checked.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(VALID, [], id="valid"),
        pytest.param("", [(1, 1, "empty-file")], id="empty"),
        pytest.param("# only\n# comments\n", [(1, 1, "empty-file")], id="only-comments"),
        pytest.param("- a\n- b\n", [(1, 1, "not-a-mapping")], id="top-level-list"),
        pytest.param("just text\n", [(1, 1, "not-a-mapping")], id="top-level-scalar"),
        # Dexto reads a byte that is not UTF-8 as U+FFFD and loads the file.
        pytest.param(VALID.replace("help", "h\udcffelp"), [], id="invalid-utf8-read-as-dexto"),
        pytest.param(b"\xef\xbb\xbf" + VALID.encode(), [], id="bom"),
        pytest.param(VALID + "llm: {}\n", [(5, 1, "duplicate-key")], id="duplicate-key-second"),
        pytest.param(
            VALID.replace("  model", "  provider: x\n  model"),
            [(4, 3, "duplicate-key")],
            id="nested-duplicate",
        ),
        pytest.param("systemPrompt: [a\nllm: b\n", [(1, 15, "yaml-syntax")], id="syntax-error"),
        pytest.param("llm:\n\tprovider: openai\n", [(2, 1, "yaml-syntax")], id="tab-indent"),
        pytest.param(VALID + "starterPrompt: []\n", [(5, 1, "schema-unknown-key")], id="unknown"),
        # Dexto 1.2.6 turned starterPrompts into prompts: a key of an older release.
        pytest.param(VALID + "starterPrompts: []\n", [(5, 1, "older-release")], id="pre-seed-key"),
        pytest.param(
            "systemPrompt: hi\nllm:\n  provider: openai\n",
            [(2, 1, "schema-missing-key")],
            id="missing-key-at-mapping",
        ),
        pytest.param(VALID.replace("openai", "opnai"), [(3, 13, "schema")], id="bad-enum-at-value"),
        pytest.param("\ufeff" + VALID, [], id="bom"),
        pytest.param(VALID.replace("\n", "\r\n"), [], id="crlf"),
        pytest.param(
            "# dexto-config: schemaVersion=9.9.9\n" + VALID, [(1, 1, "future-version")], id="future"
        ),
        pytest.param(VALID + "schemaVersion: 9.9.9\n", [(5, 1, "future-version")], id="future-key"),
        pytest.param(
            VALID + "schemaVersion: 1.5.6\n", [(5, 1, "schema-unknown-key")], id="known-key"
        ),
        pytest.param(
            "# dexto-config: schemaVersion=banana\n" + VALID,
            [(1, 1, "unknown-version")],
            id="bad-marker",
        ),
        pytest.param("# dexto-config: schemaVersion=1.5.5\n" + VALID, [], id="between-releases"),
        pytest.param(
            "a: &x 1\nb: *x\n" + VALID,
            [(1, 1, "schema-unknown-key"), (2, 1, "schema-unknown-key")],
            id="anchors",
        ),
    ],
)
def test_positions(text: str | bytes, expected: list[tuple[int, int, str]]) -> None:
    assert _problems(text) == expected


def test_future_version_message_names_both_versions() -> None:
    raw = ("# dexto-config: schemaVersion=9.9.9\n" + VALID).encode()
    (problem,) = check_bytes(raw, FileKind.AGENT, path=Path("a.yml")).problems
    assert "written by a newer Dexto (schemaVersion 9.9.9; this tool knows up to 1.10.4)" in (
        problem.message
    )


def test_prefer_dexto_credits_is_valid_at_154_and_rejected_at_156() -> None:
    prefs = LEGACY_PREFERENCES
    assert _problems(prefs, FileKind.PREFERENCES, target="1.5.4") == []
    marked = "# dexto-config: schemaVersion=1.5.6\n" + prefs
    assert _problems(marked, FileKind.PREFERENCES) == [(7, 1, "older-release")]
    assert _problems(prefs, FileKind.PREFERENCES) == [(6, 1, "older-release")]


def test_cli_prints_positions_then_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.yml").write_text(VALID)
    (tmp_path / "bad.yml").write_text(VALID + "starterPrompt: []\n")
    assert run(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{tmp_path / 'bad.yml'}:5:1: unknown key 'starterPrompt' in agent config",
        "2 files checked: 1 valid, 1 invalid",
    ]


def test_cli_valid_file_prints_no_positioned_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.yml").write_text(VALID)
    assert run(["validate", str(tmp_path / "good.yml")]) == 0
    assert capsys.readouterr().out == "1 file checked: 1 valid, 0 invalid\n"


def test_cli_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.yml").write_text("llm: [\n")
    assert run(["validate", "--format", "json", str(tmp_path / "bad.yml")]) == 1
    (record,) = json.loads(capsys.readouterr().out)["files"]
    assert record["valid"] is False
    assert record["errors"][0]["code"] == "yaml-syntax"
    assert (record["errors"][0]["line"], record["errors"][0]["column"]) == (1, 6)  # the open "["


def test_cli_recognises_preferences_by_name_and_kind_overrides(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prefs = LEGACY_PREFERENCES
    (tmp_path / "preferences.yml").write_text(prefs)
    (tmp_path / "other.yml").write_text(prefs)
    at_154 = ["validate", "--dexto-version", "1.5.4"]
    assert run([*at_154, str(tmp_path / "preferences.yml")]) == 0
    assert run([*at_154, "--kind", "preferences", str(tmp_path / "other.yml")]) == 0
    assert run([*at_154, str(tmp_path / "other.yml")]) == 1
    capsys.readouterr()


def test_cli_dexto_version_judges_files_at_that_release(tmp_path: Path) -> None:
    prefs = tmp_path / "preferences.yml"
    prefs.write_text(LEGACY_PREFERENCES)
    assert run(["validate", "--dexto-version", "1.5.4", str(prefs)]) == 0
    assert run(["validate", str(prefs)]) == 1
    marked = tmp_path / "marked" / "preferences.yml"
    marked.parent.mkdir()
    marked.write_text("# dexto-config: schemaVersion=1.5.4\n" + LEGACY_PREFERENCES)
    assert run(["validate", str(marked)]) == 0
    assert run(["validate", "--dexto-version", "1.5.6", str(marked)]) == 1


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["validate", "nope.yml"], id="missing-path"),
        pytest.param(["validate", "--dexto-version", "9.0.0", "x.yml"], id="future-version"),
        pytest.param(["validate", "--kind", "registry", "x.yml"], id="bad-kind"),
        pytest.param(["validate"], id="no-path"),
    ],
)
def test_cli_usage_errors_exit_2(args: list[str]) -> None:
    assert run(args) == 2


def test_gitignored_files_are_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".gitignore").write_text("ignored/\n*.local.yml\n")
    (tmp_path / "ignored").mkdir()
    (tmp_path / "ignored" / "bad.yml").write_text("llm: [\n")
    (tmp_path / "bad.local.yml").write_text("llm: [\n")
    (tmp_path / "good.yml").write_text(VALID)
    assert run(["validate", str(tmp_path)]) == 0
    assert capsys.readouterr().out == "1 file checked: 1 valid, 0 invalid\n"


def test_fixture_report(capsys: pytest.CaptureFixture[str], snapshot: SnapshotAssertion) -> None:
    code = run(["validate", str(FIXTURES / "agents"), str(FIXTURES / "preferences")])
    report = capsys.readouterr().out.replace(str(FIXTURES), "fixtures")
    assert {"exit": code, "report": report} == snapshot


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param('{"version": 1, "models": []}\n', [], id="valid"),
        pytest.param(
            '{"version": 1, "models": [\n  {"name": "x",}\n]}\n',
            [(2, 16, "yaml-syntax")],
            id="trailing-comma-libyaml-accepts",
        ),
        pytest.param("version: 1\nmodels: []\n", [(1, 1, "yaml-syntax")], id="yaml-not-json"),
        # Read with fs.readFile(path, 'utf-8') as the YAML files are: JSON.parse refuses a BOM.
        pytest.param('\ufeff{"version": 1, "models": []}\n', [(1, 1, "yaml-syntax")], id="bom"),
        pytest.param(
            '{"version": 1, "models": [], "note": "\udcff"}\n', [], id="invalid-utf8-as-dexto"
        ),
    ],
)
def test_custom_models_are_read_as_json(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert _problems(text, FileKind.CUSTOM_MODELS) == expected


def test_deep_nesting_is_a_finding_not_a_crash() -> None:
    deep = "x: " + "[" * 5000 + "]" * 5000 + "\n"
    # Our limit stops it at depth 100; newer libyaml builds stop it earlier, in C.
    ((line, _col, code),) = _problems(deep)
    assert (line, code) == (1, "yaml-syntax")


def test_alias_bomb_is_refused() -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    (problem,) = _problems("\n".join(lines) + "\n")
    assert problem[2] == "yaml-syntax"


def test_a_fifo_is_reported_not_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "agent.yml"
    os.mkfifo(fifo)
    assert run(["validate", str(fifo)]) == 2
    assert "not a regular file" in capsys.readouterr().err
    assert run(["validate", str(tmp_path)]) == 0


def test_custom_models_duplicate_keys_follow_json_parse() -> None:
    # JSON.parse keeps the last value, so Dexto judges that one.
    good = '{"version": 2, "version": 1, "models": []}\n'
    bad = '{"version": 1, "version": 2, "models": []}\n'
    assert _problems(good, FileKind.CUSTOM_MODELS) == []
    assert [code for _line, _col, code in _problems(bad, FileKind.CUSTOM_MODELS)] == ["schema"]


_ENTRY = (
    '{"id": "a", "name": "A", "description": "d", "configPath": "./a/a.yml", '
    '"author": "me", "tags": ["x"]'
)
_CATALOG_ENTRY = '{"description": "d", "author": "me", "tags": [], "source": "a/", "main": "a.yml"'


@pytest.mark.parametrize(
    ("name", "text", "release", "expected"),
    [
        pytest.param("registry.json", f'{{"agents": [{_ENTRY}}}]}}', "1.5.6", [], id="installed"),
        pytest.param(
            "registry.json",
            f'{{"agents": [{_ENTRY}, "bundledHash": "ab"}}]}}',
            "1.5.6",
            [(1, 116, "schema-unknown-key")],
            id="installed-unknown-key",
        ),
        pytest.param(
            "registry.json",
            '{"agents": [{"id": "a", "name": "A", "description": "d"}]}',
            "1.5.6",
            [(1, 13, "schema-missing-key")],
            id="installed-missing-config-path",
        ),
        pytest.param(
            "registry.json",
            f'{{"agents": {{"a": {_CATALOG_ENTRY}}}}}}}',
            "1.5.6",
            [(1, 12, "schema")],
            id="installed-as-a-mapping",
        ),
        pytest.param(
            "registry.json",
            f'{{"primaryAgent": "a", "agents": [{_ENTRY}, "parentAgentId": "b"}}]}}',
            "1.8.0",
            [],
            id="project-registry-keys",
        ),
        pytest.param(
            "agent-registry.json",
            f'{{"agents": {{"a": {_CATALOG_ENTRY}, "type": "custom"}}}}}}',
            "1.5.6",
            [],
            id="catalog",
        ),
        pytest.param(
            "agent-registry.json",
            f'{{"agents": {{"a": {_CATALOG_ENTRY}, "enabled": true}}}}}}',
            "1.5.7",
            [(1, 100, "schema-unknown-key")],
            id="enabled-before-1.6.1",
        ),
        pytest.param(
            "user-agent-registry.json",
            f'{{"agents": {{"a": {_CATALOG_ENTRY}, "enabled": true}}}}}}',
            "1.6.1",
            [],
            id="enabled-from-1.6.1",
        ),
        pytest.param(
            "user-agent-registry.json",
            '{"agents": {"a": {"enabled": false, "bundledHash": "ab"}}}',
            "1.6.1",
            [],
            id="disabled-entry-unread",
        ),
    ],
)
def test_agent_registries_are_strict_like_dexto(
    name: str, text: str, release: str, expected: list[tuple[int, int, str]]
) -> None:
    checked = check_bytes(text.encode(), FileKind.REGISTRY, path=Path(name), target=release)
    assert [(p.line, p.col, p.code) for p in checked.problems] == expected
