"""A crawl run: window, known URLs, the crawl itself, and its run record."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from crawler.config import OutletConfig
from crawler.runner import CrawlResult, run_crawl
from crawler.settings import CrawlOptions
from crawler.urls import is_article_url
from jobs.processes import owner_alive, run_owner
from storage import Database

log = logging.getLogger(__name__)
OVERLAP_DAYS = 2
RESUME_KNOWN_PAGES = 10_000  # after an unfinished run: never stop at known pages


@dataclass(frozen=True)
class CrawlRun:
    run_id: int
    mode: str
    since: dt.date | dict[str, dt.date | None] | None
    until: dt.date | None
    result: CrawlResult
    outlets: tuple[str, ...] = ()

    @property
    def status(self) -> str:
        return self.result.status

    @property
    def advanced(self) -> list[str]:
        """The outlets this run crawled successfully: their next incremental crawl starts from
        it. Only an incremental crawl moves that start: a backfill of a past range, or a fetch
        of given URLs, says nothing about what the outlet published since its last crawl."""
        if self.mode != "incremental":
            return []
        return [h.outlet for h in self.result.health if h.advances]

    def summary(self) -> dict:
        s = self.result.stats
        keys = [k for k in s if k.startswith(("articles/", "dropped/", "errors/", "discovery/"))
                and k.count("/") == 1]
        since = ({k: str(v) if v else None for k, v in self.since.items()} if isinstance(self.since, dict)
                 else str(self.since) if self.since else None)
        return {"mode": self.mode, "since": since, "outlets": list(self.outlets),
                "until": str(self.until) if self.until else None,
                **{k: s[k] for k in sorted(keys)},
                "outlet_status": {h.outlet: h.status for h in self.result.health},
                "advanced": self.advanced,
                "refetch": [h.outlet for h in self.result.health if h.unreachable or h.store_failed],
                "health": [h.describe() for h in self.result.health],
                "warnings": list(s.get("layout/warnings", []))}

    def log(self) -> None:
        """What an operator reads in the morning: the run's status and counts, each outlet's
        pages, stored articles and failed requests by reason, and the layout warnings."""
        level = {"success": logging.INFO, "degraded": logging.WARNING}.get(self.status, logging.ERROR)
        log.log(level, "crawl run %s (%s): %s, %d new, %d updated, %d failed requests", self.run_id, self.mode,
                self.status.upper(), self.result.count("articles/inserted"), self.result.count("articles/updated"),
                sum(v for k, v in self.result.stats.items() if k.startswith("errors/") and k.count("/") == 1))
        for health in self.result.health:
            log.log(logging.INFO if health.status == "ok" else logging.WARNING, "  %s", health.describe())
        for warning in self.result.stats.get("layout/warnings", []):
            log.warning("  layout: %s", warning)

    def problems(self) -> str:
        """The outlets that are not ok, in one line (empty when every outlet is)."""
        return "; ".join(h.describe() for h in self.result.health if h.status != "ok")


def incremental_window(db: Database, outlet_ids: list[str]) -> tuple[dict[str, dt.date | None], bool]:
    """({outlet: since}, resuming). Each outlet continues from the start of the last crawl
    that succeeded for it (its ``advanced`` outlets), minus an overlap (None: never crawled,
    take all); resuming is true when the latest incremental crawl did not finish (killed or
    failed) or left articles it found unfetched or unstored (``refetch``): they may sit
    anywhere in the listings, behind pages of known articles, so listings are paged past
    known articles. (What a site published while it was down is newer than anything stored:
    the first listing pages hold it.)"""
    runs = db.last_runs("crawl", limit=200)
    last = next((r for r in runs if _stats(r).get("mode", "incremental") == "incremental"), None)
    resuming = last is not None and (last["status"] not in ("success", "degraded")
                                     or bool(_stats(last).get("refetch")))
    since: dict[str, dt.date | None] = dict.fromkeys(outlet_ids)
    for run in runs:  # newest first
        for outlet in _advanced(run):
            if outlet in since and since[outlet] is None:
                since[outlet] = dt.date.fromisoformat(run["started_at"][:10]) - dt.timedelta(days=OVERLAP_DAYS)
    return since, resuming


def _stats(run: dict) -> dict:
    return json.loads(run["stats"] or "{}")


def _advanced(run: dict) -> list[str]:
    """The outlets a crawl run succeeded for; a record written before runs named them: every
    outlet of an incremental run that ended ``success`` or ``degraded``."""
    stats = _stats(run)
    if "advanced" in stats:
        return stats["advanced"]
    if stats.get("mode") != "incremental" or run["status"] not in ("success", "degraded"):
        return []
    return stats.get("outlets", [])


def crawl(db: Database, sources_path: Path, outlets: list[OutletConfig], *, since: dt.date | None = None,
          until: dt.date | None = None, mirrors: dict[str, str] | None = None,
          options: CrawlOptions = CrawlOptions(), urls: list[str] | None = None,
          keep_fds: tuple[int, ...] = ()) -> CrawlRun:
    """Backfill when since/until are given, a fetch of the given URLs (of the outlets they
    belong to), otherwise incremental since the last run."""
    db.sync_outlets([o.outlet_row() for o in outlets])
    db.mark_interrupted_runs(owner_alive)  # a killed run's record: its window, and status, tell
    if urls:
        mode = "urls"
        outlets = [o for o in outlets if any(is_article_url(u, o) for u in urls)] or outlets
    elif since or until:
        mode = "backfill"
    else:
        mode = "incremental"
        since, resuming = incremental_window(db, [o.id for o in outlets])
        if resuming:
            log.info("the previous crawl did not finish or missed articles: paging past known articles this time")
            options = dataclasses.replace(options, stop_after_known_pages=RESUME_KNOWN_PAGES)
    window = (min((d for d in since.values() if d), default=None) if isinstance(since, dict) else since)
    started = {"mode": mode, "outlets": [o.id for o in outlets], "owner": run_owner()}
    run_id = db.start_run("crawl", str(window) if window else None, str(until) if until else None, stats=started)
    known = {o.id: db.known_urls(o.id) for o in outlets}
    try:
        result = run_crawl(sources_path, outlets, db.path, known, mirrors=mirrors, mode=mode, since=since,
                           until=until, options=options, urls=urls, keep_fds=keep_fds)
    except Exception as exc:
        log.error("crawl run %s (%s): FAILED: %s", run_id, mode, exc)
        db.finish_run(run_id, "failed", started, message=str(exc))
        raise
    except BaseException as exc:  # Ctrl-C, or SIGTERM (pipeline.py): the child is stopped
        db.finish_run(run_id, "interrupted", started, message=f"stopped ({type(exc).__name__})")
        raise
    run = CrawlRun(run_id, mode, since, until, result, tuple(o.id for o in outlets))
    db.finish_run(run_id, run.status, run.summary(), run.problems() or None)
    run.log()
    return run
