"""`schema check`: the schemas generated now against those committed at a base git ref.

A breaking change of a file kind passes only when a migration step that is new
since the base, targets a version above the base's newest step and transforms
that kind is there to carry users' files over it.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dexto_config.kinds import FileKind
from dexto_config.migrate.chain import TRANSFORM_NAMES, module_prefix
from dexto_config.schemas.compat import BreakingChange, breaking_changes
from dexto_config.schemas.export import (
    SchemaFile,
    SchemaSet,
    SchemaSource,
    parse_schema_file_name,
    stale_schema_files,
)
from dexto_config.schemas.shape import extract_shapes
from dexto_config.schemas.steps import DeclaredStep, UnreadableStep, declared_steps
from dexto_config.versions import is_version_string, version_key

SCHEMAS_DIR = "schemas"
MIGRATIONS_DIR = "migrations"
DEFAULT_BASES = ("origin/main", "main")


class SchemaCheckError(Exception):
    """The check cannot run: not a git repository, no usable base ref, unreadable input."""


@dataclass(frozen=True)
class KindReport:
    """The breaking changes of one file kind since the base, and whether a step covers them."""

    kind: FileKind
    base_file: str
    current_file: str
    changes: tuple[BreakingChange, ...]
    covering_step: DeclaredStep | None
    advice: str

    @property
    def covered(self) -> bool:
        """True when a new migration step carries files over these changes."""
        return self.covering_step is not None


@dataclass(frozen=True)
class SchemaCheckReport:
    """Everything `schema check` found; `ok` decides the exit code."""

    base_ref: str
    stale_files: tuple[str, ...]
    kinds: tuple[KindReport, ...]

    @property
    def ok(self) -> bool:
        """No stale committed schema and no breaking change without a migration step."""
        return not self.stale_files and all(k.covered for k in self.kinds)


def repository_root(start: Path) -> Path:
    """The top of the git work tree holding `start`; SchemaCheckError outside one."""
    try:
        return Path(_git(start, "rev-parse", "--show-toplevel").strip())
    except SchemaCheckError:
        raise SchemaCheckError(
            f"{start}: not inside a git repository (schema check compares with a git ref)"
        ) from None


def resolve_base(repo: Path, requested: str | None) -> str:
    """`requested` when it names a commit, else the first of origin/main, main that does."""
    candidates = (requested,) if requested else DEFAULT_BASES
    for ref in candidates:
        if _is_commit(repo, ref):
            return ref
    tried = " or ".join(candidates)
    raise SchemaCheckError(f"no usable base ref: {tried} is not a commit in {repo}; pass --base")


def check_schemas(repo: Path, base_ref: str, source: SchemaSource) -> SchemaCheckReport:
    """Compare the schemas from `source` with the committed ones and those at `base_ref`."""
    current = source()
    base = _schemas_at(repo, base_ref)
    try:
        base_steps = declared_steps(_sources_at(repo, base_ref, MIGRATIONS_DIR))
        current_steps = declared_steps(_working_sources(repo / MIGRATIONS_DIR))
    except UnreadableStep as error:
        raise SchemaCheckError(f"{MIGRATIONS_DIR}/{error}") from None
    kinds = [
        report
        for kind in sorted({f.kind for f in _files(base)}, key=list(FileKind).index)
        if (report := _kind_report(kind, base, current, base_steps, current_steps)) is not None
    ]
    stale = stale_schema_files(current, repo / SCHEMAS_DIR)
    return SchemaCheckReport(base_ref=base_ref, stale_files=tuple(stale), kinds=tuple(kinds))


def next_step_version(base_steps: list[DeclaredStep], current: SchemaSet) -> str:
    """The version a new step should target: the newest schema version when it is above
    the base's newest step, else the patch release after that step."""
    floor = _newest_step_version(base_steps)
    newest_schema = max((f.version for f in _files(current)), key=version_key, default="0")
    if floor is None or version_key(newest_schema) > floor:
        return newest_schema
    major, minor, patch = (*floor, 0, 0)[:3]
    return f"{major}.{minor}.{patch + 1}"


def _kind_report(
    kind: FileKind,
    base: SchemaSet,
    current: SchemaSet,
    base_steps: list[DeclaredStep],
    current_steps: list[DeclaredStep],
) -> KindReport | None:
    base_name = _latest_name(base, kind)
    current_name = _latest_name(current, kind)
    if base_name is None or current_name is None:
        return None
    changes = breaking_changes(
        extract_shapes(base[base_name]), extract_shapes(current[current_name])
    )
    if not changes:
        return None
    candidates = _new_steps_above_base(base_steps, current_steps)
    covering = next((step for step in candidates if kind in step.kinds), None)
    return KindReport(
        kind=kind,
        base_file=base_name,
        current_file=current_name,
        changes=tuple(changes),
        covering_step=covering,
        advice=_advice(kind, candidates, base_steps, current),
    )


def _new_steps_above_base(
    base_steps: list[DeclaredStep], current_steps: list[DeclaredStep]
) -> list[DeclaredStep]:
    floor = _newest_step_version(base_steps)
    base_modules = {step.module for step in base_steps}
    return sorted(
        (
            step
            for step in current_steps
            if step.module not in base_modules and (floor is None or _version(step) > floor)
        ),
        key=_version,
    )


def _advice(
    kind: FileKind,
    candidates: list[DeclaredStep],
    base_steps: list[DeclaredStep],
    current: SchemaSet,
) -> str:
    function = TRANSFORM_NAMES[kind]
    if candidates:
        step = candidates[0]
        return f"add {function}() to {MIGRATIONS_DIR}/{step.module} (version {step.version})"
    version = next_step_version(base_steps, current)
    module = f"{module_prefix(version)}<name>.py"
    return (
        f'add {MIGRATIONS_DIR}/{module} with version = "{version}", summary, breaking = True '
        f"and {function}()"
    )


def _latest_name(schemas: SchemaSet, kind: FileKind) -> str | None:
    named = [(version_key(f.version), name) for name, f in _named_files(schemas) if f.kind is kind]
    return max(named)[1] if named else None


def _files(schemas: SchemaSet) -> list[SchemaFile]:
    return [f for _, f in _named_files(schemas)]


def _named_files(schemas: SchemaSet) -> list[tuple[str, SchemaFile]]:
    return [(name, f) for name in schemas if (f := parse_schema_file_name(name)) is not None]


def _newest_step_version(steps: list[DeclaredStep]) -> tuple[int, ...] | None:
    return max((_version(step) for step in steps), default=None)


def _version(step: DeclaredStep) -> tuple[int, ...]:
    """The step's version as its `version_key`; SchemaCheckError when it is not a version."""
    if not is_version_string(step.version):
        raise SchemaCheckError(
            f"{MIGRATIONS_DIR}/{step.module}: version {step.version!r} is not a version"
        )
    return version_key(step.version)


def _schemas_at(repo: Path, ref: str) -> dict[str, dict[str, Any]]:
    schemas: dict[str, dict[str, Any]] = {}
    for name, text in _sources_at(repo, ref, SCHEMAS_DIR).items():
        if parse_schema_file_name(name) is None:
            continue
        try:
            schemas[name] = json.loads(text)
        except json.JSONDecodeError as error:
            raise SchemaCheckError(f"{ref}:{SCHEMAS_DIR}/{name}: not JSON ({error})") from None
    return schemas


def _sources_at(repo: Path, ref: str, folder: str) -> dict[str, str]:
    listing = _git(repo, "ls-tree", "--name-only", ref, "--", f"{folder}/")
    names = [line.rsplit("/", 1)[-1] for line in listing.splitlines() if line]
    return {name: _git(repo, "show", f"{ref}:{folder}/{name}") for name in names}


def _working_sources(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.py")}


def _is_commit(repo: Path, ref: str) -> bool:
    try:
        _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except SchemaCheckError:
        return False
    return True


def _git(repo: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise SchemaCheckError("git is not installed; schema check needs it") from None
    if done.returncode != 0:
        raise SchemaCheckError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout
