"""Dexto's own YAML parse, asked of `../shared/oracle/yaml/parse.mjs` in one Node process.

The oracle prints, per input, `ok` with the value (values JSON cannot hold are
tagged, see parse.mjs) or the error Dexto's loader would throw. This module
batches inputs through one `node parse.mjs --stdin` and compares answers with
ours: verdict first, then value (mappings unordered, numbers as JavaScript
numbers).
"""

from __future__ import annotations

import base64
import json
import math
import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from dexto_config.yamlio.fast import YamlSyntaxError, decode, parse
from dexto_config.yamlio.jstags import JsMap, JsSet, iso_string
from tests.conftest import SHARED

ORACLE = SHARED / "oracle" / "yaml" / "parse.mjs"
# JavaScript numbers hold integers exactly up to 2**53.
JS_SAFE_INTEGER = 2**53
TIMEOUT_SECONDS = 600


@dataclass(frozen=True, slots=True)
class Undefined:
    """JavaScript's `undefined` in an oracle answer."""


@dataclass(frozen=True, slots=True)
class Tagged:
    """A value JSON cannot hold (a date, bytes, a Set or Map): kind and payload."""

    kind: str
    payload: Any


@dataclass(frozen=True, slots=True)
class Verdict:
    """One parser's answer: accepted with a value, or refused with a message at a place."""

    ok: bool
    value: Any = None
    message: str = ""
    line: int | None = None
    col: int | None = None


def node_executable() -> str | None:
    """The `node` to run the oracle with, when both are present."""
    node = shutil.which("node")
    return node if node and ORACLE.is_file() else None


def ask_dexto(inputs: Sequence[bytes]) -> list[Verdict]:
    """Dexto's verdict on each input, in order, from one Node process."""
    node = node_executable()
    assert node is not None, "callers skip when node or ../shared is absent"
    requests = "".join(
        json.dumps({"id": index, "b64": base64.b64encode(raw).decode("ascii")}) + "\n"
        for index, raw in enumerate(inputs)
    )
    done = subprocess.run(
        [node, str(ORACLE), "--stdin"],
        input=requests,
        capture_output=True,
        text=True,
        check=True,
        timeout=TIMEOUT_SECONDS,
        cwd=ORACLE.parent,
        env={**os.environ, "NODE_NO_WARNINGS": "1"},
    )
    answers = {answer["id"]: answer for answer in map(json.loads, done.stdout.split("\n")[:-1])}
    return [_verdict(answers[index]) for index in range(len(inputs))]


def ask_ours(raw: bytes) -> Verdict:
    """Our verdict on the bytes, read the way validate, lint and migrate read a YAML file."""
    try:
        parsed = parse(decode(raw))
    except YamlSyntaxError as error:
        return Verdict(False, None, error.message, error.position.line, error.position.col)
    return Verdict(True, parsed.data)


def _verdict(answer: dict[str, Any]) -> Verdict:
    if answer["ok"]:
        return Verdict(True, _untag(answer["value"]))
    return Verdict(False, None, answer["error"], answer["line"], answer["col"])


def _untag(value: Any) -> Any:
    if isinstance(value, list):
        return [_untag(item) for item in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        ((key, payload),) = value.items()
        if key == "$nan":
            return math.nan
        if key == "$inf":
            return math.inf * payload
        if key == "$undefined":
            return Undefined()
        if key == "$bigint":
            return Tagged("bigint", int(payload))
        if key in ("$date", "$bytes"):
            return Tagged(key[1:], payload)
        if key in ("$set", "$map"):
            return Tagged(key[1:], _untag(payload))
    return {key: _untag(item) for key, item in value.items()}


def same_value(ours: Any, theirs: Any) -> bool:
    """True when our value is what JavaScript holds (unordered keys, one number type)."""
    if isinstance(theirs, bool) or theirs is None or isinstance(theirs, str):
        return type(ours) is type(theirs) and ours == theirs
    if isinstance(theirs, int | float):
        return _same_number(ours, theirs)
    if isinstance(theirs, list):
        return (
            isinstance(ours, list)
            and len(ours) == len(theirs)
            and all(map(same_value, ours, theirs))
        )
    if isinstance(theirs, dict):
        return (
            isinstance(ours, dict)
            and ours.keys() == theirs.keys()
            and all(same_value(ours[key], theirs[key]) for key in theirs)
        )
    if isinstance(theirs, Tagged):
        return _same_object(ours, theirs)
    return False


def _same_object(ours: Any, theirs: Tagged) -> bool:
    """A JavaScript object JSON cannot hold against the plain Python value we chose for it."""
    if theirs.kind == "date":
        return isinstance(ours, datetime) and iso_string(ours) == theirs.payload
    if theirs.kind == "bytes":
        return isinstance(ours, bytes) and base64.b64encode(ours).decode() == theirs.payload
    if theirs.kind == "set":
        return isinstance(ours, JsSet) and same_value(list(ours), theirs.payload)
    if theirs.kind == "map":
        pairs = [list(pair) for pair in ours] if isinstance(ours, JsMap) else None
        return same_value(pairs, theirs.payload)
    return False


def _same_number(ours: Any, theirs: float) -> bool:
    if isinstance(ours, bool) or not isinstance(ours, int | float):
        return False
    if isinstance(ours, int) and abs(ours) > JS_SAFE_INTEGER:
        return False
    if math.isnan(theirs):
        return isinstance(ours, float) and math.isnan(ours)
    return float(ours) == float(theirs)


def agree(ours: Verdict, theirs: Verdict) -> bool:
    """Same verdict, and the same value when both accept."""
    if ours.ok != theirs.ok:
        return False
    return not ours.ok or same_value(ours.value, theirs.value)
