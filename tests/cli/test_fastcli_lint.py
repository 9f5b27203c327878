"""`lint FILE...` before click: the click command's output and exit code without it (DESIGN §9)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pytest

from dexto_config import fastcli
from dexto_config.cli import run
from dexto_config.cli.app import main as group
from dexto_config.fastcli import LINT_FLAGS, LINT_OPTIONS, fast_cli
from tests.cli.test_fastcli import Outputs, _fast_and_click, _new_modules, _outputs

REPO = Path(__file__).resolve().parents[2]
LINT_FIXTURES = REPO / "fixtures" / "lint"

# Where a linted file sits: alone, or beside a lint configuration that applies to it.
PYPROJECT = '[tool.dexto-config]\nignore = ["DX405"]\nseverity = {DX303 = "warning"}\n'
DEXTO_CONFIG_TOML = 'select = ["DX3"]\n'
SETTINGS = {
    "no-config": {},
    "pyproject": {"pyproject.toml": PYPROJECT},
    "dexto-config-toml": {".dexto-config.toml": DEXTO_CONFIG_TOML, "pyproject.toml": PYPROJECT},
}
FILES: dict[str, Callable[[Path], Path]] = {
    "clean": lambda folder: _copy(LINT_FIXTURES / "explicit-clean.yml", folder),
    "warnings": lambda folder: _copy(LINT_FIXTURES / "legacy-routeable-unmarked.yml", folder),
    "errors": lambda folder: _copy(LINT_FIXTURES / "explicit-endpoints.yml", folder),
    "every-section": lambda folder: _copy(REPO / "fixtures/agents/valid-every-section.yml", folder),
    "syntax-error": lambda folder: _write(folder / "broken.yml", "llm: {provider: [openai\n"),
    "not-utf8": lambda folder: _write(folder / "latin.yml", "greeting: caf\xe9\n", "latin-1"),
    "fifo": lambda folder: _fifo(folder / "pipe.yml"),
    "folder": lambda folder: _copy(LINT_FIXTURES / "explicit-endpoints.yml", folder).parent,
    "home-with-state": lambda folder: _home_with_state(folder),
    "empty-folder": lambda folder: _empty_folder(folder),
    "custom-models": lambda folder: _copy(
        REPO / "fixtures/custom-models/invalid-missing-baseurl/custom-models.json", folder
    ),
}
OPTIONS = [
    [],
    ["--format", "json"],
    ["--format=sarif"],
    ["--format", "github", "--exit-zero"],
    ["--fail-on", "error"],
    ["--kind", "preferences"],
    ["--dexto-version", "1.5.7"],
    ["--dexto-version=1.10.4", "--select", "DX3,DX4"],
    ["--ignore", "DX405, written-for-another-release"],
    ["--select="],
    ["--exit-zero", "--format", "text", "--kind=agent"],
]


def _copy(source: Path, folder: Path) -> Path:
    return Path(shutil.copy(source, folder / source.name))


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


def _home_with_state(folder: Path) -> Path:
    """A Dexto home whose `.dexto-config/` holds YAML: the search names it on stderr."""
    (folder / ".dexto-config").mkdir()
    _copy(LINT_FIXTURES / "explicit-endpoints.yml", folder / ".dexto-config")
    return _copy(LINT_FIXTURES / "explicit-clean.yml", folder).parent


def _empty_folder(folder: Path) -> Path:
    """A folder with no Dexto file: the search warns on stderr."""
    (folder / "empty").mkdir()
    return folder / "empty"


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _target(tmp_path: Path, file: str, setting: str) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    for name, text in SETTINGS[setting].items():
        (folder / name).write_text(text, encoding="utf-8")
    return FILES[file](folder)


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("file", FILES)
@pytest.mark.parametrize("options", OPTIONS, ids=" ".join)
def test_fast_lint_prints_what_click_prints(
    options: list[str],
    file: str,
    setting: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = str(_target(tmp_path, file, setting))
    for args in (["lint", *options, target], ["lint", target, *options]):
        fast, click_run = _fast_and_click(capsys, args)
        assert fast == click_run
        assert fast[0] is not None


def test_several_files_and_their_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(FILES[name](tmp_path)) for name in ("errors", "not-utf8", "clean", "fifo")]
    fast, click_run = _fast_and_click(capsys, ["lint", *files, files[0]])
    assert fast == click_run
    assert fast[0] == 2  # a file that cannot be read


def _left_to_click(tmp_path: Path) -> list[list[str]]:
    target = str(_copy(LINT_FIXTURES / "explicit-clean.yml", tmp_path))
    config = tmp_path / "lint.toml"
    config.write_text('[tool.dexto-config]\nselect = ["DX3"]\n', encoding="utf-8")
    return [
        ["lint"],
        ["lint", "--exit-zero"],
        ["lint", "-h", target],
        ["lint", target, "--help"],
        ["lint", "--fix", target],
        ["lint", "--diff", target],
        ["lint", "--fix", "--diff", target],
        ["lint", "--from", "1.5.6", target],
        ["lint", "--route-via", "direct", target],
        ["lint", "--config", str(config), target],
        ["lint", "-"],
        ["lint", "--", target],
        ["lint", ""],
        ["lint", str(tmp_path / "missing.yml")],
        ["lint", target, str(tmp_path / "missing.yml")],
        ["lint", "--format", "xml", target],
        ["lint", "--format=", target],
        ["lint", target, "--format"],
        ["lint", "--format", "json", "--format", "text", target],
        ["lint", "--exit-zero", "--exit-zero", target],
        ["lint", "--exit-zero=yes", target],
        ["lint", "--kind", "registry", target],
        ["lint", "--fail-on", "info", target],
        ["lint", "--dexto-version", "9.9.9", target],
        ["lint", "--dexto-version", "banana", target],
        ["lint", "--select", "DX999", target],
        ["lint", "--ignore", "-DX3", target],
        ["lint", "--unknown", target],
    ]


def test_other_lint_command_lines_are_left_to_click(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in _left_to_click(tmp_path):
        outputs = _outputs(capsys, lambda args=args: fast_cli(args, os.environ))
        assert outputs == (None, "", ""), args


@pytest.mark.parametrize(
    "config",
    [
        pytest.param('[tool.dexto-config]\nselect = ["DX999"]\n', id="unknown-rule"),
        pytest.param("[tool.dexto-config\n", id="malformed-toml"),
    ],
)
def test_a_bad_configuration_is_left_to_click_before_anything_is_written(
    config: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
    target = str(_copy(LINT_FIXTURES / "explicit-clean.yml", tmp_path))
    assert _outputs(capsys, lambda: fast_cli(["lint", target], os.environ)) == (None, "", "")


def test_an_unreadable_path_is_left_to_click(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """click.Path refuses an existing path the user may not read (as root, every one reads)."""
    target = str(_copy(LINT_FIXTURES / "explicit-clean.yml", tmp_path))
    monkeypatch.setattr(fastcli.os, "access", lambda _path, _mode: False)
    assert _outputs(capsys, lambda: fast_cli(["lint", target], os.environ)) == (None, "", "")


def test_the_fast_options_are_the_click_commands() -> None:
    command = group.get_command(click.Context(group), "lint")
    assert command is not None
    declared = {opt: param for param in command.params for opt in param.opts}
    assert all(isinstance(declared[name], click.Option) for name in LINT_OPTIONS + LINT_FLAGS)
    assert [declared[name].is_flag for name in LINT_OPTIONS + LINT_FLAGS] == [False] * len(
        LINT_OPTIONS
    ) + [True] * len(LINT_FLAGS)


def test_a_bug_is_one_line_on_both_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from dexto_config.cli import lint_run

    def crash(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom sk-ant-api03-Zq8vK2mLw9XcT4pR7nB1")

    monkeypatch.setattr(lint_run, "find_targets", crash)
    fast, click_run = _fast_and_click(capsys, ["lint", str(tmp_path)])
    assert fast == click_run
    code, out, err = fast
    assert (code, out) == (2, "")
    assert err.startswith("dexto-config: internal error (RuntimeError: boom sk-an")
    assert "Zq8vK2mLw9XcT4pR7nB1" not in err


def test_an_interrupt_is_reported_as_click_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from dexto_config.cli import lint_run

    def interrupt(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(lint_run, "find_targets", interrupt)
    fast, click_run = _fast_and_click(capsys, ["lint", str(tmp_path)])
    assert fast == click_run == (2, "", "\nAborted.\n")


# What `lint one.yml` may not import beyond `python -c pass` (DESIGN §9): click, `typing`, and
# `dataclasses` with the `inspect` it brings (`ast`, `dis`, `tokenize`; `pkgutil` imports it too).
NOT_ON_THE_LINT_PATH = (
    "click",
    "typing",
    "dataclasses",
    "inspect",
    "ast",
    "dis",
    "tokenize",
    "pkgutil",
)


def test_lint_one_file_imports_neither_click_nor_typing_nor_dataclasses(tmp_path: Path) -> None:
    # Outside the repository: its pyproject.toml would be read, and tomllib imports typing.
    shutil.copy(LINT_FIXTURES / "explicit-clean.yml", tmp_path)
    code, modules = _new_modules("lint", str(tmp_path / "explicit-clean.yml"))
    unwanted = sorted(m for m in modules if m.split(".")[0] in NOT_ON_THE_LINT_PATH)
    assert (code, unwanted) == ("0", [])


def test_the_probe_sees_click_where_lint_is_left_to_click() -> None:
    _code, modules = _new_modules(
        "lint", "--fix", "--diff", str(LINT_FIXTURES / "explicit-clean.yml")
    )
    assert "click" in modules


@pytest.mark.parametrize(
    "args",
    [
        ["lint", str(LINT_FIXTURES / "explicit-endpoints.yml")],
        ["lint", "--format", "json", str(LINT_FIXTURES / "broken-unclosed-quote.yml")],
        ["lint", str(REPO / "no-such-file.yml")],
    ],
    ids=["findings", "json-syntax-error", "missing-file"],
)
def test_console_bytes_equal_the_click_cli(args: list[str]) -> None:
    """Real processes, stdout a pipe: the entry point against `cli.run` itself."""
    scripts = [
        "import sys; from dexto_config.entry import main; sys.exit(main(sys.argv[1:]))",
        "import sys; from dexto_config.cli import run; sys.exit(run(sys.argv[1:]))",
    ]
    fast, click_run = (
        subprocess.run([sys.executable, "-c", script, *args], capture_output=True)
        for script in scripts
    )
    outputs: list[Outputs] = [
        (run.returncode, run.stdout.decode(), run.stderr.decode()) for run in (fast, click_run)
    ]
    assert outputs[0] == outputs[1]


def test_click_writes_the_search_notes_before_a_configuration_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.dexto-config]\nselect = ["DX999"]\n')
    home = _home_with_state(tmp_path)
    assert _outputs(capsys, lambda: fast_cli(["lint", str(home)], os.environ)) == (None, "", "")
    code, out, err = _outputs(capsys, lambda: run(["lint", str(home)]))
    assert (code, out) == (2, "")
    assert err.startswith("note: not searched: ")
    assert err.endswith("'DX999' matches no rule (see `dexto-config rules`)\n")
