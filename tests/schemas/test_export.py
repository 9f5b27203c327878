"""The committed `schemas/` against a fresh export, and the export's file handling."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dexto_config.cli import run
from dexto_config.kinds import SELECTABLE_KINDS, FileKind
from dexto_config.schemas.export import (
    SchemaFile,
    current_schemas,
    export_schemas,
    parse_schema_file_name,
    render_schema,
    schema_file_name,
    stale_schema_files,
)
from dexto_config.versions import KNOWN_VERSIONS
from tests.conftest import REPO

SAMPLE = {"agent-1.5.6.json": {"type": "object"}, "preferences-1.5.6.json": {"type": "object"}}


def test_committed_schemas_are_up_to_date() -> None:
    stale = stale_schema_files(current_schemas(), REPO / "schemas")
    assert stale == [], f"stale schemas {stale}: run `dexto-config schema export`"


def test_every_kind_and_version_is_exported() -> None:
    expected = {schema_file_name(k, v) for k in SELECTABLE_KINDS for v in KNOWN_VERSIONS}
    assert set(current_schemas()) == expected
    assert "custom-models-1.5.6.json" in expected


def test_export_writes_two_space_json_with_final_newline(tmp_path: Path) -> None:
    export_schemas(SAMPLE, tmp_path)
    text = (tmp_path / "agent-1.5.6.json").read_text(encoding="utf-8")
    assert text == '{\n  "type": "object"\n}\n'
    assert stale_schema_files(SAMPLE, tmp_path) == []


def test_export_rewrites_only_what_changed_and_drops_leftovers(tmp_path: Path) -> None:
    export_schemas(SAMPLE, tmp_path)
    (tmp_path / "agent-1.5.4.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}\n", encoding="utf-8")
    changed = {**SAMPLE, "agent-1.5.6.json": {"type": "array"}}
    assert stale_schema_files(changed, tmp_path) == ["agent-1.5.6.json", "agent-1.5.4.json"]

    touched = export_schemas(changed, tmp_path)

    assert [p.name for p in touched] == ["agent-1.5.6.json", "agent-1.5.4.json"]
    assert (tmp_path / "notes.json").is_file(), "files that are not schemas are not ours to delete"
    assert json.loads((tmp_path / "agent-1.5.6.json").read_text()) == {"type": "array"}


def test_missing_file_is_stale(tmp_path: Path) -> None:
    assert stale_schema_files(SAMPLE, tmp_path) == sorted(SAMPLE)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("agent-1.5.6.json", SchemaFile(FileKind.AGENT, "1.5.6")),
        ("custom-models-1.5.4.json", SchemaFile(FileKind.CUSTOM_MODELS, "1.5.4")),
        ("registry-1.5.6.json", None),
        ("agent-latest.json", None),
        ("agent-1.5.6.yaml", None),
    ],
    ids=["agent", "hyphenated-kind", "not-selectable", "not-a-version", "not-json"],
)
def test_parse_schema_file_name(name: str, expected: SchemaFile | None) -> None:
    assert parse_schema_file_name(name) == expected


def test_cli_export_then_up_to_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "schemas"
    assert run(["schema", "export", "--out", str(out)]) == 0
    assert stale_schema_files(current_schemas(), out) == []
    assert run(["schema", "export", "--out", str(out)]) == 0
    assert capsys.readouterr().out.endswith(f"{out}: up to date\n")


def test_render_matches_committed_bytes() -> None:
    committed = (REPO / "schemas" / "agent-1.5.6.json").read_text(encoding="utf-8")
    assert render_schema(json.loads(committed)) == committed
