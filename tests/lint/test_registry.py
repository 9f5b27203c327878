"""Rule metadata: unique codes, families, and examples that show what they claim."""

from __future__ import annotations

import pytest

from dexto_config.kinds import FileKind
from dexto_config.lint import rules as rules_package
from dexto_config.lint.findings import Severity
from dexto_config.lint.registry import all_rules, find_rule
from dexto_config.lint.rule import FAMILIES, Rule
from tests.lint.conftest import lint_text

EXAMPLE_KINDS = (FileKind.AGENT, FileKind.PREFERENCES)


def test_codes_and_names_are_unique_and_sorted() -> None:
    codes = [r.code for r in all_rules()]
    names = [r.name for r in all_rules()]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    assert codes == sorted(codes)


def test_every_family_has_rules() -> None:
    assert {r.code[2] for r in all_rules()} == set(FAMILIES)


def test_rules_are_found_by_package_scan() -> None:
    assert rules_package.__path__
    assert len(all_rules()) >= 20


@pytest.mark.parametrize(
    ("code", "name", "message"),
    [
        ("DX01", "good-name", r"not DX \+ 3 digits"),
        ("DX901", "good-name", r"not DX \+ 3 digits"),
        ("DX001", "Bad_Name", "kebab-case"),
    ],
)
def test_malformed_metadata_is_refused(code: str, name: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Rule(code, name, Severity.ERROR, "s", "e", "b", "g", False, lambda d, c: ())


def test_find_rule_by_code_or_name() -> None:
    assert find_rule("dx301") is find_rule("literal-api-key") is not None
    assert find_rule("DX999") is None


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_bad_example_triggers_the_rule_and_good_does_not(rule: Rule) -> None:
    def fires(text: str, kind: FileKind) -> bool:
        return rule.code in {f.code for f in lint_text(text, kind, dexto_version=rule.examples_at)}

    assert any(fires(rule.bad, kind) and not fires(rule.good, kind) for kind in EXAMPLE_KINDS)
