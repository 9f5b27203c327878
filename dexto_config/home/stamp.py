"""The state's stamp: what the no-op path checks, read without `json` (DESIGN §9).

`json` brings `re` and `enum` and alone would cost a hook run with nothing to
do more than its whole budget, so every time the full path (`home.records`)
writes `state.json` it writes a stamp beside it: a header line, then a `Stamp`
in `marshal` format (built into the interpreter). The header holds the
payload's length and CRC-32, and the stamp holds the signature of the state
file it was made with. A stamp counts only while both still match, so one that
is damaged, or outlived by a state edited by hand or written by another
version of the tool, reads as None and the full path runs. The full path
removes the stamp before it replaces the state, so a crash between the two
writes leaves no stamp rather than a stale one.
"""

from __future__ import annotations

import binascii
import marshal

from dexto_config.home import layout

TYPE_CHECKING = False
if TYPE_CHECKING:
    from dexto_config.home.layout import Listing, Signature

_FORMAT = 1
# What reading a payload raises when it is not a Stamp's fields in marshal format.
_NOT_A_STAMP = (EOFError, ValueError, TypeError)


class Stamp:
    """What the no-op path needs of the state: the state file it was made with, the
    versions, the bundled folder, every signature, whether a failed write awaits a retry,
    and the agent folders it need not list again."""

    __slots__ = (
        "bundled",
        "bundled_dir",
        "files",
        "home_version",
        "listings",
        "retry",
        "state",
        "target",
        "tool_version",
    )

    def __init__(
        self,
        *,
        state: Signature,
        listings: dict[str, Listing],
        tool_version: str,
        home_version: str | None,
        target: str,
        bundled_dir: str | None,
        bundled: dict[str, Signature],
        files: dict[str, Signature],
        retry: bool,
    ) -> None:
        self.state = state
        """The signature of `state.json` as the full path wrote it."""
        self.listings = listings
        """Agent folders the no-op need not list while their signatures hold."""
        self.tool_version = tool_version
        self.home_version = home_version
        self.target = target
        self.bundled_dir = bundled_dir
        self.bundled = bundled
        self.files = files
        """Every managed file's signature, by home-relative path."""
        self.retry = retry
        """A write failed on the last run: the next one tries it again."""


def stamp_bytes(stamp: Stamp) -> bytes:
    """The contents of a stamp file."""
    payload = marshal.dumps({name: getattr(stamp, name) for name in Stamp.__slots__})
    return _header(payload) + b"\n" + payload


def read_stamp(home: str) -> Stamp | None:
    """The stamp of `home`, or None unless it is intact and its state file unchanged."""
    try:
        with open(layout.tool_path(home, layout.STAMP_NAME), "rb") as handle:
            header, _, payload = handle.read().partition(b"\n")
    except OSError:
        return None
    if header != _header(payload):
        return None
    try:
        stamp = Stamp(**marshal.loads(payload))
    except _NOT_A_STAMP:
        return None
    state = layout.signature(layout.tool_path(home, layout.STATE_NAME))
    return stamp if state is not None and state == stamp.state else None


def _header(payload: bytes) -> bytes:
    return b"dexto-config state stamp %d: %d bytes, crc32 %08x" % (
        _FORMAT,
        len(payload),
        binascii.crc32(payload),
    )
