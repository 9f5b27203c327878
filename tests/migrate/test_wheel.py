"""An installed wheel (not only an editable checkout) ships and finds the migration steps."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dexto_config.migrate.chain import default_chain
from tests.conftest import REPO


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if build.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{build.stderr}")
    (wheel,) = out.glob("dexto_config-*.whl")
    site = out / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "dexto_config/migrations/v1_5_6_explicit_provider.py" in names
        assert not any(name.startswith("migrations/") for name in names)
        assert "dexto_config/catalog/dexto_layer.json" in names
        archive.extractall(site)
    return site


def test_installed_wheel_finds_its_migrations(unpacked_wheel: Path, tmp_path: Path) -> None:
    script = (
        "import dexto_config.migrate.chain as chain, pathlib, sys;"
        "assert pathlib.Path(chain.__file__).is_relative_to(sys.argv[1]), chain.__file__;"
        "print([s.version for s in chain.default_chain()])"
    )
    environment = {**os.environ, "PYTHONPATH": str(unpacked_wheel)}
    result = subprocess.run(
        [sys.executable, "-c", script, str(unpacked_wheel)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str([step.version for step in default_chain()])
