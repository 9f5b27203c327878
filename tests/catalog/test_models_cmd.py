"""`models list/search/map` and `catalog refresh` as a user runs them."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from dexto_config.cli import run


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["models", "map", "anthropic", "claude-sonnet-4-5-20250929"], id="dated"),
        pytest.param(["models", "map", "anthropic", "claude-sonnet-4-5"], id="undated-alias"),
        pytest.param(["models", "map", "cohere", "command-r"], id="not-derivable-by-rule"),
        pytest.param(["models", "map", "openai", "gpt-5.2-chat-latest"], id="chat-latest"),
        pytest.param(["models", "map", "dexto", "gpt-5-mini"], id="legacy-dexto-native"),
        pytest.param(["models", "map", "groq", "llama-3.3-70b-versatile"], id="groq-guess"),
        pytest.param(["models", "map", "ollama", "llama3"], id="any-model-provider"),
    ],
)
def test_map_prints_the_id_first(
    capsys: pytest.CaptureFixture[str], snapshot: SnapshotAssertion, args: list[str]
) -> None:
    code, out, err = _run(capsys, *args)
    assert (code, err) == (0, "")
    assert out == snapshot


def test_map_unknown_model_suggests_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "models", "map", "anthropic", "claude-sonet-4-5")
    assert code == 1
    assert out == "anthropic/claude-sonet-4-5  guess\n"
    assert err.startswith("unknown model 'claude-sonet-4-5' for provider anthropic; did you mean: ")
    assert "claude-sonnet-4-5" in err
    assert err.count("\n") == 1


def test_map_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(
        capsys, "models", "map", "anthropic", "claude-sonnet-4-5-20250929", "--format", "json"
    )
    assert code == 0
    assert json.loads(out) == {
        "provider": "anthropic",
        "model": "claude-sonnet-4-5-20250929",
        "openrouterId": "anthropic/claude-sonnet-4.5",
        "exact": True,
        "known": True,
        "suggestions": [],
    }


def test_map_rejects_an_unknown_provider(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "models", "map", "claude", "claude-sonnet-4-5")
    assert code == 2
    assert "'claude' is not a Dexto provider" in err
    assert "Traceback" not in err


def test_search_dexto_lists_the_gateway_id_in_an_aligned_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _run(capsys, "models", "search", "sonnet", "--provider", "dexto")
    assert code == 0
    lines = out.splitlines()
    header, rows, footer = lines[0], lines[1:-1], lines[-1]
    assert header.split() == ["MODEL", "NAME", "OPENROUTER", "SOURCE"]
    assert any(row.split()[0] == "anthropic/claude-sonnet-4.5" for row in rows)
    assert all(row.index(row.split()[-1]) == header.index("SOURCE") for row in rows)
    assert footer.startswith(f"{len(rows)} models (")


def test_search_without_match_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "models", "search", "no-such-model-anywhere")
    assert code == 1
    assert out.startswith("0 models (")


def test_list_json_carries_the_mapping(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "models", "list", "--provider", "cohere", "--format", "json")
    assert code == 0
    command_r = next(model for model in json.loads(out) if model["id"] == "command-r")
    assert command_r == {
        "provider": "cohere",
        "id": "command-r",
        "name": "Command R",
        "openrouterId": "cohere/command-r-08-2024",
        "source": "dexto",
        "default": False,
    }


def test_list_with_custom_models(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    custom = tmp_path / "custom-models.json"
    custom.write_text(json.dumps({"version": 1, "models": [
        {"name": "acme/house-model", "provider": "dexto", "displayName": "House"},
    ]}))  # fmt: skip
    code, out, _ = _run(capsys, "models", "search", "house", "--custom-models", str(custom))
    assert code == 0
    assert "acme/house-model" in out and "custom-models" in out


def test_unusable_custom_models_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    custom = tmp_path / "custom-models.json"
    custom.write_text("{")
    code, _, err = _run(capsys, "models", "list", "--custom-models", str(custom))
    assert code == 2
    assert "not valid JSON" in err and "Traceback" not in err


@pytest.mark.usefixtures("isolated_cache")
def test_refresh_reports_what_it_stored(
    capsys: pytest.CaptureFixture[str], fixture_server: str, isolated_cache: Path
) -> None:
    code, out, _ = _run(
        capsys, "catalog", "refresh",
        "--models-dev-url", f"{fixture_server}/models-dev-api.json",
        "--openrouter-url", f"{fixture_server}/openrouter-models.json",
    )  # fmt: skip
    assert code == 0
    assert out == (
        "catalog refreshed: 2 models of 2 providers from models.dev, 2 from OpenRouter, "
        f"in {isolated_cache}\n"
    )
    code, out, _ = _run(capsys, "models", "map", "dexto", "fixturelab/only-on-openrouter")
    assert (code, out) == (0, "fixturelab/only-on-openrouter  exact\n")


@pytest.mark.usefixtures("isolated_cache")
def test_refresh_behind_a_dead_proxy_fails_in_one_line_with_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    started = time.monotonic()
    code, out, err = _run(capsys, "catalog", "refresh")
    assert time.monotonic() - started < 10
    assert (code, out) == (2, "")
    assert err.startswith("error: catalog refresh failed: cannot fetch models.dev")
    assert "via proxy http://127.0.0.1:9" in err
    assert err.count("\n") == 1


@pytest.mark.usefixtures("isolated_cache")
def test_refresh_offline_fails_with_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/api.json"
    code, _, err = _run(capsys, "catalog", "refresh", "--models-dev-url", url,
                        "--openrouter-url", url)  # fmt: skip
    assert code == 2
    assert "lookups keep using the bundled snapshot" in err


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["models"], id="models"),
        pytest.param(["models", "list"], id="models-list"),
        pytest.param(["models", "search"], id="models-search"),
        pytest.param(["models", "map"], id="models-map"),
        pytest.param(["catalog", "refresh"], id="catalog-refresh"),
    ],
)
def test_help_has_an_example(
    capsys: pytest.CaptureFixture[str], snapshot: SnapshotAssertion, command: list[str]
) -> None:
    code, out, _ = _run(capsys, *command, "--help")
    assert code == 0
    assert "Examples:" in out
    assert out == snapshot
