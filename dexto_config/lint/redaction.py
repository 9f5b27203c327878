"""Showing that a secret is there without showing the secret."""

from __future__ import annotations

import re
from collections.abc import Iterable

# A secret-looking key followed by its colon, quoted or not: a cheap test on raw text.
SECRET_KEY_IN_TEXT = re.compile(r"(?i)(?:api[-_]?key|token|secret|password)[\"']?\s*:")
_SECRET_KEY = re.compile(r"(?i)(?:api[-_]?key|token|secret|password)\Z")
_VARIABLE_NAME = re.compile(r"\A[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_(?:API_KEY|KEY|TOKEN)\Z")
_MIN_LENGTH_TO_SCRUB = 4


def redact(secret: str) -> str:
    """A form that identifies a secret's kind but not its value: `sk-pr…(40 chars)`.

    At most a quarter of the secret, and never more than five characters, is shown.
    """
    shown = min(5, len(secret) // 4)
    return f"{secret[:shown]}…({len(secret)} chars)"


def is_secret_key(key: str) -> bool:
    """True for a mapping key whose literal value is treated as a secret."""
    return bool(_SECRET_KEY.search(key))


def variable_named_by(value: str) -> str | None:
    """The variable a value names without `$`: `OPENAI_API_KEY`, or the old `env:OPENAI_API_KEY`.

    Such a value is a broken reference, not a secret.
    """
    name = value.removeprefix("env:")
    return name if _VARIABLE_NAME.match(name) else None


def scrub(text: str, secrets: Iterable[str]) -> str:
    """`text` with every occurrence of each secret replaced by its redacted form."""
    for secret in sorted(secrets, key=len, reverse=True):
        if len(secret) >= _MIN_LENGTH_TO_SCRUB and secret in text:
            text = text.replace(secret, redact(secret))
    return text
