"""The nightly chain: crawl -> segment -> classify -> report, with one run record."""
from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from crawler.config import OutletConfig
from crawler.settings import CrawlOptions
from jobs.classify import classify_articles
from jobs.crawl import crawl
from jobs.lock import RunLock
from jobs.processes import owner_alive, run_owner
from jobs.segment import segment_articles
from models.predict import TopicClassifier
from storage import Database, StorageError

log = logging.getLogger(__name__)

EXIT_SUCCESS = 0
EXIT_FAILED = 1
EXIT_DEGRADED = 3  # and EXIT_LOCKED (75): jobs.lock


@dataclass
class NightlyOutcome:
    run_id: int | None  # None: the run could not be recorded (the database was unusable)
    status: str
    steps: dict = field(default_factory=dict)
    message: str = ""

    @property
    def exit_code(self) -> int:
        return {"success": EXIT_SUCCESS, "degraded": EXIT_DEGRADED}.get(self.status, EXIT_FAILED)

    def as_dict(self) -> dict:
        return {"run_id": self.run_id, "status": self.status, "steps": self.steps, "message": self.message}


def run_nightly(db_path: Path, open_db: Callable[[], Database], sources_path: Path,
                load_outlets: Callable[[], list[OutletConfig]], load_classifier: Callable[[], TopicClassifier], *,
                mirrors: dict[str, str] | None = None, options: CrawlOptions = CrawlOptions(), workers: int = 1,
                report: Callable[[Database], dict] | None = None) -> NightlyOutcome:
    """Every step runs even when an earlier one found nothing new; a step that fails
    marks the run failed, and what earlier steps committed stays committed. A night that
    cannot start (the database locked for longer than the busy timeout, or unreadable; the
    sources file missing) is failed too, recorded when the database can take it, and its
    outcome returned all the same; only a held run lock raises (``LockHeldError``)."""
    with RunLock(db_path) as lock:
        try:
            db = open_db()
            interrupted = db.mark_interrupted_runs(owner_alive)  # runs whose process is gone
            run_id = db.start_run("nightly", stats={"owner": run_owner()})
        except StorageError as exc:
            log.error("nightly run could not start: %s", exc)
            return _logged(NightlyOutcome(None, "failed", message=f"{type(exc).__name__}: {exc}"))
        outcome = NightlyOutcome(run_id, "success")
        log.info("nightly run %s started", run_id)
        if lock.took_over_stale or interrupted:
            outcome.steps["recovered"] = {"stale_lock": lock.took_over_stale, "interrupted_runs": interrupted}
        try:
            crawl_run = crawl(db, sources_path, load_outlets(), mirrors=mirrors, options=options,
                              keep_fds=(lock.fileno(),))
            outcome.steps["crawl"] = crawl_run.summary()
            if crawl_run.status != "success":  # the other steps still run on what was stored
                outcome.status = crawl_run.status
                outcome.message = crawl_run.problems()
            outcome.steps["segment"] = {"segmented": segment_articles(db, workers=workers).segmented}
            classified = classify_articles(db, load_classifier(), workers=workers)
            outcome.steps["classify"] = {"classified": classified.classified, "positives": classified.positives}
            if report:
                outcome.steps["report"] = report(db)
        except Exception as exc:
            log.exception("nightly run failed")
            outcome.status = "failed"
            outcome.message = "; ".join(filter(None, [f"{type(exc).__name__}: {exc}", outcome.message]))
        except BaseException as exc:  # Ctrl-C, or SIGTERM (pipeline.py)
            log.error("nightly run %s stopped (%s)", run_id, type(exc).__name__)
            db.finish_run(run_id, "interrupted", outcome.steps, f"stopped ({type(exc).__name__})")
            raise
        try:
            db.finish_run(run_id, outcome.status, outcome.steps, outcome.message or None)
        except StorageError as exc:  # the database stayed locked to the end: the record says "running"
            log.error("nightly run %s could not be recorded: %s", run_id, exc)
            outcome.status = "failed"
            outcome.message = "; ".join(filter(None, [outcome.message, f"not recorded: {exc}"]))
            outcome.run_id = None
        return _logged(outcome)


def _logged(outcome: NightlyOutcome) -> NightlyOutcome:
    """The night's outcome in the log, one line per step (the crawl logs its own lines)."""
    if "segment" in outcome.steps:
        log.info("segment: %s articles", outcome.steps["segment"]["segmented"])
    if "classify" in outcome.steps:
        log.info("classify: %s articles, positives %s", outcome.steps["classify"]["classified"],
                 outcome.steps["classify"]["positives"])
    level = {"success": logging.INFO, "degraded": logging.WARNING}.get(outcome.status, logging.ERROR)
    run = f"run {outcome.run_id}" if outcome.run_id is not None else "(not recorded in the database)"
    log.log(level, "nightly %s: %s%s", run, outcome.status.upper(), f": {outcome.message}" if outcome.message else "")
    return outcome


def write_unrecorded(path: Path, outcome: NightlyOutcome) -> None:
    """Keep the outcome of a night the database could not record, for ``status``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**outcome.as_dict(), "at": dt.datetime.now(dt.timezone.utc).isoformat(
        timespec="seconds")}, ensure_ascii=False, default=str), encoding="utf-8")


def clear_unrecorded(path: Path) -> None:
    """A night was recorded: the database tells again how the last night went."""
    path.unlink(missing_ok=True)


def read_unrecorded(path: Path) -> dict | None:
    """The outcome of the last night when the database could not record it, else None."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) and "at" in value else None
