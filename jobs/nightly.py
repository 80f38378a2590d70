"""The nightly chain: crawl -> segment -> classify -> report, with one run record."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from crawler.config import OutletConfig
from crawler.settings import CrawlOptions
from jobs.classify import classify_articles
from jobs.crawl import crawl
from jobs.lock import EXIT_LOCKED, RunLock  # noqa: F401 - EXIT_LOCKED: the nightly's exit codes together
from jobs.processes import owner_alive, run_owner
from jobs.segment import segment_articles
from models.predict import TopicClassifier
from storage import Database

log = logging.getLogger(__name__)

EXIT_SUCCESS = 0
EXIT_FAILED = 1
EXIT_DEGRADED = 3


@dataclass
class NightlyOutcome:
    run_id: int
    status: str
    steps: dict = field(default_factory=dict)
    message: str = ""

    @property
    def exit_code(self) -> int:
        return {"success": EXIT_SUCCESS, "degraded": EXIT_DEGRADED}.get(self.status, EXIT_FAILED)


def run_nightly(db: Database, sources_path: Path, outlets: list[OutletConfig],
                load_classifier: Callable[[], TopicClassifier], *, mirrors: dict[str, str] | None = None,
                options: CrawlOptions = CrawlOptions(), workers: int = 1,
                report: Callable[[Database], dict] | None = None) -> NightlyOutcome:
    """Every step runs even when an earlier one found nothing new; a step that fails
    marks the run failed, and what earlier steps committed stays committed."""
    with RunLock(db.path) as lock:
        interrupted = db.mark_interrupted_runs(owner_alive)  # runs whose process is gone
        run_id = db.start_run("nightly", stats={"owner": run_owner()})
        outcome = NightlyOutcome(run_id, "success")
        if lock.took_over_stale or interrupted:
            outcome.steps["recovered"] = {"stale_lock": lock.took_over_stale, "interrupted_runs": interrupted}
        try:
            crawl_run = crawl(db, sources_path, outlets, mirrors=mirrors, options=options,
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
        db.finish_run(run_id, outcome.status, outcome.steps, outcome.message or None)
        return outcome
