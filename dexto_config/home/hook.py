"""The auto-update hook's full path: migrate a Dexto home safely (DESIGN §6).

Under the home's lock: finish or roll back an interrupted run, fix the routing
context once (or reuse the interrupted run's), decide every managed file,
then rewrite the files that are behind in one journaled transaction with a
backup, `preferences.yml` last, and record the state the fast path checks.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dexto_config import __version__
from dexto_config.home import layout, machine
from dexto_config.home.atomic import (
    TEMP_SUFFIX,
    PathEscapesHome,
    resolve_inside,
    unwritable_reason,
)
from dexto_config.home.backups import prune_backups
from dexto_config.home.bundled import bundled_copy, is_unedited
from dexto_config.home.digest import sha256_hex
from dexto_config.home.journal import (
    JournalEntry,
    PlannedWrite,
    Recovery,
    apply_writes,
    recover,
)
from dexto_config.home.lock import DEFAULT_WAIT_SECONDS, HomeLock
from dexto_config.home.records import record_entries, store_state
from dexto_config.home.report import (
    MIGRATED,
    REPLACED,
    HookedFile,
    outcome_from_record,
)
from dexto_config.home.state import (
    CURRENT,
    FAILED,
    SKIPPED,
    FileRecord,
    HookState,
    load_state,
)
from dexto_config.kinds import FileKind, recognise
from dexto_config.migrate.engine import FileMigration, migrate_bytes
from dexto_config.migrate.routing import RoutingContext
from dexto_config.problem import Problem
from dexto_config.redaction import redact_text
from dexto_config.validation import UnreadableFile, check_bytes, read_file
from dexto_config.versions import LATEST_VERSION, OLDEST_VERSION, read_marker
from dexto_config.yamlio.text import decode

MigrateFn = Callable[..., FileMigration]
HOOK_OPERATION = "hook"


class NotADextoHome(Exception):
    """The home folder does not exist."""

    def __init__(self, home: Path) -> None:
        super().__init__(f"{home}: no such Dexto home (set --dexto-home or $DEXTO_HOME)")


@dataclass(frozen=True, slots=True)
class HookOptions:
    """What a hook run was asked to do."""

    home: Path
    environ: Mapping[str, str]
    from_version: str | None = None
    target: str = LATEST_VERSION
    bundled_dir: Path | None = None
    previous_bundled_dir: Path | None = None
    lock_wait: float = DEFAULT_WAIT_SECONDS


@dataclass(slots=True)
class HookReport:
    """The outcome of a run: every file, the backup taken, and any recovered journal."""

    home: Path
    target: str
    outcomes: list[HookedFile]
    backup_id: str | None = None
    recovered: dict[str, Any] | None = None


@dataclass(slots=True)
class _Plan:
    """Decisions for every file, the writes they need, and its unedited bundled agents.

    `unedited` maps each unedited bundled agent to the SHA-256 of its bytes before
    the run and after it (the same when it is not rewritten).
    """

    outcomes: dict[str, HookedFile] = field(default_factory=dict)
    writes: dict[str, PlannedWrite] = field(default_factory=dict)
    unedited: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Inputs:
    """What the decisions of one run depend on besides each file's bytes."""

    home: Path
    options: HookOptions
    state: HookState | None
    context: RoutingContext
    migrate: MigrateFn


def run_hook(options: HookOptions, migrate: MigrateFn = migrate_bytes) -> HookReport:
    """Bring every managed file of the home up to `options.target`; see the module doc."""
    if not options.home.is_dir():
        raise NotADextoHome(options.home)
    home = Path(os.path.realpath(options.home))
    with HomeLock(str(home), options.lock_wait):
        recovery = recover(home, lambda entries: record_entries(home, entries))
        _remove_stray_temps(home)
        state = load_state(layout.tool_path(str(home), layout.STATE_NAME))
        inputs = _Inputs(home, options, state, _context(home, options, recovery), migrate)
        report = _run_locked(inputs)
        report.recovered = _describe(recovery)
        prune_backups(home)
    return report


def _run_locked(inputs: _Inputs) -> HookReport:
    files = layout.managed_files(str(inputs.home))
    plan = _Plan()
    for rel in files:
        if rel == layout.REGISTRY:
            _decide_registry(inputs, plan)
        else:
            _decide(inputs, rel, plan)
    report = HookReport(inputs.home, inputs.options.target, [])
    writes = _ordered_writes(plan, files)
    if writes:
        outcome = apply_writes(
            inputs.home,
            writes,
            operation=HOOK_OPERATION,
            context=inputs.context.to_json(),
            target=inputs.options.target,
            backup_tool_version=__version__,
            on_committed=lambda done: _save_state(inputs, plan, done),
        )
        report.backup_id = outcome.backup_id
        _mark_unwritten(plan, outcome.failed, outcome.conflicts)
    else:
        _save_state(inputs, plan, [])
    report.outcomes = [plan.outcomes[rel] for rel in files]
    return report


def _context(home: Path, options: HookOptions, recovery: Recovery | None) -> RoutingContext:
    """The recorded context of an interrupted run, else the machine's, read before any write."""
    if recovery is not None and recovery.journal.context is not None:
        return RoutingContext.from_json(recovery.journal.context)
    return machine.read_routing_context(home, options.environ)


def _decide(inputs: _Inputs, rel: str, plan: _Plan) -> None:
    """Record what happens to one YAML or custom-models file, and plan its write."""
    kind = _kind(rel)
    try:
        real = resolve_inside(inputs.home, Path(rel))
    except PathEscapesHome as error:
        plan.outcomes[rel] = _problem(inputs, rel, kind, SKIPPED, str(error))
        return
    new_bundled = bundled_copy(inputs.options.bundled_dir, rel)
    record = _unchanged_record(inputs, rel, real)
    if record is not None and new_bundled is None and _still_settled(inputs, record):
        plan.outcomes[rel] = outcome_from_record(rel, record)
        _keep_recorded_hash(inputs, rel, plan)
        return
    try:
        raw = read_file(real)
    except UnreadableFile as error:
        plan.outcomes[rel] = _problem(inputs, rel, kind, FAILED, f"cannot read: {error.reason}")
        return
    assumed = record.version if record is not None else _assumed_version(inputs)
    previous_bundled = bundled_copy(inputs.options.previous_bundled_dir, rel)
    recorded = inputs.state.bundled_hashes.get(rel) if inputs.state is not None else None
    unedited = is_unedited(raw, recorded, (new_bundled, previous_bundled))
    if unedited and new_bundled is not None:
        _decide_bundled(inputs, rel, real, raw, new_bundled, plan)
        return
    try:
        result = inputs.migrate(
            raw,
            kind,
            assumed_version=assumed,
            target=inputs.options.target,
            context=inputs.context,
            source_path=real,
        )
    except Exception as error:  # a bug on one file must not stop the others
        reason = f"internal error while migrating ({type(error).__name__}); left as it is"
        plan.outcomes[rel] = _problem(inputs, rel, kind, FAILED, reason)
        return
    _record_migration(inputs, rel, real, raw, result, plan)
    if unedited:
        _note_unedited(rel, raw, plan)


def _keep_recorded_hash(inputs: _Inputs, rel: str, plan: _Plan) -> None:
    """An unedited bundled agent left untouched stays known as unedited."""
    recorded = inputs.state.bundled_hashes.get(rel) if inputs.state is not None else None
    if recorded is not None:
        plan.unedited[rel] = (recorded, recorded)


def _note_unedited(rel: str, raw: bytes, plan: _Plan) -> None:
    """Remember an unedited bundled agent by the hash of what the run leaves in its place."""
    write = plan.writes.get(rel)
    after = write.data if write is not None else raw
    plan.unedited[rel] = (sha256_hex(raw), sha256_hex(after))


def _decide_bundled(
    inputs: _Inputs, rel: str, real: Path, raw: bytes, new: bytes, plan: _Plan
) -> None:
    """Replace an unedited bundled agent by the new release's bundled copy `new`."""
    version = read_marker(decode(new)) or inputs.options.target
    if new == raw:
        plan.outcomes[rel] = HookedFile(rel, FileKind.AGENT, CURRENT, to_version=version)
    elif not _refuse_unwritable(inputs, rel, FileKind.AGENT, real, plan):
        plan.outcomes[rel] = HookedFile(
            rel,
            FileKind.AGENT,
            REPLACED,
            to_version=version,
            reason="unedited bundled agent replaced by the new bundled version",
        )
        plan.writes[rel] = _write(rel, FileKind.AGENT, real, raw, new, None, version)
    _note_unedited(rel, raw, plan)


def _record_migration(
    inputs: _Inputs, rel: str, real: Path, raw: bytes, result: FileMigration, plan: _Plan
) -> None:
    kind = _kind(rel)
    if result.status == "refused":
        refusal = result.refusal or "refused"
        plan.outcomes[rel] = _problem(
            inputs, rel, kind, SKIPPED, refusal, from_version=result.from_version
        )
    elif result.status == "current" or result.result == raw:
        version = result.from_version or result.to_version
        plan.outcomes[rel] = HookedFile(
            rel, kind, CURRENT, from_version=version, to_version=version
        )
    elif not _refuse_unwritable(inputs, rel, kind, real, plan):
        plan.outcomes[rel] = HookedFile(
            rel,
            kind,
            MIGRATED,
            from_version=result.from_version,
            to_version=result.to_version,
            decisions=tuple(redact_text(d.describe(), result.secrets) for d in result.decisions),
            warnings=tuple(result.warnings),
            marker_only=not result.changes,
        )
        plan.writes[rel] = _write(
            rel, kind, real, raw, result.result, result.from_version, result.to_version
        )


def _decide_registry(inputs: _Inputs, plan: _Plan) -> None:
    """The registry is never rewritten: reported when Dexto at the target would reject it."""
    rel, kind = layout.REGISTRY, FileKind.REGISTRY
    target = inputs.options.target
    try:
        real = resolve_inside(inputs.home, Path(rel))
        raw = real.read_bytes()
    except PathEscapesHome as error:
        plan.outcomes[rel] = _problem(inputs, rel, kind, SKIPPED, str(error))
        return
    except OSError as error:
        plan.outcomes[rel] = _problem(inputs, rel, kind, FAILED, f"cannot read: {error.strerror}")
        return
    problems = check_bytes(raw, kind, path=real, target=target).problems
    if problems:
        plan.outcomes[rel] = _problem(inputs, rel, kind, SKIPPED, problems[0])
    else:
        plan.outcomes[rel] = HookedFile(rel, kind, CURRENT, from_version=target, to_version=target)


def _refuse_unwritable(inputs: _Inputs, rel: str, kind: str, real: Path, plan: _Plan) -> bool:
    reason = unwritable_reason(real)
    if reason is not None:
        plan.outcomes[rel] = _problem(inputs, rel, kind, FAILED, reason)
    return reason is not None


def _problem(
    inputs: _Inputs,
    rel: str,
    kind: str,
    status: str,
    problem: Problem | str,
    *,
    from_version: str | None = None,
) -> HookedFile:
    """A file left alone for `problem` (a reason alone: the whole file, 1:1);
    `reported_before` when the last run said exactly the same."""
    if isinstance(problem, str):
        problem = Problem.at_point(problem, status)
    reason, line, column = problem.message, problem.line, problem.col
    record = inputs.state.files.get(rel) if inputs.state is not None else None
    again = record is not None and (record.status, record.reason) == (status, reason)
    return HookedFile(
        rel,
        kind,
        status,
        from_version=from_version,
        to_version=from_version,
        reason=reason,
        line=line,
        column=column,
        reported_before=again,
    )


def _write(
    rel: str,
    kind: str,
    real: Path,
    raw: bytes,
    new: bytes,
    from_version: str | None,
    to_version: str,
) -> PlannedWrite:
    mode = os.stat(real).st_mode & 0o7777
    return PlannedWrite(rel, kind, new, raw, mode, from_version, to_version)


def _unchanged_record(inputs: _Inputs, rel: str, real: Path) -> FileRecord | None:
    """The state's record of `rel` if the file has not changed since it was made."""
    record = inputs.state.files.get(rel) if inputs.state is not None else None
    if record is None or record.signature != layout.signature(str(real)):
        return None
    return record


def _still_settled(inputs: _Inputs, record: FileRecord) -> bool:
    """An unchanged file needs no new look: current at the target, or already reported.

    A file that could not be read or written is tried again (a full disk passes).
    """
    if record.status == FAILED:
        return False
    if record.status == CURRENT:
        return record.version == inputs.options.target
    state = inputs.state
    return state is not None and (state.tool_version, state.target) == (
        __version__,
        inputs.options.target,
    )


def _assumed_version(inputs: _Inputs) -> str:
    """Version of a file without a marker (DESIGN §3): --from-version, the home's, the oldest."""
    if inputs.options.from_version is not None:
        return inputs.options.from_version
    if inputs.state is not None and inputs.state.home_version is not None:
        return inputs.state.home_version
    return OLDEST_VERSION


def _ordered_writes(plan: _Plan, files: list[str]) -> list[PlannedWrite]:
    """Agents and custom models first, then the registry, then preferences (DESIGN §4.1)."""
    last = (layout.REGISTRY, layout.PREFERENCES)
    order = [rel for rel in files if rel not in last] + [rel for rel in last if rel in files]
    return [plan.writes[rel] for rel in order if rel in plan.writes]


def _mark_unwritten(plan: _Plan, failed: dict[str, str], conflicts: list[str]) -> None:
    for rel, reason in failed.items():
        old = plan.outcomes[rel]
        plan.outcomes[rel] = HookedFile(
            rel, old.kind, FAILED, from_version=old.from_version, reason=reason, line=1, column=1
        )
    for rel in conflicts:
        old = plan.outcomes[rel]
        plan.outcomes[rel] = HookedFile(
            rel,
            old.kind,
            SKIPPED,
            line=1,
            column=1,
            reason="changed while the hook was running; left as it is, retried next run",
        )


def _save_state(inputs: _Inputs, plan: _Plan, committed: Sequence[JournalEntry]) -> None:
    """Record every settled file, and writes that failed with the version they are still at.

    Planned writes that did not land for another reason (the file changed under
    the run) are left out: their new signature sends the next run to them anyway.
    """
    done = {entry.rel for entry in committed}
    files: dict[str, FileRecord] = {}
    for rel, outcome in plan.outcomes.items():
        if rel in plan.writes and rel not in done:
            write = plan.writes[rel]
            if not _unchanged_since_plan(inputs.home, write):
                continue
            outcome = HookedFile(
                rel,
                outcome.kind,
                FAILED,
                from_version=write.from_version,
                reason="not written; tried again next run",
                line=1,
                column=1,
            )
        record = _record_for(inputs.home, rel, outcome)
        if record is not None:
            files[rel] = record
    bundled_dir = inputs.options.bundled_dir
    state = HookState(
        bundled_hashes={
            rel: after if rel not in plan.writes or rel in done else before
            for rel, (before, after) in plan.unedited.items()
        },
        tool_version=__version__,
        home_version=inputs.options.target,
        target=inputs.options.target,
        files=files,
        bundled_dir=os.path.realpath(bundled_dir) if bundled_dir is not None else None,
        bundled=layout.bundled_signatures(str(bundled_dir)) if bundled_dir is not None else None,
    )
    store_state(inputs.home, state)


def _unchanged_since_plan(home: Path, write: PlannedWrite) -> bool:
    try:
        return (home / write.rel).read_bytes() == write.before
    except OSError:
        return False


def _record_for(home: Path, rel: str, outcome: HookedFile) -> FileRecord | None:
    sig = layout.signature(str(home / rel))
    if sig is None:
        return None
    settled = outcome.status in (CURRENT, SKIPPED, FAILED)
    return FileRecord(
        kind=outcome.kind,
        signature=sig,
        version=outcome.to_version or outcome.from_version or OLDEST_VERSION,
        status=outcome.status if settled else CURRENT,
        reason=outcome.reason if settled and outcome.status != CURRENT else None,
        line=outcome.line if settled and outcome.status != CURRENT else None,
        column=outcome.column if settled and outcome.status != CURRENT else None,
    )


def _remove_stray_temps(home: Path) -> None:
    """Temporary files of a run killed before its journal named them."""
    folders = {home, home / layout.TOOL_DIR, home / "models", home / layout.AGENTS_DIR}
    agents = home / layout.AGENTS_DIR
    if agents.is_dir():
        folders.update(p for p in agents.iterdir() if p.is_dir() and not p.is_symlink())
    for folder in folders:
        if folder.is_dir():
            for path in folder.glob(f".*{TEMP_SUFFIX}"):
                path.unlink(missing_ok=True)


def _describe(recovery: Recovery | None) -> dict[str, Any] | None:
    if recovery is None:
        return None
    return {
        "operation": recovery.journal.operation,
        "completed": [entry.rel for entry in recovery.completed],
        "rolled_back": list(recovery.rolled_back),
    }


def _kind(rel: str) -> FileKind:
    return recognise(Path(rel)) or FileKind.AGENT
