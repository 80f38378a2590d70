"""Killing a run kills its crawl: the crawl child does not go on fetching and writing on its
own, the run's temporary folder is removed, and the lock is not free while the child lives."""
from __future__ import annotations

import os
import select
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from jobs.lock import LockHeldError, RunLock
from standin.server import serving
from standin.site import Site, build_sites, variants
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def _serve(handler, route) -> None:
    if callable(route):
        route(handler)
        return
    status, content_type, body = route
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _hold_article_pages(site: Site, arrived: threading.Event, release: threading.Event) -> None:
    """Listings answer; every article page waits until ``release`` (the crawl is mid-way)."""
    original = site.get

    def get(path: str):
        route = original(path)
        if path.split("?")[0] not in site.articles:
            return route

        def held(handler) -> None:
            arrived.set()
            release.wait(30)
            try:
                _serve(handler, route)
            except (BrokenPipeError, ConnectionResetError):
                pass
        return held

    site.get = get  # type: ignore[method-assign]


def _crawl_children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (entry / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if ppid == parent and b"crawler.child" in cmdline:
            found.append(int(entry.name))
    return found


def _ends_within(pidfd: int, seconds: float) -> bool:
    """Whether the process behind *pidfd* has ended (within *seconds*), without polling."""
    readable, _, _ = select.select([pidfd], [], [], seconds)
    return bool(readable)


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_killing_the_nightly_ends_its_crawl_child(tmp_path, standin_articles, how):
    articles = variants(standin_articles, 10)
    sites = build_sites(articles, page_size=50)
    arrived, release = threading.Event(), threading.Event()
    for site in sites.values():
        _hold_article_pages(site, arrived, release)
    db, tmp = tmp_path / "k.db", tmp_path / "tmp"
    tmp.mkdir()
    with serving(sites) as mirrors:
        cmd = [sys.executable, str(ROOT / "pipeline.py"), "--db", str(db), "nightly", "--no-polite"]
        cmd += [a for o, origin in mirrors.items() for a in ("--mirror", f"{o}={origin}")]
        parent = subprocess.Popen(cmd, env={**os.environ, "TMPDIR": str(tmp)}, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            assert arrived.wait(120), "the crawl never asked for an article page"
            [child] = _crawl_children(parent.pid)
            pidfd = os.pidfd_open(child)
            assert list(tmp.glob("crawl-*"))  # the run's folder, while it runs
            os.kill(parent.pid, how)
            parent.wait(timeout=60)
            alive = not _ends_within(pidfd, 0)
            try:
                RunLock(db).acquire().release()
                lock_free = True
            except LockHeldError:
                lock_free = False
            if alive and not _ends_within(pidfd, 0):
                assert not lock_free, "a new run could start beside the old crawl"
            release.set()  # the pages in flight are answered; the crawl must still stop
            assert _ends_within(pidfd, 30), "the crawl child outlived its parent"
            os.close(pidfd)
        finally:
            release.set()
            try:
                os.killpg(parent.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    conn = sqlite3.connect(db)
    stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    statuses = [r[0] for r in conn.execute("SELECT status FROM runs WHERE kind = 'nightly'")]
    conn.close()
    assert stored < len(articles) // 2, f"the crawl went on: {stored} of {len(articles)} stored"
    assert not list(tmp.glob("crawl-*")), "the run's temporary folder was left behind"
    RunLock(db).acquire().release()
    if how == signal.SIGTERM:  # a run that is told to stop records itself
        assert statuses == ["interrupted"]
