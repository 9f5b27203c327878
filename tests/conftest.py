"""Shared fixtures: where the repository, its fixtures and ../shared are."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """`../shared` beside the checkout; tests that need it skip cleanly without it."""
    if not (SHARED / "corpus" / "manifest.json").is_file():
        pytest.skip("../shared is not present beside the checkout")
    return SHARED
