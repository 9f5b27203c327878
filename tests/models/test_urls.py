"""URL validity as WHATWG `new URL()` judges it (Zod's `.url()`)."""

from __future__ import annotations

import pytest

from dexto_config.models.urls import is_valid_url

VALID = [
    "http://localhost:8080",
    "https://api.example.com/v1?x=1#f",
    "localhost:4000",
    "HTTP://EXAMPLE.COM",
    "  https://example.com  ",
    "http://[::1]:3000/",
    "http://127.0.0.1",
    "http://0x7f.1",
    "http://user:pass@example.com",
    "http://example.com:/path",
    "https://bücher.example",
    "mailto:ada@example.com",
    "file:relative",
    "redis://:secret@cache:6379/0",
    "codex://session",
]
INVALID = [
    "",
    "composio-url",
    "$MCP_URL",
    "//example.com",
    "http://",
    "http://:80",
    "http://user@",
    "http://localhost:99999",
    "http://a:b:c",
    "http://exa mple.com",
    "http://1.2.3.256",
    "http://999999999999",
    "http://ex%zz.com",
    "http://[::1",
    "foo://host:port",
    "1http://example.com",
]


@pytest.mark.parametrize("url", VALID)
def test_valid(url: str) -> None:
    assert is_valid_url(url)


@pytest.mark.parametrize("url", INVALID)
def test_invalid(url: str) -> None:
    assert not is_valid_url(url)
