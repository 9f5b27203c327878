"""`catalog refresh`: fetch into the cache, use it while fresh, fail fast offline."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import pytest

from dexto_config import catalog
from dexto_config.catalog import refresh_cache
from dexto_config.catalog.refresh import RefreshError, refresh

pytestmark = pytest.mark.usefixtures("isolated_cache")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_refresh_stores_both_sources_and_lookups_use_them(
    fixture_server: str, isolated_cache: Path
) -> None:
    before = catalog.lookup("openrouter", "fixturelab/only-on-openrouter")
    assert isinstance(before, catalog.Unknown)
    result = refresh(
        f"{fixture_server}/models-dev-api.json", f"{fixture_server}/openrouter-models.json"
    )
    assert (result.models_dev_providers, result.models_dev_models) == (2, 2)
    assert result.openrouter_models == 2
    assert result.cache_dir == isolated_cache
    catalog.reload()
    assert isinstance(catalog.lookup("dexto", "fixturelab/only-on-openrouter"), catalog.Known)
    assert catalog.to_openrouter("anthropic", "claude-fixture-7-20310101") == (
        catalog.OpenRouterMapping("anthropic/claude-fixture-7", True)
    )
    assert "cache" in catalog.default_catalog().origin
    # The Dexto layer stays on top of whatever was fetched.
    assert catalog.to_openrouter("anthropic", "claude-sonnet-4-5") == (
        catalog.OpenRouterMapping("anthropic/claude-sonnet-4.5", True)
    )


def test_urls_come_from_the_environment(
    fixture_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEXTO_CONFIG_MODELS_DEV_URL", f"{fixture_server}/models-dev-api.json")
    monkeypatch.setenv("DEXTO_CONFIG_OPENROUTER_URL", f"{fixture_server}/openrouter-models.json")
    assert refresh().openrouter_models == 2


def test_stale_cache_falls_back_to_the_snapshot(fixture_server: str, isolated_cache: Path) -> None:
    refresh(f"{fixture_server}/models-dev-api.json", f"{fixture_server}/openrouter-models.json")
    long_ago = time.time() - refresh_cache.TTL_SECONDS - 60
    for cached in isolated_cache.iterdir():
        os.utime(cached, (long_ago, long_ago))
    catalog.reload()
    assert "snapshot" in catalog.default_catalog().origin
    assert isinstance(catalog.lookup("dexto", "fixturelab/only-on-openrouter"), catalog.Unknown)


def test_corrupt_cache_falls_back_to_the_snapshot(isolated_cache: Path) -> None:
    isolated_cache.mkdir()
    (isolated_cache / refresh_cache.MODELS_DEV_FILE).write_text("{not json")
    (isolated_cache / refresh_cache.OPENROUTER_FILE).write_text("[]")
    assert "snapshot" in catalog.default_catalog().origin
    assert isinstance(catalog.lookup("anthropic", "claude-sonnet-4-5"), catalog.Known)


@pytest.mark.parametrize(
    ("models_dev_path", "openrouter_path", "message"),
    [
        pytest.param("missing.json", "openrouter-models.json", "HTTP 404", id="not-found"),
        pytest.param("openrouter-models.json", "openrouter-models.json",
                     "is not a models.dev api.json", id="wrong-document"),
        pytest.param("models-dev-api.json", "models-dev-api.json", "no 'data' list",
                     id="not-a-listing"),
    ],
)  # fmt: skip
def test_bad_answers_leave_the_cache_untouched(
    fixture_server: str, isolated_cache: Path, models_dev_path: str, openrouter_path: str,
    message: str,
) -> None:  # fmt: skip
    with pytest.raises(RefreshError, match=message):
        refresh(f"{fixture_server}/{models_dev_path}", f"{fixture_server}/{openrouter_path}")
    assert not isolated_cache.exists()


def test_unreachable_host_fails_fast_with_one_line() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/api.json"
    started = time.monotonic()
    with pytest.raises(RefreshError) as failure:
        refresh(url, url)
    assert time.monotonic() - started < 10
    assert "\n" not in str(failure.value)
    assert "bundled snapshot" in str(failure.value)


def test_unreachable_proxy_fails_fast_and_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    started = time.monotonic()
    with pytest.raises(RefreshError, match=r"via proxy http://127\.0\.0\.1:9"):
        refresh("https://models.dev.invalid/api.json", "https://openrouter.invalid/models")
    assert time.monotonic() - started < 10


def test_a_silent_server_hits_the_deadline() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/api.json"
        started = time.monotonic()
        with pytest.raises(RefreshError, match=r"timed out|no answer"):
            refresh(url, url, deadline=0.5)
        assert time.monotonic() - started < 3
