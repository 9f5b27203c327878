"""Rule metadata: unique codes, families, each documented rule implemented once, and
examples that show what they claim."""

from __future__ import annotations

import textwrap

import pytest

from dexto_config.kinds import FileKind
from dexto_config.lint import rulebook
from dexto_config.lint import rules as rules_package
from dexto_config.lint.findings import Severity
from dexto_config.lint.registry import all_rules
from dexto_config.lint.rule import Rule
from dexto_config.lint.rulebook import FAMILIES, RULES, RuleInfo, find_rule
from tests.lint.conftest import lint_text

EXAMPLE_KINDS = (FileKind.AGENT, FileKind.PREFERENCES)


def test_codes_and_names_are_unique_and_sorted() -> None:
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    assert codes == sorted(codes)


def test_every_family_has_rules() -> None:
    assert {r.code[2] for r in RULES} == set(FAMILIES)


def test_every_documented_rule_has_one_check_found_by_package_scan() -> None:
    assert rules_package.__path__
    assert [r.info for r in all_rules()] == list(RULES)
    assert len(RULES) >= 20


def test_severities_are_severity_values() -> None:
    assert {r.severity for r in all_rules()} <= set(Severity)
    assert all(isinstance(r.severity, Severity) for r in all_rules())


@pytest.mark.parametrize(
    ("code", "name", "message"),
    [
        ("DX01", "good-name", r"not DX \+ 3 digits"),
        ("DX901", "good-name", r"not DX \+ 3 digits"),
        ("DX0\uff111", "good-name", r"not DX \+ 3 digits"),
        ("DX001", "Bad_Name", "kebab-case"),
        ("DX001", "double--dash", "kebab-case"),
        ("DX001", "", "kebab-case"),
    ],
)
def test_malformed_metadata_is_refused(code: str, name: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        RuleInfo(
            code=code, name=name, severity="error", summary="s", explanation="e", bad="b", good="g"
        )


@pytest.mark.parametrize(
    "text",
    [
        "\n        one\n        two\n    ",
        "\n        one\n\n          indented\n        two\n",
        "\n        one\n   \n        two\n",  # a blank line of fewer spaces than the margin
        "\n        one\n            \n        two\n",  # and of more
        "flush\n  indented\n",
        "\n\n\n",
    ],
)
def test_dedent_is_textwrap_dedent(text: str) -> None:
    assert rulebook.dedent(text) == textwrap.dedent(text).strip("\n") + "\n"


def test_find_rule_by_code_or_name() -> None:
    assert find_rule("dx301") is find_rule(" literal-api-key ") is not None
    assert find_rule("DX999") is None


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_bad_example_triggers_the_rule_and_good_does_not(rule: Rule) -> None:
    def fires(text: str, kind: FileKind) -> bool:
        return rule.code in {f.code for f in lint_text(text, kind, dexto_version=rule.examples_at)}

    assert any(fires(rule.bad, kind) and not fires(rule.good, kind) for kind in EXAMPLE_KINDS)
