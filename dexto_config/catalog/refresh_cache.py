"""Where `catalog refresh` keeps what it fetched, and whether that is still fresh."""

from __future__ import annotations

import os
import time
from pathlib import Path

CACHE_DIR_ENV = "DEXTO_CONFIG_CACHE_DIR"
TTL_SECONDS = 7 * 24 * 3600
MODELS_DEV_FILE = "models.dev-api.json"
OPENROUTER_FILE = "openrouter-models.json"


def cache_dir() -> Path:
    """`$DEXTO_CONFIG_CACHE_DIR`, else `$XDG_CACHE_HOME/dexto-config`, else `~/.cache/...`."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "dexto-config"


def fresh_file(name: str, now: float | None = None) -> Path | None:
    """The cached file `name` when it exists and is younger than the TTL, else None."""
    path = cache_dir() / name
    try:
        age = (time.time() if now is None else now) - path.stat().st_mtime
    except OSError:
        return None
    return path if 0 <= age < TTL_SECONDS else None


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a reader sees the old file or the new one, whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
