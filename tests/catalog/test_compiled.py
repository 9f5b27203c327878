"""The built catalog in the cache directory: loaded as the same catalog it was built as,
used while its key matches, rebuilt when stale or damaged."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from dexto_config import catalog
from dexto_config.catalog import compiled, index, sources
from dexto_config.catalog.facts import PROVIDER_NAMES

pytestmark = pytest.mark.usefixtures("isolated_cache")
MARKER = ["openai", "marker-model", "Written into the index by the test", "dexto", None, False]


def _file(cache: Path) -> Path:
    return cache / compiled.INDEX_FILE


def _contents(built: index.Catalog) -> dict[str, object]:
    """Everything a catalog holds, by provider (the gateways' shared index included)."""
    return {
        name: (
            list(built._indexes[name].models.items()),
            built._indexes[name].to_openrouter,
            built._indexes[name].from_openrouter,
        )
        for name in PROVIDER_NAMES
    } | {"origin": built.origin}


def _mark(cache: Path, key: str | None = None) -> None:
    document = json.loads(_file(cache).read_text("utf-8"))
    document["providers"]["openai"][0].append(MARKER)
    if key is not None:
        document["key"] = key
    _file(cache).write_text(json.dumps(document), "utf-8")


def _has_marker() -> bool:
    catalog.reload()
    return catalog.default_catalog().is_known("openai", MARKER[1])


def test_the_loaded_catalog_is_the_built_one(isolated_cache: Path) -> None:
    built = catalog.default_catalog()
    assert _file(isolated_cache).is_file()
    catalog.reload()
    loaded = catalog.default_catalog()
    assert _contents(loaded) == _contents(built) == _contents(compiled.build())
    assert loaded._indexes["dexto-nova"] is loaded._indexes["dexto"]
    _mark(isolated_cache)
    assert _has_marker()


def _break_shape(cache: Path) -> None:
    document = json.loads(_file(cache).read_text("utf-8"))
    del document["providers"]["anthropic"]
    _file(cache).write_text(json.dumps(document), "utf-8")


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda cache: _mark(cache, key="another tool version"), id="stale-key"),
        pytest.param(lambda cache: _file(cache).write_text("{not json"), id="corrupt"),
        pytest.param(lambda cache: _file(cache).write_text("[" * 100_000), id="too-deep"),
        pytest.param(_break_shape, id="a-provider-missing"),
    ],
)
def test_a_stale_or_damaged_catalog_is_rebuilt(
    isolated_cache: Path, damage: Callable[[Path], None]
) -> None:
    built = _contents(catalog.default_catalog())
    damage(isolated_cache)
    assert not _has_marker()
    assert _contents(catalog.default_catalog()) == built
    assert json.loads(_file(isolated_cache).read_text("utf-8"))["key"] == compiled._key()


def test_another_dexto_layer_changes_the_key(
    isolated_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = compiled._key()
    layer = tmp_path / "dexto_layer.json"
    layer.write_bytes(sources.LAYER_PATH.read_bytes().replace(b"gpt-5", b"gpt-6"))
    monkeypatch.setattr(sources, "LAYER_PATH", layer)
    assert compiled._key() not in (None, key)
