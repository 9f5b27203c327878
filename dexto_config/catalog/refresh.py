"""`catalog refresh`: fetch models.dev and OpenRouter's listing into the cache.

Only this module touches the network, and only when asked. urllib honours
`HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY`. Both downloads run in daemon threads
under one deadline, so that a hanging DNS lookup or proxy cannot hold the
command past it (a socket timeout alone does not cover name resolution).
"""

from __future__ import annotations

import os
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dexto_config import __version__
from dexto_config.catalog import refresh_cache, sources
from dexto_config.jsonio import read_json

MODELS_DEV_URL = "https://models.dev/api.json"
OPENROUTER_URL = "https://openrouter.ai/api/v1/models"
MODELS_DEV_URL_ENV = "DEXTO_CONFIG_MODELS_DEV_URL"
OPENROUTER_URL_ENV = "DEXTO_CONFIG_OPENROUTER_URL"
DEADLINE_SECONDS = 8.0


class RefreshError(Exception):
    """The refresh failed; the message is one line saying what and what happens now."""


@dataclass(frozen=True, slots=True)
class RefreshResult:
    """What a successful refresh stored."""

    cache_dir: Path
    models_dev_providers: int
    models_dev_models: int
    openrouter_models: int


@dataclass(slots=True)
class _Download:
    label: str
    url: str
    body: bytes | None = None
    error: str | None = None


def refresh(
    models_dev_url: str | None = None,
    openrouter_url: str | None = None,
    deadline: float = DEADLINE_SECONDS,
) -> RefreshResult:
    """Download both sources, check them, and store them in the cache atomically.

    URLs default to `$DEXTO_CONFIG_MODELS_DEV_URL` / `$DEXTO_CONFIG_OPENROUTER_URL`,
    else the public endpoints. Raises RefreshError; the cache is then left as it was.
    """
    downloads = [
        _Download("models.dev", _url(models_dev_url, MODELS_DEV_URL_ENV, MODELS_DEV_URL)),
        _Download("OpenRouter", _url(openrouter_url, OPENROUTER_URL_ENV, OPENROUTER_URL)),
    ]
    _fetch_all(downloads, deadline)
    models_dev_body, openrouter_body = (_body_of(download) for download in downloads)
    models_dev = _checked_models_dev(models_dev_body, downloads[0].url)
    listing = _checked_openrouter(openrouter_body, downloads[1].url)
    directory = refresh_cache.cache_dir()
    try:
        refresh_cache.write_atomically(directory / refresh_cache.MODELS_DEV_FILE, models_dev_body)
        refresh_cache.write_atomically(directory / refresh_cache.OPENROUTER_FILE, openrouter_body)
    except OSError as error:
        message = f"cannot write the catalog cache in {directory}: {error.strerror}"
        raise RefreshError(message) from None
    return RefreshResult(
        cache_dir=directory,
        models_dev_providers=len(models_dev),
        models_dev_models=sum(len(p.get("models", {})) for p in models_dev.values()),
        openrouter_models=len(listing),
    )


def _url(given: str | None, variable: str, default: str) -> str:
    return given or os.environ.get(variable) or default


def _fetch_all(downloads: list[_Download], deadline: float) -> None:
    threads = [
        threading.Thread(target=_fetch, args=(download, deadline), daemon=True)
        for download in downloads
    ]
    for thread in threads:
        thread.start()
    for thread, download in zip(threads, downloads, strict=True):
        thread.join(deadline)
        if thread.is_alive():
            download.error = f"no answer within {deadline:g} s"


def _fetch(download: _Download, timeout: float) -> None:
    request = urllib.request.Request(
        download.url,
        headers={"User-Agent": f"dexto-config/{__version__}", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            download.body = response.read()
    except urllib.error.HTTPError as error:
        download.error = f"HTTP {error.code} {error.reason}"
    except urllib.error.URLError as error:
        download.error = str(error.reason)
    except (OSError, ValueError) as error:
        download.error = str(error) or type(error).__name__


def _body_of(download: _Download) -> bytes:
    if download.body is None:
        via = _proxy_for(download.url)
        raise RefreshError(
            f"cannot fetch {download.label} ({download.url}{via}): {download.error}; "
            "lookups keep using the bundled snapshot"
        )
    return download.body


def _proxy_for(url: str) -> str:
    scheme = url.partition(":")[0].lower()
    proxy = urllib.request.getproxies().get(scheme)
    if proxy is None or urllib.request.proxy_bypass(urllib.parse.urlsplit(url).hostname or ""):
        return ""
    return f" via proxy {proxy}"


def _checked_models_dev(body: bytes, url: str) -> dict[str, Any]:
    data = _json(body, "models.dev", url)
    if not isinstance(data, dict) or not any(
        isinstance(p, dict) and isinstance(p.get("models"), dict) for p in data.values()
    ):
        raise RefreshError(f"models.dev answer from {url} is not a models.dev api.json")
    return data


def _checked_openrouter(body: bytes, url: str) -> tuple[sources.SourceModel, ...]:
    try:
        return sources.parse_openrouter_listing(_json(body, "OpenRouter", url))
    except ValueError as error:
        raise RefreshError(f"OpenRouter answer from {url}: {error}") from None


def _json(body: bytes, label: str, url: str) -> Any:
    try:
        return read_json(body)
    except ValueError:
        raise RefreshError(f"{label} answer from {url} is not JSON") from None
