"""Which process a run record belongs to, and whether that process still lives.

A run is recorded "running" when it starts; when its process is killed the record stays
so. Each record names its owner (host, pid, and the process's start time where the system
tells it, so that a pid used again by another process is not taken for the run), and
whatever finds a "running" record whose owner is gone marks it interrupted.
"""
from __future__ import annotations

import os
import socket
from pathlib import Path


def run_owner() -> dict:
    """The owner of a run started by this process, as stored in the run record."""
    pid = os.getpid()
    return {"host": socket.gethostname(), "pid": pid, "pid_start": _start_time(pid)}


def owner_alive(owner: dict | None) -> bool:
    """Whether the process that owns a run still lives. A record without an owner (written
    before records named one) is taken for dead; a run of another host for alive (we cannot
    tell)."""
    if not owner or not owner.get("pid"):
        return False
    if owner.get("host") not in (None, socket.gethostname()):
        return True
    pid = int(owner["pid"])
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, someone else's
    started = _start_time(pid)
    if started is None:
        return not _zombie(pid)
    return started == owner.get("pid_start", started) and not _zombie(pid)


def _stat_fields(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()  # after "pid (command)": state, ppid, ...


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks after boot (Linux), else None."""
    fields = _stat_fields(pid)
    return fields[19] if fields and len(fields) > 19 else None


def _zombie(pid: int) -> bool:
    fields = _stat_fields(pid)
    return bool(fields) and fields[0] in ("Z", "X")
