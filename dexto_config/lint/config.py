"""Lint configuration: `[tool.dexto-config]` in pyproject.toml or a `.dexto-config.toml`.

The nearest file found upward from a linted file's folder applies to it. In a
folder holding both, `.dexto-config.toml` wins. Command-line `--select` and
`--ignore` replace the configured lists.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from dexto_config import catalog
from dexto_config.lint.findings import Severity
from dexto_config.lint.registry import all_rules
from dexto_config.records import Record
from dexto_config.versions import (
    LATEST_VERSION,
    FutureSchemaVersion,
    UnknownSchemaVersion,
    effective_version,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

CONFIG_FILES = (".dexto-config.toml", "pyproject.toml")
_KEYS = frozenset(
    {"select", "ignore", "per-file-ignores", "extra-known-models", "severity", "dexto-version"}
)


class ConfigError(Exception):
    """The lint configuration is malformed, or names a rule that does not exist."""


class LintConfig(Record):
    """One configuration file's settings (or the defaults when `source` is None)."""

    source: Path | None = None
    select: tuple[str, ...] = ("DX",)
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    extra_known_models: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    dexto_version: str | None = None

    def with_overrides(
        self,
        select: tuple[str, ...] | None,
        ignore: tuple[str, ...] | None,
        dexto_version: str | None = None,
    ) -> LintConfig:
        """This configuration with the command line's `--select`/`--ignore`/`--dexto-version`."""
        return self._replace(
            select=self.select if select is None else select,
            ignore=self.ignore if ignore is None else ignore,
            dexto_version=dexto_version or self.dexto_version,
        )

    def enabled_codes(self, path: Path) -> frozenset[str]:
        """The codes of the rules that run on `path`."""
        if not self.per_file_ignores:
            return _enabled(self.select, self.ignore)
        ignored = list(self.ignore)
        relative = self._relative(path)
        for pattern, codes in self.per_file_ignores:
            if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(path.name, pattern):
                ignored.extend(codes)
        return _enabled(self.select, tuple(ignored))

    def severity_of(self, code: str, default: Severity) -> Severity:
        """The configured severity of rule `code`, else its default."""
        return dict(self.severity).get(code, default)

    def _relative(self, path: Path) -> str:
        base = self.source.parent if self.source is not None else Path.cwd()
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


class ConfigFinder:
    """Finds (and caches per folder) the configuration that applies to a file."""

    __slots__ = ("_by_folder", "explicit")

    def __init__(self, explicit: LintConfig | None = None) -> None:
        self.explicit = explicit
        self._by_folder: dict[Path, LintConfig] = {}

    def for_file(self, path: Path) -> LintConfig:
        """The configuration of the nearest config file above `path`, or the defaults."""
        if self.explicit is not None:
            return self.explicit
        return self._for_folder(path.absolute().parent)

    def _for_folder(self, folder: Path) -> LintConfig:
        cached = self._by_folder.get(folder)
        if cached is not None:
            return cached
        found = _config_in(folder)
        if found is None:
            found = LintConfig() if folder.parent == folder else self._for_folder(folder.parent)
        self._by_folder[folder] = found
        return found


def _config_in(folder: Path) -> LintConfig | None:
    for name in CONFIG_FILES:
        candidate = folder / name
        if candidate.is_file():
            table = _table(candidate)
            if table is not None:
                return load_table(table, candidate)
    return None


def load_config_file(path: Path) -> LintConfig:
    """The configuration in `path` (a pyproject.toml or a .dexto-config.toml)."""
    table = _table(path)
    return load_table(table or {}, path)


def _table(path: Path) -> dict[str, Any] | None:
    import tomllib  # ~5 ms, paid only where a configuration file exists

    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        reason = error.strerror or str(error)
        raise ConfigError(f"{path}: cannot read the configuration: {reason}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the configuration: {error}") from None
    except RecursionError:  # tomllib recurses once per nesting level
        raise ConfigError(f"{path}: cannot read the configuration: nested too deeply") from None
    tool = document.get("tool", {})
    section = tool.get("dexto-config") if isinstance(tool, dict) else None
    if isinstance(section, dict):
        return section
    if path.name == "pyproject.toml":
        return None
    return {key: value for key, value in document.items() if key != "tool"}


def load_table(table: Mapping[str, Any], source: Path) -> LintConfig:
    """Build a configuration from a `[tool.dexto-config]` table; raises ConfigError."""
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(
            f"{source}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(_KEYS))}"
        )
    where = str(source)
    return LintConfig(
        source=source,
        select=tuple(check_selectors(_strings(table, "select", where, ["DX"]), where)),
        ignore=tuple(check_selectors(_strings(table, "ignore", where, []), where)),
        per_file_ignores=tuple(
            (pattern, tuple(check_selectors(codes, where)))
            for pattern, codes in _string_lists(table, "per-file-ignores", where).items()
        ),
        extra_known_models=tuple(
            (_provider(name, where), tuple(models))
            for name, models in _string_lists(table, "extra-known-models", where).items()
        ),
        severity=tuple(_severities(table.get("severity", {}), where)),
        dexto_version=_dexto_version(table.get("dexto-version"), where),
    )


def _dexto_version(value: Any, where: str) -> str | None:
    """The `dexto-version` setting: a known Dexto release (or one between two known ones)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(f'{where}: dexto-version must be a string such as "{LATEST_VERSION}"')
    try:
        effective_version(value)
    except (FutureSchemaVersion, UnknownSchemaVersion) as error:
        raise ConfigError(f"{where}: dexto-version: {error}") from None
    return value


class UnknownSelector(ConfigError):
    """A selector that matches no rule; `detail` says so without naming where it was given."""

    def __init__(self, selector: str, where: str) -> None:
        self.detail = f"{selector!r} matches no rule (see `dexto-config rules`)"
        super().__init__(f"{where}: {self.detail}")


def check_selectors(selectors: list[str], where: str) -> list[str]:
    """`selectors` (codes, code prefixes or rule names) if each matches a rule."""
    for selector in selectors:
        if not any(_matches(r.code, r.name, [selector]) for r in all_rules()):
            raise UnknownSelector(selector, where)
    return selectors


@cache
def _enabled(select: tuple[str, ...], ignore: tuple[str, ...]) -> frozenset[str]:
    return frozenset(
        r.code
        for r in all_rules()
        if _matches(r.code, r.name, select) and not _matches(r.code, r.name, ignore)
    )


def _provider(name: str, where: str) -> str:
    if not catalog.is_provider(name):
        raise ConfigError(f"{where}: `extra-known-models` names unknown provider {name!r}")
    return name


def _matches(code: str, name: str, selectors: tuple[str, ...] | list[str]) -> bool:
    return any(code.startswith(s.upper()) or name == s.lower() for s in selectors)


def _strings(table: Mapping[str, Any], key: str, where: str, default: list[str]) -> list[str]:
    value = table.get(key, default)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: `{key}` must be a list of strings")
    return value


def _string_lists(table: Mapping[str, Any], key: str, where: str) -> dict[str, list[str]]:
    value = table.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: `{key}` must be a table of lists of strings")
    return {name: _strings(value, name, f"{where}: `{key}`", []) for name in value}


def _severities(value: Any, where: str) -> list[tuple[str, Severity]]:
    if not isinstance(value, dict):
        raise ConfigError(f'{where}: `severity` must be a table such as {{DX402 = "error"}}')
    codes = {r.code for r in all_rules()}
    result = []
    for code, level in value.items():
        if code.upper() not in codes:
            raise ConfigError(f"{where}: `severity` names unknown rule {code!r}")
        try:
            result.append((code.upper(), Severity(level)))
        except ValueError:
            raise ConfigError(
                f"{where}: severity of {code} must be error, warning or info, not {level!r}"
            ) from None
    return result
