"""Pydantic's validation errors as `SchemaIssue`s (see `dexto_config.models.translate`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from dexto_config.models.issues import SchemaIssue
from dexto_config.models.translate import issues_from_details
from dexto_config.yamlio.fast import DataPath


def issues_from_error(
    error: ValidationError,
    original: Any,
    root_label: str,
    to_original: Callable[[DataPath], DataPath] | None = None,
) -> list[SchemaIssue]:
    """Translate a pydantic ValidationError raised on data derived from `original`."""
    details = error.errors(include_url=False)
    return issues_from_details(details, original, root_label, to_original)
