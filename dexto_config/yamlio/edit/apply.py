"""Applying and verifying edits: the pending `TextEdit`s, spliced into the original text,
and the checks the result must pass before it may be written.

An edit that overlaps an earlier one is refused at once (`OverlappingEdits`);
a removal drops the earlier edits it makes pointless. The spliced text must
parse back to the intended data, keep the version marker first, stay JSON for
a JSON file, and not change a keep-chomped (`|+`) block scalar by putting
blank lines after it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from yaml.nodes import ScalarNode

from dexto_config.jsonio import read_json
from dexto_config.yamlio.edit.errors import EditVerificationError, OverlappingEdits, UnsupportedEdit
from dexto_config.yamlio.edit.lines import starts_with_line
from dexto_config.yamlio.edit.locate import OriginalText, walk
from dexto_config.yamlio.fast import DataPath, Position, YamlSyntaxError, parse

_BLANK_LINE_RE = re.compile(r"[ \t]*(?:\r\n|\r|\n)")
_KEEP_HEADER_RE = re.compile(r"[|>][-+0-9]*")
_TRAILING_BLANK_LINES = re.compile(r"(\r?\n)(?:[ \t]*\r?\n)+\Z")


@dataclass(frozen=True, slots=True)
class TextEdit:
    """Replace the characters [start, end) of the original text with `text`."""

    start: int
    end: int
    text: str
    sequence: int
    owner: DataPath
    removal: bool

    def overlaps(self, other: TextEdit) -> bool:
        """True when the two edits cannot both be applied unambiguously."""
        if self.start < other.end and other.start < self.end:
            return True
        return _strictly_inside(self, other) or _strictly_inside(other, self)

    def made_moot_by(self, removal: TextEdit, removed: DataPath) -> bool:
        """True when removing `removed` with `removal` makes this edit pointless.

        That holds for edits of the removed entry's own subtree, and for removals of
        other entries whose text the new span swallows; anything else inside it,
        such as a sibling added there, is an overlap.
        """
        if self.owner[: len(removed)] == removed:
            return True
        inside = removal.start <= self.start and self.end <= removal.end
        return self.removal and inside


def _strictly_inside(insertion: TextEdit, span: TextEdit) -> bool:
    return insertion.start == insertion.end and span.start < insertion.start < span.end


class PendingEdits:
    """The edits recorded so far, in the order they were made.

    An edit may fill a `slot` (a node's text, the marker line): a later edit of
    the same slot replaces it instead of overlapping it.
    """

    def __init__(self) -> None:
        self._edits: list[TextEdit] = []
        self._sequence = 0
        self._slots: dict[Hashable, TextEdit] = {}

    def __bool__(self) -> bool:
        return bool(self._edits)

    def add(
        self,
        start: int,
        end: int,
        text: str,
        *,
        owner: DataPath,
        removes: DataPath | None = None,
        first: bool = False,
        slot: Hashable | None = None,
    ) -> None:
        """Record an edit of `owner`'s text; `first` puts an insertion before others there.

        `removes` names the entry the edit removes (its own edits become moot).
        """
        if slot is not None:
            self.clear(slot)
        sequence = -1 if first else self._sequence
        edit = TextEdit(start, end, text, sequence, owner, removal=removes is not None and not text)
        self._sequence += 1
        kept = self._edits
        if removes is not None:
            kept = [old for old in kept if not old.made_moot_by(edit, removes)]
        for old in kept:
            if edit.overlaps(old):
                raise OverlappingEdits(
                    f"an edit of characters {start}-{end} overlaps an earlier edit of "
                    f"{old.start}-{old.end}; make one edit per node"
                )
        kept.append(edit)
        self._edits = kept
        if slot is not None:
            self._slots[slot] = edit

    def clear(self, slot: Hashable) -> None:
        """Forget the edit that fills `slot`, if any."""
        edit = self._slots.pop(slot, None)
        if edit is not None:
            self._edits = [kept for kept in self._edits if kept is not edit]

    def spliced(self, original: str, position: int = 0) -> str:
        """The edited text from where original `position` ends up ("" inside an edit)."""
        pieces: list[str] = []
        previous = position
        for edit in sorted(self._edits, key=lambda e: (e.start, e.end, e.sequence)):
            if edit.start < position:
                if edit.end > position:
                    return ""
                continue
            pieces.append(original[previous : edit.start])
            pieces.append(edit.text)
            previous = edit.end
        pieces.append(original[previous:])
        return "".join(pieces)


def verified_text(
    source: OriginalText, edits: PendingEdits, intended: Any, marker: str | None, *, as_json: bool
) -> str:
    """The original text with `edits` applied, checked to read back as `intended`.

    Blank lines a removal leaves at the end of the file are dropped, unless
    they are a block scalar's text.
    Raises EditVerificationError when it does not (or loses the marker line
    `marker`, or is no longer JSON), UnsupportedEdit when it would change a
    keep-chomped block scalar.
    """
    text = edits.spliced(source.text)
    if not edits:
        return text
    _refuse_blank_lines_joining_kept_scalars(source, edits)
    trimmings = _without_new_trailing_blank_lines(text, source.text)
    verified = next((trimmed for trimmed in trimmings if _reads_as(trimmed, intended)), None)
    if verified is None:
        raise EditVerificationError("the edited text does not parse to the intended data")
    text = verified
    if marker is not None and not starts_with_line(text, marker):
        raise EditVerificationError("the version marker is not the first line")
    if as_json:
        refuse_invalid_json(text)
    return text


def _reads_as(text: str, intended: Any) -> bool:
    """Whether `text` parses to `intended`; EditVerificationError when it is not YAML."""
    try:
        reparsed = parse(text).data
    except YamlSyntaxError as error:
        raise EditVerificationError(f"the edited text is not valid YAML: {error}") from None
    return same(reparsed, intended)


def refuse_invalid_json(text: str) -> None:
    """Raise YamlSyntaxError (positioned) unless `text` is JSON."""
    try:
        read_json(text)
    except json.JSONDecodeError as error:
        position = Position(error.lineno, error.colno, error.lineno, error.colno)
        raise YamlSyntaxError(f"invalid JSON: {error.msg}", position) from None


def same(left: Any, right: Any) -> bool:
    """Deep equality that tells 1, 1.0 and True apart, keeps key order and equates NaNs."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return list(left) == list(right) and all(same(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(same, left, right))
    if isinstance(left, float) and math.isnan(left):
        return math.isnan(right)
    return bool(left == right)


def _without_new_trailing_blank_lines(edited: str, original: str) -> list[str]:
    """`edited` without the blank lines a removal left at the end of the file,
    then with ever fewer of them removed, ending with `edited` itself.

    The blank lines that separated a removed last entry from the one before it
    belonged to the removed entry; a file that did not end in blank lines does
    not start to. Those that are a block scalar's text (after a `|+`, or lines
    of spaces past its indentation) stay: the caller takes the first candidate
    that still reads as intended.
    """
    found = None if _TRAILING_BLANK_LINES.search(original) else _TRAILING_BLANK_LINES.search(edited)
    if found is None:
        return [edited]
    kept = edited[: found.end(1)]
    blank_lines = edited[found.end(1) :].splitlines(keepends=True)
    return [kept + "".join(blank_lines[:count]) for count in range(len(blank_lines) + 1)]


def _refuse_blank_lines_joining_kept_scalars(source: OriginalText, edits: PendingEdits) -> None:
    """Refuse edits that put blank lines right after a keep-chomped (`|+`) block scalar.

    Those blank lines are the user's and stay, but after a `|+` scalar they
    would become part of its value; the user has to decide which to give up.
    """
    text = source.text
    for node in walk(source.root) if source.root is not None else []:
        if not isinstance(node, ScalarNode) or node.style not in ("|", ">"):
            continue
        header = _KEEP_HEADER_RE.search(text, node.start_mark.index)
        end = node.end_mark.index
        if header is None or "+" not in header.group() or _BLANK_LINE_RE.match(text, end):
            continue
        if _BLANK_LINE_RE.match(edits.spliced(text, end)):
            raise UnsupportedEdit(
                f"this edit would put blank lines right after the keep (`|+`) block scalar "
                f"on line {node.start_mark.line + 1}, changing its value; "
                "remove the blank lines or make the edit by hand"
            )
