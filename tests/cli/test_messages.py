"""Messages a new user meets: each says what is wrong, once, in plain words."""

from __future__ import annotations

from pathlib import Path

import pytest

from dexto_config.cli import run

MARKED = "# dexto-config: schemaVersion=1.5.6\n"
LEGACY = "systemPrompt: hi\nllm:\n  provider: anthropic\n  model: claude-sonnet-4-5-20250929\n"


@pytest.mark.parametrize(
    ("args", "expected", "absent"),
    [
        (["lint", "--select", "DX9"], "'--select': 'DX9' matches no rule", "--select:"),
        (["migrate", "--to", "2.0"], "2.0 is newer than this tool knows", "written by"),
    ],
)
def test_usage_errors_say_it_once(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    expected: str,
    absent: str,
) -> None:
    agent = tmp_path / "agent.yml"
    agent.write_text(LEGACY)
    assert run([*args, str(agent)]) == 2
    err = capsys.readouterr().err
    assert expected in err and absent not in err


def test_migrate_verify_says_it_verified(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agent = tmp_path / "agent.yml"
    agent.write_text(LEGACY)
    # Unmarked, and its shape fits releases that run it differently: --from says which.
    assert run(["migrate", "--from", "1.5.4", "--dry-run", "--verify", str(agent)]) == 0
    assert f"{agent}: verified: every llm block keeps its backend" in capsys.readouterr().out


def test_dx204_never_suggests_the_id_it_flags(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agent = tmp_path / "agent.yml"
    agent.write_text(
        MARKED + "systemPrompt: hi\nllm:\n  provider: dexto\n  model: llama-3.3-70b-versatile\n"
    )
    run(["lint", "--select", "DX204", str(agent)])
    out = capsys.readouterr().out
    assert "did you mean 'meta-llama/llama-3.3-70b-instruct'" in out
    assert "use 'llama-3.3-70b-versatile'" not in out


def test_schema_export_says_deleted_of_a_file_it_deleted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["schema", "export", "--out", str(tmp_path)]) == 0
    leftover = tmp_path / "agent-1.0.0.json"
    leftover.write_text("{}\n")
    capsys.readouterr()
    assert run(["schema", "export", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"deleted {leftover}" in out and "updated" not in out
