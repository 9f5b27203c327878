"""The models.dev index in the cache directory: read instead of the whole snapshot, rebuilt
when its key no longer matches, ignored when unreadable."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from dexto_config import catalog
from dexto_config.catalog import sources

pytestmark = pytest.mark.usefixtures("isolated_cache")
MARKER = ["marker-model", "Written into the index by the test"]


def _index(cache: Path) -> Path:
    return cache / sources.BUNDLED_INDEX_FILE


def _mark(cache: Path, key: str | None = None) -> None:
    index = json.loads(_index(cache).read_text("utf-8"))
    provider = next(iter(index["providers"]))
    index["providers"][provider].append(MARKER)
    if key is not None:
        index["key"] = key
    _index(cache).write_text(json.dumps(index), "utf-8")


def _break_shape(cache: Path) -> None:
    index = json.loads(_index(cache).read_text("utf-8"))
    index["providers"] = [["not", "a", "mapping"]]
    _index(cache).write_text(json.dumps(index), "utf-8")


def _has_marker() -> bool:
    catalog.reload()
    data = sources.models_dev()
    return any(m.id == MARKER[0] for models in data.providers.values() for m in models)


def test_the_first_read_writes_the_index_and_later_reads_use_it(isolated_cache: Path) -> None:
    decoded = sources.models_dev()
    assert _index(isolated_cache).is_file()
    catalog.reload()
    assert sources.models_dev() == decoded
    _mark(isolated_cache)
    assert _has_marker()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda cache: _mark(cache, key="another models-dev version"), id="stale-key"),
        pytest.param(lambda cache: _index(cache).write_text("{not json"), id="corrupt"),
        pytest.param(lambda cache: _index(cache).write_text("[" * 100_000), id="too-deep"),
        pytest.param(_break_shape, id="wrong-shape"),
    ],
)
def test_a_stale_or_unreadable_index_is_rebuilt_from_the_snapshot(
    isolated_cache: Path, damage: Callable[[Path], None]
) -> None:
    decoded = sources.models_dev()
    damage(isolated_cache)
    assert not _has_marker()
    assert sources.models_dev() == decoded
    rebuilt = json.loads(_index(isolated_cache).read_text("utf-8"))["providers"]
    assert sorted(rebuilt) == sorted(decoded.providers)


def test_installs_of_one_models_dev_release_share_the_index(
    isolated_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another install's snapshot has the same bytes at another mtime: the index stays."""
    sources.models_dev()
    _mark(isolated_cache)
    other_install = Path(shutil.copy(sources._bundled_snapshot(), tmp_path / "data.json.gz"))
    os.utime(other_install, ns=(1_000_000_000, 1_000_000_000))
    monkeypatch.setattr(sources, "_bundled_snapshot", lambda: other_install)
    assert _has_marker()
