"""No-op hook budget (DESIGN §9): the hook on a current home against `python -c pass`.

Both are measured side by side, interleaved, in one run, over a home of 50 agents.

Run: `python benchmarks/hook_noop.py [--runs N]`; prints both medians and the ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUDGET = 1.5
AGENTS = 50
AGENT = """\
# dexto-config: schemaVersion=1.5.6
systemPrompt: agent {n}
llm:
  provider: dexto
  model: anthropic/claude-sonnet-4.5
"""
HOOK = "from dexto_config.entry import main; raise SystemExit(main())"


def build_current_home(root: Path, agents: int = AGENTS) -> Path:
    """A home of `agents` explicit agents, preferences and custom models, then one hook run."""
    home = root / "dexto-home"
    for n in range(agents):
        folder = home / "agents" / f"agent-{n}"
        folder.mkdir(parents=True)
        (folder / f"agent-{n}.yml").write_text(AGENT.format(n=n))
    (home / "models").mkdir()
    (home / "models" / "custom-models.json").write_text('{"version": 1, "models": []}\n')
    (home / "preferences.yml").write_text(
        "# dexto-config: schemaVersion=1.5.6\nllm:\n  provider: dexto\n"
        "  model: anthropic/claude-sonnet-4.5\ndefaults:\n  defaultAgent: agent-0\n"
        "  defaultMode: cli\nsetup:\n  completed: true\n"
    )
    _run(_hook_command(home), check=True)
    return home


def measure_ratio(runs: int = 40) -> tuple[float, float, float]:
    """Median seconds of the no-op hook and of `python -c pass`, and their ratio."""
    with tempfile.TemporaryDirectory() as tmp:
        home = build_current_home(Path(tmp))
        baseline = [sys.executable, "-c", "pass"]
        hook = _hook_command(home)
        for command in (baseline, hook):
            _run(command, check=True)
        hook_times, base_times = [], []
        for _ in range(runs):
            base_times.append(_time(baseline))
            hook_times.append(_time(hook))
    hook_median, base_median = statistics.median(hook_times), statistics.median(base_times)
    return hook_median, base_median, hook_median / base_median


def _hook_command(home: Path) -> list[str]:
    return [sys.executable, "-c", HOOK, "hook", "--dexto-home", str(home)]


def _time(command: list[str]) -> float:
    started = time.perf_counter()
    done = _run(command, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0 or done.stdout:
        raise RuntimeError(f"{command[-3:]} was not a silent no-op: {done.returncode}")
    return elapsed


def _run(command: list[str], *, check: bool) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(command, env=env, capture_output=True, check=check)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    runs = parser.parse_args().runs
    hook_median, base_median, ratio = measure_ratio(runs)
    print(f"python -c pass: median {base_median * 1000:.1f} ms over {runs} runs")
    print(f"dexto-config hook (no-op, {AGENTS} agents): median {hook_median * 1000:.1f} ms")
    print(f"ratio: {ratio:.2f}x (budget {BUDGET}x) {'ok' if ratio <= BUDGET else 'OVER BUDGET'}")
    return 0 if ratio <= BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
