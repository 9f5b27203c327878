"""Running the rules over files: selection, severities, supersession, suppression, redaction.

Rule and catalog setup happens once per process (cached), so linting a file
costs a parse, a schema validation and the rules' checks. Many files are
spread over a process pool; results keep the input order.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path

from dexto_config import catalog
from dexto_config.catalog import UserModel
from dexto_config.kinds import FileKind
from dexto_config.lint.config import LintConfig
from dexto_config.lint.document import LintDocument
from dexto_config.lint.findings import Finding, Fix, Severity, Violation
from dexto_config.lint.registry import all_rules, rules_by_code
from dexto_config.lint.rule import MAX_FINDINGS_PER_RULE, Rule, RuleContext
from dexto_config.lint.suppression import find_suppressions
from dexto_config.parallel import ordered_map
from dexto_config.problem import Problem
from dexto_config.records import Record
from dexto_config.redaction import redact_text
from dexto_config.validation import UnreadableFile, check_bytes, read_file


class LintJob(Record):
    """One file to lint, with the configuration that applies to it."""

    path: Path
    kind: FileKind
    config: LintConfig
    from_version: str | None = None
    custom_models: tuple[UserModel, ...] = ()


class LintedFile(Record):
    """What `lint` found in one file, or why it could not be read (`unreadable`)."""

    path: Path
    kind: FileKind
    findings: tuple[Finding, ...]
    unreadable: str | None = None


@cache
def rule_context(
    extra_known_models: tuple[tuple[str, tuple[str, ...]], ...],
    custom_models: tuple[UserModel, ...] = (),
    dexto_version: str | None = None,
) -> RuleContext:
    """The rules' context with the user's layer (lint-config extras and the custom models
    of the linted `custom-models.json` files) and the targeted release; built once per
    process for each combination."""
    base = catalog.default_catalog()
    if not extra_known_models and not custom_models:
        return RuleContext(base, dexto_version)
    user_layer = base.with_user_models(custom_models, dict(extra_known_models))
    return RuleContext(user_layer, dexto_version)


def lint_bytes(
    raw: bytes,
    path: Path,
    kind: FileKind,
    config: LintConfig,
    custom_models: tuple[UserModel, ...] = (),
) -> tuple[Finding, ...]:
    """Every finding of the enabled rules in a file's bytes, sorted by position.

    The file is judged at the configuration's `dexto_version`, else at its
    marker's release, else at the newest known release.
    """
    checked = check_bytes(raw, kind, path=path, target=config.dexto_version)
    document = LintDocument.of(checked)
    context = rule_context(config.extra_known_models, custom_models, config.dexto_version)
    enabled = config.enabled_codes(path)
    # Every rule runs so that a specific finding hides the generic one at its position
    # even when the specific rule itself is not selected.
    found = [finding for rule in all_rules() for finding in _run(rule, document, context, config)]
    suppressions = find_suppressions(document.text)
    kept = [
        f
        for f in _without_superseded(found)
        if f.code in enabled and not suppressions.silences(f.line, f.code)
    ]
    secrets = frozenset(secret for _path, _in_key, secret in document.secrets)
    kept = [_scrubbed(f, secrets) for f in kept]
    return tuple(sorted(kept, key=lambda f: f.sort_key))


def lint_job(job: LintJob) -> LintedFile:
    """Read and lint one file; an unreadable file is reported, not raised."""
    try:
        raw = read_file(job.path)
    except UnreadableFile as error:
        return LintedFile(job.path, job.kind, (), unreadable=error.reason)
    findings = lint_bytes(raw, job.path, job.kind, job.config, job.custom_models)
    return LintedFile(job.path, job.kind, findings)


def lint_jobs(
    jobs: Sequence[LintJob], on_done: Callable[[LintedFile], None] | None = None
) -> list[LintedFile]:
    """Lint every job, in a process pool when there are many; reports keep the jobs' order."""
    return [
        _notify(report, on_done)
        for report in ordered_map(lint_job, jobs, warm_up=lambda: _warm_up(jobs))
    ]


def _notify(report: LintedFile, on_done: Callable[[LintedFile], None] | None) -> LintedFile:
    if on_done is not None:
        on_done(report)
    return report


def _warm_up(jobs: Sequence[LintJob]) -> None:
    # Built before the pool forks, so workers inherit rules and catalogs ready-made.
    all_rules()
    for extras, custom in {(job.config.extra_known_models, job.custom_models) for job in jobs}:
        rule_context(extras, custom)


def _run(
    rule: Rule, document: LintDocument, context: RuleContext, config: LintConfig
) -> Iterator[Finding]:
    """The rule's findings in a file: at most MAX_FINDINGS_PER_RULE, then one counting the rest."""
    violations = iter(rule.check(document, context))
    first = next(violations, None)
    if first is None:  # most rules on most files: nothing more to look up
        return
    severity = config.severity_of(rule.code, rule.severity)
    for violation in itertools.islice(itertools.chain((first,), violations), MAX_FINDINGS_PER_RULE):
        yield _finding(rule, severity, document, violation)
    hidden = next(violations, None)
    if hidden is not None:
        rest = 1 + sum(1 for _ in violations)
        message = (
            f"{rest:,} more {rule.code} findings in this file are not shown: "
            "fix these first, then lint again"
        )
        yield _finding(rule, severity, document, Violation(hidden.position, message))


def _finding(
    rule: Rule, severity: Severity, document: LintDocument, violation: Violation
) -> Finding:
    problem = Problem.at(
        violation.position, violation.message, rule.code, path=document.path, severity=severity
    )
    return Finding(problem, rule.name, violation.fix)


def _without_superseded(found: list[Finding]) -> list[Finding]:
    by_code = rules_by_code()
    superseded = {(code, f.line, f.col) for f in found for code in by_code[f.code].supersedes}
    if not superseded:
        return found
    return [f for f in found if (f.code, f.line, f.col) not in superseded]


def _holds_secret(fix: Fix, secrets: frozenset[str]) -> bool:
    """True when the fix's operations (paths or values) would show or write a secret."""
    operations = json.dumps(fix.as_json()["operations"], ensure_ascii=False)
    return redact_text(operations, secrets) != operations


def _scrubbed(finding: Finding, secrets: frozenset[str]) -> Finding:
    """The finding with every secret redacted; a fix that would write one is dropped."""
    message = redact_text(finding.message, secrets)
    fix = finding.fix
    if fix is not None and _holds_secret(fix, secrets):
        fix = None
    elif fix is not None:
        fix = Fix(redact_text(fix.description, secrets), fix.operations)
    if message == finding.message and fix is finding.fix:
        return finding
    return Finding(finding.problem._replace(message=message), finding.name, fix)


__all__ = ["LintJob", "LintedFile", "lint_bytes", "lint_job", "lint_jobs", "rule_context"]
