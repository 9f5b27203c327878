"""The budgets of DESIGN §9, measured side by side in one run.

Run: `python benchmarks/run.py [--quick]` (needs `pip install .[bench]`).
Every command runs as a child process; its CPU time (user + system, from
`wait4`) is printed beside its wall time and peak memory, and its exit code is
checked. Commands compared with each other run in turn (interleaved), so a
loaded machine slows them alike; budgets are ratios of median CPU times.
Children run with bytecode caching on and after a warm-up run, as an installed
package runs. `--quick` uses smaller sizes and fewer repetitions. Prints a
Markdown table, then one machine-readable line with every budget:

    RESULT <budget>=<value>:<pass|FAIL> ... met=<k>/<n>
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hook_noop import build_current_home
from inputs import (
    REPO,
    SHARED_CORPUS,
    build_big_agent,
    build_corpus,
    build_small_agent,
    corpus_sources,
)

# Dexto's own schema dump (what check-jsonschema users would give it), else ours.
DEXTO_SCHEMA = REPO.parent / "shared" / "reference" / "dexto-1.10.4" / "agent-config.schema.json"
OUR_SCHEMA = REPO / "schemas" / "agent-1.10.4.json"
ONE_FILE = REPO / "fixtures" / "agents" / "valid-every-section.yml"
# Exit 1 means "found problems" for every tool measured here; anything else fails the run.
ACCEPTED_EXIT_CODES = (0, 1)
LINEAR_SPREAD = 1.5  # largest / smallest marginal CPU per file still called linear


@dataclass(frozen=True)
class Sample:
    """One run of one command."""

    cpu: float
    wall: float
    peak_mb: float


@dataclass(frozen=True)
class Measured:
    """The medians of a command's samples."""

    cpu: float
    wall: float
    peak_mb: float

    @staticmethod
    def of(samples: Sequence[Sample]) -> Measured:
        return Measured(
            statistics.median(s.cpu for s in samples),
            statistics.median(s.wall for s in samples),
            statistics.median(s.peak_mb for s in samples),
        )


@dataclass(frozen=True)
class Budget:
    """One §9 budget: its RESULT name, the measured value and whether it is met."""

    name: str
    value: str
    met: bool


@dataclass(frozen=True)
class Plan:
    """Sizes and repetitions of a run."""

    sizes: tuple[int, ...]
    repeats: int
    startup_rounds: int


FULL = Plan(sizes=(1000, 3000, 10000), repeats=3, startup_rounds=21)
QUICK = Plan(sizes=(300, 1000, 3000), repeats=1, startup_rounds=9)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer repetitions")
    plan = QUICK if parser.parse_args(argv).quick else FULL
    print(machine_summary())
    print(start_up_summary())
    with tempfile.TemporaryDirectory(prefix="dexto-config-bench-") as tmp:
        bench = Bench(Path(tmp))
        rows, budgets = bench.run(plan)
    print_table(rows)
    met = sum(b.met for b in budgets)
    verdicts = " ".join(f"{b.name}={b.value}:{'pass' if b.met else 'FAIL'}" for b in budgets)
    print(f"RESULT {verdicts} met={met}/{len(budgets)}")
    return 0 if met == len(budgets) else 1


class Bench:
    """The inputs under one scratch folder and the commands that read them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.env = {
            **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            "PYTHONPATH": str(REPO),
            "DEXTO_HOME": str(root / "empty-home"),
            "DEXTO_CONFIG_CACHE_DIR": str(root / "cache"),
        }
        self.rows: list[list[str]] = []
        self.budgets: list[Budget] = []

    def run(self, plan: Plan) -> tuple[list[list[str]], list[Budget]]:
        """Measure everything in `plan`; the table's rows and every budget."""
        self.start_up(plan.startup_rounds)
        self.sizes(plan)
        self.big_agent(plan.repeats)
        return self.rows, self.budgets

    def start_up(self, rounds: int) -> None:
        """What one short command costs against `python -c pass`, all interleaved."""
        homes = {n: build_current_home(self.root / f"home-{n}", n) for n in (50, 500)}
        one = self.root / "one" / "one.yml"
        one.parent.mkdir()
        shutil.copyfile(ONE_FILE, one)
        dexto = console_script("dexto-config", "dexto_config")
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            # The floor of any pydantic validation, shown beside lint one.yml (not a budget).
            "python -c 'from pydantic import BaseModel'": [
                sys.executable,
                "-c",
                "from pydantic import BaseModel",
            ],
            "hook no-op, 50 agents": [*dexto, "hook", "--dexto-home", str(homes[50])],
            "hook no-op, 500 agents": [*dexto, "hook", "--dexto-home", str(homes[500])],
            "dexto-config --help": [*dexto, "--help"],
            "dexto-config rules": [*dexto, "rules"],
            "dexto-config explain DX301": [*dexto, "explain", "DX301"],
            "dexto-config lint one.yml": [*dexto, "lint", str(one)],
            "yamllint -d relaxed one.yml": [
                *console_script("yamllint", "yamllint"),
                "-d",
                "relaxed",
                str(one),
            ],
        }
        got = self.interleaved(commands, rounds)
        base = got["python -c pass"].cpu
        for name, measured in got.items():
            self.row(name, measured, f"{measured.cpu / base:.2f}x python")
        self.ratio("hook_noop_50", got["hook no-op, 50 agents"].cpu / base, 1.5)
        self.ratio("hook_noop_500", got["hook no-op, 500 agents"].cpu / base, 1.7)
        for name in ("--help", "rules", "explain DX301"):
            key = "startup_" + name.strip("-").split()[0]
            self.ratio(key, got[f"dexto-config {name}"].cpu / base, 3.0)
        one_ratio = got["dexto-config lint one.yml"].cpu / got["yamllint -d relaxed one.yml"].cpu
        self.ratio("lint_one_vs_yamllint", one_ratio, 1.0)

    def sizes(self, plan: Plan) -> None:
        """Lint, validate, yamllint, check-jsonschema and migrate over growing corpora."""
        schema = DEXTO_SCHEMA if DEXTO_SCHEMA.is_file() else OUR_SCHEMA
        sources = corpus_sources()
        # Said in the table: without ../shared the files are the (valid, smaller) fixtures.
        origin = "../shared/corpus/agents" if SHARED_CORPUS.is_dir() else "fixtures only"
        self.rows.append([f"files copied from: {origin} ({len(sources)} sources)", "", "", "", ""])
        dexto = [sys.executable, "-m", "dexto_config"]
        per_size: dict[int, dict[str, Measured]] = {}
        for size in plan.sizes:
            corpus = self.root / f"corpus-{size}"
            files = [str(p) for p in build_corpus(corpus, size, sources)]
            commands = {
                "lint": [*dexto, "lint", "--kind", "agent", str(corpus)],
                "validate": [*dexto, "validate", "--kind", "agent", str(corpus)],
                "yamllint": [sys.executable, "-m", "yamllint", "-d", "relaxed", str(corpus)],
                "check-jsonschema": [
                    sys.executable,
                    "-m",
                    "check_jsonschema",
                    "--schemafile",
                    str(schema),
                    *files,
                ],
            }
            got = self.interleaved(commands, plan.repeats, warm_up=size == plan.sizes[0])
            migrate = [*dexto, "migrate", "--kind", "agent", "--route-via", "dexto"]
            got["migrate (write)"] = self.on_copies(corpus, migrate, plan.repeats)
            per_size[size] = got
            for name, measured in got.items():
                self.row(
                    f"{name}, {size} files", measured, f"{size / measured.cpu:.0f} files/CPU-s"
                )
        self.size_budgets(plan.sizes, per_size, schema)

    def size_budgets(
        self, sizes: tuple[int, ...], got: dict[int, dict[str, Measured]], schema: Path
    ) -> None:
        budget_sizes = [s for s in sizes if s >= 1000] or [sizes[-1]]
        for size in budget_sizes:
            at = got[size]
            for tool in ("lint", "validate"):
                self.ratio(
                    f"{tool}_vs_yamllint_{size}",
                    at["yamllint"].cpu / at[tool].cpu,
                    10.0,
                    at_least=True,
                )
                self.ratio(
                    f"{tool}_vs_checkjsonschema_{size}",
                    at["check-jsonschema"].cpu / at[tool].cpu,
                    3.0,
                    at_least=True,
                )
        largest, smallest = got[sizes[-1]], got[sizes[0]]
        if (os.cpu_count() or 1) >= 2:
            for tool in ("lint", "validate"):
                cores = largest[tool].cpu / largest[tool].wall
                self.ratio(f"{tool}_cores_used_{sizes[-1]}", cores, 1.6, at_least=True)
        growth = largest["validate"].peak_mb / smallest["validate"].peak_mb
        self.ratio(f"validate_memory_{sizes[-1]}_vs_{sizes[0]}", growth, 1.5)
        for tool in ("lint", "validate", "migrate (write)"):
            spread = linearity([(s, got[s][tool].cpu) for s in sizes])
            self.ratio(f"{tool.split()[0]}_linear", spread, LINEAR_SPREAD)
        loader = "C (libyaml)" if _ruamel_has_c_loader() else "pure Python"
        self.rows.append(
            [f"check-jsonschema schema: {schema.name}; its YAML loader: {loader}", "", "", "", ""]
        )

    def big_agent(self, repeats: int) -> None:
        """migrate (write) on a 5 MB agent: its extra peak memory over a 1 KB agent's.

        Both are legacy agents without a marker: `--from 1.5.4` says so, so both are
        really migrated and written (exit 0), not refused for an ambiguous shape.
        """
        big = build_big_agent(self.root / "big")
        small = build_small_agent(self.root / "small")
        migrate = [sys.executable, "-m", "dexto_config", "migrate", "--kind", "agent"]
        migrate += ["--from", "1.5.4", "--route-via", "dexto"]
        got = {
            path.name: self.on_copies(path.parent, migrate, repeats, accepted=(0,))
            for path in (big, small)
        }
        for name, measured in got.items():
            self.row(f"migrate (write) {name}", measured, "")
        extra = got[big.name].peak_mb - got[small.name].peak_mb
        big_mb = big.stat().st_size / 2**20
        self.budgets.append(Budget("migrate_5mb_extra_mb", f"{extra:.1f}", extra <= 10 * big_mb))

    def interleaved(
        self, commands: dict[str, list[str]], rounds: int, *, warm_up: bool = True
    ) -> dict[str, Measured]:
        """Each command once to warm up (bytecode, caches), then `rounds` rounds running each
        in turn."""
        for command in commands.values() if warm_up else ():
            measure(command, self.env)
        samples: dict[str, list[Sample]] = {name: [] for name in commands}
        for _ in range(rounds):
            for name, command in commands.items():
                samples[name].append(measure(command, self.env))
        return {name: Measured.of(runs) for name, runs in samples.items()}

    def on_copies(
        self,
        folder: Path,
        command: list[str],
        repeats: int,
        accepted: tuple[int, ...] = ACCEPTED_EXIT_CODES,
    ) -> Measured:
        """`command` in write mode on a fresh copy of `folder` each time (copying untimed)."""

        def fresh() -> Path:
            target = self.root / "copies" / folder.name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(folder, target)
            return target

        def once() -> Sample:
            return measure([*command, str(fresh())], self.env, accepted)

        once()
        return Measured.of([once() for _ in range(repeats)])

    def row(self, name: str, measured: Measured, note: str) -> None:
        self.rows.append(
            [
                name,
                f"{measured.cpu * 1000:.0f} ms",
                f"{measured.wall * 1000:.0f} ms",
                f"{measured.peak_mb:.0f} MB",
                note,
            ]
        )

    def ratio(self, name: str, value: float, limit: float, *, at_least: bool = False) -> None:
        met = value >= limit if at_least else value <= limit
        self.budgets.append(Budget(name, f"{value:.2f}", met))
        bound = f"{'>=' if at_least else '<='} {limit:g}"
        verdict = f"{value:.2f} ({bound}) {'pass' if met else 'FAIL'}"
        self.rows.append([f"  {name}", "", "", "", verdict])


def measure(
    command: list[str], env: dict[str, str], accepted: tuple[int, ...] = ACCEPTED_EXIT_CODES
) -> Sample:
    """Run `command` once; raise when it exits with a code outside `accepted`."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO
    )
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    # wait4 gives this child's own CPU and peak RSS, which RUSAGE_CHILDREN (totals) cannot.
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in accepted:
        raise RuntimeError(f"{' '.join(command[:6])} ... exited {code}: {stderr[-2000:]}")
    return Sample(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)


def console_script(name: str, module: str) -> list[str]:
    """The installed console script `name` beside this Python, else `python -m module`."""
    script = Path(sys.executable).parent / name
    return [str(script)] if script.is_file() else [sys.executable, "-m", module]


def linearity(points: list[tuple[int, float]]) -> float:
    """Largest over smallest marginal CPU per file between consecutive sizes (1.0: linear)."""
    marginal = [(c2 - c1) / (n2 - n1) for (n1, c1), (n2, c2) in itertools.pairwise(points)]
    positive = [m for m in marginal if m > 0]
    return max(positive) / min(positive) if len(positive) == len(marginal) else float("inf")


def machine_summary() -> str:
    """Cores, CPU model, Python version and load, for the README's record of the run."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"machine: {os.cpu_count()} cores, {_cpu_model()}, "
        f"Python {platform.python_version()} ({platform.system()}), load average {load:.1f}"
    )


def start_up_summary() -> str:
    """What the `python -c pass` baseline and the console script carry, so ratios can be read.

    A `.pth` file in site-packages that imports a package (a sandbox's certificate
    bundle, say) adds the same milliseconds to every command and hides our own cost
    in every ratio against `python -c pass`; pip before 25.2 writes console scripts
    that `import re` (about 0.6x `python -c pass`) before our code runs.
    """
    probe = "import sys; print(' '.join(sorted(sys.modules)))"
    bare = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    stdlib = set(sys.stdlib_module_names)
    foreign = sorted({m.split(".")[0] for m in bare} - stdlib - {"__main__", "_distutils_hack"})
    script = Path(sys.executable).parent / "dexto-config"
    launcher = script.read_text(encoding="utf-8", errors="replace") if script.is_file() else ""
    imports_re = any(line.strip() == "import re" for line in launcher.splitlines())
    return (
        f"start-up: python -c pass loads {len(bare)} modules"
        f"{', non-stdlib: ' + ', '.join(foreign) if foreign else ''}; "
        f"console script {'imports re (pip < 25.2)' if imports_re else 'does not import re'}"
    )


def _ruamel_has_c_loader() -> bool:
    """Whether check-jsonschema's ruamel.yaml has a C loader here (an extra since 0.19)."""
    probe = "import importlib.util as u; print(bool(u.find_spec('_ruamel_yaml')))"
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    return found.stdout.strip() == "True"


def _cpu_model() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        return platform.processor() or "unknown CPU"
    models = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    return models[0] if models else "unknown CPU"


def print_table(rows: list[list[str]]) -> None:
    """The rows as a Markdown table, ready for the README."""
    print("| measurement | CPU | wall | peak RSS | ratio / verdict |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    raise SystemExit(main())
