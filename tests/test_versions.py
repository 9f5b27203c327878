"""The one version order, and the newest release at or below a version."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dexto_config.versions import (
    KNOWN_VERSIONS,
    RELEASES,
    is_version_string,
    newest_at_or_below,
    version_key,
)

REGISTRY_LIKE = ("1.5.4", "1.5.7", "1.10.4")


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        pytest.param("0.2.0", "1.5.4", id="older-than-all-gives-the-oldest"),
        pytest.param("1.5.4", "1.5.4", id="exact-oldest"),
        pytest.param("1.5.6", "1.5.4", id="between"),
        pytest.param("1.9.0", "1.5.7", id="numeric-not-text-order"),
        pytest.param("1.10.4", "1.10.4", id="exact-newest"),
        pytest.param("2.0", "1.10.4", id="above-all"),
    ],
)
def test_newest_at_or_below(version: str, expected: str) -> None:
    assert newest_at_or_below(version, REGISTRY_LIKE) == expected


@pytest.mark.parametrize(
    ("older", "newer"),
    [
        pytest.param("1.8.0", "1.10.4", id="two-digit-minor"),
        pytest.param("1.1.11", "1.2.5", id="two-digit-patch"),
        pytest.param("1.5", "1.5.0", id="shorter-first"),
    ],
)
def test_version_key_orders_numerically(older: str, newer: str) -> None:
    assert version_key(older) < version_key(newer)


def test_releases_are_listed_oldest_first_without_repeats() -> None:
    assert list(RELEASES) == sorted(set(RELEASES), key=version_key)
    assert RELEASES[-len(KNOWN_VERSIONS) :] == KNOWN_VERSIONS


# What a version was when `is_version_string` was a regex; it no longer is, to keep `re` off
# the hook's no-op path (DESIGN §9).
VERSION_AS_REGEX = re.compile(r"\A\d{1,9}(\.\d{1,9}){0,15}\Z")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("1.5.6", True, id="release"),
        pytest.param("1", True, id="one-part"),
        pytest.param(".".join(["1"] * 16), True, id="16-parts"),
        pytest.param(".".join(["1"] * 17), False, id="17-parts"),
        pytest.param("123456789.0", True, id="9-digits"),
        pytest.param("1234567890.0", False, id="10-digits"),
        pytest.param("", False, id="empty"),
        pytest.param("1..2", False, id="empty-part"),
        pytest.param("1.5.6\n", False, id="trailing-newline"),
        pytest.param("\u0661.\u0665", True, id="arabic-indic-digits-are-decimal"),
        pytest.param("1.\u00b2", False, id="superscript-is-not-decimal"),
        pytest.param("v1.5", False, id="prefix"),
    ],
)
def test_is_version_string(text: str, expected: bool) -> None:
    assert is_version_string(text) is expected
    assert bool(VERSION_AS_REGEX.match(text)) is expected


@given(st.text(alphabet="0123456789.\u0661\u00b2\n x", max_size=40))
def test_is_version_string_agrees_with_the_regex_it_replaced(text: str) -> None:
    assert is_version_string(text) is bool(VERSION_AS_REGEX.match(text))
