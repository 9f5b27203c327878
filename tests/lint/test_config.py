"""Lint configuration: discovery upward, select/ignore, per-file ignores, extras, severities."""

from __future__ import annotations

from pathlib import Path

import pytest

from dexto_config.kinds import FileKind
from dexto_config.lint.config import ConfigError, ConfigFinder, LintConfig, load_config_file
from dexto_config.lint.engine import LintJob, lint_job
from dexto_config.lint.findings import Severity

# One model finding (DX201) and one credentials finding (DX301, a literal key).
UNKNOWN_MODEL_AGENT = (
    "# dexto-config: schemaVersion=1.10.4\nsystemPrompt: hi\ntools: []\n"
    "llm:\n  provider: anthropic\n  model: claude-house-model\n"
    "  apiKey: sk-ant-abcdefghijklmnopqrstuvwxyz\n"
)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _codes(path: Path, config: LintConfig) -> list[str]:
    return [f.code for f in lint_job(LintJob(path, FileKind.AGENT, config)).findings]


def test_pyproject_table_found_upward(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", '[tool.dexto-config]\nignore = ["DX301"]\n')
    agent = _write(tmp_path / "agents" / "deep" / "a.yml", UNKNOWN_MODEL_AGENT)
    config = ConfigFinder().for_file(agent)
    assert config.source == tmp_path / "pyproject.toml"
    assert _codes(agent, config) == ["DX201"]


def test_pyproject_without_table_is_passed_over(tmp_path: Path) -> None:
    _write(tmp_path / ".dexto-config.toml", 'ignore = ["DX2"]\n')
    _write(tmp_path / "agents" / "pyproject.toml", "[project]\nname = 'x'\n")
    agent = _write(tmp_path / "agents" / "a.yml", UNKNOWN_MODEL_AGENT)
    assert ConfigFinder().for_file(agent).source == tmp_path / ".dexto-config.toml"


def test_dexto_config_toml_wins_in_the_same_folder(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", '[tool.dexto-config]\nignore = ["DX301"]\n')
    _write(tmp_path / ".dexto-config.toml", 'ignore = ["DX201"]\n')
    agent = _write(tmp_path / "a.yml", UNKNOWN_MODEL_AGENT)
    assert _codes(agent, ConfigFinder().for_file(agent)) == ["DX301"]


def test_defaults_without_any_config(tmp_path: Path) -> None:
    agent = _write(tmp_path / "a.yml", UNKNOWN_MODEL_AGENT)
    assert ConfigFinder().for_file(agent).select == ("DX",)


def test_select_by_prefix_and_name(tmp_path: Path) -> None:
    agent = _write(tmp_path / "a.yml", UNKNOWN_MODEL_AGENT)
    assert _codes(agent, LintConfig(select=("DX3",))) == ["DX301"]
    assert _codes(agent, LintConfig(select=("unknown-model-id",))) == ["DX201"]


def test_command_line_overrides_replace_config(tmp_path: Path) -> None:
    agent = _write(tmp_path / "a.yml", UNKNOWN_MODEL_AGENT)
    config = LintConfig(ignore=("DX201",)).with_overrides(select=None, ignore=("DX301",))
    assert _codes(agent, config) == ["DX201"]


def test_per_file_ignores_by_glob(tmp_path: Path) -> None:
    _write(
        tmp_path / ".dexto-config.toml",
        '[per-file-ignores]\n"agents/experimental/*.yml" = ["DX201", "DX301"]\n',
    )
    ignored = _write(tmp_path / "agents" / "experimental" / "a.yml", UNKNOWN_MODEL_AGENT)
    checked = _write(tmp_path / "agents" / "b.yml", UNKNOWN_MODEL_AGENT)
    finder = ConfigFinder()
    assert _codes(ignored, finder.for_file(ignored)) == []
    assert _codes(checked, finder.for_file(checked)) == ["DX201", "DX301"]


def test_extra_known_models_count_where_the_catalog_judges(tmp_path: Path) -> None:
    extras = '[extra-known-models]\nanthropic = ["claude-house-model"]\n'
    _write(tmp_path / ".dexto-config.toml", extras)
    seed_era = UNKNOWN_MODEL_AGENT.replace("schemaVersion=1.10.4", "schemaVersion=1.5.6").replace(
        "tools: []\n", ""
    )
    agent = _write(tmp_path / "a.yml", seed_era)
    config = ConfigFinder().for_file(agent).with_overrides(None, None, "1.5.6")
    assert _codes(agent, config) == ["DX301"]


def test_extra_known_models_do_not_overrule_a_release_registry(tmp_path: Path) -> None:
    # From 1.5.7 Dexto itself refuses a model its registry does not list.
    extras = '[extra-known-models]\nanthropic = ["claude-house-model"]\n'
    _write(tmp_path / ".dexto-config.toml", extras)
    agent = _write(tmp_path / "a.yml", UNKNOWN_MODEL_AGENT)
    assert _codes(agent, ConfigFinder().for_file(agent)) == ["DX201", "DX301"]


def test_dexto_version_setting_is_read_and_checked(tmp_path: Path) -> None:
    _write(tmp_path / ".dexto-config.toml", 'dexto-version = "1.6.2"\n')
    agent = _write(tmp_path / "a.yml", UNKNOWN_MODEL_AGENT)
    assert ConfigFinder().for_file(agent).dexto_version == "1.6.2"
    _write(tmp_path / "bad" / ".dexto-config.toml", 'dexto-version = "9.0"\n')
    with pytest.raises(ConfigError, match="newer Dexto"):
        load_config_file(tmp_path / "bad" / ".dexto-config.toml")


def test_severity_override(tmp_path: Path) -> None:
    _write(tmp_path / ".dexto-config.toml", '[severity]\nDX201 = "warning"\n')
    agent = _write(tmp_path / "a.yml", UNKNOWN_MODEL_AGENT)
    findings = lint_job(LintJob(agent, FileKind.AGENT, ConfigFinder().for_file(agent))).findings
    assert {f.code: f.severity for f in findings}["DX201"] is Severity.WARNING


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('select = ["DX9"]\n', "matches no rule"),
        ('select = "DX1"\n', "must be a list of strings"),
        ('colour = "always"\n', "unknown setting"),
        ('[severity]\nDX201 = "fatal"\n', "must be error, warning or info"),
        ('[severity]\nDX999 = "error"\n', "unknown rule"),
        ('[extra-known-models]\nopenia = ["x"]\n', "unknown provider 'openia'"),
        ("select = [\n", "cannot read the configuration"),
    ],
)
def test_malformed_configuration_is_refused(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path / ".dexto-config.toml", text)
    with pytest.raises(ConfigError, match=message):
        load_config_file(path)
