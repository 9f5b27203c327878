"""Which `.env` the Dexto CLI loads as "the project's" (its execution context).

Dexto walks up from the working directory: a folder whose `package.json` is
named `dexto-monorepo` is Dexto's own source; a folder with a project marker
(`agents/registry.json`, `coding-agent.yml`, ...) or a `package.json` that
depends on `dexto` or `@dexto/core` is a Dexto project; `DEXTO_PROJECT_ROOT`
names one directly. The project `.env` is `<root>/.env` for a project, the
source root's `.env` in dev mode (`DEXTO_DEV_MODE=true`), and the home's own
`.env` in Dexto's source otherwise. Read-only.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

from dexto_config.jsonio import read_json

_ROOT_MARKERS = (
    ".dexto/deploy.json",
    ".dexto/cloud/bootstrap.json",
    "coding-agent.yml",
    "coding-agent.yaml",
    "agents/registry.json",
    "agents/agent-registry.json",
    "agents/coding-agent.yml",
    "agents/coding-agent.yaml",
    "agents/coding-agent/coding-agent.yml",
    "agents/coding-agent/coding-agent.yaml",
    "src/dexto/agents/coding-agent.yml",
    "src/dexto/agents/coding-agent.yaml",
)
_DEPENDENCY_SECTIONS = ("dependencies", "devDependencies", "peerDependencies")
_DEXTO_PACKAGES = frozenset({"dexto", "@dexto/core"})


def project_env_path(cwd: Path, home: Path, environ: Mapping[str, str]) -> Path | None:
    """The project `.env` Dexto loads after `<cwd>/.env`, or None outside any project."""
    forced = _forced_root(environ)
    if forced is not None:
        return forced / ".env"
    source = _walk_up(cwd, _is_source)
    if source is not None:
        return source / ".env" if environ.get("DEXTO_DEV_MODE") == "true" else home / ".env"
    project = _walk_up(cwd, _is_project)
    return project / ".env" if project is not None else None


def _forced_root(environ: Mapping[str, str]) -> Path | None:
    value = environ.get("DEXTO_PROJECT_ROOT", "").strip()
    if not value:
        return None
    try:
        root = Path(value).resolve()
    except OSError:
        return None
    if root.is_dir() and (_is_project(root) or _is_source(root) or _has_marker(root)):
        return root
    return None


def _walk_up(start: Path, test: Callable[[Path], bool]) -> Path | None:
    folder = start.absolute()
    for candidate in (folder, *folder.parents):
        if test(candidate):
            return candidate
    return None


def _package(folder: Path) -> dict[str, object] | None:
    try:
        data = read_json((folder / "package.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _package_name(folder: Path) -> str | None:
    name = (_package(folder) or {}).get("name")
    return name if isinstance(name, str) else None


def _is_source(folder: Path) -> bool:
    return _package_name(folder) == "dexto-monorepo"


def _is_project(folder: Path) -> bool:
    name = _package_name(folder)
    if name == "dexto-monorepo" or name == "dexto" or (name or "").startswith("@dexto/"):
        return False
    if _has_marker(folder):
        return True
    package = _package(folder) or {}
    for section in _DEPENDENCY_SECTIONS:
        dependencies = package.get(section)
        if isinstance(dependencies, dict) and (
            "dexto" in dependencies or "@dexto/core" in dependencies
        ):
            return True
    return False


def _has_marker(folder: Path) -> bool:
    return _workspace_scaffold(folder) or any(
        os.path.exists(folder / marker) for marker in _ROOT_MARKERS
    )


def _workspace_scaffold(folder: Path) -> bool:
    """An `AGENTS.md` that calls itself a Dexto workspace, beside `agents/` or `skills/`."""
    try:
        names = os.listdir(folder)
    except OSError:
        return False
    agents_md = next((name for name in names if name.lower() == "agents.md"), None)
    if agents_md is None:
        return False
    try:
        text = (folder / agents_md).read_text(encoding="utf-8", errors="replace").lower()
    except OSError:
        return False
    if "dexto workspace" not in text and "dexto-workspace" not in text:
        return False
    return (folder / "agents").is_dir() or (folder / "skills").is_dir()
