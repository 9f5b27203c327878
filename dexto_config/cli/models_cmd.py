"""`dexto-config models list/search/map` and `dexto-config catalog refresh` (DESIGN §7).

The catalog is imported inside the commands, so that other commands never pay for it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from dexto_config import exitcodes
from dexto_config.cli.app import main
from dexto_config.terminal import escape_text

if TYPE_CHECKING:
    from dexto_config.catalog import Catalog, ModelInfo


def _provider_name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Checks a provider name without importing the catalog at start-up."""
    from dexto_config.catalog import PROVIDER_NAMES

    if value is not None and value not in PROVIDER_NAMES:
        known = ", ".join(PROVIDER_NAMES)
        raise click.BadParameter(f"{value!r} is not a Dexto provider; use one of: {known}")
    return value


format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Aligned table for people, JSON for programs.",
)
provider_option = click.option(
    "--provider",
    "-p",
    metavar="PROVIDER",
    default=None,
    callback=_provider_name,
    help="Only this provider's models.",
)
custom_models_option = click.option(
    "--custom-models",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also know the models of this custom-models.json.",
)


@main.group()
def models() -> None:
    """Known model IDs per provider, and native ↔ OpenRouter IDs.

    Lookups never use the network: they read a fresh `catalog refresh` cache
    or the models.dev snapshot bundled with the tool, plus Dexto's own list.

    \b
    Examples:
      dexto-config models list --provider anthropic
      dexto-config models search sonnet --provider dexto
      dexto-config models map anthropic claude-sonnet-4-5-20250929
    """


@models.command("list")
@provider_option
@custom_models_option
@format_option
def list_models(provider: str | None, custom_models: Path | None, output_format: str) -> int:
    """List the known models, Dexto's own first.

    \b
    Examples:
      dexto-config models list --provider dexto
      dexto-config models list --format json > models.json
    """
    known = _catalog(custom_models)
    _print_models(known.models(provider), known.origin, output_format, provider is None)
    return exitcodes.OK


@models.command()
@click.argument("text")
@provider_option
@custom_models_option
@format_option
def search(text: str, provider: str | None, custom_models: Path | None, output_format: str) -> int:
    """List the models whose ID or name contains TEXT (any case). Exit 1 when none does.

    \b
    Examples:
      dexto-config models search sonnet --provider dexto
      dexto-config models search gemini --format json
    """
    known = _catalog(custom_models)
    found = known.search(text, provider)
    _print_models(found, known.origin, output_format, provider is None)
    return exitcodes.OK if found else exitcodes.FINDINGS


@models.command("map")
@click.argument("provider", callback=_provider_name)
@click.argument("model")
@custom_models_option
@format_option
def map_model(provider: str, model: str, custom_models: Path | None, output_format: str) -> int:
    """Print PROVIDER's MODEL as the OpenRouter ID that `provider: dexto` takes,
    then `exact` or `guess` (a guess follows the legacy rule `vendor/model`).

    Exit 1, with up to 3 suggestions, when PROVIDER has a fixed catalog that
    does not know MODEL.

    \b
    Examples:
      dexto-config models map anthropic claude-sonnet-4-5-20250929
        anthropic/claude-sonnet-4.5  exact
      dexto-config models map groq llama-3.3-70b-versatile --format json
    """
    from dexto_config.catalog import Unknown

    known = _catalog(custom_models)
    mapping = known.to_openrouter(provider, model)
    result = known.lookup(provider, model)
    # A native ID under dexto (legacy files) is not a dexto model, but it maps exactly.
    unknown = isinstance(result, Unknown) and not result.any_model and not mapping.exact
    suggestions = result.suggestions if isinstance(result, Unknown) else ()
    if output_format == "json":
        payload = {
            "provider": provider,
            "model": model,
            "openrouterId": mapping.id,
            "exact": mapping.exact,
            "known": not isinstance(result, Unknown),
            "suggestions": list(suggestions),
        }
        click.echo(json.dumps(payload, indent=2))
    else:
        click.echo(escape_text(f"{mapping.id}  {'exact' if mapping.exact else 'guess'}"))
        if unknown:
            click.echo(escape_text(_unknown_message(provider, model, suggestions)), err=True)
    return exitcodes.FINDINGS if unknown else exitcodes.OK


@main.group("catalog")
def catalog_group() -> None:
    """Manage the model catalog's cache.

    \b
    Examples:
      dexto-config catalog refresh
    """


@catalog_group.command()
@click.option(
    "--models-dev-url",
    metavar="URL",
    default=None,
    help="models.dev api.json to fetch [env DEXTO_CONFIG_MODELS_DEV_URL].",
)
@click.option(
    "--openrouter-url",
    metavar="URL",
    default=None,
    help="OpenRouter model listing to fetch [env DEXTO_CONFIG_OPENROUTER_URL].",
)
def refresh(models_dev_url: str | None, openrouter_url: str | None) -> int:
    """Fetch models.dev and OpenRouter's model listing into the cache.

    Lookups use the cache for 7 days, then fall back to the bundled snapshot.
    The cache is `$DEXTO_CONFIG_CACHE_DIR`, else `$XDG_CACHE_HOME/dexto-config`,
    else `~/.cache/dexto-config`. HTTPS_PROXY/HTTP_PROXY are honoured. Exit 2,
    within 10 seconds, when a source cannot be fetched; the cache is then untouched.

    \b
    Examples:
      dexto-config catalog refresh
      HTTPS_PROXY=http://proxy:3128 dexto-config catalog refresh
    """
    from dexto_config import catalog
    from dexto_config.catalog.refresh import RefreshError
    from dexto_config.catalog.refresh import refresh as refresh_catalog

    try:
        result = refresh_catalog(models_dev_url, openrouter_url)
    except RefreshError as error:
        click.echo(f"error: catalog refresh failed: {error}", err=True)
        return exitcodes.USAGE_OR_IO
    catalog.reload()
    click.echo(
        f"catalog refreshed: {result.models_dev_models} models of "
        f"{result.models_dev_providers} providers from models.dev, "
        f"{result.openrouter_models} from OpenRouter, in {result.cache_dir}"
    )
    return exitcodes.OK


def _catalog(custom_models: Path | None) -> Catalog:
    from dexto_config import catalog

    try:
        return catalog.build_catalog(custom_models_path=custom_models)
    except catalog.CustomModelsError as error:
        raise click.UsageError(str(error)) from None


def _unknown_message(provider: str, model: str, suggestions: Sequence[str]) -> str:
    message = f"unknown model {model!r} for provider {provider}"
    if suggestions:
        return f"{message}; did you mean: {', '.join(suggestions)}?"
    return f"{message}; `dexto-config models list --provider {provider}` lists the known ones"


def _print_models(
    found: Sequence[ModelInfo], origin: str, output_format: str, with_provider: bool
) -> None:
    if output_format == "json":
        click.echo(json.dumps([_model_json(info) for info in found], indent=2))
        return
    headers = ["MODEL", "NAME", "OPENROUTER", "SOURCE"]
    rows = [
        [escape_text(cell) for cell in (info.id, info.name, info.openrouter_id or "-", info.source)]
        for info in found
    ]
    if with_provider:
        headers.insert(0, "PROVIDER")
        for row, info in zip(rows, found, strict=True):
            row.insert(0, info.provider)
    if rows:
        for line in _aligned([headers, *rows]):
            click.echo(line)
    noun = "model" if len(found) == 1 else "models"
    click.echo(f"{len(found)} {noun} ({_described(origin)})")


def _described(origin: str) -> str:
    """The origin, with the models-dev version when it is the bundled snapshot."""
    from importlib.metadata import PackageNotFoundError, version

    from dexto_config.catalog.sources import BUNDLED_ORIGIN

    if origin != BUNDLED_ORIGIN:
        return origin
    try:
        return origin.replace("models-dev", f"models-dev {version('models-dev')}", 1)
    except PackageNotFoundError:
        return origin


def _model_json(info: ModelInfo) -> dict[str, Any]:
    return {
        "provider": info.provider,
        "id": info.id,
        "name": info.name,
        "openrouterId": info.openrouter_id,
        "source": info.source,
        "default": info.default,
    }


def _aligned(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
