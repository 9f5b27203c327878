"""Exit codes shared by every command (DESIGN §5)."""

OK = 0
FINDINGS = 1
USAGE = 2
TEMPFAIL = 75
