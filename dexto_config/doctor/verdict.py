"""What `doctor` answers for one agent, and its JSON form (DESIGN §14)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

ChangedBy = Literal["startup-fallback", "preferences"]
MODEL_AUTH = "model-auth.yml"
FILE = "file"


@dataclass(frozen=True, slots=True)
class Credential:
    """The variable that supplies the key sent and where it was found (never its value).

    `found_in` is `environment`, `home .env`, `cwd .env`, `project .env`,
    `auth.json`, `model-auth.yml` (an OAuth login profile) or `file` (a literal
    key in a file; `variable` is then None).
    """

    variable: str | None
    found_in: str

    def to_json(self) -> dict[str, Any]:
        return {"variable": self.variable, "found_in": self.found_in}


@dataclass(frozen=True, slots=True)
class Effective:
    """The provider and model Dexto runs, what changed them, and the endpoint.

    `base_url` is shown as written (a value from the environment only by its
    variable's name); None for the provider's own default.
    """

    provider: str | None
    model: str | None
    changed_by: ChangedBy | None = None
    base_url: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"provider": self.provider, "model": self.model, "changed_by": self.changed_by}


@dataclass(frozen=True, slots=True)
class Verdict:
    """One agent: configured and effective LLM, the credential, and every surprise.

    `stopped`: Dexto does not get as far as running this agent (the login gate,
    or a file it cannot load); `effective` is then the configured LLM or None.
    """

    path: str
    configured_provider: str | None
    configured_model: str | None
    effective: Effective | None
    credential: Credential | None
    problems: tuple[str, ...]
    stopped: bool = False

    def to_json(self) -> dict[str, Any]:
        """The §14 record: path, configured, effective, credential, problems."""
        return {
            "path": self.path,
            "configured": {"provider": self.configured_provider, "model": self.configured_model},
            "effective": None if self.effective is None else self.effective.to_json(),
            "credential": None if self.credential is None else self.credential.to_json(),
            "problems": list(self.problems),
        }


def report_json(version: str, verdicts: list[Verdict]) -> dict[str, Any]:
    """The whole `doctor --json` document."""
    return {"dexto_version": version, "agents": [verdict.to_json() for verdict in verdicts]}
