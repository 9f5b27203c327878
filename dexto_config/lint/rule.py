"""How a rule is declared: metadata plus one check function over a document."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dexto_config.lint.findings import Severity, Violation

if TYPE_CHECKING:
    # Only for annotations: `rules` and `explain` read rule metadata without pydantic.
    from dexto_config.catalog import Catalog
    from dexto_config.lint.document import LintDocument

# Findings of one rule shown per file: nobody acts on more, the rest is counted (a pushed
# file of 100,000 unknown keys must not stall CI); rules with costly messages stop here too.
MAX_FINDINGS_PER_RULE = 100
CODE_PATTERN = re.compile(r"\ADX\d{3}\Z")
NAME_PATTERN = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")
FAMILIES = {
    "0": "syntax and schema",
    "1": "escape hatches",
    "2": "models",
    "3": "credentials and endpoints",
    "4": "schema versions",
    "5": "start-up",
    "6": "shapes no release accepted",
}


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What rules may consult besides the document: the model catalog with user layers,
    and the Dexto release the user targets (`--dexto-version`), when given."""

    catalog: Catalog
    dexto_version: str | None = None


Check = Callable[["LintDocument", RuleContext], Iterable[Violation]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A lint rule: declarative metadata and its check.

    `supersedes` names generic rules whose finding at the same position this
    rule's finding replaces (a specific message beats a generic schema error).
    `examples_at` is the Dexto release the examples are linted for
    (`--dexto-version`), for rules about an older release; None: the default.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str
    bad: str
    good: str
    fixable: bool
    check: Check
    supersedes: tuple[str, ...] = ()
    examples_at: str | None = None

    @property
    def family(self) -> str:
        return FAMILIES[self.code[2]]

    def __post_init__(self) -> None:
        if not CODE_PATTERN.match(self.code) or self.code[2] not in FAMILIES:
            raise ValueError(f"rule code {self.code!r} is not DX + 3 digits of a known family")
        if not NAME_PATTERN.match(self.name):
            raise ValueError(f"rule name {self.name!r} is not kebab-case")


def rule(
    *,
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    explanation: str,
    bad: str,
    good: str,
    fixable: bool = False,
    supersedes: tuple[str, ...] = (),
    examples_at: str | None = None,
) -> Callable[[Check], Rule]:
    """Declare a rule: decorate its check function with the rule's metadata."""

    def declare(check: Check) -> Rule:
        return Rule(
            code=code,
            name=name,
            severity=severity,
            summary=summary,
            explanation=_dedent(explanation),
            bad=_dedent(bad),
            good=_dedent(good),
            fixable=fixable,
            check=check,
            supersedes=supersedes,
            examples_at=examples_at,
        )

    return declare


def _dedent(text: str) -> str:
    return textwrap.dedent(text).strip("\n") + "\n"
