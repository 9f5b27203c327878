"""What schema validation reports, independent of pydantic."""

from __future__ import annotations

import enum

from dexto_config.records import Record
from dexto_config.yamlio.fast import DataPath


class IssueKind(enum.StrEnum):
    """Where an issue is positioned: a value, an unknown key, or the mapping lacking a key."""

    VALUE = "value"
    UNKNOWN_KEY = "unknown-key"
    MISSING_KEY = "missing-key"


class SchemaIssue(Record):
    """One schema violation.

    `path` points into the data as parsed from the file: for VALUE the offending
    value, for UNKNOWN_KEY the unknown key itself, for MISSING_KEY the mapping that
    lacks the key (the missing key's name is in `message`).
    """

    path: DataPath
    message: str
    code: str
    kind: IssueKind = IssueKind.VALUE
