"""The `lint`, `rules` and `explain` commands: streams, exit codes, docs, whole-tree SARIF."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from dexto_config.cli import run
from dexto_config.kinds import FileKind
from dexto_config.lint.config import LintConfig
from dexto_config.lint.docs import rules_markdown
from dexto_config.lint.engine import LintJob, lint_jobs
from dexto_config.lint.registry import all_rules
from tests.lint.test_reporters import SARIF_SCHEMA

REPO = Path(__file__).resolve().parents[2]
LINT_FIXTURES = REPO / "fixtures" / "lint"
CLEAN = LINT_FIXTURES / "explicit-clean.yml"
WARNING_ONLY = LINT_FIXTURES / "legacy-routeable-unmarked.yml"
ERRORS = LINT_FIXTURES / "explicit-endpoints.yml"


def _lint(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(["lint", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_clean_file_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _lint(capsys, str(CLEAN))
    assert (code, out, err) == (0, "1 file linted: no findings\n", "")


def test_text_lines_and_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _lint(capsys, str(ERRORS))
    assert code == 1
    first, summary = out.splitlines()
    assert first.startswith(f"{ERRORS}:7:12: DX303 [error] provider `openai` takes no `baseURL`")
    assert summary == "1 file linted: 1 finding (1 error) in 1 file"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param([str(WARNING_ONLY)], 1, id="warnings-fail-by-default"),
        pytest.param(["--fail-on", "error", str(WARNING_ONLY)], 0, id="fail-on-error"),
        pytest.param(["--fail-on", "error", str(ERRORS)], 1, id="fail-on-error-with-errors"),
        pytest.param(["--exit-zero", str(ERRORS)], 0, id="exit-zero"),
        pytest.param(["--ignore", "DX303", str(ERRORS)], 0, id="ignored"),
        pytest.param(["--select", "DX1", str(ERRORS)], 0, id="selected-other-family"),
        pytest.param(["--select", "DX9", str(ERRORS)], 2, id="unknown-selector"),
        pytest.param(["--diff", str(ERRORS)], 2, id="diff-without-fix"),
        pytest.param([str(REPO / "no-such-file.yml")], 2, id="missing-path"),
        pytest.param(["--config", str(REPO / "no-such.toml"), str(CLEAN)], 2, id="missing-config"),
    ],
)
def test_exit_codes(capsys: pytest.CaptureFixture[str], args: list[str], expected: int) -> None:
    assert _lint(capsys, *args)[0] == expected


def test_syntax_error_is_a_finding_not_an_io_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _lint(capsys, str(LINT_FIXTURES / "broken-unclosed-quote.yml"))
    assert code == 1
    assert "DX001 [error]" in out
    assert err == ""


def test_unreadable_file_exits_two_with_diagnostic_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dangling = tmp_path / "agent.yml"
    dangling.symlink_to(tmp_path / "gone.yml")
    code, out, err = _lint(capsys, "--format", "json", str(dangling))
    assert code == 2
    assert json.loads(out)["unreadable"][0]["path"] == str(dangling)
    assert "cannot read the file" in err


@pytest.mark.parametrize("output_format", ["json", "sarif", "github"])
def test_only_the_report_goes_to_stdout(
    output_format: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, err = _lint(capsys, "--format", output_format, str(LINT_FIXTURES))
    assert "files linted" not in out
    assert err == ""
    if output_format != "github":
        json.loads(out)


def test_sarif_of_the_fixture_tree_validates(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _lint(capsys, "--format", "sarif", str(REPO / "fixtures"))
    assert code == 1
    log = json.loads(out)
    jsonschema.validate(log, SARIF_SCHEMA)
    assert log["runs"][0]["results"]


def test_pool_output_matches_serial_order() -> None:
    targets = sorted(LINT_FIXTURES.rglob("*.yml")) * 12
    jobs = [LintJob(path, FileKind.AGENT, LintConfig()) for path in targets]
    pooled = lint_jobs(jobs)
    serial = lint_jobs(jobs[:20])
    assert len(jobs) >= 64
    assert [r.path for r in pooled] == targets
    assert pooled[:20] == serial


def test_rules_markdown_is_current() -> None:
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is stale: run `dexto-config rules --format markdown > docs/rules.md`"
    )


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["rules", "--format", "json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in listing] == [r.code for r in all_rules()]
    assert set(listing[0]) == {"code", "name", "severity", "family", "fixable", "summary"}


@pytest.mark.parametrize("name", ["DX301", "literal-api-key", "dx301"])
def test_explain(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["explain", name]) == 0
    out = capsys.readouterr().out
    assert out.startswith("DX301 literal-api-key [error]")
    assert "Bad:" in out and "Good:" in out


def test_explain_unknown_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["explain", "DX999"]) == 2
    assert "no rule 'DX999'" in capsys.readouterr().err


def test_models_of_a_linted_custom_models_file_are_known(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agent = tmp_path / "agents" / "bedrock.yml"
    agent.parent.mkdir()
    agent.write_text(
        "# dexto-config: schemaVersion=1.5.6\nsystemPrompt: hi\n"
        "llm: {provider: bedrock, model: my-team-finetune}\n",
        encoding="utf-8",
    )
    assert _lint(capsys, "--dexto-version", "1.5.6", str(agent))[0] == 1
    models = tmp_path / "models" / "custom-models.json"
    models.parent.mkdir()
    models.write_text(
        '{"version": 1, "models": [{"name": "my-team-finetune", "provider": "bedrock"}]}\n',
        encoding="utf-8",
    )
    code, out, _ = _lint(capsys, "--dexto-version", "1.5.6", str(agent), str(models))
    assert (code, out) == (0, "2 files linted: no findings\n")
