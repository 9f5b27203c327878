"""A value that is a whole `$VAR` or `${VAR}` reference, which Dexto expands from the environment.

The one pattern for lint's rules and the migration steps (through their step
API); Dexto's expansion of references inside longer strings is the models'.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

ENV_REFERENCE = re.compile(r"\A\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))\Z")


def env_reference(value: Any) -> str | None:
    """The variable named by a `$VAR` or `${VAR}` reference, else None."""
    if not isinstance(value, str):
        return None
    match = ENV_REFERENCE.match(value)
    if match is None:
        return None
    return match.group(1) or match.group(2)
