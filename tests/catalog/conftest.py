"""Fixtures for the catalog: an isolated cache, a local HTTP server, no proxy."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from dexto_config import catalog

DATA = Path(__file__).parent / "data"
PROXY_VARIABLES = ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "https_proxy", "http_proxy",
                   "all_proxy", "NO_PROXY", "no_proxy")  # fmt: skip


@pytest.fixture(autouse=True, scope="session")
def no_user_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Catalog tests never read the user's own refresh cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEXTO_CONFIG_CACHE_DIR", str(tmp_path_factory.mktemp("empty-cache")))
        catalog.reload()
        yield
    catalog.reload()


@pytest.fixture
def isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache of the test's own and no proxy; loaded data is forgotten after."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("DEXTO_CONFIG_CACHE_DIR", str(cache))
    for variable in PROXY_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    catalog.reload()
    yield cache
    catalog.reload()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep test output clean."""


@pytest.fixture
def fixture_server() -> Iterator[str]:
    """`http://127.0.0.1:PORT` serving tests/catalog/data."""
    handler = partial(_QuietHandler, directory=str(DATA))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
