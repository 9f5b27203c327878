"""JavaScript `Number()` semantics, as Zod's `z.coerce.number()` applies them."""

from __future__ import annotations

import math
from typing import Any

import pytest

from dexto_config.models.jsnumber import js_number

CASES = [
    pytest.param(5, 5, id="int"),
    pytest.param(0.5, 0.5, id="float"),
    pytest.param(True, 1, id="true"),
    pytest.param(False, 0, id="false"),
    pytest.param(None, 0, id="null"),
    pytest.param("", 0, id="empty-string"),
    pytest.param("  \n", 0, id="blank-string"),
    pytest.param(" 12 ", 12, id="padded"),
    pytest.param("0.5", 0.5, id="decimal"),
    pytest.param(".5", 0.5, id="leading-dot"),
    pytest.param("5.", 5, id="trailing-dot"),
    pytest.param("-1e3", -1000, id="exponent"),
    pytest.param("0x10", 16, id="hex"),
    pytest.param("0o17", 15, id="octal"),
    pytest.param("0b101", 5, id="binary"),
    pytest.param("Infinity", math.inf, id="infinity"),
    pytest.param("-Infinity", -math.inf, id="minus-infinity"),
    pytest.param([], 0, id="empty-list"),
    pytest.param([5], 5, id="one-element-list"),
    pytest.param(["7"], 7, id="one-string-list"),
    pytest.param([[3]], 3, id="nested-list"),
    pytest.param([None], 0, id="list-of-null"),
]
NAN_CASES = [
    pytest.param("abc", id="word"),
    pytest.param("1_000", id="underscore"),
    pytest.param("inf", id="python-inf"),
    pytest.param("nan", id="python-nan"),
    pytest.param("-0x10", id="signed-hex"),
    pytest.param("1,2", id="comma"),
    pytest.param([1, 2], id="two-element-list"),
    pytest.param([True], id="list-of-true"),
    pytest.param({}, id="mapping"),
]


@pytest.mark.parametrize(("value", "expected"), CASES)
def test_number(value: Any, expected: float) -> None:
    assert js_number(value) == expected


@pytest.mark.parametrize("value", NAN_CASES)
def test_nan(value: Any) -> None:
    assert math.isnan(js_number(value))
