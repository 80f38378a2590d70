"""A crawl run: window, known URLs, the crawl itself, and its run record."""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from crawler.config import OutletConfig
from crawler.runner import CrawlResult, run_crawl
from crawler.settings import CrawlOptions
from storage import Database

log = logging.getLogger(__name__)
OVERLAP_DAYS = 2
RESUME_KNOWN_PAGES = 10_000  # after an unfinished run: never stop at known pages


@dataclass(frozen=True)
class CrawlRun:
    run_id: int
    mode: str
    since: dt.date | None
    until: dt.date | None
    result: CrawlResult

    @property
    def status(self) -> str:
        return "degraded" if self.result.degraded else "success"

    def summary(self) -> dict:
        s = self.result.stats
        keys = [k for k in s if k.startswith(("articles/", "dropped/", "errors/", "discovery/"))
                and k.count("/") == 1]
        return {"mode": self.mode, "since": str(self.since) if self.since else None,
                "until": str(self.until) if self.until else None,
                **{k: s[k] for k in sorted(keys)},
                "health": [h.describe() for h in self.result.health]}


def incremental_window(db: Database) -> tuple[dt.date | None, bool]:
    """(since, resuming): from the last successful crawl minus an overlap; resuming is
    true when a later crawl did not finish (killed or failed)."""
    last_ok = db.last_successful_run("crawl")
    latest = db.last_runs("crawl", limit=1)
    resuming = bool(latest) and latest[0]["status"] not in ("success", "degraded")
    if not last_ok:
        return None, resuming
    started = dt.date.fromisoformat(last_ok["started_at"][:10])
    return started - dt.timedelta(days=OVERLAP_DAYS), resuming


def crawl(db: Database, sources_path: Path, outlets: list[OutletConfig], *, since: dt.date | None = None,
          until: dt.date | None = None, mirrors: dict[str, str] | None = None,
          options: CrawlOptions = CrawlOptions(), urls: list[str] | None = None) -> CrawlRun:
    """Backfill when since/until are given, otherwise incremental since the last run."""
    db.sync_outlets([o.outlet_row() for o in outlets])
    if since or until or urls:
        mode = "backfill"
    else:
        mode = "incremental"
        since, resuming = incremental_window(db)
        if resuming:
            log.info("the previous crawl did not finish: paging past known articles this time")
            options = dataclasses.replace(options, stop_after_known_pages=RESUME_KNOWN_PAGES)
    run_id = db.start_run("crawl", str(since) if since else None, str(until) if until else None)
    known = {o.id: db.known_urls(o.id) for o in outlets}
    try:
        result = run_crawl(sources_path, outlets, db.path, known, mirrors=mirrors, mode=mode, since=since,
                           until=until, options=options, urls=urls)
    except Exception as exc:
        db.finish_run(run_id, "failed", message=str(exc))
        raise
    run = CrawlRun(run_id, mode, since, until, result)
    db.finish_run(run_id, run.status, run.summary())
    return run
