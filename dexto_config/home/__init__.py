"""The Dexto home: discovery, state, lock, journal, backups and atomic writes (DESIGN §6).

Kept import-light: the hook's fast path imports modules from this package.
"""
