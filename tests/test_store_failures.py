"""An article that cannot be stored because another process holds the database is counted,
makes its outlet's crawl unsuccessful, and is fetched again by the next incremental crawl."""
from __future__ import annotations

import sqlite3

import pytest
from scrapy.exceptions import DropItem
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

import jobs.crawl
from crawler.extract import Extraction
from crawler.health import outlet_health
from crawler.items import ArticleItem
from crawler.pipelines import StoragePipeline
from crawler.settings import CrawlOptions
from jobs.crawl import crawl, incremental_window
from storage import open_database
from tests.conftest import DATA, OUTLET_ROWS

FAST = CrawlOptions(polite=False, download_timeout=5, retry_times=0, db_busy_timeout=0.05)


def _item(n: int) -> ArticleItem:
    url = f"https://baothainguyen.vn/a/{n}"
    return ArticleItem(outlet="baothainguyen", url=url, canonical_url=url,
                       page=Extraction(title=f"Bài {n}", body="Nội dung.", published_at="2026-11-01T08:00:00+07:00"))


def test_an_article_that_meets_a_held_lock_is_counted_not_lost_silently(tmp_path):
    path = tmp_path / "locked.db"
    open_database(path).sync_outlets(OUTLET_ROWS)
    stats = MemoryStatsCollector(get_crawler())
    pipeline = StoragePipeline(stats, str(path), busy_timeout=0.05)
    pipeline.open_spider()
    blocker = sqlite3.connect(path)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DropItem, match="store_failed"):
            pipeline.process_item(_item(1))
    finally:
        blocker.rollback()
        blocker.close()
    pipeline.process_item(_item(2))
    pipeline.close_spider()
    assert stats.get_value("articles/store_failed") == 1
    assert stats.get_value("articles/baothainguyen/store_failed") == 1
    assert stats.get_value("articles/baothainguyen/inserted") == 1
    (health,) = outlet_health({**stats.get_stats(), "discovery/baothainguyen/answered": 1}, ["baothainguyen"])
    assert health.status == "degraded" and not health.advances
    assert "1 articles could not be stored (database locked)" in health.describe()


def test_articles_lost_to_a_lock_are_fetched_by_the_next_incremental_crawl(db, sources, standin, standin_articles,
                                                                           monkeypatch):
    outlets = [sources["baothainguyen"], sources["thainguyentv"]]
    real_run_crawl = jobs.crawl.run_crawl

    def crawl_while_another_process_writes(*args, **kwargs):
        blocker = sqlite3.connect(db.path)
        blocker.execute("BEGIN IMMEDIATE")  # held for the whole crawl
        try:
            return real_run_crawl(*args, **kwargs)
        finally:
            blocker.rollback()
            blocker.close()

    monkeypatch.setattr(jobs.crawl, "run_crawl", crawl_while_another_process_writes)
    blocked = crawl(db, DATA / "sources.yaml", outlets, mirrors=standin, options=FAST)
    monkeypatch.undo()
    assert db.article_count() == 0
    assert blocked.result.count("articles/store_failed") == len(standin_articles)
    assert blocked.status == "degraded" and blocked.advanced == []
    assert "could not be stored (database locked)" in blocked.problems()
    since, resuming = incremental_window(db, [o.id for o in outlets])
    assert since == {"baothainguyen": None, "thainguyentv": None} and resuming
    again = crawl(db, DATA / "sources.yaml", outlets, mirrors=standin, options=FAST)
    assert again.status == "success" and again.mode == "incremental"
    assert db.article_count() == len(standin_articles)
