"""The crawl child dies with its parent.

Killing ``pipeline.py crawl`` or ``nightly`` (SIGTERM, SIGKILL, a crash) must not leave its
crawl child fetching and writing on its own. On Linux the kernel sends the child SIGTERM the
moment its parent dies (``prctl(PR_SET_PDEATHSIG)``), which Scrapy turns into a graceful
stop; a watcher thread (the only means elsewhere) sees the parent gone and, a second later,
sends SIGTERM again, which Scrapy takes as "stop now" (a graceful stop waits for requests
in flight, and a hanging site never answers them). Should even that not end the process
within ``grace`` seconds, the watcher cleans up and ends it.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import signal
import sys
import threading
import time
from typing import Callable

log = logging.getLogger(__name__)
PR_SET_PDEATHSIG = 1
ORPHAN_EXIT = 70
FORCE_AFTER_SECONDS = 1.0  # between the SIGTERM that asks Scrapy to stop and the one that insists


def die_with_parent(parent_pid: int, cleanup: Callable[[], None], *, grace: float = 10.0,
                    poll_seconds: float = 0.5) -> None:
    """End this process soon after *parent_pid*, its parent, has died: SIGTERM at once (Linux),
    again a second later, then, *grace* seconds later, *cleanup* and an immediate exit."""
    prompt = _set_parent_death_signal(signal.SIGTERM)
    threading.Thread(target=_watch, args=(parent_pid, cleanup, grace, poll_seconds, not prompt),
                     name="lifeline", daemon=True).start()
    if not parent_alive(parent_pid) and prompt:  # the parent died before we asked
        os.kill(os.getpid(), signal.SIGTERM)


def parent_alive(parent_pid: int) -> bool:
    """An orphan is adopted by another process (init or a subreaper)."""
    return os.getppid() == parent_pid


def _set_parent_death_signal(signum: int) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(signum), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent_pid: int, cleanup: Callable[[], None], grace: float, poll_seconds: float,
           signal_first: bool) -> None:
    while parent_alive(parent_pid):
        time.sleep(poll_seconds)
    if signal_first:
        os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(FORCE_AFTER_SECONDS)
    os.kill(os.getpid(), signal.SIGTERM)  # the second: Scrapy stops without waiting for requests
    time.sleep(grace)
    log.warning("the parent process %s is gone and the crawl did not stop: ending it", parent_pid)
    cleanup()
    os._exit(ORPHAN_EXIT)
