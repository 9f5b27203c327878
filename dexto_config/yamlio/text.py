"""The one decoder of a configuration file's bytes: the text Dexto reads.

Dexto reads every configuration file, YAML or JSON, with
`fs.readFile(path, 'utf-8')`: a byte-order mark is kept as U+FEFF (the YAML
parser skips it, `JSON.parse` refuses it) and every malformed UTF-8 sequence
becomes U+FFFD, so such a file loads. Import-light: the JSON reader and the
hook's fast path use it without PyYAML.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from dexto_config.yamlio.positions import Position


def decode(raw: bytes) -> str:
    """The text Dexto parses: a BOM is kept, malformed bytes become U+FFFD (as Node does)."""
    return raw.decode("utf-8", "replace")


def first_invalid_byte(raw: bytes) -> Position | None:
    """Where the first byte that is not UTF-8 sits (line and column in the decoded text)."""
    # Imported here: `decode` serves the hook's no-op path, which must stay import-light.
    from dexto_config.yamlio.positions import Position

    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = decode(raw[: error.start])
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        return Position(line, col, line, col + 1)
    return None
