"""Only an incremental crawl that succeeded for an outlet moves where its next incremental
crawl starts: a backfill of a past range, or fetching one URL (the web app's "Thêm bài"),
leaves every outlet's nightly window where it was."""
from __future__ import annotations

import datetime as dt

from crawler.settings import CrawlOptions
from jobs.crawl import crawl, incremental_window
from standin.site import BaoThaiNguyenSite
from tests.conftest import DATA

FAST = CrawlOptions(polite=False, download_timeout=5, retry_times=0)
OUTLETS = ["baothainguyen", "thainguyentv"]


def _nightly_five_days_ago(db, sources, standin) -> None:
    night = crawl(db, DATA / "sources.yaml", [sources[o] for o in OUTLETS], mirrors=standin, options=FAST)
    assert night.mode == "incremental" and sorted(night.advanced) == OUTLETS
    db.db.execute("UPDATE runs SET started_at = '2026-11-01T18:30:00+00:00' WHERE id = ?", [night.run_id])
    db.db.conn.commit()
    assert incremental_window(db, OUTLETS) == (dict.fromkeys(OUTLETS, dt.date(2026, 10, 30)), False)


def test_a_backfill_does_not_move_the_nightly_window(db, sources, standin):
    _nightly_five_days_ago(db, sources, standin)
    backfill = crawl(db, DATA / "sources.yaml", [sources[o] for o in OUTLETS], since=dt.date(2020, 1, 1),
                     until=dt.date(2020, 3, 31), mirrors=standin, options=FAST)
    assert backfill.status == "success" and backfill.advanced == []
    assert incremental_window(db, OUTLETS) == (dict.fromkeys(OUTLETS, dt.date(2026, 10, 30)), False)


def test_fetching_one_url_does_not_move_the_nightly_window(db, sources, standin, standin_articles):
    _nightly_five_days_ago(db, sources, standin)
    site = BaoThaiNguyenSite([a for a in standin_articles if a.outlet == "baothainguyen"])
    url = "https://baothainguyen.vn" + site.path(site.items[0])
    fetched = crawl(db, DATA / "sources.yaml", [sources[o] for o in OUTLETS], urls=[url], mirrors=standin,
                    options=FAST)
    assert fetched.mode == "urls" and fetched.advanced == []
    assert incremental_window(db, OUTLETS) == (dict.fromkeys(OUTLETS, dt.date(2026, 10, 30)), False)


def test_a_backfill_on_a_fresh_database_leaves_the_first_nightly_to_take_everything(db, sources, standin):
    crawl(db, DATA / "sources.yaml", [sources[o] for o in OUTLETS], since=dt.date(2020, 1, 1),
          until=dt.date(2020, 6, 30), mirrors=standin, options=FAST)
    assert incremental_window(db, OUTLETS)[0] == dict.fromkeys(OUTLETS)  # never crawled incrementally
