"""lint knows the models of the Dexto home's custom-models.json (DESIGN §7, layer 3).

The catalog judges model IDs for the seed's releases; from 1.5.7 the release's registry does.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dexto_config.cli import run

AGENT = (
    "# dexto-config: schemaVersion=1.5.6\n"
    "systemPrompt: hi\nllm:\n  provider: dexto\n  model: acme/house-model-1\n"
)


def test_home_custom_models_are_known(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    agent = tmp_path / "agent.yml"
    agent.write_text(AGENT)
    assert run(["lint", "--dexto-version", "1.5.6", str(agent)]) == 1
    assert "DX201" in capsys.readouterr().out
    models = Path(os.environ["DEXTO_HOME"]) / "models"
    models.mkdir()
    (models / "custom-models.json").write_text(
        '{"version": 1, "models": [{"name": "acme/house-model-1", "provider": "dexto"}]}\n'
    )
    assert run(["lint", "--dexto-version", "1.5.6", str(agent)]) == 0
