"""The hook's state file: what every managed file looked like after the last completed run.

The no-op path checks the stamp made from it (`home.stamp`) and reads it
only to print its `--json` answer; plain classes rather than dataclasses keep
that answer cheap.
"""

from __future__ import annotations

import json
from typing import Any

from dexto_config.home.layout import Signature
from dexto_config.jsonio import read_json

CURRENT = "current"
SKIPPED = "skipped"
FAILED = "failed"


class FileRecord:
    """One managed file as the last run left it: signature, version, and why it was skipped."""

    __slots__ = ("column", "kind", "line", "reason", "signature", "status", "version")

    def __init__(
        self,
        *,
        kind: str,
        signature: Signature,
        version: str,
        status: str = CURRENT,
        reason: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.kind = kind
        self.signature = signature
        self.version = version
        self.status = status
        self.reason = reason
        self.line = line
        self.column = column

    def to_json(self) -> dict[str, Any]:
        """The record as JSON data."""
        return {
            "kind": self.kind,
            "size": self.signature[0],
            "mtime_ns": self.signature[1],
            "inode": self.signature[2],
            "version": self.version,
            "status": self.status,
            "reason": self.reason,
            "line": self.line,
            "column": self.column,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileRecord:
        """Read a record written by `to_json`; raises KeyError or TypeError when malformed."""
        return cls(
            kind=str(data["kind"]),
            signature=(int(data["size"]), int(data["mtime_ns"]), int(data["inode"])),
            version=str(data["version"]),
            status=str(data["status"]),
            reason=data["reason"],
            line=data["line"],
            column=data["column"],
        )


class HookState:
    """The whole state: tool and home versions, target, bundled folder, and every file.

    `bundled_hashes` maps each installed bundled agent the hook knows to be
    unedited to the SHA-256 of its bytes as the hook last saw or wrote them.
    """

    __slots__ = (
        "bundled",
        "bundled_dir",
        "bundled_hashes",
        "files",
        "home_version",
        "target",
        "tool_version",
    )

    def __init__(
        self,
        *,
        tool_version: str,
        home_version: str | None,
        target: str,
        files: dict[str, FileRecord],
        bundled_dir: str | None = None,
        bundled: dict[str, Signature] | None = None,
        bundled_hashes: dict[str, str] | None = None,
    ) -> None:
        self.tool_version = tool_version
        self.home_version = home_version
        self.target = target
        self.files = files
        self.bundled_dir = bundled_dir
        self.bundled = bundled or {}
        self.bundled_hashes = bundled_hashes or {}

    def to_bytes(self) -> bytes:
        """The state file's contents."""
        data = {
            "tool_version": self.tool_version,
            "home_version": self.home_version,
            "target": self.target,
            "bundled_dir": self.bundled_dir,
            "bundled": {rel: list(sig) for rel, sig in self.bundled.items()},
            "bundled_hashes": self.bundled_hashes,
            "files": {rel: record.to_json() for rel, record in self.files.items()},
        }
        return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8")


def load_state(path: str) -> HookState | None:
    """The state stored at `path`, or None when it is missing or unreadable."""
    try:
        with open(path, "rb") as handle:
            data = read_json(handle.read())
        return HookState(
            tool_version=str(data["tool_version"]),
            home_version=data["home_version"],
            target=str(data["target"]),
            bundled_dir=data["bundled_dir"],
            bundled={rel: _signature(sig) for rel, sig in data["bundled"].items()},
            bundled_hashes={str(rel): str(h) for rel, h in data["bundled_hashes"].items()},
            files={rel: FileRecord.from_json(rec) for rel, rec in data["files"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _signature(value: list[int]) -> Signature:
    size, mtime_ns, inode = value
    return (int(size), int(mtime_ns), int(inode))
