"""Bundled agents: the bundled copy of an installed agent, and whether the user edited it.

Dexto installs bundled agent `<id>` as `agents/<id>/<id>.yml` and records nothing
about it: its `dexto agents sync` compares the installed file's SHA-256 with the
bundled file's at run time, and `agents/registry.json` entries are strict (no
room for a hash). So the hook knows an installed file is unedited when its bytes
are byte-identical to the new or the previous release's bundled copy, or hash to
what the hook's own state recorded: the bundled file it installed, or an
unedited file as it last saw or migrated it.
"""

from __future__ import annotations

from pathlib import Path

from dexto_config.home.digest import sha256_hex


def bundled_copy(folder: Path | None, rel: str) -> bytes | None:
    """The bytes of `folder/<id>/<id>.yml` for the home file `agents/<id>/<id>.yml`, if any."""
    parts = rel.split("/")
    if folder is None or len(parts) != 3 or parts[0] != "agents" or parts[2] != f"{parts[1]}.yml":
        return None
    try:
        return (folder / parts[1] / parts[2]).read_bytes()
    except OSError:
        return None


def is_unedited(raw: bytes, recorded_hash: str | None, copies: tuple[bytes | None, ...]) -> bool:
    """True when `raw` is a bundled copy, or hashes to the hook's recorded bundled hash."""
    return any(raw == copy for copy in copies if copy is not None) or (
        recorded_hash is not None and sha256_hex(raw) == recorded_hash
    )
