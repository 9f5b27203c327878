"""The hook's full path over fixture homes, with the real migration engine."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dexto_config.cli import run
from dexto_config.home.backups import list_backups
from dexto_config.home.hook import HookOptions, run_hook
from dexto_config.home.report import exit_code
from tests.home.homes import HOOK_ENV, SECRET, build_bundled_dir, build_home, snapshot


def _hook(home: Path, **kwargs: object) -> tuple[int, dict[str, str]]:
    report = run_hook(HookOptions(home=home, environ=HOOK_ENV, **kwargs))  # type: ignore[arg-type]
    return exit_code(report.outcomes), {o.rel: o.status for o in report.outcomes}


def test_migrates_legacy_home_then_is_silent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = build_home(tmp_path, legacy_agents=2, explicit_agents=1, bad_agents=1)
    assert run(["hook", "--dexto-home", str(home)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("migrated 4, up to date 2, skipped 1 (see below)\n")
    assert "agents/broken-0/broken-0.yml:1:6: invalid YAML" in out
    prefs = (home / "preferences.yml").read_text()
    assert prefs.startswith("# dexto-config: schemaVersion=1.10.4\n")
    assert "preferDextoCredits" not in prefs and "provider: dexto-nova" in prefs
    assert run(["hook", "--dexto-home", str(home)]) == 0
    assert capsys.readouterr().out == ""


def test_what_the_hook_wrote_validates_and_lints_clean_at_its_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = build_home(tmp_path, legacy_agents=2, explicit_agents=1)
    assert run(["hook", "--dexto-home", str(home)]) == 0
    managed = [
        str(home / "preferences.yml"),
        str(home / "models" / "custom-models.json"),
        *(str(path) for path in sorted((home / "agents").glob("*/*.yml"))),
    ]
    capsys.readouterr()
    assert run(["validate", *managed]) == 0
    # DX104 (a preferences `llm` that sends each agent's key to its provider) may remain:
    # the legacy file did the same, and only its author can name the key to send.
    assert run(["lint", "--ignore", "DX104", *managed]) == 0, capsys.readouterr().out


def test_current_files_are_recorded_not_rewritten(tmp_path: Path) -> None:
    home = build_home(tmp_path, legacy_agents=0, explicit_agents=2)
    agent = home / "agents" / "explicit-0" / "explicit-0.yml"
    before = os.stat(agent)
    code, statuses = _hook(home)
    assert code == 0
    assert statuses["agents/explicit-0/explicit-0.yml"] == "current"
    assert os.stat(agent).st_mtime_ns == before.st_mtime_ns


def test_unmarked_file_written_after_upgrade_is_not_legacy(tmp_path: Path) -> None:
    home = build_home(tmp_path, legacy_agents=1)
    _hook(home, from_version="1.5.4")
    added = home / "agents" / "new" / "new.yml"
    added.parent.mkdir()
    added.write_text("systemPrompt: x\nllm:\n  provider: anthropic\n  model: claude-sonnet-4-5\n")
    code, statuses = _hook(home)
    assert (code, statuses["agents/new/new.yml"]) == (0, "current")
    assert "provider: anthropic" in added.read_text()


def test_json_report_lists_files_and_never_secrets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = build_home(tmp_path, legacy_agents=1, bad_agents=1)
    (home / "agents" / "secret").mkdir()
    (home / "agents" / "secret" / "secret.yml").write_text(
        f"llm:\n  provider: anthropic\n  model: claude-sonnet-4-5-20250929\n  apiKey: {SECRET}\n"
    )
    assert run(["hook", "--dexto-home", str(home), "--json"]) == 1
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data["summary"] == {"migrated": 3, "up_to_date": 1, "skipped": 2}
    assert {f["path"]: f["status"] for f in data["files"]}["agents/secret/secret.yml"] == "skipped"
    tool_files = [p for p in home.rglob("*") if p.is_file() and ".dexto-config" in p.parts]
    manifests = list((home / "backups").rglob("manifest.json"))
    for data in [out.encode(), *(p.read_bytes() for p in tool_files + manifests)]:
        assert SECRET.encode() not in data  # the state's stamp is binary


def test_routing_context_is_taken_before_preferences_change(tmp_path: Path) -> None:
    home = build_home(tmp_path, legacy_agents=1)
    prefs = home / "preferences.yml"
    prefs.write_text(prefs.read_text().replace("Credits: true", "Credits: false"))
    env = {**HOOK_ENV, "ANTHROPIC_API_KEY": "x"}
    run_hook(HookOptions(home=home, environ=env))
    assert "provider: anthropic" in (home / "agents/legacy-0/legacy-0.yml").read_text()
    assert "preferDextoCredits" not in prefs.read_text()


@pytest.mark.parametrize(
    ("how_known", "statuses_expected"),
    [
        pytest.param("previous-dir", ("replaced", "migrated"), id="previous-bundled-dir"),
        pytest.param("state", ("replaced", "current"), id="hook-state"),
        pytest.param("nothing", ("migrated", "migrated"), id="unknown-is-edited"),
    ],
)
def test_unedited_bundled_agent_replaced_edited_one_migrated(
    tmp_path: Path, how_known: str, statuses_expected: tuple[str, str]
) -> None:
    home = build_home(tmp_path, legacy_agents=0, bundled=("coding", "edited"))
    previous = build_bundled_dir(tmp_path, ("coding", "edited"), previous=True)
    if how_known == "state":  # the last run saw both unedited, and migrated them
        _hook(home, previous_bundled_dir=previous)
    edited = home / "agents" / "edited" / "edited.yml"
    edited.write_text(edited.read_text() + "# my note\n")
    registry = (home / "agents/registry.json").read_bytes()
    bundled = build_bundled_dir(tmp_path, ("coding", "edited"))
    kwargs = {"previous_bundled_dir": previous} if how_known == "previous-dir" else {}
    code, statuses = _hook(home, bundled_dir=bundled, **kwargs)
    assert code == 0
    expected = dict(
        zip(
            ("agents/coding/coding.yml", "agents/edited/edited.yml"), statuses_expected, strict=True
        )
    )
    assert {rel: statuses[rel] for rel in expected} == expected
    replaced = (home / "agents/coding/coding.yml").read_bytes()
    new = (bundled / "coding" / "coding.yml").read_bytes()
    assert (replaced == new) == (statuses_expected[0] == "replaced")
    assert "# my note" in edited.read_text()
    assert (home / "agents/registry.json").read_bytes() == registry
    assert statuses["agents/registry.json"] == "current"


def test_a_replaced_bundled_agent_is_replaced_again_next_release(tmp_path: Path) -> None:
    home = build_home(tmp_path, legacy_agents=0, bundled=("coding",))
    previous = build_bundled_dir(tmp_path, ("coding",), previous=True)
    _hook(home, bundled_dir=build_bundled_dir(tmp_path, ("coding",)), previous_bundled_dir=previous)
    next_release = tmp_path / "next"
    (next_release / "coding").mkdir(parents=True)
    (next_release / "coding" / "coding.yml").write_text("systemPrompt: release 3\n")
    code, statuses = _hook(home, bundled_dir=next_release)
    assert (code, statuses["agents/coding/coding.yml"]) == (0, "replaced")
    assert (home / "agents/coding/coding.yml").read_text() == "systemPrompt: release 3\n"


def test_an_installed_copy_of_the_new_bundled_file_is_known_unedited(tmp_path: Path) -> None:
    home = build_home(tmp_path, legacy_agents=0, bundled=("coding",))
    bundled = build_bundled_dir(tmp_path, ("coding",))
    installed = home / "agents/coding/coding.yml"
    installed.write_bytes((bundled / "coding" / "coding.yml").read_bytes())  # dexto agents sync
    assert _hook(home, bundled_dir=bundled)[1]["agents/coding/coding.yml"] == "current"
    (bundled / "coding" / "coding.yml").write_text("systemPrompt: a fix\n")
    assert _hook(home, bundled_dir=bundled)[1]["agents/coding/coding.yml"] == "replaced"


@pytest.mark.parametrize(
    ("entry_change", "reported"),
    [
        pytest.param({"bundledHash": "0" * 64}, "unknown key 'bundledHash'", id="bundled-hash"),
        pytest.param({"configPath": None}, "configPath: expected a string", id="wrong-type"),
    ],
)
def test_a_registry_dexto_rejects_is_reported_never_rewritten(
    tmp_path: Path, entry_change: dict[str, object], reported: str
) -> None:
    home = build_home(tmp_path, legacy_agents=1)
    path = home / "agents/registry.json"
    data = json.loads(path.read_text())
    data["agents"][0].update(entry_change)
    path.write_text(json.dumps(data, indent=2) + "\n")
    before = path.read_bytes()
    report = run_hook(HookOptions(home=home, environ=HOOK_ENV))
    outcome = next(o for o in report.outcomes if o.rel == "agents/registry.json")
    assert outcome.status == "skipped" and outcome.line is not None
    assert f'"{next(iter(entry_change))}"' in before.decode().splitlines()[outcome.line - 1]
    assert outcome.reason is not None and reported in outcome.reason
    assert path.read_bytes() == before


def test_read_only_file_and_folder_are_reported_and_untouched(tmp_path: Path) -> None:
    home = build_home(tmp_path, legacy_agents=3)
    ro_file = home / "agents/legacy-0/legacy-0.yml"
    ro_folder = home / "agents/legacy-1"
    ro_file.chmod(0o444)
    ro_folder.chmod(0o555)
    before = snapshot(home)
    try:
        code, statuses = _hook(home)
    finally:
        ro_folder.chmod(0o755)
    assert code == 2
    assert statuses["agents/legacy-0/legacy-0.yml"] == "failed"
    assert statuses["agents/legacy-1/legacy-1.yml"] == "failed"
    assert statuses["agents/legacy-2/legacy-2.yml"] == "migrated"
    after = snapshot(home)
    for rel in ("agents/legacy-0/legacy-0.yml", "agents/legacy-1/legacy-1.yml"):
        assert after[rel] == before[rel]
    assert ro_file.stat().st_mode & 0o777 == 0o444


def test_symlink_leaving_home_is_refused(tmp_path: Path) -> None:
    home = build_home(tmp_path, legacy_agents=1)
    outside = tmp_path / "outside.yml"
    outside.write_text("llm:\n  provider: anthropic\n  model: claude-sonnet-4-5-20250929\n")
    before = outside.read_bytes()
    (home / "agents" / "linked.yml").symlink_to(outside)
    code, statuses = _hook(home)
    assert code == 1 and statuses["agents/linked.yml"] == "skipped"
    assert outside.read_bytes() == before


def test_future_version_is_left_alone(tmp_path: Path) -> None:
    home = build_home(tmp_path, legacy_agents=0)
    future = home / "agents" / "future.yml"
    future.write_text("# dexto-config: schemaVersion=9.0.0\nllm: {provider: x, model: y}\n")
    code, statuses = _hook(home)
    assert (code, statuses["agents/future.yml"]) == (1, "skipped")
    assert future.read_text().startswith("# dexto-config: schemaVersion=9.0.0")


def test_rollback_restores_bytes_and_modes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = build_home(tmp_path, legacy_agents=2)
    (home / "preferences.yml").chmod(0o600)
    before = snapshot(home)
    _hook(home)
    assert snapshot(home) != before
    [backup] = list_backups(home)
    assert (home / "backups" / backup.backup_id).stat().st_mode & 0o777 == 0o700
    assert run(["backups", "list", "--dexto-home", str(home)]) == 0
    assert backup.backup_id in capsys.readouterr().out
    assert run(["rollback", "--dexto-home", str(home)]) == 0
    assert snapshot(home) == before
    assert (home / "preferences.yml").stat().st_mode & 0o777 == 0o600
    code, _ = _hook(home)
    assert code == 0 and snapshot(home) == before


def test_rollback_refuses_paths_escaping_home(tmp_path: Path) -> None:
    home = build_home(tmp_path, legacy_agents=1)
    _hook(home)
    [backup] = list_backups(home)
    manifest = home / "backups" / backup.backup_id / "manifest.json"
    data = json.loads(manifest.read_text())
    data["files"][0]["path"] = "../escaped.yml"
    manifest.write_text(json.dumps(data))
    before = snapshot(home)
    assert run(["rollback", backup.backup_id, "--dexto-home", str(home)]) == 2
    assert snapshot(home) == before and not (tmp_path / "escaped.yml").exists()


def test_keeps_last_five_backups(tmp_path: Path) -> None:
    home = build_home(tmp_path, legacy_agents=1)
    agent = home / "agents/legacy-0/legacy-0.yml"
    legacy = agent.read_text()
    for _ in range(7):
        agent.write_text(legacy)
        _hook(home, from_version="1.5.4")
    assert len(list_backups(home)) == 5


def test_disk_full_while_staging_damages_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from dexto_config.home import journal

    home = build_home(tmp_path / "faulty", legacy_agents=3)
    reference = build_home(tmp_path / "reference", legacy_agents=3)
    _hook(reference)
    before = snapshot(home)
    real_stage = journal.stage_bytes
    calls = {"n": 0}

    def stage_until_full(*args: object, **kwargs: object) -> Path:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_stage(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(journal, "stage_bytes", stage_until_full)
    code, _statuses = _hook(home)
    assert code == 2
    after = snapshot(home)
    migrated = snapshot(reference)
    for rel, data in after.items():
        if rel in before:
            assert data in (before[rel], migrated[rel]), f"{rel} is damaged"
    assert not list(home.rglob("*.dexto-config.tmp"))
    monkeypatch.setattr(journal, "stage_bytes", real_stage)
    _hook(home)
    final = snapshot(home)
    for rel in before:
        assert final[rel] == migrated[rel], f"{rel} did not reach the migrated result"


def test_read_only_file_is_tried_again_until_it_can_be_written(tmp_path: Path) -> None:
    home = build_home(tmp_path, legacy_agents=1)
    agent = home / "agents/legacy-0/legacy-0.yml"
    agent.chmod(0o444)
    assert _hook(home)[1]["agents/legacy-0/legacy-0.yml"] == "failed"
    assert _hook(home)[1]["agents/legacy-0/legacy-0.yml"] == "failed"
    agent.chmod(0o644)
    code, statuses = _hook(home)
    assert (code, statuses["agents/legacy-0/legacy-0.yml"]) == (0, "migrated")
