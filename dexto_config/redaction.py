"""Recognising secrets wherever they stand, and showing that one is there without showing it.

A secret is recognised by the shape of its value (a provider key such as
`sk-ant-…`, a bearer token, a long random token), wherever it stands: a value,
a mapping key, a model ID, inside a URL. A literal value is a secret too when
its place says so: a secret-looking key (`apiKey`, `token`, an MCP header such
as `Authorization`), a URL query parameter such as `?api_key=…`, or the
argument after `--api-key`. Every output (findings, messages, diffs, JSON
reports, the hook's state) passes through `redact_text` with the secrets of
the file it speaks about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from urllib.parse import parse_qsl, urlsplit

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# A secret-looking key followed by its colon, quoted or not: a cheap test on raw text.
SECRET_KEY_IN_TEXT = re.compile(r"(?i)(?:api[-_]?key|token|secret|password)[\"']?\s*:")
_SECRET_KEY = re.compile(r"(?i)(?:api[-_]?key|token|secret|password)\Z")
# Where the place makes a literal a secret: header and query names, and CLI flags.
_SECRET_NAME = re.compile(
    r"(?i)(?:\A|[-_.])(?:authorization|auth|key|sig|signature|credentials?|passwd|pwd)\Z"
)
_SECRET_FLAG = re.compile(
    r"(?i)\A--?(?:api[-_]?key|token|secret|password|auth(?:orization)?|key|access[-_]?token)"
    r"(?:=(.*))?\Z"
)
_VARIABLE_NAME = re.compile(r"\A[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_(?:API_KEY|KEY|TOKEN)\Z")
# Key formats of the providers Dexto talks to and of common services (group 1), then
# any long run of letters and digits, a secret when it looks random (see `_is_random`).
_CANDIDATE = re.compile(
    r"(?<![A-Za-z0-9])(sk-(?:ant-|proj-|or-v1-|svcacct-)?[A-Za-z0-9_-]{16,}"
    r"|(?:gsk|hf|r8|ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{16,}"
    r"|github_pat_[A-Za-z0-9_]{20,}"
    r"|(?:xai|pplx|glpat|dxt)-[A-Za-z0-9_-]{16,}"
    r"|AIza[0-9A-Za-z_-]{30,}"
    r"|xox[abposr]-[A-Za-z0-9-]{10,}"
    r"|AKIA[0-9A-Z]{16})"
    r"|(?<![A-Za-z0-9])[A-Za-z0-9]{32,}"
)
_SHORTEST = 14
_LONG_CHUNK = re.compile(rf"\S{{{_SHORTEST},}}")  # \S: str.split()'s whitespace, inverted
_SPLIT_AT_MOST = 4096  # characters; split() is faster below, the regex above
_BEARER = re.compile(r"(?i)\A(?:bearer|basic|token)\s+")
_MIN_LENGTH = 4


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


def secrets_in_text(text: str) -> list[str]:
    """Every substring of `text` shaped like a secret."""
    if len(text) < _SHORTEST:  # most keys and values: called for every one of a file
        return []
    # Scanning only the long whitespace-separated chunks keeps a 5 MB prompt fast. A long
    # text is not split: a list of its words would cost ~9x its size in memory.
    chunks = (
        (match.group() for match in _LONG_CHUNK.finditer(text))
        if len(text) > _SPLIT_AT_MOST
        else (chunk for chunk in text.split() if len(chunk) >= _SHORTEST)
    )
    return [
        match.group()
        for chunk in chunks
        for match in _CANDIDATE.finditer(chunk)
        if match.group(1) is not None or _is_random(match.group())
    ]


def _is_random(token: str) -> bool:
    """Both cases and at least two digits: not a word, a lower-case hex hash or a model name."""
    return (
        not token.isupper()
        and not token.islower()
        and sum(char.isdigit() for char in token) >= 2
        and not token.isdigit()
    )


def find_secrets(data: Any) -> frozenset[str]:
    """Every secret in parsed file data, by shape or by place (see the module doc)."""
    return frozenset(secret for _path, _in_key, secret in secret_locations(data))


def secret_locations(data: Any) -> Iterator[tuple[tuple[str | int, ...], bool, str]]:
    """(path, whether it is in the key at that path, secret) for every secret in `data`."""
    # Every file of a lint run is walked: strings that cannot hold a secret (short, no
    # URL, not in a secret's place) are passed over before any generator or regex runs.
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                name = str(key)
                if len(name) >= _SHORTEST:
                    yield from (((*path, key), True, s) for s in secrets_in_text(name))
                if not isinstance(value, str):
                    stack.append(((*path, key), value))
                elif len(value) >= _SHORTEST or "://" in value or _secret_place(name):
                    yield from (((*path, key), False, s) for s in _value_secrets(name, value))
        elif isinstance(node, list):
            previous = ""
            for index, item in enumerate(node):
                if not isinstance(item, str):
                    stack.append(((*path, index), item))
                    continue
                if len(item) >= _SHORTEST or item[:1] == "-" or previous[:1] == "-":
                    yield from (((*path, index), False, s) for s in _arg_secrets(previous, item))
                previous = item


def redact_text(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with each of `secrets`, and anything shaped like a secret, in its redacted form."""
    for secret in sorted(set(secrets), key=len, reverse=True):
        if len(secret) >= _MIN_LENGTH and secret in text:
            text = text.replace(secret, redact(secret))
    for secret in sorted(set(secrets_in_text(text)), key=len, reverse=True):
        text = text.replace(secret, redact(secret))
    return text


def redact_data(value: Any, secrets: Iterable[str] = ()) -> Any:
    """JSON-like `value` with `redact_text` applied to every string in it, keys included."""
    if isinstance(value, str):
        return redact_text(value, secrets)
    if isinstance(value, dict):
        return {redact_text(str(k), secrets): redact_data(v, secrets) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_data(item, secrets) for item in value]
    return value


@lru_cache(maxsize=4096)
def _secret_place(key: str) -> bool:
    """A key whose literal value is a secret: a secret-looking key, a header or query name."""
    return bool(_SECRET_NAME.search(key)) or is_secret_key(key)


def _value_secrets(key: str, value: str) -> Iterator[str]:
    yield from secrets_in_text(value)
    if _secret_place(key):
        literal = _literal(value)
        if literal is not None:
            yield literal
    yield from _url_secrets(value)


def _arg_secrets(previous: str, item: str) -> Iterator[str]:
    yield from secrets_in_text(item)
    flag = _SECRET_FLAG.match(item)
    if flag is not None and flag.group(1):
        literal = _literal(flag.group(1))
        if literal is not None:
            yield literal
    if _SECRET_FLAG.match(previous) and "=" not in previous:
        literal = _literal(item)
        if literal is not None:
            yield literal


def _url_secrets(value: str) -> Iterator[str]:
    """The password in a URL's user info, and the values of its secret-named query parameters."""
    if "://" not in value:
        return
    try:
        parts = urlsplit(value)
        password, query = parts.password, parts.query
    except ValueError:
        return
    if password:
        yield password
    for name, parameter in parse_qsl(query, keep_blank_values=False):
        if _SECRET_NAME.search(name) or is_secret_key(name):
            literal = _literal(parameter)
            if literal is not None:
                yield literal


def _literal(value: str) -> str | None:
    """The secret part of a value in a secret's place, or None for a reference or a blank."""
    literal = _BEARER.sub("", value.strip())
    if len(literal) < _MIN_LENGTH or "$" in literal or variable_named_by(literal) is not None:
        return None
    return literal
