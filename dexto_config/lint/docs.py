"""Rule documentation rendered from the rules' metadata (`docs/rules.md`, `explain`)."""

from __future__ import annotations

from dexto_config.lint.registry import all_rules
from dexto_config.lint.rule import FAMILIES, Rule

_HEADER = """\
# Lint rules

Generated from the rules' metadata by `dexto-config rules --format markdown`;
do not edit by hand. Codes are grouped by family: DX0xx syntax and schema,
DX1xx escape hatches, DX2xx models, DX3xx credentials and endpoints, DX4xx
schema versions. Warnings fail a run unless `--fail-on error` is given.
"""


def rules_markdown() -> str:
    """The whole rules reference as Markdown."""
    parts = [_HEADER, _table()]
    for digit, family in FAMILIES.items():
        members = [r for r in all_rules() if r.code[2] == digit]
        if members:
            parts.append(f"## {family.capitalize()}\n")
            parts.extend(rule_markdown(r, level=3) for r in members)
    return "\n".join(parts)


def _table() -> str:
    rows = [
        f"| [{r.code}](#{r.code.lower()}-{r.name}) | `{r.name}` | {r.severity} | "
        f"{'yes' if r.fixable else 'no'} | {_cell(r.summary)} |"
        for r in all_rules()
    ]
    head = "| Code | Name | Default severity | Fixable | Summary |\n|---|---|---|---|---|"
    return head + "\n" + "\n".join(rows) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def rule_markdown(rule: Rule, level: int = 1) -> str:
    """One rule's documentation: summary, explanation, bad and good examples."""
    heading = "#" * level
    fixable = "yes (`dexto-config lint --fix`)" if rule.fixable else "no"
    return (
        f"{heading} {rule.code} {rule.name}\n\n"
        f"{rule.summary}\n\n"
        f"Default severity: **{rule.severity}**. Fixable: {fixable}.\n\n"
        f"{rule.explanation}\n{_examples_at(rule)}"
        f"Bad:\n\n```yaml\n{rule.bad}```\n\n"
        f"Good:\n\n```yaml\n{rule.good}```\n"
    )


def rule_text(rule: Rule) -> str:
    """One rule's documentation for a terminal (`dexto-config explain`)."""
    fixable = "fixable with --fix" if rule.fixable else "not fixable"
    bad = "".join(f"    {line}\n" for line in rule.bad.splitlines())
    good = "".join(f"    {line}\n" for line in rule.good.splitlines())
    return (
        f"{rule.code} {rule.name} [{rule.severity}] ({rule.family}; {fixable})\n\n"
        f"{rule.summary}\n\n{rule.explanation}\n{_examples_at(rule)}Bad:\n\n{bad}\nGood:\n\n{good}"
    )


def _examples_at(rule: Rule) -> str:
    if rule.examples_at is None:
        return ""
    return f"The examples are linted for Dexto {rule.examples_at} (`--dexto-version`).\n\n"
