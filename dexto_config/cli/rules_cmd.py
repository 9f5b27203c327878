"""`dexto-config rules` and `explain`: the lint rules' documentation (DESIGN §8).

Both print texts of `lint.docs`, rendered from `lint.rulebook` alone, so that
reading the rules imports neither pydantic nor the catalog's data. The usual
command lines never get here: `dexto_config.fastcli` prints the same texts
before click is imported (DESIGN §9: within 3x `python -c pass`).
"""

from __future__ import annotations

import click

from dexto_config import exitcodes
from dexto_config.cli.app import main
from dexto_config.lint import docs
from dexto_config.lint.rulebook import find_rule


@main.command()
@click.option(
    docs.LISTING_OPTION,
    "output_format",
    type=click.Choice(list(docs.LISTINGS)),
    default=docs.DEFAULT_LISTING,
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
    click.echo(docs.LISTINGS[output_format](), nl=False)
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
