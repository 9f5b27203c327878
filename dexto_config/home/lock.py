"""An exclusive lock on a Dexto home.

`flock` belongs to the open file description, so the kernel drops it when the
holder dies, however it dies: a crashed hook can never block the next one.
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from types import TracebackType

from dexto_config.home.layout import LOCK_NAME, TOOL_DIR

DEFAULT_WAIT_SECONDS = 10.0
_POLL_SECONDS = 0.05


class LockBusy(Exception):
    """Another process held the home's lock for longer than we were willing to wait."""

    def __init__(self, home: str, waited: float) -> None:
        self.home = home
        super().__init__(f"{home}: another dexto-config run holds the lock (waited {waited:g}s)")


class HomeLock:
    """Context manager holding the exclusive lock of `home` (created if needed)."""

    def __init__(self, home: str, wait_seconds: float = DEFAULT_WAIT_SECONDS) -> None:
        self.home = home
        self.wait_seconds = wait_seconds
        self._fd: int | None = None

    def __enter__(self) -> HomeLock:
        folder = os.path.join(self.home, TOOL_DIR)
        os.makedirs(folder, mode=0o700, exist_ok=True)
        fd = _open_lock_file(os.path.join(folder, LOCK_NAME))
        deadline = time.monotonic() + self.wait_seconds
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise LockBusy(self.home, self.wait_seconds) from None
                time.sleep(_POLL_SECONDS)
        self._fd = fd
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def _open_lock_file(path: str) -> int:
    """Open (creating) the lock file itself, never what a symlink in its place points to.

    A symlink there, dangling or not, is replaced by a plain file: following it
    would create or lock a file outside the home.
    """
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW
    try:
        return os.open(path, flags, 0o600)
    except OSError as error:
        if error.errno != errno.ELOOP:
            raise
    os.unlink(path)
    return os.open(path, flags | os.O_EXCL, 0o600)
