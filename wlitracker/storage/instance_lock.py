"""One window per journal: an advisory lock on ``<database>.lock`` held while the window runs.

The operating system releases the lock when the process ends, however it ends
(a crash or ``kill -9`` included), so a stale lock file never blocks the next
start. The command line does not take the lock: SQLite (WAL and a busy
timeout) already keeps concurrent writes safe. Only a restore from the command
line asks whether a window holds it, because replacing the journal under an
open window would leave that window showing the old one.

If the lock file cannot be created (a read-only folder), the window starts
unlocked: opening the database will then say what is wrong.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from pathlib import Path

log = logging.getLogger(__name__)

LOCK_SUFFIX = ".lock"


def lock_path(db_path: Path) -> Path:
    path = Path(db_path)
    return path.with_name(path.name + LOCK_SUFFIX)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class InstanceLock:
    """``acquire`` once; ``False`` means another window has this journal open."""

    def __init__(self, db_path: Path) -> None:
        self.path = lock_path(db_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        if self._fd is not None:
            return True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            log.warning("cannot create the lock file %s (%s); starting unlocked", self.path, error)
            return True
        try:
            locked = _try_lock(fd)
        except OSError as error:  # a file system without locks: do not stand in the way
            log.warning("cannot lock %s (%s); starting unlocked", self.path, error)
            os.close(fd)
            return True
        if not locked:
            os.close(fd)
            return False
        self._fd = fd
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:
            pass
        return True

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)


RAISE_SUFFIX = ".raise"
RAISE_WAIT_SECONDS = 2.0


def raise_request_path(db_path: Path) -> Path:
    """The file a second start writes to ask the running window to come to the front.

    The window watches the journal's folder and removes the file once it has shown
    itself, which is how the second start knows it was heard.
    """
    path = Path(db_path)
    return path.with_name(path.name + RAISE_SUFFIX)


def ask_to_raise(db_path: Path, wait: float | None = None) -> bool:
    """Ask the window that holds the journal to come to the front; whether it did."""
    wait = RAISE_WAIT_SECONDS if wait is None else wait
    request = raise_request_path(db_path)
    try:
        fd = os.open(request, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        try:
            os.write(fd, f"{os.getpid()}\n".encode())
        finally:
            os.close(fd)
    except OSError as error:
        log.warning("cannot ask the running window to come forward (%s)", error)
        return False
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if not request.exists():
            return True
        time.sleep(0.05)
    with contextlib.suppress(OSError):
        request.unlink()
    return False


def holder_pid(db_path: Path) -> int | None:
    """The process id the window wrote into the lock file, if it can be read."""
    try:
        text = lock_path(db_path).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None


def held_elsewhere(db_path: Path) -> bool:
    """Whether another process (a window) holds the journal's lock right now."""
    if not lock_path(db_path).exists():
        return False
    probe = InstanceLock(db_path)
    try:
        return not probe.acquire()
    finally:
        probe.release()
