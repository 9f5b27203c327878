"""Rule documentation rendered from `rulebook`: `rules` in each format, `explain`, `docs/rules.md`.

Import-light like `rulebook`: the fast path (`dexto_config.fastcli`) prints
these texts before click is imported, and the click commands print the same.
"""

from __future__ import annotations

from dexto_config.lint.rulebook import FAMILIES, RULES, RuleInfo

TYPE_CHECKING = False  # `typing` alone costs a third of `python -c pass`
if TYPE_CHECKING:
    from collections.abc import Callable

_HEADER = """\
# Lint rules

Generated from the rules' metadata by `dexto-config rules --format markdown`;
do not edit by hand. Codes are grouped by family: DX0xx syntax and schema,
DX1xx escape hatches, DX2xx models, DX3xx credentials and endpoints, DX4xx
schema versions. Warnings fail a run unless `--fail-on error` is given.
"""


def rules_text() -> str:
    """`dexto-config rules`: one line per rule."""
    return "".join(
        f"{r.code}  {r.name:<36} {r.severity:<8} {r.summary}{' (fixable)' if r.fixable else ''}\n"
        for r in RULES
    )


def rules_json() -> str:
    """`dexto-config rules --format json`: every rule's metadata as a JSON list."""
    import json  # only this format pays for it

    listing = [
        {
            "code": r.code,
            "name": r.name,
            "severity": r.severity,
            "family": r.family,
            "fixable": r.fixable,
            "summary": r.summary,
        }
        for r in RULES
    ]
    return json.dumps(listing, indent=2) + "\n"


def rules_markdown() -> str:
    """The whole rules reference as Markdown (`docs/rules.md`)."""
    parts = [_HEADER, _table()]
    for digit, family in FAMILIES.items():
        members = [r for r in RULES if r.code[2] == digit]
        if members:
            parts.append(f"## {family.capitalize()}\n")
            parts.extend(rule_markdown(r, level=3) for r in members)
    return "\n".join(parts)


def _table() -> str:
    rows = [
        f"| [{r.code}](#{r.code.lower()}-{r.name}) | `{r.name}` | {r.severity} | "
        f"{'yes' if r.fixable else 'no'} | {_cell(r.summary)} |"
        for r in RULES
    ]
    head = "| Code | Name | Default severity | Fixable | Summary |\n|---|---|---|---|---|"
    return head + "\n" + "\n".join(rows) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def rule_markdown(rule: RuleInfo, level: int = 1) -> str:
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


def rule_text(rule: RuleInfo) -> str:
    """One rule's documentation for a terminal (`dexto-config explain`)."""
    fixable = "fixable with --fix" if rule.fixable else "not fixable"
    bad = "".join(f"    {line}\n" for line in rule.bad.splitlines())
    good = "".join(f"    {line}\n" for line in rule.good.splitlines())
    return (
        f"{rule.code} {rule.name} [{rule.severity}] ({rule.family}; {fixable})\n\n"
        f"{rule.summary}\n\n{rule.explanation}\n{_examples_at(rule)}Bad:\n\n{bad}\nGood:\n\n{good}"
    )


def _examples_at(rule: RuleInfo) -> str:
    if rule.examples_at is None:
        return ""
    return f"The examples are linted for Dexto {rule.examples_at} (`--dexto-version`).\n\n"


# `rules --format`: each listing by format name.
LISTING_OPTION = "--format"
DEFAULT_LISTING = "text"
LISTINGS: dict[str, Callable[[], str]] = {
    "text": rules_text,
    "json": rules_json,
    "markdown": rules_markdown,
}
