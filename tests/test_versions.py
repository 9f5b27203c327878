"""The one version order, and the newest release at or below a version."""

from __future__ import annotations

import pytest

from dexto_config.versions import KNOWN_VERSIONS, RELEASES, newest_at_or_below, version_key

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
