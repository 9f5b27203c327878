"""The migration chain: discovery, ordering, load-time errors, chaining several steps."""

from __future__ import annotations

import importlib
import itertools
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

from dexto_config.kinds import FileKind
from dexto_config.migrate.chain import (
    ChainError,
    default_chain,
    load_chain,
    shipped_steps_package,
    steps_between,
)
from dexto_config.migrate.engine import migrate_bytes
from dexto_config.migrate.routing import RoutingContext
from dexto_config.versions import KNOWN_VERSIONS, LATEST_VERSION, RELEASES, marker_line, version_key

LEGACY_AGENT = b"""\
# my agent
systemPrompt: You help.
greeting: hello there
llm:
  provider: anthropic
  model: claude-sonnet-4-5-20250929
"""

# A throwaway second step, only for these tests: it proves that a file several
# versions behind runs every step in one go, in version order.
THROWAWAY_STEP = """
version = "1.5.7"
summary = "test only: shout the greeting"
breaking = False


def migrate_agent(document, context):
    from dexto_config.migrate.step_api import Change, StepResult

    result = StepResult()
    if document.has(("greeting",)):
        old = document.get(("greeting",))
        document.set_value(("greeting",), old.upper())
        result.changes.append(Change(("greeting",), old, old.upper(), "test"))
    return result
"""


def _step_module(version: str, name: str = "step") -> str:
    return textwrap.dedent(
        f"""
        version = {version!r}
        summary = {name!r}
        breaking = False
        """
    )


_PACKAGE_NUMBERS = itertools.count()


def _steps_package(
    root: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]
) -> ModuleType:
    """A steps package of `files` under `root`, imported under a name of its own."""
    name = f"steps_under_test_{next(_PACKAGE_NUMBERS)}"
    folder = root / name
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    for file_name, text in files.items():
        (folder / file_name).write_text(text)
    monkeypatch.syspath_prepend(str(root))
    return importlib.import_module(name)


@pytest.fixture
def two_step_chain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    shipped = Path(shipped_steps_package().__path__[0]) / "v1_5_6_explicit_provider.py"
    files = {shipped.name: shipped.read_text(), "v1_5_7_shout_greeting.py": THROWAWAY_STEP}
    return _steps_package(tmp_path, monkeypatch, files)


def test_shipped_chain_targets_known_versions_in_order() -> None:
    versions = [step.version for step in default_chain()]
    assert versions == sorted(versions, key=version_key)
    assert len(set(versions)) == len(versions)
    assert set(versions) <= set(RELEASES)
    assert version_key(versions[-1]) <= version_key(LATEST_VERSION)


# Known releases without a step, and why none is needed (DESIGN §11.1): the
# engine stamps the target's marker, so these need no module of their own.
RELEASES_WITHOUT_A_STEP = {
    "1.5.4": "the oldest known: the chain starts there",
    "1.5.7": "additive (the seed's explicit providers as released, new prompt fields)",
    "1.6.1": "additive (preferences sounds, registry `enabled`)",
    "1.10.4": "no key changed after 1.8.0",
}


def test_a_foreign_migrations_package_is_not_taken_for_the_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    foreign = ModuleType("migrations")
    foreign.__path__ = [str(tmp_path)]
    monkeypatch.setitem(sys.modules, "migrations", foreign)
    with pytest.raises(ChainError, match="was imported from"):
        shipped_steps_package()


def test_every_known_release_has_a_step_or_needs_none() -> None:
    stepped = {step.version for step in default_chain()}
    assert set(KNOWN_VERSIONS) - stepped == set(RELEASES_WITHOUT_A_STEP)


def test_every_shipped_step_declares_its_metadata() -> None:
    for step in default_chain():
        assert step.summary
        assert isinstance(step.breaking, bool)
        assert step.transforms, f"{step.module} has no transform"


@pytest.mark.parametrize(
    ("files", "message"),
    [
        pytest.param(
            {"v1_5_6_a.py": _step_module("1.5.6"), "v1_5_6_b.py": _step_module("1.5.6")},
            "both target 1.5.6",
            id="duplicate-version",
        ),
        pytest.param(
            {"v1_5_7_a.py": _step_module("1.5.8")},
            "the step for 1.5.8 must be named v1_5_8_",
            id="name-of-another-version",
        ),
        pytest.param(
            {"v1_5_80_a.py": _step_module("1.5.8")},
            "must be named v1_5_8_",
            id="name-of-a-longer-version",
        ),
        pytest.param({"v1_a.py": "summary = 'x'\nbreaking = False\n"}, "version", id="no-version"),
        pytest.param({"v1_a.py": _step_module("one")}, "not a release", id="bad-version"),
        pytest.param(
            {"v1_a.py": _step_module("1.5.5")},
            "not a release this tool knows",
            id="unknown-release",
        ),
        pytest.param(
            {"v1_5_7_a.py": "version = '1.5.7'\nsummary = 'x'\n"}, "breaking", id="no-breaking"
        ),
    ],
)
def test_inconsistent_chains_fail_at_load_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str], message: str
) -> None:
    package = _steps_package(tmp_path, monkeypatch, files)
    with pytest.raises(ChainError, match=message):
        load_chain(package)


def test_the_chain_runs_in_version_order_whatever_the_names_sort_as(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {"v1_10_4_later.py": _step_module("1.10.4"), "v1_8_0_earlier.py": _step_module("1.8.0")}
    chain = load_chain(_steps_package(tmp_path, monkeypatch, files))
    assert [step.module for step in chain] == ["v1_8_0_earlier", "v1_10_4_later"]


def test_steps_between_picks_steps_above_the_file_version(two_step_chain: ModuleType) -> None:
    chain = load_chain(two_step_chain)
    assert [s.version for s in steps_between(chain, "1.5.4", "1.5.7")] == ["1.5.6", "1.5.7"]
    assert [s.version for s in steps_between(chain, "1.5.5", "1.5.6")] == ["1.5.6"]
    assert [s.version for s in steps_between(chain, "1.5.6", "1.5.7")] == ["1.5.7"]
    assert steps_between(chain, "1.5.7", "1.5.7") == ()


def test_a_file_two_versions_behind_runs_both_steps(two_step_chain: ModuleType) -> None:
    chain = load_chain(two_step_chain)
    result = migrate_bytes(
        LEGACY_AGENT,
        FileKind.AGENT,
        assumed_version="1.5.4",
        target="1.5.7",
        context=RoutingContext(route_via="dexto"),
        chain=chain,
    )
    assert result.status == "migrated", result.refusal
    assert result.steps == ("1.5.6", "1.5.7")
    text = result.result.decode()
    assert text.startswith(marker_line("1.5.7") + "\n# my agent\n")
    assert "greeting: HELLO THERE\n" in text
    assert "provider: dexto\n" in text


def test_to_stops_the_chain_early(two_step_chain: ModuleType) -> None:
    chain = load_chain(two_step_chain)
    result = migrate_bytes(
        LEGACY_AGENT,
        FileKind.AGENT,
        assumed_version="1.5.4",
        target="1.5.6",
        context=RoutingContext(route_via="dexto"),
        chain=chain,
    )
    assert result.steps == ("1.5.6",)
    assert b"greeting: hello there\n" in result.result


def test_a_file_at_an_intermediate_version_runs_only_the_later_step(
    two_step_chain: ModuleType,
) -> None:
    chain = load_chain(two_step_chain)
    at_156 = (marker_line("1.5.6") + "\n").encode() + LEGACY_AGENT
    result = migrate_bytes(
        at_156,
        FileKind.AGENT,
        assumed_version=None,
        target="1.5.7",
        context=RoutingContext(route_via="dexto"),
        chain=chain,
    )
    assert result.steps == ("1.5.7",)
    assert b"provider: anthropic\n" in result.result
    assert result.result.startswith((marker_line("1.5.7") + "\n").encode())
