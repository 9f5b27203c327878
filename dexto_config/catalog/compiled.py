"""The built catalog, kept in the cache directory so a run loads it instead of building it.

Building the catalog from its sources costs ~5 ms and importing what builds it
a few more, on every `lint one.yml` (DESIGN §9); loading the built indexes costs
about a third. The cached catalog's key names its data (`sources.sources_key`)
and the code that builds it (this package's modules, by size and CRC-32), so a
new snapshot, a refresh, another Dexto layer or another version of this tool
builds it again. Damage of any kind is a rebuild.
"""

from __future__ import annotations

from pathlib import Path

from dexto_config.catalog import index, refresh_cache, sources

INDEX_FILE = "catalog-index.json"
# The modules whose code decides what the built catalog holds.
_BUILDERS = ("compiled.py", "facts.py", "index.py", "model.py", "sources.py")


def default_catalog() -> index.Catalog:
    """The catalog without a user layer: the cached one when its key matches, else built
    from the sources (and cached)."""
    key = _key()
    path = refresh_cache.cache_dir() / INDEX_FILE
    if key is not None:
        cached = sources.read_own_index(path)
        if isinstance(cached, dict) and cached.get("key") == key:
            try:
                return index.load(cached)
            except (KeyError, TypeError, ValueError, AttributeError):
                pass
    built = build()
    if key is not None:
        sources.write_own_index(path, {"key": key, **index.dump(built)})
    return built


def build() -> index.Catalog:
    """The catalog without a user layer, built from its sources."""
    models_dev = sources.models_dev()
    listing = sources.openrouter_listing()
    origin = models_dev.origin + (" + OpenRouter listing" if listing else "")
    return index.build(sources.dexto_layer(), models_dev.providers, listing, origin)


def _key() -> str | None:
    """The key of the catalog the sources and this code build; None when one cannot be read
    (the catalog is then built, and reading a source reports the problem)."""
    here = Path(__file__).parent
    try:
        code = ",".join(sources.content_key(here / name) for name in _BUILDERS)
        return f"{sources.sources_key()}|{code}"
    except (OSError, ModuleNotFoundError):
        return None
