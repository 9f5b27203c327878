"""`--help`, `rules` and `explain` before click: the click CLI's bytes without it (DESIGN §9)."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios
from collections.abc import Callable, Iterator

import pytest

from dexto_config import fastcli
from dexto_config.cli import run
from dexto_config.cli.help_pages import PAGES_PATH, render
from dexto_config.fastcli import COMPLETION_VARIABLE, fast_cli, terminal_columns

FAST_FORMS = [
    ["--help"],
    ["-h"],
    ["rules", "--help"],
    ["rules", "-h"],
    ["explain", "--help"],
    ["explain", "-h"],
    ["rules"],
    ["rules", "--format", "text"],
    ["rules", "--format", "json"],
    ["rules", "--format=markdown"],
    ["explain", "DX301"],
    ["explain", "dx406"],
    ["explain", "literal-api-key"],
    ["explain", " DX001 "],
]
# COLUMNS as a user may have it: unset, narrower than click's floor, either side of
# click's 100-column cap, and values shutil ignores.
COLUMNS = [None, "1", "52", "53", "64", "79", "80", "99", "100", "101", "250", "0", "-3", "wide"]
FALL_THROUGH = [
    [],
    ["--version"],
    ["--help", "rules"],
    ["-h", "-h"],
    ["lint", "--help"],
    ["rules", "extra"],
    ["rules", "--format"],
    ["rules", "--format", "xml"],
    ["rules", "--format="],
    ["rules", "--format", "json", "--format", "text"],
    ["rules", "--help", "--format", "json"],
    ["explain"],
    ["explain", "DX999"],
    ["explain", "-x"],
    ["explain", "DX301", "DX302"],
    ["explain", "--help", "DX301"],
]
# What neither path may import; the fast one, nothing of this at all.
HEAVY = (
    "click",
    "pydantic",
    "pydantic_core",
    "yaml",
    "_yaml",
    "ruamel",
    "dexto_config.catalog",
    "dexto_config.models",
    "dexto_config.yamlio",
    "dexto_config.cli",
    "dataclasses",
    "typing",
    "shutil",
    "textwrap",
)
PROBE = """
import sys
from dexto_config.entry import main
code = main(sys.argv[1:])
print(code, *sorted(sys.modules), file=sys.stderr)
"""

Outputs = tuple[int | None, str, str]


def _outputs(capsys: pytest.CaptureFixture[str], call: Callable[[], int | None]) -> Outputs:
    code = call()
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _fast_and_click(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[Outputs, Outputs]:
    fast = _outputs(capsys, lambda: fast_cli(args, os.environ))
    return fast, _outputs(capsys, lambda: run(list(args)))


def test_help_pages_are_current() -> None:
    assert PAGES_PATH.read_text(encoding="utf-8") == render(), (
        "dexto_config/help_pages.txt is stale: run `python -m dexto_config.cli.help_pages`"
    )


@pytest.mark.parametrize("columns", COLUMNS)
@pytest.mark.parametrize("args", FAST_FORMS, ids=" ".join)
def test_fast_path_prints_what_click_prints(
    args: list[str],
    columns: str | None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    fast, click = _fast_and_click(capsys, args)
    assert fast == click
    assert fast[0] == 0


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[int], None]]:
    """Make `sys.__stdout__` a terminal; the callable sets its width."""
    main_end, terminal_end = pty.openpty()
    with os.fdopen(main_end, "rb"), os.fdopen(terminal_end, "w") as stream:
        monkeypatch.setattr(sys, "__stdout__", stream)
        monkeypatch.delenv("COLUMNS", raising=False)

        def resize(columns: int) -> None:
            fcntl.ioctl(terminal_end, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))

        yield resize


@pytest.mark.parametrize("width", [0, 40, 67, 80, 130])
def test_a_terminal_width_is_read_as_click_reads_it(
    width: int, terminal: Callable[[int], None], capsys: pytest.CaptureFixture[str]
) -> None:
    terminal(width)
    assert terminal_columns(os.environ) == shutil.get_terminal_size().columns
    fast, click = _fast_and_click(capsys, ["--help"])
    assert fast == click


@pytest.mark.parametrize("args", FALL_THROUGH, ids=lambda args: " ".join(args) or "no-args")
def test_other_command_lines_are_left_to_click(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _outputs(capsys, lambda: fast_cli(args, os.environ)) == (None, "", "")


def _ascii_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="ascii"))


def _latin1_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="latin-1"))


def _completing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(COMPLETION_VARIABLE, "bash_complete")


def _other_click(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastcli, "_click_is", lambda version: False)


def _no_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastcli, "PAGES_PATH", str(PAGES_PATH.with_name("missing.txt")))


@pytest.mark.parametrize(
    ("condition", "args"),
    [
        pytest.param(_ascii_stdout, ["rules"], id="ascii-stdout-click-rewraps"),
        pytest.param(_latin1_stdout, ["--help"], id="unencodable-help-click-reports"),
        pytest.param(_completing, ["--help"], id="shell-completion"),
        pytest.param(_other_click, ["--help"], id="pages-of-another-click"),
        pytest.param(_no_pages, ["-h"], id="pages-missing"),
    ],
)
def test_conditions_the_fast_path_cannot_vouch_for_are_left_to_click(
    condition: Callable[[pytest.MonkeyPatch], None],
    args: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    condition(monkeypatch)
    assert fast_cli(args, os.environ) is None


def test_the_installed_click_is_recognised() -> None:
    version = PAGES_PATH.read_text(encoding="utf-8").split("@@ click ")[1].split("\n")[0]
    assert fastcli._click_is(version)
    assert not fastcli._click_is("0.0")


def _new_modules(*args: str) -> tuple[str, set[str]]:
    """The exit code of `dexto-config ARGS` and the modules it imported beyond `python -c pass`."""
    bare = subprocess.run(
        [sys.executable, "-c", "import sys; print(*sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    code, *modules = probe.stderr.split()
    return code, set(modules) - set(bare.stdout.split())


@pytest.mark.parametrize("args", [["--help"], ["rules"], ["explain", "DX301"]], ids=" ".join)
def test_fast_forms_import_nothing_heavy(args: list[str]) -> None:
    code, modules = _new_modules(*args)
    assert (code, sorted(m for m in modules if m.startswith(HEAVY))) == ("0", [])


def test_the_probe_sees_click_where_click_runs() -> None:
    _code, modules = _new_modules("rules", "--format", "xml")
    assert "click" in modules


@pytest.mark.parametrize(
    "environment",
    [{}, {"PYTHONIOENCODING": "ascii"}, {"PYTHONIOENCODING": "latin-1"}, {"COLUMNS": "61"}],
    ids=lambda environment: " ".join(f"{k}={v}" for k, v in environment.items()) or "plain",
)
@pytest.mark.parametrize("args", [["--help"], ["rules"], ["explain", "DX301"]], ids=" ".join)
def test_console_bytes_equal_the_click_cli(args: list[str], environment: dict[str, str]) -> None:
    """Real processes, stdout a pipe: the entry point against `cli.run` itself."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "PYTHONIOENCODING")}
    env.update(environment)
    scripts = [
        "import sys; from dexto_config.entry import main; sys.exit(main(sys.argv[1:]))",
        "import sys; from dexto_config.cli import run; sys.exit(run(sys.argv[1:]))",
    ]
    fast, click = (
        subprocess.run([sys.executable, "-c", script, *args], capture_output=True, env=env)
        for script in scripts
    )
    assert (fast.returncode, fast.stdout, fast.stderr) == (
        click.returncode,
        click.stdout,
        click.stderr,
    )
