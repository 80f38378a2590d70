"""A per-database lock for the nightly job, safe against killed runs.

The lock is an ``flock`` on ``<db>.nightly.lock``: the kernel drops it when the holder
dies, however it dies, so a stale lock (a file left by a killed run) is taken over by
the next run; the file's contents (pid, start time) only make the message helpful. The
crawl child inherits the locked descriptor (``fileno``), so the lock is held until the run
and its crawl are both gone.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
from pathlib import Path


EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the lock; try again later


class LockHeldError(Exception):
    """Another run holds the lock."""


class RunLock:
    def __init__(self, db_path: str | Path, name: str = "nightly") -> None:
        self.path = Path(f"{db_path}.{name}.lock")
        self._fh = None
        self.took_over_stale = False

    def acquire(self) -> "RunLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "unknown"
            fh.close()
            raise LockHeldError(f"another run holds {self.path} ({holder})") from None
        fh.seek(0)
        previous = fh.read().strip()
        self.took_over_stale = bool(previous)
        fh.seek(0)
        fh.truncate()
        fh.write(json.dumps({"pid": os.getpid(), "started": dt.datetime.now(dt.timezone.utc).isoformat()}))
        fh.flush()
        self._fh = fh
        return self

    def fileno(self) -> int:
        """The locked file's descriptor: a child process that keeps it open (``pass_fds``) holds
        the lock with this one, so a run killed before its crawl child ends is not overlapped."""
        if self._fh is None:
            raise ValueError("the lock is not held")
        return self._fh.fileno()

    def release(self) -> None:
        if self._fh is not None:
            self._fh.seek(0)
            self._fh.truncate()
            self._fh.flush()
            fcntl.flock(self._fh, fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None

    def __enter__(self) -> "RunLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
