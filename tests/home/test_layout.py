"""Which files the hook manages, and agent folders it need not list again while unchanged."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from dexto_config.home.layout import Listing, agent_listings, managed_files
from tests.home.homes import CLOCK_TICK, build_home


def _listed_after_a_tick(home: Path) -> dict[str, Listing]:
    """Listings as the full path takes them: bounded by a file written just before."""
    time.sleep(CLOCK_TICK)
    clock = home / "clock"
    clock.write_bytes(b"")
    info = clock.stat()
    return agent_listings(str(home), changed_before_ns=info.st_mtime_ns, device=info.st_dev)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return build_home(tmp_path, legacy_agents=3, bad_agents=1)


def test_every_quiet_agent_folder_is_listed(home: Path) -> None:
    listings = _listed_after_a_tick(home)
    assert {folder: names for folder, (_, names) in listings.items()} == {
        "agents/legacy-0": ("legacy-0.yml",),
        "agents/legacy-1": ("legacy-1.yml",),
        "agents/legacy-2": ("legacy-2.yml",),
        "agents/broken-0": ("broken-0.yml",),
    }
    assert managed_files(str(home), listings) == managed_files(str(home))


def test_folders_changed_at_or_after_the_bound_or_elsewhere_are_not_listed(home: Path) -> None:
    info = (home / "agents").stat()
    assert agent_listings(str(home), changed_before_ns=0, device=info.st_dev) == {}
    assert agent_listings(str(home), changed_before_ns=2**62, device=info.st_dev + 1) == {}


def test_a_folder_with_a_yaml_name_that_is_not_a_file_is_not_listed(home: Path) -> None:
    (home / "agents/legacy-0/dir.yml").mkdir()
    (home / "agents/legacy-1/dangling.yml").symlink_to(home / "nowhere.yml")
    assert set(_listed_after_a_tick(home)) == {"agents/legacy-2", "agents/broken-0"}


def _add(folder: Path) -> None:
    (folder / "extra.yml").write_text("systemPrompt: x\n")


def _add_hidden_and_text(folder: Path) -> None:
    (folder / ".hidden.yml").write_text("systemPrompt: x\n")
    (folder / "notes.txt").write_text("x\n")


def _remove(folder: Path) -> None:
    (folder / f"{folder.name}.yml").unlink()


def _rename(folder: Path) -> None:
    (folder / f"{folder.name}.yml").rename(folder / f"{folder.name}.yaml")


@pytest.mark.parametrize(
    "change",
    [_add, _add_hidden_and_text, _remove, _rename],
    ids=["added", "hidden-and-text-added", "removed", "renamed"],
)
def test_a_folder_changed_right_after_its_listing_is_listed_again(
    home: Path, change: Callable[[Path], None]
) -> None:
    listings = _listed_after_a_tick(home)
    assert "agents/legacy-0" in listings
    change(home / "agents/legacy-0")  # no wait: within the same clock tick, if it is coarse
    assert managed_files(str(home), listings) == managed_files(str(home))
