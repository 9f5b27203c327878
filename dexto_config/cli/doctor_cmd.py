"""`dexto-config doctor`: what Dexto will really run for each agent, and why (DESIGN §14)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from dexto_config import exitcodes
from dexto_config.catalog.releases import REGISTRY_RELEASES, release_registry
from dexto_config.cli.app import main
from dexto_config.cli.doctor_report import FORMATS, DoctorRun
from dexto_config.cli.options import dexto_home_option, resolve_targets
from dexto_config.doctor import Verdict, decide, read_agent_llm, unloadable
from dexto_config.doctor.release import FIRST_DOCTOR_RELEASE, StartupBehaviour, is_doctor_release
from dexto_config.home import layout
from dexto_config.home.machine import Machine, read_machine
from dexto_config.kinds import FileKind
from dexto_config.reporting import unreadable_text
from dexto_config.terminal import escape_text
from dexto_config.validation import UnreadableFile, read_file
from dexto_config.versions import is_version_string
from dexto_config.yamlio.fast import YamlSyntaxError, parse

NEWEST_RELEASE = REGISTRY_RELEASES[-1]


def _release(_ctx: click.Context, param: click.Parameter, value: str) -> str:
    if not is_version_string(value) or not is_doctor_release(value):
        raise click.BadParameter(
            f"{value!r} is not a released Dexto version doctor models "
            f"({FIRST_DOCTOR_RELEASE} to {NEWEST_RELEASE})",
            param=param,
        )
    return value


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@dexto_home_option()
@click.option(
    "--dexto-version",
    "dexto_version",
    default=NEWEST_RELEASE,
    show_default=True,
    metavar="VERSION",
    callback=_release,
    help="The Dexto release whose start-up to replay.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON document (DESIGN §14's shape).")
def doctor(
    paths: tuple[Path, ...], dexto_home: Path | None, dexto_version: str, as_json: bool
) -> int:
    """Show what Dexto will really run for each agent, and why.

    Replays Dexto's start-up (`dexto --agent FILE`) on this machine: the
    environment and its `.env` files, `auth.json`, `preferences.yml` and
    `model-auth.yml` of the Dexto home. Without PATHs, the home's agents.
    Prints, per agent, the configured and the effective provider and model,
    what changed them, which variable supplies the key and where it was found
    (never its value), and every surprise with what to do. Reads only.

    Exit 0 when no agent has a problem, 1 when any has, 2 for a usage error
    or an agent file that cannot be read.

    \b
    Examples:
      dexto-config doctor
      dexto-config doctor --dexto-home fixtures/homes/silent-switch
      dexto-config doctor agents/my-agent.yml --dexto-version 1.8.0 --json
    """
    home = dexto_home or Path(layout.default_home(os.environ))
    machine = read_machine(home, os.environ, cwd=Path.cwd(), version=dexto_version)
    targets = _agent_paths(paths, home)
    verdicts: list[Verdict] = []
    unreadable: list[UnreadableFile] = []
    for shown, path in targets:
        try:
            verdicts.append(_judge(shown, path, machine, dexto_version))
        except UnreadableFile as error:
            unreadable.append(error)
    output_format = "json" if as_json else "text"
    click.echo(FORMATS[output_format](DoctorRun(verdicts, dexto_version, home)), nl=False)
    for failure in unreadable:
        line = unreadable_text(failure.path, failure.reason)
        click.echo(escape_text(line), err=True)
    if unreadable:
        return exitcodes.USAGE_OR_IO
    return exitcodes.FINDINGS if any(v.problems for v in verdicts) else exitcodes.OK


def _agent_paths(paths: tuple[Path, ...], home: Path) -> list[tuple[str, Path]]:
    """(path as shown, path) of each agent: those named, else the home's agents."""
    if paths:
        targets = resolve_targets(paths, None, frozenset({FileKind.AGENT}))
        return [(str(target.path), target.path) for target in targets]
    agents = [
        rel
        for rel in layout.managed_files(str(home))
        if rel.startswith(f"{layout.AGENTS_DIR}/") and rel.endswith((".yml", ".yaml"))
    ]
    if not agents:
        click.echo(f"warning: no agents found in {home / layout.AGENTS_DIR}", err=True)
    return [(rel, home / rel) for rel in agents]


def _judge(shown: str, path: Path, machine: Machine, version: str) -> Verdict:
    raw = read_file(path)
    try:
        data = parse(raw).data
    except YamlSyntaxError as error:
        return unloadable(shown, f"not valid YAML at {error}")
    behaviour = StartupBehaviour.at(version)
    return decide(shown, read_agent_llm(data), machine, release_registry(version), behaviour)
