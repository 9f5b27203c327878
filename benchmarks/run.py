"""The budgets of DESIGN §9, measured side by side in one run.

Run: `python benchmarks/run.py [--quick]` (needs `pip install .[bench]`).
`--quick` keeps every input size and only cuts repetitions, so its ratios mean
the same as a full run's. Prints a table, then one machine-readable line:

    RESULT hook_noop_ratio=<x> lint_vs_yamllint=<x> lint_vs_checkjsonschema=<x>
    migrate_files_per_s=<x> migrate_5mb_extra_mb=<x>
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hook_noop import measure_ratio
from inputs import REPO, build_big_agent, build_corpus, build_small_agent

DEXTO_CONFIG = (sys.executable, "-m", "dexto_config")
AGENT_SCHEMA = REPO / "schemas" / "agent-1.5.6.json"
# Exit 1 means "found problems" for every tool measured here; only worse is a failure.
ACCEPTED_EXIT_CODES = (0, 1)


@dataclass(frozen=True)
class Run:
    """The median wall time and peak memory of one command over its repetitions."""

    seconds: float
    peak_mb: float


@dataclass(frozen=True)
class Row:
    """One line of the printed table."""

    name: str
    command: str
    figure: str
    target: str


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="one repetition of each command")
    quick = parser.parse_args(argv).quick
    repeats, hook_runs = (1, 15) if quick else (3, 40)
    print(machine_summary())
    with tempfile.TemporaryDirectory(prefix="dexto-config-bench-") as tmp:
        rows, result = measure(Path(tmp), repeats, hook_runs)
    print_table(rows)
    print("RESULT " + " ".join(f"{name}={value}" for name, value in result.items()))
    return 0


def measure(root: Path, repeats: int, hook_runs: int) -> tuple[list[Row], dict[str, str]]:
    """Build the inputs under `root`, run every command, and return the table and RESULT."""
    corpus = root / "corpus"
    files = build_corpus(corpus)
    quarter = root / "corpus-quarter"
    build_corpus(quarter, len(files) // 4)
    big, small = build_big_agent(root / "big"), build_small_agent(root / "small")
    env = {**os.environ, "PYTHONPATH": str(REPO), "DEXTO_HOME": str(root / "empty-home")}

    hook_s, python_s, hook_ratio = measure_ratio(hook_runs)
    lint = timed([*DEXTO_CONFIG, "lint", str(corpus)], env, repeats)
    yamllint = timed([sys.executable, "-m", "yamllint", "-d", "relaxed", str(corpus)], env, repeats)
    schema_check = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(AGENT_SCHEMA)]
    checkjsonschema = timed([*schema_check, *map(str, files)], env, repeats)
    migrate = [*DEXTO_CONFIG, "migrate", "--dry-run", "--route-via", "dexto"]
    migrate_all = timed([*migrate, str(corpus)], env, repeats)
    migrate_quarter = timed([*migrate, str(quarter)], env, repeats)
    migrate_big = timed([*migrate, str(big)], env, repeats)
    migrate_small = timed([*migrate, str(small)], env, repeats)

    n = len(files)
    per_s = n / migrate_all.seconds
    # Start-up cost cancels out between the two corpus sizes: what is left is per file.
    marginal_per_s = (n - n // 4) / max(migrate_all.seconds - migrate_quarter.seconds, 1e-9)
    extra_mb = migrate_big.peak_mb - migrate_small.peak_mb
    big_mb = big.stat().st_size / 2**20
    rows = [
        Row("python -c pass", "baseline", f"{python_s * 1000:.1f} ms", ""),
        Row("hook no-op, 50 agents", "hook", f"{hook_s * 1000:.1f} ms", ""),
        Row("  hook / python", "", f"{hook_ratio:.2f}x", "<= 1.5x"),
        _files_row("dexto-config lint", "lint DIR", n, lint),
        _files_row("yamllint -d relaxed", "yamllint", n, yamllint),
        _files_row("check-jsonschema", "agent-1.5.6.json", n, checkjsonschema),
        Row("  yamllint / lint", "", f"{yamllint.seconds / lint.seconds:.2f}x", ">= 10x"),
        Row("  check-jsonschema / lint", "", _ratio(checkjsonschema, lint), ">= 1.5x"),
        _files_row("migrate --dry-run", "corpus", n, migrate_all),
        _files_row("migrate --dry-run", "quarter corpus", n // 4, migrate_quarter),
        Row("  marginal rate (full - quarter)", "", f"{marginal_per_s:.0f} files/s", ""),
        Row("migrate 1 KB agent", "peak RSS", f"{migrate_small.peak_mb:.1f} MB", ""),
        Row(f"migrate {big_mb:.0f} MB agent", "peak RSS", f"{migrate_big.peak_mb:.1f} MB", ""),
        Row("  extra peak", "", f"{extra_mb:.1f} MB", f"<= {10 * big_mb:.0f} MB"),
    ]
    result = {
        "hook_noop_ratio": f"{hook_ratio:.2f}",
        "lint_vs_yamllint": f"{yamllint.seconds / lint.seconds:.2f}",
        "lint_vs_checkjsonschema": f"{checkjsonschema.seconds / lint.seconds:.2f}",
        "migrate_files_per_s": f"{per_s:.1f}",
        "migrate_5mb_extra_mb": f"{extra_mb:.1f}",
    }
    return rows, result


def timed(command: list[str], env: dict[str, str], repeats: int) -> Run:
    """Median wall time and median peak RSS of `command` over `repeats` runs."""
    runs = [_run_once(command, env) for _ in range(repeats)]
    return Run(
        seconds=statistics.median(r.seconds for r in runs),
        peak_mb=statistics.median(r.peak_mb for r in runs),
    )


def _run_once(command: list[str], env: dict[str, str]) -> Run:
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO
    )
    # wait4 gives this child's own peak RSS, which RUSAGE_CHILDREN (a running max) cannot.
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if code not in ACCEPTED_EXIT_CODES:
        raise RuntimeError(f"{' '.join(command[:6])} ... exited {code}: {stderr[-2000:]}")
    return Run(seconds=elapsed, peak_mb=usage.ru_maxrss / 1024)


def _files_row(name: str, command: str, files: int, run: Run) -> Row:
    return Row(name, command, f"{run.seconds:.2f} s, {files / run.seconds:.0f} files/s", "")


def _ratio(slow: Run, fast: Run) -> str:
    return f"{slow.seconds / fast.seconds:.2f}x"


def machine_summary() -> str:
    """Cores, CPU model and Python version, for the README's record of the run."""
    return (
        f"machine: {os.cpu_count()} cores, {_cpu_model()}, "
        f"Python {platform.python_version()} ({platform.system()})"
    )


def _cpu_model() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        return platform.processor() or "unknown CPU"
    models = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    return models[0] if models else "unknown CPU"


def print_table(rows: list[Row]) -> None:
    """The rows as a Markdown table, ready for the README."""
    print("| measurement | input | result | target |")
    print("|---|---|---|---|")
    for row in rows:
        print(f"| {row.name} | {row.command} | {row.figure} | {row.target} |")


if __name__ == "__main__":
    raise SystemExit(main())
