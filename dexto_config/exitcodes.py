"""The exit codes of every command (DESIGN §5): one table, one meaning per code.

`dexto_config.entry` and `dexto_config.home.report` repeat the values they use
without importing this module, to keep the hook's no-op path to the modules it
needs; `tests/test_exitcodes.py` holds them equal.
"""

OK = 0
"""All good: nothing found at or above the threshold; every file migrated or current."""
FINDINGS = 1
"""Findings, invalid or refused files, or (`migrate --check`) files that would change."""
USAGE_OR_IO = 2
"""The run could not do its job: a usage error, a file that cannot be read or written,
stdout that cannot be written, or an internal error (reported in one line)."""
TEMPFAIL = 75
"""The hook and rollback only: another run holds the home's lock past the wait (EX_TEMPFAIL)."""
