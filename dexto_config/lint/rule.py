"""How a rule is implemented: its documented metadata (`rulebook`) plus one check."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from dexto_config.lint.findings import Severity, Violation
from dexto_config.lint.rulebook import RuleInfo
from dexto_config.records import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    # Only for annotations: the rules' checks import them themselves, where they need them.
    from dexto_config.catalog import Catalog
    from dexto_config.lint.document import LintDocument

# Findings of one rule shown per file: nobody acts on more, the rest is counted (a pushed
# file of 100,000 unknown keys must not stall CI); rules with costly messages stop here too.
MAX_FINDINGS_PER_RULE = 100


class RuleContext(Record):
    """What rules may consult besides the document: the model catalog with user layers,
    and the Dexto release the user targets (`--dexto-version`), when given."""

    catalog: Catalog
    dexto_version: str | None = None


Check = Callable[["LintDocument", RuleContext], Iterable[Violation]]


class Rule(Record):
    """A lint rule: its documented metadata (`rulebook.RuleInfo`) and its check."""

    info: RuleInfo
    check: Check

    @property
    def code(self) -> str:
        return self.info.code

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def severity(self) -> Severity:
        return Severity(self.info.severity)

    @property
    def summary(self) -> str:
        return self.info.summary

    @property
    def explanation(self) -> str:
        return self.info.explanation

    @property
    def bad(self) -> str:
        return self.info.bad

    @property
    def good(self) -> str:
        return self.info.good

    @property
    def fixable(self) -> bool:
        return self.info.fixable

    @property
    def supersedes(self) -> tuple[str, ...]:
        return self.info.supersedes

    @property
    def examples_at(self) -> str | None:
        return self.info.examples_at

    @property
    def family(self) -> str:
        return self.info.family


def rule(info: RuleInfo) -> Callable[[Check], Rule]:
    """Implement the documented rule `info`: decorate its check function."""

    def implement(check: Check) -> Rule:
        return Rule(info, check)

    return implement
