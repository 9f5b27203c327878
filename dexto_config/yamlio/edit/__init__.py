"""Editable documents: change a YAML or JSON file by minimal text edits (DESIGN §4).

Nothing is ever re-dumped. Each operation locates its nodes in the *original*
text by libyaml's marks (`locate`), plans the character spans it replaces and
the text it writes (`plan`, with moved lines from `fragments`), and records
them with the intended plain data (`document`). `to_bytes()` splices the edits
into the original text, re-parses the result and checks it equals the
intended data (`apply`), so a wrong edit raises instead of writing a damaged
file. Every character outside the edited spans is kept as it was: BOM, line
endings, final newline (or its absence), comments, quoting, anchors, tabs.

Choices:
- Removing the only entry of a block mapping writes `{}` as that mapping's
  value (`llm: {}`), so the key keeps its meaning of "an empty mapping"; the
  root mapping becomes a `{}` line.
- A node reached through an alias, or one that carries an anchor used
  elsewhere, is never edited (`AliasedNodeError`): changing it would change
  every use of it.
- Scalars with an explicit tag and block scalars (`|`, `>`) are not replaced
  (`UnsupportedEdit`); no migration needs it and a guess could change meaning.
- Removing the last entry of a file without a final newline leaves the line
  before it (often a user's comment) byte-identical, ending included, so the
  file then ends with a newline (DESIGN §4: "so be it").
- In a flow mapping, an item is cut up to the next remaining item (or from the
  previous one), so comments between flow items go with it.
- Positions (`position()`) refer to the original text.
"""

from __future__ import annotations

from dexto_config.yamlio.edit.document import EditableDocument, JsonDocument
from dexto_config.yamlio.edit.errors import (
    AliasedNodeError,
    EditError,
    EditVerificationError,
    OverlappingEdits,
    PathNotFound,
    UndecodableInput,
    UnsupportedEdit,
)
from dexto_config.yamlio.edit.fragments import CommentsAbove, Fragment, SourceLines

__all__ = [
    "AliasedNodeError",
    "CommentsAbove",
    "EditError",
    "EditVerificationError",
    "EditableDocument",
    "Fragment",
    "JsonDocument",
    "OverlappingEdits",
    "PathNotFound",
    "SourceLines",
    "UndecodableInput",
    "UnsupportedEdit",
]
