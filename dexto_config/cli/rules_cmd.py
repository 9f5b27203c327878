"""`dexto-config rules` and `explain`: the lint rules' documentation (DESIGN §8).

Apart from `lint_cmd` so that reading the rules imports neither pydantic nor
the catalog's data (DESIGN §9: within 3x `python -c pass`).
"""

from __future__ import annotations

import json

import click

from dexto_config import exitcodes
from dexto_config.cli.app import main
from dexto_config.lint import docs
from dexto_config.lint.registry import all_rules, find_rule


@main.command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="List format (markdown renders docs/rules.md).",
)
def rules(output_format: str) -> int:
    """List every lint rule: code, name, default severity, fixable, summary.

    \b
    Examples:
      dexto-config rules
      dexto-config rules --format json
      dexto-config rules --format markdown > docs/rules.md
    """
    if output_format == "markdown":
        click.echo(docs.rules_markdown(), nl=False)
    elif output_format == "json":
        listing = [
            {
                "code": r.code,
                "name": r.name,
                "severity": str(r.severity),
                "family": r.family,
                "fixable": r.fixable,
                "summary": r.summary,
            }
            for r in all_rules()
        ]
        click.echo(json.dumps(listing, indent=2))
    else:
        for r in all_rules():
            fixable = " (fixable)" if r.fixable else ""
            click.echo(f"{r.code}  {r.name:<36} {r.severity:<8} {r.summary}{fixable}")
    return exitcodes.OK


@main.command()
@click.argument("rule")
def explain(rule: str) -> int:
    """Explain one lint rule, by code or name, with a bad and a good example.

    \b
    Examples:
      dexto-config explain DX301
      dexto-config explain literal-api-key
    """
    found = find_rule(rule)
    if found is None:
        raise click.UsageError(f"no rule {rule!r}; `dexto-config rules` lists them")
    click.echo(docs.rule_text(found), nl=False)
    return exitcodes.OK
