"""Values npm yaml builds as JavaScript objects rather than JSON data, as plain Python values.

Dexto's `YAML.parse` knows `!!binary`, `!!timestamp`, `!!set`, `!!omap` and
`!!pairs` in every document, and under `%YAML 1.1` reads timestamps and
sexagesimal numbers (`1:20` is 80) without a tag. The Python values chosen
are the ones a schema check treats as Dexto's zod treats the JavaScript ones,
as neither strings, lists nor mappings: `bytes` for a Buffer, an aware
`datetime` (UTC, millisecond precision) for a Date, and `JsSet` / `JsMap`
(tuples, so members need not be hashable and order is kept) for a Set and a Map.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# npm yaml's `timestamp.test`: yyyy-mm-dd, optionally a time and a zone.
TIMESTAMP_RE = re.compile(
    r"\A([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
    r"(?:(?:t|T|[ \t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(\.[0-9]+)?"
    r"(?:[ \t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?\Z"
)
_INT_TIME_RE = re.compile(r"\A[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\Z")
_FLOAT_TIME_RE = re.compile(r"\A[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*\Z")
_BASE64 = {
    char: value
    for value, char in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
} | {"-": 62, "_": 63}
# JavaScript's Date.UTC reads years 0 to 99 as 1900 to 1999.
_TWO_DIGIT_YEARS = 100
_JS_SAFE_INTEGER = 2**53


class JsSet(tuple["Any", ...]):
    """A JavaScript Set (`!!set`): its members, in order."""


class JsMap(tuple[tuple["Any", "Any"], ...]):
    """A JavaScript Map (`!!omap`): its (key, value) pairs, in order; keys are not stringified."""


def node_base64(text: str) -> bytes:
    """Node's `Buffer.from(text, 'base64')`: URL-safe letters too, others skipped, '=' ends it."""
    values: list[int] = []
    for char in text:
        if char == "=":
            break
        value = _BASE64.get(char)
        if value is not None:
            values.append(value)
    out = bytearray()
    for start in range(0, len(values) - 1, 4):
        group = values[start : start + 4]
        bits = 0
        for value in group:
            bits = bits << 6 | value
        bits <<= 6 * (4 - len(group))
        out += bits.to_bytes(3, "big")[: len(group) - 1]
    return bytes(out)


def timestamp(text: str) -> datetime | None:
    """npm yaml's `!!timestamp`: a UTC Date with JavaScript's field overflow; None if no match."""
    match = TIMESTAMP_RE.match(text)
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(part or 0) for part in match.groups()[:6])
    millis = int((match.group(7) or ".0")[1:].ljust(3, "0")[:3])
    if year < _TWO_DIGIT_YEARS:
        year += 1900
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    zone = match.group(8)
    offset = 0.0
    if zone and zone != "Z":
        offset = sexagesimal(zone)
        if abs(offset) < 30:
            offset *= 60
    try:
        start = datetime(year, month, 1, tzinfo=UTC)
        return start + timedelta(
            days=day - 1, hours=hour, minutes=minute - offset, seconds=second, milliseconds=millis
        )
    except (ValueError, OverflowError):
        return None


def sexagesimal(text: str) -> float:
    """npm yaml's base-60 number (`-1:20:30.5`), computed in doubles as JavaScript does."""
    sign = -1.0 if text[0] == "-" else 1.0
    total = 0.0
    for part in text.lstrip("+-").replace("_", "").split(":"):
        total = total * 60 + float(part)
    return sign * total


def yaml11_time(text: str) -> int | float | None:
    """A YAML 1.1 sexagesimal integer or float (`1:20`, `1:20.5`), or None."""
    if _INT_TIME_RE.match(text):
        value = sexagesimal(text)
        return int(value) if abs(value) <= _JS_SAFE_INTEGER else value
    if _FLOAT_TIME_RE.match(text):
        return sexagesimal(text)
    return None


def iso_string(value: datetime) -> str:
    """JavaScript's `Date.prototype.toISOString` of an aware datetime."""
    moment = value.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
