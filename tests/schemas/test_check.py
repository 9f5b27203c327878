"""`schema check` in throw-away git repositories: breaking changes, migrations, base refs."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from dexto_config.cli import run
from dexto_config.kinds import FileKind
from dexto_config.schemas.check import (
    SchemaCheckError,
    SchemaCheckReport,
    check_schemas,
    repository_root,
    resolve_base,
)
from dexto_config.schemas.compat import ChangeKind
from dexto_config.schemas.export import current_schemas, export_schemas
from dexto_config.schemas.steps import UnreadableStep, declared_step, declared_steps
from dexto_config.versions import LATEST_VERSION

STEP_1_5_6 = '''"""1.5.6 explicit provider."""
version = "1.5.6"
summary = "explicit provider"
breaking = True


def migrate_agent(document, context):
    return document


def migrate_preferences(document, context):
    return document
'''


def step_source(version: str, *functions: str) -> str:
    defs = "".join(
        f"\n\ndef {name}(document, context):\n    return document\n" for name in functions
    )
    return f'version = "{version}"\nsummary = "test step"\nbreaking = True\n{defs}'


def agent_schema(**properties: Any) -> dict[str, Any]:
    llm = {
        "type": "object",
        "properties": {
            "provider": {"enum": ["openai", "anthropic", "dexto"], "type": "string"},
            "model": {"type": "string"},
            "router": {"type": "string"},
        },
        "required": ["provider", "model"],
    }
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {"llm": llm, "greeting": {"type": "string"}, **properties},
    }


PREFERENCES = {"type": "object", "properties": {"sounds": {"type": "boolean"}}}


def schemas_with(agent: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        "agent-1.5.4.json": agent_schema(),
        "agent-1.5.6.json": agent,
        "preferences-1.5.6.json": PREFERENCES,
    }


class Repo:
    """A git repository in a temporary folder, committed like a maintainer would."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.git("init", "--quiet", "--initial-branch=main")

    def git(self, *args: str) -> str:
        command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args]
        done = subprocess.run(command, cwd=self.root, capture_output=True, text=True, check=True)
        return done.stdout

    def write_schemas(self, schemas: dict[str, dict[str, Any]]) -> None:
        export_schemas(schemas, self.root / "schemas")

    def write_step(self, name: str, source: str) -> None:
        (self.root / "migrations").mkdir(exist_ok=True)
        (self.root / "migrations" / name).write_text(source, encoding="utf-8")

    def commit(self, message: str) -> None:
        self.git("add", ".")
        self.git("commit", "--quiet", "-m", message)

    def check(self, schemas: dict[str, dict[str, Any]]) -> SchemaCheckReport:
        return check_schemas(self.root, "main", lambda: schemas)


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """A repository whose main branch holds the 1.5.6 step and schemas with `llm.router`."""
    repo = Repo(tmp_path)
    repo.write_schemas(schemas_with(agent_schema()))
    repo.write_step("__init__.py", "")
    repo.write_step("v1_5_6_explicit_provider.py", STEP_1_5_6)
    repo.commit("base")
    repo.git("checkout", "--quiet", "-b", "feature")
    return repo


def without_router() -> dict[str, dict[str, Any]]:
    agent = agent_schema()
    del agent["properties"]["llm"]["properties"]["router"]
    return schemas_with(agent)


def changes(report: SchemaCheckReport) -> list[tuple[FileKind, str, ChangeKind]]:
    return [(k.kind, c.path, c.kind) for k in report.kinds for c in k.changes]


def test_removed_field_without_migration_fails_with_advice(repo: Repo) -> None:
    current = without_router()
    repo.write_schemas(current)

    report = repo.check(current)

    assert not report.ok
    assert changes(report) == [(FileKind.AGENT, "llm.router", ChangeKind.REMOVED_FIELD)]
    advice = report.kinds[0].advice
    assert 'migrations/v1_5_7_<name>.py with version = "1.5.7"' in advice
    assert "migrate_agent()" in advice


def test_removed_field_with_new_migration_passes(repo: Repo) -> None:
    current = without_router()
    repo.write_schemas(current)
    repo.write_step("v1_5_7_drop_router.py", step_source("1.5.7", "migrate_agent"))

    report = repo.check(current)

    assert report.ok
    covering = report.kinds[0].covering_step
    assert covering is not None and covering.module == "v1_5_7_drop_router.py"


def test_new_migration_for_another_kind_does_not_cover(repo: Repo) -> None:
    current = without_router()
    repo.write_schemas(current)
    repo.write_step("v1_5_7_prefs.py", step_source("1.5.7", "migrate_preferences"))

    report = repo.check(current)

    assert not report.ok
    assert (
        report.kinds[0].advice
        == "add migrate_agent() to migrations/v1_5_7_prefs.py (version 1.5.7)"
    )


def test_step_already_at_base_does_not_cover(repo: Repo) -> None:
    repo.write_step("v1_5_7_drop_router.py", step_source("1.5.7", "migrate_agent"))
    repo.commit("a step for an earlier change")
    current = without_router()
    repo.write_schemas(current)

    report = check_schemas(repo.root, "HEAD", lambda: current)

    assert not report.ok
    assert 'version = "1.5.8"' in report.kinds[0].advice


def test_new_step_not_above_base_latest_does_not_cover(repo: Repo) -> None:
    current = without_router()
    repo.write_schemas(current)
    repo.write_step("v1_5_5_backfill.py", step_source("1.5.5", "migrate_agent"))

    assert not repo.check(current).ok


def test_enum_value_removed_fails(repo: Repo) -> None:
    agent = agent_schema()
    agent["properties"]["llm"]["properties"]["provider"]["enum"] = ["openai", "anthropic"]
    current = schemas_with(agent)
    repo.write_schemas(current)

    report = repo.check(current)

    assert not report.ok
    assert changes(report) == [(FileKind.AGENT, "llm.provider", ChangeKind.REMOVED_ENUM_VALUE)]
    assert '"dexto"' in report.kinds[0].changes[0].describe()


def test_required_field_without_default_fails(repo: Repo) -> None:
    agent = agent_schema(agentId={"type": "string"})
    agent["required"] = ["agentId"]
    current = schemas_with(agent)
    repo.write_schemas(current)

    report = repo.check(current)

    assert changes(report) == [(FileKind.AGENT, "agentId", ChangeKind.NEW_REQUIRED_FIELD)]
    assert not report.ok


def test_purely_additive_change_passes(repo: Repo) -> None:
    agent = agent_schema(image={"type": "string"}, agentId={"type": "string", "default": "a"})
    agent["required"] = ["agentId"]
    agent["properties"]["llm"]["properties"]["provider"]["enum"].append("groq")
    current = schemas_with(agent)
    repo.write_schemas(current)

    report = repo.check(current)

    assert report.ok
    assert report.kinds == ()


def test_new_schema_version_is_compared_with_the_base_latest(repo: Repo) -> None:
    current = {
        **schemas_with(agent_schema()),
        "agent-1.5.7.json": without_router()["agent-1.5.6.json"],
    }
    repo.write_schemas(current)

    report = repo.check(current)

    assert [(k.base_file, k.current_file) for k in report.kinds] == [
        ("agent-1.5.6.json", "agent-1.5.7.json")
    ]
    assert 'version = "1.5.7"' in report.kinds[0].advice


def test_stale_committed_schemas_fail(repo: Repo) -> None:
    current = schemas_with(agent_schema(image={"type": "string"}))

    report = repo.check(current)

    assert report.kinds == ()
    assert report.stale_files == ("agent-1.5.6.json",)
    assert not report.ok


def test_base_without_schemas_has_nothing_to_compare(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    (tmp_path / "README.md").write_text("first\n", encoding="utf-8")
    repo.commit("before schemas existed")
    current = without_router()
    repo.write_schemas(current)

    assert repo.check(current).ok


def test_default_base_falls_back_to_main(repo: Repo) -> None:
    assert resolve_base(repo.root, None) == "main"
    repo.git("update-ref", "refs/remotes/origin/main", "HEAD")
    assert resolve_base(repo.root, None) == "origin/main"


def test_unusable_base_is_an_error(repo: Repo) -> None:
    with pytest.raises(SchemaCheckError, match="no usable base ref: HEAD~5"):
        resolve_base(repo.root, "HEAD~5")


def test_outside_a_repository_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SchemaCheckError, match="not inside a git repository"):
        repository_root(tmp_path)


def test_unparsable_step_is_an_error(repo: Repo) -> None:
    repo.write_step("v1_5_7_broken.py", "version = (\n")
    with pytest.raises(SchemaCheckError, match=r"v1_5_7_broken\.py:1: cannot parse"):
        repo.check(schemas_with(agent_schema()))


def test_declared_step_reads_version_and_transforms_without_running() -> None:
    source = step_source("1.5.7", "migrate_agent", "migrate_custom_models") + "raise SystemExit\n"
    step = declared_step("v1_5_7_x.py", source)
    assert step.version == "1.5.7"
    assert step.kinds == {FileKind.AGENT, FileKind.CUSTOM_MODELS}


def test_declared_steps_skip_private_modules_and_need_a_version() -> None:
    assert declared_steps({"__init__.py": "", "notes.txt": ""}) == []
    with pytest.raises(UnreadableStep, match="no `version"):
        declared_step("v1_5_7_x.py", "summary = 'no version'\n")


def test_cli_fails_on_a_breaking_change_since_base(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = current_schemas()
    base = json.loads(json.dumps(real))
    base[f"agent-{LATEST_VERSION}.json"]["properties"]["legacyRouter"] = {"type": "string"}
    repo.write_schemas(base)
    repo.commit("base with a field the models no longer have")
    export_schemas(real, repo.root / "schemas")
    monkeypatch.chdir(repo.root)

    code = run(["schema", "check", "--base", "HEAD"])

    out = capsys.readouterr().out
    assert code == 1
    latest = f"agent-{LATEST_VERSION}.json"
    assert f"schemas/{latest}: 1 breaking change(s) since HEAD:{latest}" in out
    assert "  legacyRouter: removed field" in out
    assert "add migrations/v1_" in out


def test_cli_without_usable_ref_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    Repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert run(["schema", "check"]) == 2
    assert "no usable base ref: origin/main or main" in capsys.readouterr().err
