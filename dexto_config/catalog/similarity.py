"""Did-you-mean: the closest known IDs by edit distance, favouring the same family."""

from __future__ import annotations

import re
from collections.abc import Iterable

_MIN_SCORE = 0.6
_FAMILY_BONUS = 0.15
_NOT_A_WORD = re.compile(r"[^a-z]+")


def family(model_id: str) -> str:
    """The words of an ID without vendor, versions and dates: `claude-4-sonnet-20250514`
    and `claude-sonnet-4-5` are both `claude sonnet`."""
    words = _NOT_A_WORD.split(model_id.lower().rpartition("/")[2])
    return " ".join(word for word in words if word)


def closest(query: str, candidates: Iterable[str], n: int) -> list[str]:
    """Up to `n` candidates most similar to `query`, best first; none below a floor."""
    from difflib import SequenceMatcher  # only when an ID is unknown

    wanted = query.lower()
    wanted_family = family(query)
    matcher = SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted)
    scored: list[tuple[float, str]] = []
    for candidate in candidates:
        matcher.set_seq1(candidate.lower())
        if matcher.real_quick_ratio() < _MIN_SCORE - _FAMILY_BONUS:
            continue
        score = matcher.ratio()
        if wanted_family and family(candidate) == wanted_family:
            score += _FAMILY_BONUS
        if score >= _MIN_SCORE:
            scored.append((score, candidate))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [candidate for _, candidate in scored[:n]]
