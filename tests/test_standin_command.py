"""`pipeline.py standin` serves the stand-in site for trying crawl/nightly/cron by hand and
prints the --mirror arguments that point a crawl at it."""
from __future__ import annotations

import datetime as dt
import re
import signal
import subprocess
import sys

from crawler.settings import CrawlOptions
from jobs.crawl import crawl
from standin.site import fresh_articles
from tests.conftest import DATA, ROOT


def test_fresh_articles_are_dated_in_the_hours_before_now(standin_articles):
    now = dt.datetime(2026, 12, 6, 18, 30)
    fresh = fresh_articles(standin_articles, 2, now)
    assert sorted((a.outlet, a.published) for a in fresh) == [
        (o, now - dt.timedelta(hours=h)) for o in ("baothainguyen", "thainguyentv") for h in (2, 1)]
    assert len({a.slug for a in fresh} | {a.slug for a in standin_articles}) == len(fresh) + len(standin_articles)


def test_the_standin_command_serves_the_site_for_a_crawl(tmp_path, sources, standin_articles):
    server = subprocess.Popen([sys.executable, str(ROOT / "pipeline.py"), "standin", "--port", "0", "--new", "1"],
                              stdout=subprocess.PIPE, text=True)
    try:
        lines = [server.stdout.readline() for _ in range(3)]
        arguments = next(line for line in lines if line.startswith("mirror arguments: "))
        mirrors = dict(re.findall(r"--mirror (\w+)=(http://127\.0\.0\.1:\d+)", arguments))
        assert set(mirrors) == {"baothainguyen", "thainguyentv"}
        assert any(line.startswith("try: python pipeline.py nightly --no-polite --mirror") for line in lines)
        from storage import open_database

        db = open_database(tmp_path / "m.db")
        run = crawl(db, DATA / "sources.yaml", [sources["baothainguyen"], sources["thainguyentv"]], mirrors=mirrors,
                    options=CrawlOptions(polite=False, download_timeout=5, retry_times=0))
        assert run.status == "success"
        assert db.article_count() == len(standin_articles) + 2  # and one new article per outlet
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 128 + signal.SIGTERM
