"""Run one crawl in a child process and hand back its stats.

Scrapy's Twisted reactor cannot be restarted inside a process, and the nightly job,
the tests and the demo crawl more than once per process; so each crawl runs the
spider in a short-lived child (``python -m crawler.child``) that gets plain arguments
as JSON and writes its stats back as JSON.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from crawler.config import OutletConfig
from crawler.health import OutletHealth, outlet_health
from crawler.settings import CrawlOptions

log = logging.getLogger(__name__)
STOP_GRACE_SECONDS = 10.0
FORCE_AFTER_SECONDS = 1.0


class CrawlError(Exception):
    """The crawl could not run at all (as opposed to pages that failed)."""


@dataclass(frozen=True)
class CrawlResult:
    stats: dict
    health: list[OutletHealth]

    @property
    def degraded(self) -> bool:
        return any(h.degraded for h in self.health)

    @property
    def status(self) -> str:
        """"failed" when no outlet could be read at all, "degraded" when one is not ok
        (layout alarm, failed requests, a site that is down), else "success"."""
        if self.health and all(h.failed for h in self.health):
            return "failed"
        return "degraded" if any(h.status != "ok" for h in self.health) else "success"

    def count(self, key: str) -> int:
        return int(self.stats.get(key, 0))


def run_crawl(sources_path: str | Path, outlets: list[OutletConfig], db_path: str | Path,
              known: dict[str, set[str]], *, mirrors: dict[str, str] | None = None, mode: str = "incremental",
              since: dt.date | dict[str, dt.date | None] | None = None, until: dt.date | None = None,
              options: CrawlOptions = CrawlOptions(), urls: list[str] | None = None,
              keep_fds: tuple[int, ...] = ()) -> CrawlResult:
    """Crawl the given outlets into the database; returns stats and layout health.

    The child dies with this process (``crawler.lifeline``); when this process is stopped
    (Ctrl-C, or SIGTERM turned into an exception by the CLI) the child is stopped too before
    the exception goes on. *keep_fds* stay open in the child (the run lock: an ``flock`` held
    until the child is gone too)."""
    with tempfile.TemporaryDirectory(prefix="crawl-") as tmp:
        stats_path = Path(tmp) / "stats.json"
        args_path = Path(tmp) / "args.json"
        args_path.write_text(json.dumps({
            "sources": str(sources_path), "outlets": [o.id for o in outlets], "db": str(db_path),
            "known": {k: sorted(v) for k, v in known.items()}, "mirrors": mirrors or {}, "mode": mode,
            "since": ({k: v.isoformat() if v else None for k, v in since.items()} if isinstance(since, dict)
                      else since.isoformat() if since else None),
            "until": until.isoformat() if until else None,
            "options": asdict(options), "urls": urls or [], "stats": str(stats_path),
            "parent_pid": os.getpid(),
        }), encoding="utf-8")
        root = str(Path(__file__).resolve().parents[1])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
        child = subprocess.Popen([sys.executable, "-m", "crawler.child", str(args_path)], env=env, pass_fds=keep_fds)
        try:
            returncode = child.wait()
        except BaseException:
            _stop(child)
            raise
        if returncode != 0 or not stats_path.exists():
            raise CrawlError(f"the crawl process ended with code {returncode}")
        stats = json.loads(stats_path.read_text(encoding="utf-8"))
    return CrawlResult(stats, outlet_health(stats, [o.id for o in outlets]))


def _stop(child: subprocess.Popen, grace: float = STOP_GRACE_SECONDS) -> None:
    """SIGTERM (Scrapy stops gracefully, waiting for requests in flight), a second SIGTERM a
    second later (Scrapy stops at once), SIGKILL if the child is still there after *grace*."""
    log.warning("stopping the crawl process %s", child.pid)
    for timeout in (FORCE_AFTER_SECONDS, grace):
        child.terminate()
        try:
            child.wait(timeout=timeout)
            return
        except subprocess.TimeoutExpired:
            pass
    child.kill()
    child.wait()
