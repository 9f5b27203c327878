"""Writing the models' JSON Schemas as `schemas/<kind>-<version>.json`, and spotting stale ones.

A schema set is a mapping from file name to schema, so that the export and the
breaking-change check work the same on the real models and on test data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dexto_config.kinds import SELECTABLE_KINDS, FileKind
from dexto_config.versions import KNOWN_VERSIONS

SchemaSet = Mapping[str, dict[str, Any]]
SchemaSource = Callable[[], SchemaSet]

_FILE_NAME_RE = re.compile(r"\A(?P<kind>[a-z][a-z-]*)-(?P<version>\d+(?:\.\d+)*)\.json\Z")


@dataclass(frozen=True)
class SchemaFile:
    """What a schema file name says: the file kind and the schema version."""

    kind: FileKind
    version: str


def schema_file_name(kind: FileKind, version: str) -> str:
    """The committed file name of the schema of `kind` at `version`, e.g. `agent-1.5.6.json`."""
    return f"{kind.value}-{version}.json"


def parse_schema_file_name(name: str) -> SchemaFile | None:
    """The kind and version named by `name`; None for a name that is not a schema file's."""
    match = _FILE_NAME_RE.match(name)
    if match is None:
        return None
    try:
        kind = FileKind(match.group("kind"))
    except ValueError:
        return None
    if kind not in SELECTABLE_KINDS:
        return None
    return SchemaFile(kind, match.group("version"))


def current_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of every selectable kind at every known version, from the models."""
    # Imported here: the models pull in pydantic, which `schema check --help` does not need.
    from dexto_config.models import json_schema

    return {
        schema_file_name(kind, version): json_schema(kind, version)
        for kind in SELECTABLE_KINDS
        for version in KNOWN_VERSIONS
    }


def render_schema(schema: Mapping[str, Any]) -> str:
    """The exact text of a committed schema file."""
    return json.dumps(schema, indent=2) + "\n"


def export_schemas(schemas: SchemaSet, folder: Path) -> list[Path]:
    """Write every schema of `schemas` into `folder`, and delete schema files no longer produced.

    Returns the files written or deleted; a file whose text is already right is left alone.
    """
    folder.mkdir(parents=True, exist_ok=True)
    touched: list[Path] = []
    for name, schema in sorted(schemas.items()):
        path = folder / name
        text = render_schema(schema)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            touched.append(path)
    for name in sorted(_committed_names(folder) - set(schemas)):
        (folder / name).unlink()
        touched.append(folder / name)
    return touched


def stale_schema_files(schemas: SchemaSet, folder: Path) -> list[str]:
    """Names of the files in `folder` that differ from `schemas`: missing, changed or left over."""
    stale = [
        name
        for name, schema in sorted(schemas.items())
        if not (folder / name).is_file()
        or (folder / name).read_text(encoding="utf-8") != render_schema(schema)
    ]
    stale.extend(sorted(_committed_names(folder) - set(schemas)))
    return stale


def _committed_names(folder: Path) -> set[str]:
    if not folder.is_dir():
        return set()
    return {p.name for p in folder.glob("*.json") if parse_schema_file_name(p.name) is not None}
